# The central body's desk: templates and codes of conduct, drafts, publishing, import and
# export, the adoption overview. And the platform operator's: organisations.

nav-templates = Templates
nav-organisations = Organisations
version-status-DRAFT = Draft
version-status-PUBLISHED = Published
version-status-WITHDRAWN = Withdrawn
obligation-MUST = Must
obligation-SHOULD = Should

## Templates
central-templates-title = Templates and codes of conduct
central-templates-intro = Your DPIA templates and codes of conduct with their versions and the number of adopters.
central-templates-caption = Your templates and codes of conduct
central-templates-none = You have no templates yet. Import a version below.
central-col-kind = Kind
central-col-versions = Versions
central-col-adopters = Adopters
central-col-published = Published
central-col-changelog = Changelog
central-col-actions = Actions
central-col-key = Key
central-kind-DPIA = DPIA template
central-kind-CODE_OF_CONDUCT = Code of conduct
central-adopters-n = { $count ->
    [one] 1 adopter
   *[other] { $count } adopters
}
central-withheld = Hidden (small group)
central-small-group-rule = Groups under { $min } are not shown: you see only figures that cannot single out one controller.
central-small-group-some = Some figures are hidden because they are under the limit, or because they could be worked out from the others.
central-small-group-whole = There are fewer than { $min } adopters, so only their number is shown.
central-edit-draft = Edit the draft
central-read-version = Read the version
central-before-publishing = Before publishing
central-export = Export as JSON
central-withdraw = Withdraw
central-new-draft = New draft from the latest published version
central-overview-link = See the adoption overview
central-import-title = Import a version
central-import-intro = Choose a file in the documented JSON format (an exported version), or paste its text. It becomes a new draft of a new template or of one of yours.
central-import-file = JSON file
central-import-document = … or paste the JSON document
central-import-submit = Import as a draft

## Draft
central-validation-title = Checking the version
central-validation-ok = The version keeps every rule and can be published.
central-section-risks = Risk catalogue
central-section-recommendations = Recommendations
central-section-clauses = Clauses
central-col-detail-risks = Likelihood × consequence
central-col-detail-recommendations = Obligation
central-col-detail-clauses = Obligation
central-edit-item = Edit
central-edit-title = Edit: { $kind }
central-key-kept = The key never changes, so adopters keep their local changes:
central-field-title-RISK = Threat
central-field-title-RECOMMENDATION = Title
central-field-title-CLAUSE = Section
central-field-description-RISK = Description
central-field-description-RECOMMENDATION = Text
central-field-description-CLAUSE = Text of the clause
central-field-clause-number = Number
central-field-likelihood = Likelihood (default)
central-field-consequence = Consequence (default)
central-field-rationale = Rationale for the rating
central-field-obligation = Obligation
central-field-addresses = Risks the recommendation addresses
central-current-level = Risk level now: { $level }.
central-stale-draft = Someone else changed the draft while you were working. Your input is kept here; save again to write it over the new state.

## Before publishing
central-publish-title = Before publishing version { $n }
central-what-adopters-see = What adopters will see
central-diff-against = Compared with version { $n }: { $count ->
    [one] 1 change.
   *[other] { $count } changes.
}
central-diff-first = This is the first version; everything is new to adopters.
central-diff-nothing = Nothing changed against the last published version.
central-diff-added = New { $kind }:
central-diff-removed = Removed { $kind }:
central-diff-changed = Changed { $kind }:
central-diff-field = { $field }: “{ $before }” becomes “{ $after }”
central-publish-action = Publish
central-changelog = Changelog
central-changelog-hint = Say briefly what changed and why. Adopters read it when they upgrade.
central-publish-submit = Publish version { $n }

## Adoption overview
central-overview-title = Adoption: { $title }
central-overview-total = { $count ->
    [one] 1 adopter in all.
   *[other] { $count } adopters in all.
}
central-per-version-title = Adopters per version
central-no-adopters = No adopters yet.
central-adopters-title = Adopting controllers
central-table-recommendations = Responses to the recommendations
central-table-risks = Treatment of the risks
central-table-clauses = Adherence to the clauses
central-col-overrides = Overrides
central-col-lowered = Lowered risks
central-col-residual-high = High residual risks
central-col-unanswered = Unanswered recommendations
central-col-errors = Errors
central-col-warnings = Warnings
central-col-response-UNADDRESSED = Unanswered
central-col-response-IMPLEMENTED = Implemented
central-col-response-PARTIALLY_IMPLEMENTED = Partially implemented
central-col-response-PLANNED = Planned
central-col-response-ALTERNATIVE = Alternative
central-col-response-NOT_APPLICABLE = Not applicable
central-col-risk-lowered = Lowered
central-col-risk-residual-high = High residual risk
central-col-risk-not-applicable = Not applicable
central-col-risk-untreated = Untreated
central-col-clause-UNADDRESSED = Unanswered
central-col-clause-COMPLIANT = Compliant
central-col-clause-DEVIATION = Deviation
central-col-clause-NOT_APPLICABLE = Not applicable

## Platform operation
operator-title = Organisations
operator-col-admins = Admins
operator-col-users = Users
operator-col-created = Created
operator-new-title = A new organisation with its first admin
operator-field-name = Name of the organisation
operator-field-admin-name = The admin's name
operator-field-admin-email = The admin's e-mail address
operator-field-admin-password = The admin's first password
operator-create = Create the organisation
org-kind-PLATFORM = The platform
org-kind-CENTRAL_BODY = Central body
org-kind-CONTROLLER = Controller
org-kind-SUPERVISORY_AUTHORITY = Supervisory authority

## The draft editor: description, necessity, new items, check thresholds
central-section-activities = Systematic description: processing activities
central-section-questions = Necessity and proportionality
central-col-detail-activities = Scope
central-col-detail-questions = Principle
central-new-risk = Add a risk
central-new-recommendation = Add a recommendation
central-new-question = Add a necessity and proportionality question
central-new-title = New { $kind }
central-field-new-key = Key
central-field-new-key-hint = Chosen once and never changed, e.g. risk.messages.forwarding. Lower-case letters, digits, dots and hyphens.
central-field-title-NECESSITY_QUESTION = Question
central-field-description-NECESSITY_QUESTION = Central answer (empty: each controller answers)
central-field-title-PROCESSING_ACTIVITY = Title
central-field-description-PROCESSING_ACTIVITY = Description
central-field-scope = Scope
central-field-scopes = Scopes the recommendation applies to
central-field-threat-source = Source of the threat
central-field-properties = Affected properties (Art. 32(1)(b))
central-field-measure-kind = Kind of measure
central-field-principle = Principle
central-field-purposes = Purposes
central-field-purposes-hint = One purpose per line.
central-field-operations = Processing operations (Art. 4(2))
central-field-retention = Retention and erasure
central-checks-title = Check thresholds
central-checks-intro = The thresholds apply to the checks of every assessment built on this template.
central-checks-max_high_risks_single_measure = Most high risks one measure may carry alone
central-checks-max_high_risks_single_measure-hint = Default 5. 0 reports every high risk that rests on a single measure.
central-checks-review_interval_months = Review at the latest after (months)
central-checks-review_interval_months-hint = Between 1 and 12: the assessment is reviewed at least once a year.
central-checks-save = Save the check thresholds
central-refused-choose-source = Choose where the threat comes from.
central-refused-choose-property = Choose confidentiality, integrity or availability.
central-refused-choose-kind = Choose technical or organisational.
central-refused-choose-obligation = Choose MUST or SHOULD.
central-refused-choose-principle = Choose a principle.
central-refused-choose-operation = Choose processing operations of Art. 4(2).
central-refused-choose-level = Choose a level of the risk model's scale.
central-refused-key-format = A key starts with a lower-case letter or a digit and contains only a–z, 0–9, dots, underscores and hyphens (at most 200 characters).
central-refused-key-in-use = { $key } is already the key of another item of this version. Choose a new one.
central-refused-empty-text = This field must not be empty.
central-refused-empty-list = Choose at least one.
central-refused-out-of-scale = { $value } is outside the risk model's scale 1–{ $max }.
central-refused-dangling = «{ $target }» does not exist in the template.
central-refused-whole-number = Write a whole number, 0 or more.
central-refused-months = Write a whole number of months between 1 and 12: the assessment is reviewed at least once a year.
