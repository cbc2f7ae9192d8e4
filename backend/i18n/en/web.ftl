# The web application: the frame of every page, sign-in, account, assessments, users.

## Frame
skip-to-content = Skip to content
nav-main = Main menu
nav-assessments = My assessments
nav-users = Users
nav-account = My account
switch-language = Dansk
signed-in-as = Signed in as { $name }, { $organisation }
sign-out = Sign out
footer-text = DPIA Hub: data protection impact assessments under Article 35 GDPR.
error-prefix = Error:
error-summary-title = There is a problem
back-to-start = Go to the start page
save = Save
you = you
not-set = Not set

## Error pages
page-not-found-title = Page not found
page-not-found-text = The page does not exist, or you do not have access to it.
page-form-refused-title = The form was refused
page-form-refused-text = The form has expired or was not sent from DPIA Hub. Nothing was saved. Go back, reload the page and try again.
page-bad-form-title = The form could not be read
page-bad-form-text = The form held something DPIA Hub does not understand. Nothing was saved.
page-internal-error-title = Something went wrong
page-internal-error-text = Something went wrong on our side. Nothing was partly saved. Try again in a moment.
page-internal-error-reference = Give this reference if you contact the operators:

## Sign-in and account
signin-title = Sign in
signin-intro = Sign in with your e-mail address and password.
field-email = E-mail address
field-password = Password
sign-in = Sign in
signin-failed = The e-mail address or password is wrong.
signin-rate-limited = Too many attempts. Try again in { $minutes ->
    [one] one minute
   *[other] { $minutes } minutes
}.
account-title = My account
field-name = Name
field-organisation = Organisation
field-role = Role
role-ADMIN = Administrator
role-EDITOR = Editor
role-VIEWER = Viewer
password-change-link = Change password
password-title = Change password
password-must-change = An administrator set your password. Choose a new one before you continue.
password-changed = Your password is changed. Your other sessions are signed out.
field-current-password = Current password
field-new-password = New password
field-repeat-password = Repeat the new password
password-hint = At least { $min } characters. A sentence you can remember is good.
password-submit = Change password
password-mismatch = The two new passwords are not the same.
password-too-short = The password must have at least { $min } characters.
password-too-long = The password is too long.
password-current-wrong = The current password is wrong.

## My assessments
assessments-title = My assessments
assessments-caption = Assessments with status, base, findings and dates
assessments-none = There are no assessments yet.
adopt-link = New assessment
col-title = Title
col-organisation = Organisation
col-status = Status
col-base = Base
col-findings = Open findings
col-next-review = Next review
col-last-approval = Last approved
col-report = Report
col-state = State
status-DRAFT = Draft
status-APPROVED = Approved
version-n = version { $n }
new-version-available = Version { $n } is available
errors-n = { $count ->
    [one] 1 error
   *[other] { $count } errors
}
warnings-n = { $count ->
    [one] 1 warning
   *[other] { $count } warnings
}
never-approved = Never approved
open-report = Open report

## New assessment
adopt-title = New assessment
adopt-intro = Choose a published template. Your assessment inherits everything from it; then you adapt what is different in your organisation.
adopt-none = There are no published templates to choose from.
adopt-choose-label = Template and version
adopt-show = Show what is inherited
adopt-choose = Choose a template and a version.
published-on = published { $date }
adopt-inherited-title = What the assessment inherits
section-scopes = Processes and modules
section-activities = Processing activities
section-recipients = Recipients
section-to-complete = Fields you complete yourselves
section-necessity = Necessity and proportionality questions
section-risks = Risks
section-recommendations = Recommendations
field-assessment-title = Title (optional)
adopt-title-hint = Without a title the template's title is used.
adopt-submit = Create assessment

## Users
users-title = Users
users-caption = The organisation's users with role and state
users-new-title = Create a user
users-create = Create user
users-back = Back to the users
field-initial-password = First password
user-active = Active
user-disabled = Disabled
user-self-note = Only another administrator can change your own role and access. Change your password under My account.
user-access-title = Role and access
user-disable-label = Disable the user (cannot sign in)
user-password-title = Set a new password
user-password-intro = The user must choose their own password at the next sign-in. The user's open sessions end.
user-password-submit = Set password
user-saved = The changes are saved.
user-password-set = The password is set. The user must change it at the next sign-in.
user-email-invalid = An e-mail address looks like name@domain.example.
user-name-missing = A user needs a name.
user-self-change = You cannot change your own role or disable yourself.
user-email-taken = That e-mail address cannot be used.
form-stale = Someone else changed this since you opened the page. Look at the current values and try again.

## Report
report-bar = Report tools
report-back = Back to the assessments
report-download-markdown = Download as Markdown
report-print-hint = Print or save as PDF with the browser's print command.
adopt-already = Your organisation already has an assessment based on this template. Upgrade it instead.

## SSO
sso-signin-heading = Sign in with your organisation's login
sso-signin-intro = Does your organisation use its own login (single sign-on)? Enter your e-mail address and we send you there.
sso-signin-button = Continue to your organisation's login
sso-no-provider = No organisation login is set up for that e-mail address's domain. Sign in with your password, or ask your administrator.
page-sso-state-title = This sign-in attempt cannot be used
page-sso-state-text = The answer from your organisation's login does not belong to a sign-in we are waiting for: it expired, was already used, or is unknown. Start again from the sign-in page.
page-sso-provider-title = Your organisation's login does not answer
page-sso-provider-text = We could not reach your organisation's login. Try again in a moment, or sign in with your password. If it persists, contact your administrator.
page-sso-refused-title = You were not signed in
page-sso-refused-text = Your organisation's login did not sign you in (you cancelled, or it refused the attempt). Start again from the sign-in page.
page-sso-token-title = The sign-in answer was refused
page-sso-token-text = The answer from your organisation's login could not be verified, so you are not signed in. Start again; if it persists, ask your administrator to check the organisation login settings.
page-sso-domain-title = This e-mail address is not covered
page-sso-domain-text = Your organisation's login can only sign in people with e-mail addresses from the domains the organisation approved. Yours is not one of them.
page-sso-no-account-title = No account here
page-sso-no-account-text = You are signed in at your organisation, but have no active account in DPIA Hub. Ask an administrator of your organisation to create one.
sso-admin-link = Sign-in settings (organisation login and second factor)
sso-settings-title = Sign-in settings
sso-settings-intro = The organisation's own login (OpenID Connect) and whether password sign-ins need a one-time code.
sso-provider-title = Organisation login (OpenID Connect)
sso-redirect-uri = Register this address as the redirect URI at your login provider:
field-sso-issuer = Provider address (issuer)
sso-issuer-hint = E.g. https://login.municipality.example/realms/staff. Empty: no organisation login.
field-sso-client-id = Client id
field-sso-client-secret = Client secret
sso-secret-hint = The secret is never shown again once saved.
sso-secret-kept = A secret is stored. Leave the field empty to keep it.
field-sso-domains = E-mail domains the provider vouches for
sso-domains-hint = Separate with commas, e.g. municipality.example, staff.municipality.example.
field-sso-create-users = Create an account automatically for new people from these domains
field-sso-new-user-role = Role of automatically created accounts
sso-totp-title = Two-factor sign-in
field-sso-require-totp = Require a one-time code (TOTP) when signing in with a password
sso-saved = The sign-in settings are saved.
sso-error-issuer = The provider address must start with https:// (http:// only for localhost).
sso-error-client-id = An organisation login needs a client id.
sso-error-client-secret = An organisation login needs a client secret.
sso-error-domains = Name at least one domain like municipality.example that no other organisation uses already.
totp-account-link = Two-factor sign-in (one-time code)
totp-title = One-time code
totp-intro = Scan the QR code with an authenticator app (on your phone, say) and enter the six-digit code it shows to turn on two-factor sign-in.
totp-required-intro = Your organisation requires a one-time code at sign-in. Scan the QR code with an authenticator app and enter the six-digit code it shows.
totp-signin-intro = Enter the six-digit code from your authenticator app.
totp-qr-alt = QR code for the authenticator app
totp-secret-label = Cannot scan? Enter this key in the app:
totp-uri-link = Open in an authenticator app on this device
field-totp-code = Code
totp-confirm = Confirm and turn on
totp-submit = Sign in
totp-enabled = Two-factor sign-in is on: you enter a code from your app when you sign in with your password.
totp-back = Back to My account
totp-wrong = The code is wrong or already used. Enter the code the app shows now.
