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
field-language = Language
account-language-now = English. Your choice also applies in other browsers and to your e-mails.
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
