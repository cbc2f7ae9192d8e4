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
