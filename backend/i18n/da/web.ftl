# Webapplikationen: rammen om hver side, log ind, konto, vurderinger, brugere.

## Ramme
skip-to-content = Spring til indhold
nav-main = Hovedmenu
nav-assessments = Mine konsekvensanalyser
nav-users = Brugere
nav-account = Min konto
switch-language = English
signed-in-as = Logget ind som { $name }, { $organisation }
sign-out = Log ud
footer-text = DPIA Hub: konsekvensanalyser efter databeskyttelsesforordningens artikel 35.
error-prefix = Fejl:
error-summary-title = Der er et problem
back-to-start = Til forsiden
save = Gem
you = dig
not-set = Ikke angivet

## Fejlsider
page-not-found-title = Siden findes ikke
page-not-found-text = Siden findes ikke, eller du har ikke adgang til den.
page-form-refused-title = Formularen blev afvist
page-form-refused-text = Formularen er udløbet eller blev ikke sendt fra DPIA Hub. Intet er gemt. Gå tilbage, genindlæs siden og prøv igen.
page-bad-form-title = Formularen kunne ikke læses
page-bad-form-text = Formularen indeholdt noget, DPIA Hub ikke forstår. Intet er gemt.
page-internal-error-title = Der opstod en fejl
page-internal-error-text = Noget gik galt hos os. Intet halvt er gemt. Prøv igen om lidt.
page-internal-error-reference = Oplys denne reference, hvis du kontakter driften:

## Log ind og konto
signin-title = Log ind
signin-intro = Log ind med din e-mailadresse og adgangskode.
field-email = E-mailadresse
field-password = Adgangskode
sign-in = Log ind
signin-failed = E-mailadressen eller adgangskoden er forkert.
signin-rate-limited = For mange forsøg. Prøv igen om { $minutes ->
    [one] et minut
   *[other] { $minutes } minutter
}.
account-title = Min konto
field-name = Navn
field-organisation = Organisation
field-role = Rolle
field-language = Sprog
account-language-now = Dansk. Dit valg gælder også i andre browsere og i dine e-mails.
role-ADMIN = Administrator
role-EDITOR = Redaktør
role-VIEWER = Læser
password-change-link = Skift adgangskode
password-title = Skift adgangskode
password-must-change = En administrator har sat din adgangskode. Vælg en ny, før du fortsætter.
password-changed = Din adgangskode er skiftet. Dine andre sessioner er logget ud.
field-current-password = Nuværende adgangskode
field-new-password = Ny adgangskode
field-repeat-password = Gentag den nye adgangskode
password-hint = Mindst { $min } tegn. En sætning, du kan huske, er god.
password-submit = Skift adgangskode
password-mismatch = De to nye adgangskoder er ikke ens.
password-too-short = Adgangskoden skal have mindst { $min } tegn.
password-too-long = Adgangskoden er for lang.
password-current-wrong = Den nuværende adgangskode er forkert.

## Mine konsekvensanalyser
assessments-title = Mine konsekvensanalyser
assessments-caption = Konsekvensanalyser med status, grundlag, fund og datoer
assessments-none = Der er ingen konsekvensanalyser endnu.
adopt-link = Ny konsekvensanalyse
col-title = Titel
col-organisation = Organisation
col-status = Status
col-base = Grundlag
col-findings = Åbne fund
col-next-review = Næste revision
col-last-approval = Senest godkendt
col-report = Rapport
col-state = Tilstand
status-DRAFT = Kladde
status-APPROVED = Godkendt
version-n = version { $n }
new-version-available = Version { $n } er tilgængelig
errors-n = { $count ->
    [one] 1 fejl
   *[other] { $count } fejl
}
warnings-n = { $count ->
    [one] 1 advarsel
   *[other] { $count } advarsler
}
never-approved = Aldrig godkendt
open-report = Åbn rapport

## Ny konsekvensanalyse
adopt-title = Ny konsekvensanalyse
adopt-intro = Vælg en offentliggjort skabelon. Din konsekvensanalyse arver alt fra den; bagefter tilpasser du det, der er anderledes hos jer.
adopt-none = Der er ingen offentliggjorte skabeloner at vælge.
adopt-choose-label = Skabelon og version
adopt-show = Vis hvad der arves
adopt-choose = Vælg en skabelon og en version.
published-on = offentliggjort { $date }
adopt-inherited-title = Det arver konsekvensanalysen
section-scopes = Processer og moduler
section-activities = Behandlingsaktiviteter
section-recipients = Modtagere
section-to-complete = Felter I selv skal udfylde
section-necessity = Spørgsmål om nødvendighed og proportionalitet
section-risks = Risici
section-recommendations = Anbefalinger
field-assessment-title = Titel (valgfri)
adopt-title-hint = Uden titel bruges skabelonens titel.
adopt-submit = Opret konsekvensanalyse

## Brugere
users-title = Brugere
users-caption = Organisationens brugere med rolle og tilstand
users-new-title = Opret bruger
users-create = Opret bruger
users-back = Tilbage til brugerne
field-initial-password = Første adgangskode
user-active = Aktiv
user-disabled = Deaktiveret
user-self-note = Din egen rolle og adgang kan kun ændres af en anden administrator. Din adgangskode skifter du under Min konto.
user-access-title = Rolle og adgang
user-disable-label = Deaktiver brugeren (kan ikke logge ind)
user-password-title = Sæt ny adgangskode
user-password-intro = Brugeren skal vælge sin egen adgangskode, næste gang vedkommende logger ind. Brugerens åbne sessioner lukkes.
user-password-submit = Sæt adgangskode
user-saved = Ændringerne er gemt.
user-password-set = Adgangskoden er sat. Brugeren skal skifte den ved næste login.
user-email-invalid = En e-mailadresse ser ud som navn@domæne.dk.
user-name-missing = Brugeren skal have et navn.
user-self-change = Du kan ikke ændre din egen rolle eller deaktivere dig selv.
user-email-taken = Den e-mailadresse kan ikke bruges.
form-stale = En anden har ændret dette, siden du åbnede siden. Se de nuværende værdier og prøv igen.

## Rapport
report-bar = Rapportens værktøjer
report-back = Tilbage til konsekvensanalyserne
report-download-markdown = Hent som Markdown
report-print-hint = Udskriv eller gem som PDF med browserens udskriftsfunktion.
adopt-already = Jeres organisation har allerede en konsekvensanalyse efter denne skabelon. Opgrader den i stedet.

## RISKS
# Risici, foranstaltninger, anbefalinger og lokale elementer (skærm 5, 6 og 7 i issue 15).
ws-risks = Risici
ws-measures = Foranstaltninger
ws-recommendations = Anbefalinger
forms-none-to-choose = Der er intet at vælge endnu.
forms-stale-caption = Dit input og de nuværende værdier
forms-current = Nuværende værdi
forms-key = Nøgle (valgfri)
risks-title = Risici
risks-intro = Alle konsekvensanalysens risici med iboende niveau, beslutning og restrisiko. Filtrér, sortér og vælg en risiko for at håndtere den.
risks-add-local = Tilføj en lokal risiko
risks-filter-inherent = Iboende niveau
risks-filter-residual = Restrisiko
risks-filter-scope = Proces eller modul
risks-filter-untreated = Kun risici uden beslutning
risks-filter-apply = Vis
risks-sort-template = Skabelonens rækkefølge
risks-sort-title = Titel
risks-sort-inherent = Iboende niveau (højeste først)
risks-sort-residual = Restrisiko (højeste først)
risks-showing = { $total ->
    [0] Ingen risici matcher filtrene.
   *[other] Viser { $first }–{ $last } af { $total }
}
risks-of-all = (af { $all } risici i alt)
risks-caption = Risici med oprindelse, niveauer og beslutning
risks-col-risk = Risiko
risks-col-inherent = Iboende risiko
risks-col-decision = Beslutning
risks-col-residual = Restrisiko
risks-col-measures = Foranstaltninger
risks-level-LOW = Lav
risks-level-MEDIUM = Middel
risks-level-HIGH = Høj
risks-decision-REDUCE = Reducér
risks-decision-ACCEPT = Acceptér
risks-decision-AVOID = Undgå
risks-decision-TRANSFER = Overfør
risks-untreated = Ingen beslutning
risks-pages = Sider
risks-prev = Forrige side
risks-next = Næste side
risks-page-n = Side { $n }
risks-maps-title = Risikokort før og efter foranstaltninger
risks-maps-intro = Antal relevante risici for hver kombination af sandsynlighed (rækker) og konsekvens (kolonner). Hver celle siger sit niveau med ord. En risiko uden beslutning står samme sted i begge kort.
risks-map-before = Før foranstaltninger (iboende risiko)
risks-map-after = Efter foranstaltninger (restrisiko)
risks-map-total = { $count ->
    [one] 1 risiko
   *[other] { $count } risici
}
risks-map-corner = Sandsynlighed ╲ konsekvens
risks-back = Tilbage til risiciene
risks-central-rating = Central vurdering (sandsynlighed × konsekvens)
risks-incidents = Knyttede hændelser
risks-inherent-legend = Iboende risiko
risks-inherent-hint = Ændr kun sandsynlighed eller konsekvens, hvis jeres forhold afviger fra den centrale vurdering, f.eks. efter en hændelse. En ændring skal begrundes.
risks-inherent-likelihood = Sandsynlighed
risks-inherent-consequence = Konsekvens
risks-inherent-justification = Begrundelse for ændret vurdering
risks-inherent-justification-hint = Påkrævet, når sandsynlighed eller konsekvens afviger fra den centrale værdi.
risks-treatment-legend = Håndtering og restrisiko
risks-decision = Beslutning
risks-no-decision = Ingen beslutning endnu
risks-choose = Vælg
risks-residual-likelihood = Sandsynlighed efter foranstaltninger
risks-residual-consequence = Konsekvens efter foranstaltninger
risks-measures-legend = Foranstaltninger, der mindsker risikoen
risks-measures-hint = En restrisiko under den iboende risiko kræver mindst én foranstaltning i kraft.
risks-rationale = Begrundelse for restrisikoen
risks-rationale-hint = Hvorfor er sandsynlighed og konsekvens efter foranstaltningerne, som de er?
risks-accepted-by = Accepteret af
risks-accepted-by-hint = Navn og rolle. Påkrævet, når risikoen accepteres.
risks-accepted-on = Accepteret den
risks-choose-level = Vælg en værdi på skalaen.
risks-choose-decision = Vælg en beslutning, eller tøm de øvrige felter.
risks-not-a-date = Skriv en dato som åååå-mm-dd.
risks-refusal-justification = Skriv en begrundelse.
risks-refusal-out-of-scale = Vælg en værdi på skalaen 1–{ $max }.
risks-refusal-residual-above = Restrisikoen ({ $residual }) kan ikke være højere end den iboende risiko ({ $inherent }): foranstaltninger gør ikke en risiko større.
risks-refusal-reduction-without-measure = Restrisikoen ({ $residual }) er lavere end den iboende risiko ({ $inherent }), så mindst én foranstaltning i kraft skal mindske risikoen. Markér den her, eller tilføj en.
risks-refusal-reduction-rationale = Restrisikoen er lavere end den iboende risiko: skriv hvorfor.
risks-refusal-acceptance = En accepteret restrisiko skal have både hvem der accepterede den og hvornår.
risks-refusal-prior-consultation = En høj restrisiko kan kun accepteres efter forudgående høring af Datatilsynet (art. 36).
risks-refusal-response-without-measure = Svaret kræver mindst én lokal foranstaltning i kraft, der gennemfører anbefalingen. Markér den, eller tilføj en.
risks-refusal-empty = Feltet må ikke være tomt.
risks-refusal-duplicate-key = Nøglen bruges allerede af et andet element.
risks-refusal-not-local-key = Nøglen skal begynde med "local.".
risks-refusal-same-as-central = Værdien er den samme som den centrale; der er intet at ændre.
risks-refusal-not-applicable = Elementet er markeret som ikke relevant. Fjern markeringen først.
risks-refusal-review-cadence = Skriv et antal måneder mellem 1 og 120.
risks-refusal-still-referenced = Det kan ikke fjernes, mens { $by } henviser til det.
risks-refusal-dangling = Henvisningen til { $target } peger ikke på et element i konsekvensanalysen.
recs-title = Anbefalinger
recs-open = { $open } af { $all } anbefalinger er ikke besvaret.
recs-filter-unanswered = Kun ubesvarede
recs-caption = { $count ->
    [one] 1 anbefaling med forpligtelse og svar
   *[other] { $count } anbefalinger med forpligtelse og svar
}
recs-caption-unanswered = { $count ->
    [one] 1 ubesvaret anbefaling
   *[other] { $count } ubesvarede anbefalinger
}
recs-col-recommendation = Anbefaling
recs-col-obligation = Forpligtelse
recs-col-status = Svar
recs-obligation-MUST = SKAL
recs-obligation-SHOULD = BØR
recs-status-UNADDRESSED = Ikke besvaret
recs-status-IMPLEMENTED = Gennemført
recs-status-PARTIALLY_IMPLEMENTED = Delvist gennemført
recs-status-PLANNED = Planlagt
recs-status-ALTERNATIVE = Alternativ løsning
recs-status-NOT_APPLICABLE = Ikke relevant
recs-back = Tilbage til anbefalingerne
recs-addresses = Risici, anbefalingen imødegår
recs-response = Svar
recs-no-response = Intet svar (træk svaret tilbage)
recs-response-hint = Gennemført, delvist gennemført og alternativ løsning kræver en tilknyttet foranstaltning i kraft.
recs-due = Frist
recs-due-hint = Påkrævet ved "Planlagt".
recs-justification-hint = Påkrævet ved "Alternativ løsning" og "Ikke relevant".
recs-measures-legend = Foranstaltninger, der gennemfører anbefalingen
recs-measures-hint = Markér de lokale foranstaltninger, der gennemfører anbefalingen.
recs-due-required = Skriv fristen for en planlagt gennemførelse (åååå-mm-dd).
recs-choose-response = Vælg et svar.
measures-title = Foranstaltninger
measures-intro = Jeres egne tekniske og organisatoriske foranstaltninger, hvad de dækker, og hvad ingen foranstaltning dækker.
measures-add = Tilføj en foranstaltning
measures-back = Tilbage til foranstaltningerne
measures-caption = { $count ->
    [one] 1 foranstaltning med status, ansvarlig og dækning
   *[other] { $count } foranstaltninger med status, ansvarlig og dækning
}
measures-col-measure = Foranstaltning
measures-col-status = Status
measures-col-owner = Ansvarlig
measures-col-risks = Mindsker risici
measures-col-recs = Gennemfører anbefalinger
measures-kind-TECHNICAL = Teknisk
measures-kind-ORGANISATIONAL = Organisatorisk
measures-status-PLANNED = Planlagt
measures-status-IMPLEMENTED = Gennemført
measures-status-RETIRED = Udgået
measures-date-PLANNED = Frist { $date }
measures-date-IMPLEMENTED = Siden { $date }
measures-date-RETIRED = Udgået { $date }
measures-no-owner = Ingen ansvarlig
measures-none = Ingen
measures-uncovered-recs = { $count ->
    [0] Anbefalinger, som ingen foranstaltning dækker: ingen
    [one] 1 anbefaling, som ingen foranstaltning i kraft dækker
   *[other] { $count } anbefalinger, som ingen foranstaltning i kraft dækker
}
measures-unmitigated = { $count ->
    [0] Risici, som ingen foranstaltning mindsker: ingen
    [one] 1 risiko, som ingen foranstaltning i kraft mindsker
   *[other] { $count } risici, som ingen foranstaltning i kraft mindsker
}
measures-all-covered = Alle er dækket.
measures-field-title = Titel
measures-field-description = Beskrivelse
measures-field-kind = Type
measures-field-date = Dato
measures-date-hint = Fristen for en planlagt foranstaltning, ellers datoen den blev gennemført eller udgik.
measures-field-cadence = Gennemgås hver (måneder)
measures-cadence-hint = Valgfri, 1–120.
measures-field-mitigates = Risici, foranstaltningen mindsker
measures-field-implements = Anbefalinger, foranstaltningen gennemfører
measures-key-hint = Begynder med "local.". Lad feltet stå tomt, så dannes nøglen af titlen.
measures-bad-key = En nøgle består af små bogstaver, tal, punktum og bindestreg, f.eks. local.measure.uddannelse.
measures-choose-kind = Vælg en type.
measures-choose-status = Vælg en status.
measures-date-required = Skriv en dato (åååå-mm-dd): fristen for en planlagt foranstaltning, ellers hvornår den blev gennemført eller udgik.
local-risk-intro = En risiko, som kun findes i jeres behandling. Den vurderes på skabelonens skalaer og håndteres bagefter som alle andre risici.
local-threat = Trussel
local-threat-hint = Kort, f.eks. "Skærm ses af uvedkommende i skranken".
local-key-hint = Begynder med "local.". Lad feltet stå tomt, så dannes nøglen af truslen.
local-description = Beskrivelse
local-threat-source = Kilde til truslen
local-properties = Berørte egenskaber
local-rationale = Begrundelse for vurderingen
local-risk-submit = Tilføj risikoen
local-source-HUMAN_ERROR = Menneskelig fejl
local-source-PROCESS_FAILURE = Fejl i en proces
local-source-MALICIOUS = Ondsindet handling
local-source-TECHNICAL = Teknisk fejl
local-source-SUPPLIER = Leverandør
local-property-CONFIDENTIALITY = Fortrolighed
local-property-INTEGRITY = Integritet
local-property-AVAILABILITY = Tilgængelighed
local-choose-scope = Vælg en proces eller et modul.
local-choose-source = Vælg en kilde.
local-choose-properties = Vælg mindst én berørt egenskab.
forms-saved = Gemt.
ws-to-risks = Håndtér risici og se risikokortene
ws-to-measures = Foranstaltninger og dækning
ws-to-recommendations = Besvar anbefalingerne
measures-remove-title = Fjern foranstaltningen
measures-remove-hint = Kan ikke fjernes, mens et svar eller en nedbragt restrisiko bygger på den. Sæt den i stedet til "Udgået", så historikken bevares.
measures-remove = Fjern

## SSO
sso-signin-heading = Log ind med din organisations login
sso-signin-intro = Bruger din organisation sit eget login (single sign-on)? Skriv din e-mailadresse, så sender vi dig videre til det.
sso-signin-button = Fortsæt til organisationens login
sso-no-provider = Der er ikke sat organisationslogin op for den e-mailadresses domæne. Log ind med adgangskode, eller spørg din administrator.
page-sso-state-title = Login-forsøget kan ikke bruges
page-sso-state-text = Svaret fra din organisations login hører ikke til et login-forsøg, vi venter på: det er udløbet, allerede brugt eller ukendt. Start forfra fra login-siden.
page-sso-provider-title = Organisationens login svarer ikke
page-sso-provider-text = Vi kunne ikke nå din organisations login. Prøv igen om lidt, eller log ind med adgangskode. Bliver det ved, så kontakt din administrator.
page-sso-refused-title = Du blev ikke logget ind
page-sso-refused-text = Din organisations login loggede dig ikke ind (du afbrød, eller det afviste forsøget). Start forfra fra login-siden.
page-sso-token-title = Login-svaret blev afvist
page-sso-token-text = Svaret fra din organisations login kunne ikke godkendes, så du er ikke logget ind. Start forfra; bliver det ved, så bed din administrator kontrollere opsætningen af organisationslogin.
page-sso-domain-title = E-mailadressen er ikke omfattet
page-sso-domain-text = Din organisations login kan kun logge personer ind med e-mailadresser fra de domæner, organisationen har godkendt. Din adresse hører ikke til dem.
page-sso-no-account-title = Ingen konto her
page-sso-no-account-text = Du er logget ind hos din organisation, men har ingen aktiv konto i DPIA Hub. Bed en administrator i din organisation om at oprette dig.
sso-admin-link = Login-indstillinger (organisationslogin og tofaktor)
sso-settings-title = Login-indstillinger
sso-settings-intro = Organisationens eget login (OpenID Connect) og krav om en engangskode ved login med adgangskode.
sso-provider-title = Organisationslogin (OpenID Connect)
sso-redirect-uri = Registrér denne adresse som redirect URI hos jeres login-udbyder:
field-sso-issuer = Udbyderens adresse (issuer)
sso-issuer-hint = F.eks. https://login.kommune.dk/realms/ansatte. Tom: intet organisationslogin.
field-sso-client-id = Client id
field-sso-client-secret = Client secret
sso-secret-hint = Hemmeligheden vises aldrig igen, når den er gemt.
sso-secret-kept = En hemmelighed er gemt. Lad feltet stå tomt for at beholde den.
field-sso-domains = E-maildomæner, udbyderen står inde for
sso-domains-hint = Adskil med komma, f.eks. kommune.dk, borger.kommune.dk.
field-sso-create-users = Opret automatisk en konto til nye personer fra disse domæner
field-sso-new-user-role = Rolle for automatisk oprettede konti
sso-totp-title = Tofaktor-login
field-sso-require-totp = Kræv en engangskode (TOTP) ved login med adgangskode
sso-saved = Login-indstillingerne er gemt.
sso-error-issuer = Udbyderens adresse skal begynde med https:// (http:// kun for localhost).
sso-error-client-id = Et organisationslogin skal have et client id.
sso-error-client-secret = Et organisationslogin skal have en client secret.
sso-error-domains = Angiv mindst ét domæne som kommune.dk, som ingen anden organisation allerede bruger.
totp-account-link = Tofaktor-login (engangskode)
totp-title = Engangskode
totp-intro = Scan QR-koden med en godkendelses-app (f.eks. en authenticator-app på din telefon), og skriv den sekscifrede kode, appen viser, for at slå tofaktor-login til.
totp-required-intro = Din organisation kræver en engangskode ved login. Scan QR-koden med en godkendelses-app, og skriv den sekscifrede kode, appen viser.
totp-signin-intro = Skriv den sekscifrede kode fra din godkendelses-app.
totp-qr-alt = QR-kode til godkendelses-appen
totp-secret-label = Kan du ikke scanne? Skriv denne nøgle i appen:
totp-uri-link = Åbn i en godkendelses-app på denne enhed
field-totp-code = Kode
totp-confirm = Bekræft og slå til
totp-submit = Log ind
totp-enabled = Tofaktor-login er slået til: du skal skrive en kode fra din app, når du logger ind med adgangskode.
totp-back = Tilbage til Min konto
totp-wrong = Koden er forkert eller allerede brugt. Skriv den kode, appen viser nu.
## APPROVE
# Godkendelse, opgradering og tilsynets bemærkninger i arbejdsområdet (issue 15, skærm 9–11).
approve-nav-approval = Godkendelse
approve-nav-upgrade = Opgradering
approve-nav-review = Tilsynets bemærkninger
approve-review-open-n = { $count ->
    [one] Én ubesvaret bemærkning fra tilsynet
   *[other] { $count } ubesvarede bemærkninger fra tilsynet
}
approve-title = Godkendelse
approve-is-approved = Konsekvensanalysen er godkendt (revision { $revision }). En ændring åbner en ny revision, som skal godkendes igen.
approve-saved-sign-offs = Underskrifter og datoer er gemt.
approve-sign-offs = Underskrifter og datoer
approve-sign-offs-hint = Kun de dele, du ændrer, bliver skrevet. Tøm alle felter i en del for at fjerne den.
approve-management-recorded = Ledelsens godkendelse: { $by }, { $on }.
approve-dpo = Databeskyttelsesrådgiverens udtalelse (art. 35, stk. 2)
approve-owner = Systemejerens godkendelse
approve-by = Navn og rolle
approve-on = Dato
approve-dpo-text = Udtalelse
approve-remarks = Bemærkninger
approve-prior-consultation = Forudgående høring af tilsynet (art. 36)
approve-prior-consultation-hint = Høring er påkrævet, når en restrisiko er høj.
approve-decided-on = Besluttet den
approve-pc-required = Er høring påkrævet?
approve-pc-required-none = Ingen beslutning
approve-pc-required-yes = Ja, tilsynet skal høres
approve-pc-required-no = Nej
approve-pc-reference = Tilsynets sagsnummer
approve-pc-outcome = Resultat af høringen
approve-dates = Datoer
approve-processing-started = Behandlingen startede (eller starter) den
approve-next-review = Næste revision
approve-next-review-hint = Senest 12 måneder efter ledelsens godkendelse.
approve-save-sign-offs = Gem underskrifter og datoer
approve-current-value = Aktuel værdi
approve-date-invalid = Skriv datoen som ÅÅÅÅ-MM-DD.
approve-choose-required = Vælg, om høring er påkrævet.
approve-text-required = Feltet skal udfyldes.
approve-review-too-late = Næste revision må ligge højst 12 måneder efter ledelsens godkendelse.
approve-refused-other = Værdien blev afvist.
approve-stale-sign-offs = Underskrifterne er ændret, siden du åbnede siden. Dit input står i felterne, og den aktuelle værdi står under hvert felt; gem igen for at skrive dit input.
approve-gate = Ledelsens godkendelse
approve-errors-intro = { $count ->
    [one] Én fejl blokerer godkendelsen:
   *[other] { $count } slags fejl blokerer godkendelsen:
}
approve-see-findings = Se alle kontrolresultater.
approve-no-errors = Ingen fejl blokerer godkendelsen.
approve-warnings = { $count ->
    [one] Én advarsel skal kvitteres
   *[other] { $count } advarsler skal kvitteres
}
approve-warnings-hint = Sæt flueben ved hver advarsel, og skriv, hvorfor den accepteres. Begrundelserne gemmes med godkendelsen.
approve-ack = Advarslen er set og accepteret
approve-ack-reason-label = Hvorfor accepteres advarslen?
approve-ack-tick = Sæt flueben for at kvittere for advarslen.
approve-ack-reason = Skriv, hvorfor advarslen accepteres.
approve-signatory = Godkendt af (navn og rolle)
approve-signatory-hint = Fx "Anne Holm, kommunaldirektør". Tomt: dig selv.
approve-approve = Godkend konsekvensanalysen
approve-refused = Godkendelsen blev afvist. Ret disse fejl først:
approve-stale-approve = Konsekvensanalysen er ændret, siden du åbnede siden. Se de aktuelle fejl og advarsler nedenfor; dine kvitteringer er bevaret.
approve-revisions = Godkendte revisioner
approve-changes-since = Ændret siden revision { $revision }
approve-changes-approved = Ændret fra revision { $revision } til den godkendte
approve-no-changes = Ingen ændringer.
approve-upgrade-title = Opgradering til en ny version
approve-upgrade-none = Konsekvensanalysen bygger på den nyeste udgivne version (version { $n }).
approve-upgrade-done = Konsekvensanalysen bygger nu på version { $n }.
approve-upgrade-from = Opgraderingen flytter konsekvensanalysen fra version { $from } til version { $to }. Intet ændres, før du anvender den.
approve-upgrade-taken = { $count ->
    [0] Ingen centrale ændringer flettes ind
    [one] Én central ændring flettes ind uden konflikt
   *[other] { $count } centrale ændringer flettes ind uden konflikt
}
approve-upgrade-taken-hint = Det er ændringer i noget, I ikke selv har ændret; de overtages, som de er.
approve-upgrade-from-to = { $before } → { $after }
approve-upgrade-conflicts = { $count ->
    [0] Ingen konflikter
    [one] Én konflikt skal løses
   *[other] { $count } konflikter skal løses
}
approve-upgrade-no-conflicts = Der er intet at løse: opgraderingen kan anvendes.
approve-conflict-overridden = Den centrale værdi er ændret i et felt, som I har ændret lokalt.
approve-conflict-removed = Elementet er fjernet i den nye version, men jeres konsekvensanalyse henviser til det.
approve-conflict-completion = Feltet, som I har udfyldt, overlades ikke længere til jer; den nye version har en central værdi.
approve-central-before = Central værdi før
approve-central-after = Central værdi i den nye version
approve-local-value = Jeres værdi
approve-references = Henvisninger
approve-choice = Løsning
approve-choice-none = Vælg en løsning
approve-choice-keep = Behold vores (med begrundelse)
approve-choice-take = Tag den nye centrale
approve-choice-edit = Skriv en ny værdi (med begrundelse)
approve-new-value = Ny værdi
approve-new-value-hint = Kun ved "Skriv en ny værdi". Tal som tal, lister med én linje pr. punkt.
approve-upgrade-justification-hint = Påkrævet, når I beholder jeres eller skriver en ny værdi.
approve-upgrade-justification = Skriv en begrundelse: at afvige fra den nye centrale version skal begrundes.
approve-upgrade-choose = Vælg, hvordan konflikten løses.
approve-upgrade-changed = Forhåndsvisningen er ændret, siden du åbnede siden. Vælg en løsning for hver konflikt nedenfor.
approve-upgrade-stale = Konsekvensanalysen er ændret, siden du åbnede siden. Forhåndsvisningen nedenfor er den aktuelle; dine valg står ved hver konflikt.
approve-upgrade-apply = Opgradér til version { $n }
approve-review-intro = Tilsynets bemærkninger til jeres konsekvensanalyse. Svar på hver; tilsynet får besked og lukker bemærkningen, når svaret er tilstrækkeligt.
approve-review-none = Tilsynet har ingen bemærkninger til konsekvensanalysen.
approve-review-recorded = Noteret af tilsynet den { $at }
approve-review-current-answer = Jeres svar
approve-review-answer-label = Jeres svar
approve-review-answer-again = Svar igen
approve-review-send = Send svaret
approve-answer-required = Skriv et svar.
approve-review-stale = Bemærkningen er ændret, siden du åbnede siden (en anden har svaret, eller tilsynet har lukket den). Det aktuelle svar står ovenfor.
