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

## RISKS
# Risks, measures, recommendations and local items (issue 15 screens 5, 6 and 7).
ws-risks = Risks
ws-measures = Measures
ws-recommendations = Recommendations
forms-none-to-choose = There is nothing to choose yet.
forms-stale-caption = Your input and the current values
forms-current = Current value
forms-key = Key (optional)
risks-title = Risks
risks-intro = Every risk of the assessment with its inherent level, decision and residual risk. Filter, sort and choose a risk to treat it.
risks-add-local = Add a local risk
risks-filter-inherent = Inherent level
risks-filter-residual = Residual risk
risks-filter-scope = Process or module
risks-filter-untreated = Only risks without a decision
risks-filter-apply = Show
risks-sort-template = Template order
risks-sort-title = Title
risks-sort-inherent = Inherent level (highest first)
risks-sort-residual = Residual risk (highest first)
risks-showing = { $total ->
    [0] No risk matches the filters.
   *[other] Showing { $first }–{ $last } of { $total }
}
risks-of-all = (of { $all } risks in all)
risks-caption = Risks with provenance, levels and decision
risks-col-risk = Risk
risks-col-inherent = Inherent risk
risks-col-decision = Decision
risks-col-residual = Residual risk
risks-col-measures = Measures
risks-level-LOW = Low
risks-level-MEDIUM = Medium
risks-level-HIGH = High
risks-decision-REDUCE = Reduce
risks-decision-ACCEPT = Accept
risks-decision-AVOID = Avoid
risks-decision-TRANSFER = Transfer
risks-untreated = No decision
risks-pages = Pages
risks-prev = Previous page
risks-next = Next page
risks-page-n = Page { $n }
risks-maps-title = Risk maps before and after measures
risks-maps-intro = The number of applicable risks for each likelihood (rows) and consequence (columns). Each cell says its level in words. A risk without a decision sits in the same place on both maps.
risks-map-before = Before measures (inherent risk)
risks-map-after = After measures (residual risk)
risks-map-total = { $count ->
    [one] 1 risk
   *[other] { $count } risks
}
risks-map-corner = Likelihood ╲ consequence
risks-back = Back to the risks
risks-central-rating = Central rating (likelihood × consequence)
risks-incidents = Linked incidents
risks-inherent-legend = Inherent risk
risks-inherent-hint = Change the likelihood or consequence only where your circumstances differ from the central rating, e.g. after an incident. A change needs a justification.
risks-inherent-likelihood = Likelihood
risks-inherent-consequence = Consequence
risks-inherent-justification = Justification of the changed rating
risks-inherent-justification-hint = Required when the likelihood or consequence differs from the central value.
risks-treatment-legend = Treatment and residual risk
risks-decision = Decision
risks-no-decision = No decision yet
risks-choose = Choose
risks-residual-likelihood = Likelihood after measures
risks-residual-consequence = Consequence after measures
risks-measures-legend = Measures that mitigate the risk
risks-measures-hint = A residual risk below the inherent risk needs at least one measure in force.
risks-rationale = Rationale of the residual risk
risks-rationale-hint = Why are the likelihood and consequence after the measures what they are?
risks-accepted-by = Accepted by
risks-accepted-by-hint = Name and role. Required when the risk is accepted.
risks-accepted-on = Accepted on
risks-choose-level = Choose a value on the scale.
risks-choose-decision = Choose a decision, or empty the other fields.
risks-not-a-date = Write a date as yyyy-mm-dd.
risks-refusal-justification = Write a justification.
risks-refusal-out-of-scale = Choose a value on the scale 1–{ $max }.
risks-refusal-residual-above = The residual risk ({ $residual }) cannot be above the inherent risk ({ $inherent }): measures do not make a risk larger.
risks-refusal-reduction-without-measure = The residual risk ({ $residual }) is below the inherent risk ({ $inherent }), so at least one measure in force must mitigate the risk. Tick it here, or add one.
risks-refusal-reduction-rationale = The residual risk is below the inherent risk: say why.
risks-refusal-acceptance = An accepted residual risk needs both who accepted it and when.
risks-refusal-prior-consultation = A high residual risk can only be accepted after prior consultation of the supervisory authority (Art. 36).
risks-refusal-response-without-measure = This answer needs at least one local measure in force that implements the recommendation. Tick it, or add one.
risks-refusal-empty = This field cannot be empty.
risks-refusal-duplicate-key = The key is already used by another item.
risks-refusal-not-local-key = The key must start with "local.".
risks-refusal-same-as-central = The value is the central one; there is nothing to change.
risks-refusal-not-applicable = The item is marked not applicable. Clear the mark first.
risks-refusal-review-cadence = Write a number of months between 1 and 120.
risks-refusal-still-referenced = It cannot be removed while { $by } refers to it.
risks-refusal-dangling = The link to { $target } does not point at an item of the assessment.
recs-title = Recommendations
recs-open = { $open } of { $all } recommendations are not answered.
recs-filter-unanswered = Only unanswered
recs-caption = { $count ->
    [one] 1 recommendation with obligation and answer
   *[other] { $count } recommendations with obligation and answer
}
recs-caption-unanswered = { $count ->
    [one] 1 unanswered recommendation
   *[other] { $count } unanswered recommendations
}
recs-col-recommendation = Recommendation
recs-col-obligation = Obligation
recs-col-status = Answer
recs-obligation-MUST = MUST
recs-obligation-SHOULD = SHOULD
recs-status-UNADDRESSED = Not answered
recs-status-IMPLEMENTED = Implemented
recs-status-PARTIALLY_IMPLEMENTED = Partially implemented
recs-status-PLANNED = Planned
recs-status-ALTERNATIVE = Alternative
recs-status-NOT_APPLICABLE = Not applicable
recs-back = Back to the recommendations
recs-addresses = Risks the recommendation addresses
recs-response = Answer
recs-no-response = No answer (withdraw the answer)
recs-response-hint = Implemented, partially implemented and alternative need a linked measure in force.
recs-due = Due date
recs-due-hint = Required for "Planned".
recs-justification-hint = Required for "Alternative" and "Not applicable".
recs-measures-legend = Measures that implement the recommendation
recs-measures-hint = Tick the local measures that implement the recommendation.
recs-due-required = Write the due date of a planned implementation (yyyy-mm-dd).
recs-choose-response = Choose an answer.
measures-title = Measures
measures-intro = Your own technical and organisational measures, what they cover, and what no measure covers.
measures-add = Add a measure
measures-back = Back to the measures
measures-caption = { $count ->
    [one] 1 measure with status, owner and coverage
   *[other] { $count } measures with status, owner and coverage
}
measures-col-measure = Measure
measures-col-status = Status
measures-col-owner = Owner
measures-col-risks = Mitigates risks
measures-col-recs = Implements recommendations
measures-kind-TECHNICAL = Technical
measures-kind-ORGANISATIONAL = Organisational
measures-status-PLANNED = Planned
measures-status-IMPLEMENTED = Implemented
measures-status-RETIRED = Retired
measures-date-PLANNED = Due { $date }
measures-date-IMPLEMENTED = Since { $date }
measures-date-RETIRED = Retired { $date }
measures-no-owner = No owner
measures-none = None
measures-uncovered-recs = { $count ->
    [0] Recommendations no measure covers: none
    [one] 1 recommendation no measure in force covers
   *[other] { $count } recommendations no measure in force covers
}
measures-unmitigated = { $count ->
    [0] Risks no measure mitigates: none
    [one] 1 risk no measure in force mitigates
   *[other] { $count } risks no measure in force mitigates
}
measures-all-covered = All are covered.
measures-field-title = Title
measures-field-description = Description
measures-field-kind = Kind
measures-field-date = Date
measures-date-hint = The due date of a planned measure, else the day it was implemented or retired.
measures-field-cadence = Reviewed every (months)
measures-cadence-hint = Optional, 1–120.
measures-field-mitigates = Risks the measure mitigates
measures-field-implements = Recommendations the measure implements
measures-key-hint = Starts with "local.". Leave it empty to make the key from the title.
measures-bad-key = A key is lower-case letters, digits, dots and hyphens, e.g. local.measure.training.
measures-choose-kind = Choose a kind.
measures-choose-status = Choose a status.
measures-date-required = Write a date (yyyy-mm-dd): the due date of a planned measure, else when it was implemented or retired.
local-risk-intro = A risk only your processing has. It is rated on the template's scales and then treated like every other risk.
local-threat = Threat
local-threat-hint = Short, e.g. "Screen seen by others at the counter".
local-key-hint = Starts with "local.". Leave it empty to make the key from the threat.
local-description = Description
local-threat-source = Source of the threat
local-properties = Affected properties
local-rationale = Rationale of the rating
local-risk-submit = Add the risk
local-source-HUMAN_ERROR = Human error
local-source-PROCESS_FAILURE = Process failure
local-source-MALICIOUS = Malicious act
local-source-TECHNICAL = Technical failure
local-source-SUPPLIER = Supplier
local-property-CONFIDENTIALITY = Confidentiality
local-property-INTEGRITY = Integrity
local-property-AVAILABILITY = Availability
local-choose-scope = Choose a process or module.
local-choose-source = Choose a source.
local-choose-properties = Choose at least one affected property.
forms-saved = Saved.
ws-to-risks = Treat the risks and see the risk maps
ws-to-measures = Measures and coverage
ws-to-recommendations = Answer the recommendations
measures-remove-title = Remove the measure
measures-remove-hint = It cannot be removed while an answer or a lowered residual relies on it. Set it to "Retired" instead, which keeps its history.
measures-remove = Remove

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
## APPROVE
# Approval, upgrade and the authority's review findings in the workspace (issue 15, screens 9–11).
approve-nav-approval = Approval
approve-nav-upgrade = Upgrade
approve-nav-review = Authority's findings
approve-review-open-n = { $count ->
    [one] One unanswered finding from the authority
   *[other] { $count } unanswered findings from the authority
}
approve-title = Approval
approve-is-approved = The assessment is approved (revision { $revision }). A change opens a new revision, which needs approving again.
approve-saved-sign-offs = Sign-offs and dates saved.
approve-sign-offs = Sign-offs and dates
approve-sign-offs-hint = Only the parts you change are written. Empty every box of a part to remove it.
approve-management-recorded = Management approval: { $by }, { $on }.
approve-dpo = The DPO's opinion (Art. 35(2))
approve-owner = The system owner's approval
approve-by = Name and role
approve-on = Date
approve-dpo-text = Opinion
approve-remarks = Remarks
approve-prior-consultation = Prior consultation of the authority (Art. 36)
approve-prior-consultation-hint = Consultation is required when a residual risk is high.
approve-decided-on = Decided on
approve-pc-required = Is consultation required?
approve-pc-required-none = No decision
approve-pc-required-yes = Yes, the authority must be consulted
approve-pc-required-no = No
approve-pc-reference = The authority's case reference
approve-pc-outcome = Outcome of the consultation
approve-dates = Dates
approve-processing-started = Processing started (or starts) on
approve-next-review = Next review
approve-next-review-hint = At most 12 months after management approval.
approve-save-sign-offs = Save sign-offs and dates
approve-current-value = Current value
approve-date-invalid = Write the date as YYYY-MM-DD.
approve-choose-required = Choose whether consultation is required.
approve-text-required = This box must be filled in.
approve-review-too-late = The next review must be at most 12 months after management approval.
approve-refused-other = The value was refused.
approve-stale-sign-offs = The sign-offs changed since you opened the page. Your input is in the boxes and the current value under each; save again to write your input.
approve-gate = Management approval
approve-errors-intro = { $count ->
    [one] One error blocks approval:
   *[other] { $count } kinds of error block approval:
}
approve-see-findings = See every finding.
approve-no-errors = No error blocks approval.
approve-warnings = { $count ->
    [one] One warning to acknowledge
   *[other] { $count } warnings to acknowledge
}
approve-warnings-hint = Tick each warning and say why it is accepted. The reasons are recorded with the approval.
approve-ack = The warning is seen and accepted
approve-ack-reason-label = Why is the warning accepted?
approve-ack-tick = Tick the box to acknowledge the warning.
approve-ack-reason = Say why the warning is accepted.
approve-signatory = Approved by (name and role)
approve-signatory-hint = E.g. "Anne Holm, Municipal Director". Empty: yourself.
approve-approve = Approve the assessment
approve-refused = Approval was refused. Fix these errors first:
approve-stale-approve = The assessment changed since you opened the page. The current errors and warnings are below; your acknowledgements are kept.
approve-revisions = Approved revisions
approve-changes-since = Changed since revision { $revision }
approve-changes-approved = Changed from revision { $revision } to the approved one
approve-no-changes = No changes.
approve-upgrade-title = Upgrade to a new version
approve-upgrade-none = The assessment is on the newest published version (version { $n }).
approve-upgrade-done = The assessment is now on version { $n }.
approve-upgrade-from = The upgrade moves the assessment from version { $from } to version { $to }. Nothing changes until you apply it.
approve-upgrade-taken = { $count ->
    [0] No central changes are merged
    [one] One central change merges without conflict
   *[other] { $count } central changes merge without conflict
}
approve-upgrade-taken-hint = These change what you have not changed yourselves; they are taken as they are.
approve-upgrade-from-to = { $before } → { $after }
approve-upgrade-conflicts = { $count ->
    [0] No conflicts
    [one] One conflict to resolve
   *[other] { $count } conflicts to resolve
}
approve-upgrade-no-conflicts = Nothing to resolve: the upgrade can be applied.
approve-conflict-overridden = The central value changed in a field you changed locally.
approve-conflict-removed = The new version removes the item, but your assessment refers to it.
approve-conflict-completion = The field you filled in is no longer left to you; the new version has a central value.
approve-central-before = Central value before
approve-central-after = Central value in the new version
approve-local-value = Your value
approve-references = References
approve-choice = Resolution
approve-choice-none = Choose a resolution
approve-choice-keep = Keep ours (with a justification)
approve-choice-take = Take the new central one
approve-choice-edit = Write a new value (with a justification)
approve-new-value = New value
approve-new-value-hint = Only with "Write a new value". Numbers as numbers, lists one line per entry.
approve-upgrade-justification-hint = Required when you keep yours or write a new value.
approve-upgrade-justification = Write a justification: departing from the new central version needs one.
approve-upgrade-choose = Choose how the conflict is resolved.
approve-upgrade-changed = The preview changed since you opened the page. Choose a resolution for each conflict below.
approve-upgrade-stale = The assessment changed since you opened the page. The preview below is the current one; your choices are shown at each conflict.
approve-upgrade-apply = Upgrade to version { $n }
approve-review-intro = The supervisory authority's findings on your assessment. Answer each; the authority is notified and closes the finding when the answer suffices.
approve-review-none = The authority has no findings on the assessment.
approve-review-recorded = Recorded by the authority on { $at }
approve-review-current-answer = Your answer
approve-review-answer-label = Your answer
approve-review-answer-again = Answer again
approve-review-send = Send the answer
approve-answer-required = Write an answer.
approve-review-stale = The finding changed since you opened the page (someone else answered, or the authority closed it). The current answer is above.
