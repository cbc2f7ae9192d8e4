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
