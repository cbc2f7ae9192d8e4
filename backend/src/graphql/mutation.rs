//! Mutation root. Every mutation is one audited transaction (`audit::write`).

use juniper::{graphql_object, GraphQLInputObject};

use super::assessments::Assessment;
use super::commands::{
    parse_all, parse_resolutions, AdherenceCommandInput, AssessmentCommandInput,
    ConflictResolutionInput,
};
use super::review::ReviewFinding;
use super::templates::{self as tpl, TemplateVersion};
use super::types::{Organisation, OrganisationKindGql, RoleGql, SessionTokens, User};
use super::Context;
use crate::audit;
use crate::auth::password;
use crate::context::OrgKind;
use crate::error::{AppError, AppResult};
use crate::signin;
use crate::store::{assessments, organisations, reviews, templates, users};

pub struct Mutation;

/// A new organisation with its first admin (operator only).
#[derive(GraphQLInputObject)]
pub struct NewOrganisationInput {
    pub kind: OrganisationKindGql,
    pub name: String,
    pub admin_email: String,
    pub admin_display_name: String,
    pub admin_password: String,
}

/// A new user of an organisation (its admin, or the operator).
#[derive(GraphQLInputObject)]
pub struct NewUserInput {
    /// Defaults to the caller's organisation.
    pub organisation_id: Option<juniper::ID>,
    pub email: String,
    pub display_name: String,
    pub role: RoleGql,
    pub password: String,
}

/// Changes to a user; omitted fields stay as they are.
#[derive(GraphQLInputObject)]
pub struct UpdateUserInput {
    pub organisation_id: Option<juniper::ID>,
    pub id: juniper::ID,
    /// The `version` you read; a stale one is refused with `CONFLICT`.
    pub expected_version: i32,
    pub role: Option<RoleGql>,
    pub disabled: Option<bool>,
    pub display_name: Option<String>,
}

fn hash_new_password(field: &str, plain: &str) -> AppResult<String> {
    password::check_password_policy(plain)
        .map_err(|e| AppError::validation(field, e.to_string()))?;
    password::hash_password(plain).map_err(|e| AppError::Internal(format!("hashing: {e}")))
}

#[graphql_object(context = Context)]
impl Mutation {
    /// Signs in. The same error answers an unknown e-mail and a wrong password.
    fn login(context: &Context, email: String, password: String) -> AppResult<SessionTokens> {
        Ok(signin::login(&context.state, &email, &password, &context.client)?.into())
    }

    /// Exchanges a refresh token (single use) for new tokens.
    fn refresh(context: &Context, refresh_token: String) -> AppResult<SessionTokens> {
        Ok(signin::refresh(&context.state, &refresh_token, &context.client)?.into())
    }

    /// Ends the session of this refresh token and all its rotations.
    fn logout(context: &Context, refresh_token: String) -> AppResult<bool> {
        signin::logout(
            &context.state,
            context.actor()?,
            &refresh_token,
            &context.client,
        )
    }

    /// Creates an organisation and its first admin. Platform operator only.
    fn create_organisation(
        context: &Context,
        input: NewOrganisationInput,
    ) -> AppResult<Organisation> {
        let actor = context.actor()?;
        if !actor.is_operator() {
            return Err(AppError::Forbidden(
                "only the platform operator creates organisations".into(),
            ));
        }
        let kind = OrgKind::from(input.kind);
        if kind == OrgKind::Platform {
            return Err(AppError::validation(
                "kind",
                "the platform organisation exists once; create a central body, controller or authority",
            ));
        }
        let hash = hash_new_password("adminPassword", &input.admin_password)?;
        audit::write(&context.state.pool, actor, |tx| {
            let org = organisations::insert(tx, kind, &input.name)?;
            users::insert(
                tx,
                users::NewUser {
                    id: None,
                    org_id: &org.id,
                    email: &input.admin_email,
                    display_name: &input.admin_display_name,
                    role: crate::context::Role::Admin,
                    password_hash: hash,
                },
            )?;
            Ok(Organisation(org))
        })
    }

    /// Adds a user to an organisation: its admins, or the operator.
    fn create_user(context: &Context, input: NewUserInput) -> AppResult<User> {
        let actor = context.actor()?;
        let org_id = (input.organisation_id.as_ref())
            .map(|id| id.to_string())
            .unwrap_or_else(|| actor.org_id.clone());
        let hash = hash_new_password("password", &input.password)?;
        audit::write(&context.state.pool, actor, |tx| {
            let user = users::insert(
                tx,
                users::NewUser {
                    id: None,
                    org_id: &org_id,
                    email: &input.email,
                    display_name: &input.display_name,
                    role: input.role.into(),
                    password_hash: hash,
                },
            )?;
            Ok(User(user))
        })
    }

    /// Changes a user's role, name or disabled flag (admins of its organisation).
    fn update_user(context: &Context, input: UpdateUserInput) -> AppResult<User> {
        let actor = context.actor()?;
        let org_id = (input.organisation_id.as_ref())
            .map(|id| id.to_string())
            .unwrap_or_else(|| actor.org_id.clone());
        audit::write(&context.state.pool, actor, |tx| {
            let user = users::update(
                tx,
                &org_id,
                &input.id,
                i64::from(input.expected_version),
                users::UserUpdate {
                    role: input.role.map(Into::into),
                    disabled: input.disabled,
                    display_name: input.display_name.clone(),
                },
            )?;
            Ok(User(user))
        })
    }

    /// Changes the caller's own password; the current one must be given.
    fn change_password(
        context: &Context,
        current_password: String,
        new_password: String,
    ) -> AppResult<bool> {
        let actor = context.actor()?;
        let mut conn = context.conn()?;
        let user = users::find(&mut conn, actor, &actor.org_id, &actor.user_id)?;
        if !password::verify_password(&current_password, Some(&user.password_hash)) {
            return Err(AppError::validation(
                "currentPassword",
                "the current password is wrong",
            ));
        }
        let hash = hash_new_password("newPassword", &new_password)?;
        audit::write_on(&mut conn, actor, crate::store::now_utc(), |tx| {
            users::set_own_password(tx, hash, &context.client)?;
            signin::end_other_sessions(tx, &actor.org_id, &actor.user_id, context.session_id())
        })?;
        Ok(true)
    }

    /// Imports an interchange document as a new draft (of a new template, or of one your
    /// central body owns). Malformed or hostile documents are refused whole.
    fn import_template_version(context: &Context, document: String) -> AppResult<TemplateVersion> {
        let actor = context.actor()?;
        let parsed = crate::domain::interchange::parse(document.as_bytes())
            .map_err(tpl::interchange_error)?;
        audit::write(&context.state.pool, actor, |tx| {
            let (template, version) = templates::import_document(tx, &parsed)?;
            Ok(TemplateVersion::new(&template, version))
        })
    }

    /// Starts a new draft of a template as a copy of its latest published version.
    fn create_template_draft(
        context: &Context,
        template_key: String,
    ) -> AppResult<TemplateVersion> {
        let actor = context.actor()?;
        audit::write(&context.state.pool, actor, |tx| {
            let template = templates::find_by_key(tx.conn(), actor, &template_key)?;
            let version = templates::create_draft(tx, &template)?;
            Ok(TemplateVersion::new(&template, version))
        })
    }

    /// Applies one edit to a draft, addressed by item key. `edit` is JSON with one member named
    /// after the edit, e.g. `{"upsert_risk": {…}}` or `{"remove_item": {"key": "…"}}`
    /// (see docs/template-format.md for the item shapes).
    fn edit_template_draft(
        context: &Context,
        template_key: String,
        template_version: i32,
        expected_version: i32,
        edit: String,
    ) -> AppResult<TemplateVersion> {
        let actor = context.actor()?;
        let edit: crate::domain::template::TemplateEdit = serde_json::from_str(&edit)
            .map_err(|e| AppError::validation("edit", format!("not a template edit: {e}")))?;
        audit::write(&context.state.pool, actor, |tx| {
            let template = templates::find_by_key(tx.conn(), actor, &template_key)?;
            let saved = templates::edit_draft(
                tx,
                &template,
                template_version,
                i64::from(expected_version),
                edit,
            )?;
            Ok(TemplateVersion::new(&template, saved))
        })
    }

    /// Publishes a draft after validating it whole. Published versions never change again.
    fn publish_template_version(
        context: &Context,
        template_key: String,
        template_version: i32,
        expected_version: i32,
        changelog: String,
    ) -> AppResult<TemplateVersion> {
        let actor = context.actor()?;
        audit::write(&context.state.pool, actor, |tx| {
            let template = templates::find_by_key(tx.conn(), actor, &template_key)?;
            let saved = templates::publish(
                tx,
                &template,
                template_version,
                i64::from(expected_version),
                &changelog,
            )?;
            Ok(TemplateVersion::new(&template, saved))
        })
    }

    /// Withdraws a published version: it stays readable, but cannot be adopted any more.
    fn withdraw_template_version(
        context: &Context,
        template_key: String,
        template_version: i32,
        expected_version: i32,
    ) -> AppResult<TemplateVersion> {
        let actor = context.actor()?;
        audit::write(&context.state.pool, actor, |tx| {
            let template = templates::find_by_key(tx.conn(), actor, &template_key)?;
            let saved =
                templates::withdraw(tx, &template, template_version, i64::from(expected_version))?;
            Ok(TemplateVersion::new(&template, saved))
        })
    }

    /// Your controller adopts a published template version; the assessment inherits it all.
    fn adopt_template(
        context: &Context,
        template_key: String,
        template_version: i32,
        title: Option<String>,
    ) -> AppResult<Assessment> {
        let actor = context.actor()?;
        let row = audit::write(&context.state.pool, actor, |tx| {
            assessments::adopt(
                tx,
                &template_key,
                template_version,
                title.as_deref().unwrap_or(""),
            )
        })?;
        Assessment::load(&mut *context.conn()?, row)
    }

    /// Applies commands to an assessment in order, in one transaction: all or nothing, one
    /// version check (`expectedVersion`), one audit entry per command. Each command is
    /// checked by every rule of SPEC §3; a refused one names its index in
    /// `extensions.commandIndex` (0-based), with `field` and `itemKey`
    /// (docs/assessment-commands.md lists the commands).
    fn apply_assessment_commands(
        context: &Context,
        assessment_id: juniper::ID,
        expected_version: i32,
        commands: Vec<AssessmentCommandInput>,
    ) -> AppResult<Assessment> {
        let actor = context.actor()?;
        let commands = parse_all(commands, AssessmentCommandInput::parse)?;
        // The answer's base is read on the write's connection: no second checkout.
        audit::write(&context.state.pool, actor, |tx| {
            let row = assessments::apply_commands(
                tx,
                &assessment_id,
                i64::from(expected_version),
                &commands,
            )?;
            Assessment::load(tx.conn(), row)
        })
    }

    /// Management approval: the current draft becomes an immutable revision. Refused while
    /// any `ERROR` finding is open (the list is in `extensions.findings`); open warnings need
    /// `acknowledgement`, a comment saying why they are accepted, which the approval records.
    /// `signatory` names the manager who approves, e.g. "Anne Holm, Municipal Director"
    /// (default: the signed-in user); it is what the report shows as management approval.
    fn approve_assessment(
        context: &Context,
        assessment_id: juniper::ID,
        expected_version: i32,
        acknowledgement: Option<String>,
        signatory: Option<String>,
    ) -> AppResult<Assessment> {
        let actor = context.actor()?;
        let today = context.state.today();
        let settings = {
            let mut conn = context.conn()?;
            let current = assessments::find(&mut conn, actor, &assessment_id)?;
            assessments::base_of(&mut conn, &current)?
                .0
                .check_settings()
        };
        let row = audit::write(&context.state.pool, actor, |tx| {
            crate::approval::approve(
                tx,
                &assessment_id,
                i64::from(expected_version),
                &settings,
                today,
                acknowledgement.clone(),
                signatory.as_deref(),
            )
        })?;
        Assessment::load(&mut *context.conn()?, row)
    }

    /// Applies the three-way upgrade to a newer published template version. `resolutions`
    /// resolves every conflict of `upgradePreview` (`KEEP_LOCAL` with a justification, or
    /// `TAKE_CENTRAL`). An unresolved conflict refuses the whole upgrade, listing them.
    fn upgrade_assessment(
        context: &Context,
        assessment_id: juniper::ID,
        expected_version: i32,
        template_version: i32,
        resolutions: Option<Vec<ConflictResolutionInput>>,
    ) -> AppResult<Assessment> {
        let actor = context.actor()?;
        let resolutions = parse_resolutions(resolutions)?;
        let row = audit::write(&context.state.pool, actor, |tx| {
            assessments::upgrade(
                tx,
                &assessment_id,
                i64::from(expected_version),
                template_version,
                &resolutions,
            )
        })?;
        Assessment::load(&mut *context.conn()?, row)
    }

    /// Upgrades an adherence to a newer published code version, as `upgradeAssessment` does an
    /// assessment: `resolutions` resolves every conflict of `adherence { upgradePreview }` (an
    /// answer to a clause the new version removes): `KEEP_LOCAL` with a justification retains
    /// the answer with the removed clause's text, `TAKE_CENTRAL` drops it. An unresolved
    /// conflict refuses the whole upgrade, listing them; new clauses arrive `UNADDRESSED`.
    fn upgrade_adherence(
        context: &Context,
        adherence_id: juniper::ID,
        expected_version: i32,
        code_version: i32,
        resolutions: Option<Vec<ConflictResolutionInput>>,
    ) -> AppResult<super::adherence::Adherence> {
        let actor = context.actor()?;
        let resolutions = parse_resolutions(resolutions)?;
        let row = audit::write(&context.state.pool, actor, |tx| {
            crate::store::adherences::upgrade(
                tx,
                &adherence_id,
                i64::from(expected_version),
                code_version,
                &resolutions,
            )
        })?;
        super::adherence::Adherence::load(&mut *context.conn()?, row)
    }

    /// The supervisory authority records a review finding on an assessment (optionally on one
    /// item); the controller sees and answers it.
    fn record_review_finding(
        context: &Context,
        assessment_id: juniper::ID,
        item_key: Option<String>,
        severity: String,
        comment: String,
    ) -> AppResult<ReviewFinding> {
        let actor = context.actor()?;
        audit::write(&context.state.pool, actor, |tx| {
            reviews::record(
                tx,
                reviews::Subject::Assessment(&assessment_id),
                item_key.as_deref(),
                &severity,
                &comment,
            )
        })
        .map(Into::into)
    }

    /// The supervisory authority records a review finding on a controller's adherence to a
    /// code of conduct (optionally on one clause); the controller sees it in
    /// `adherence { reviewFindings }` and answers it with `answerReviewFinding`.
    fn record_adherence_review_finding(
        context: &Context,
        adherence_id: juniper::ID,
        clause_key: Option<String>,
        severity: String,
        comment: String,
    ) -> AppResult<ReviewFinding> {
        let actor = context.actor()?;
        audit::write(&context.state.pool, actor, |tx| {
            reviews::record(
                tx,
                reviews::Subject::Adherence(&adherence_id),
                clause_key.as_deref(),
                &severity,
                &comment,
            )
        })
        .map(Into::into)
    }

    /// The controller answers a review finding (on an assessment or an adherence).
    fn answer_review_finding(
        context: &Context,
        id: juniper::ID,
        expected_version: i32,
        answer: String,
    ) -> AppResult<ReviewFinding> {
        let actor = context.actor()?;
        audit::write(&context.state.pool, actor, |tx| {
            reviews::respond(tx, &id, i64::from(expected_version), Some(&answer), false)
        })
        .map(Into::into)
    }

    /// The supervisory authority closes a review finding (on an assessment or an adherence).
    fn close_review_finding(
        context: &Context,
        id: juniper::ID,
        expected_version: i32,
    ) -> AppResult<ReviewFinding> {
        let actor = context.actor()?;
        audit::write(&context.state.pool, actor, |tx| {
            reviews::respond(tx, &id, i64::from(expected_version), None, true)
        })
        .map(Into::into)
    }

    /// The owning central body sets the thresholds of the compliance checks for assessments of
    /// its template (docs/CHECKS.md lists them and their defaults).
    fn set_template_check_settings(
        context: &Context,
        template_key: String,
        max_high_risks_single_measure: i32,
        review_interval_months: i32,
    ) -> AppResult<TemplateCheckSettings> {
        let actor = context.actor()?;
        let max = usize::try_from(max_high_risks_single_measure).map_err(|_| {
            AppError::validation("maxHighRisksSingleMeasure", "must not be negative")
        })?;
        let months = u32::try_from(review_interval_months)
            .map_err(|_| AppError::validation("reviewIntervalMonths", "must not be negative"))?;
        let settings = crate::domain::checks::CheckSettings::new(max, months)
            .map_err(|e| AppError::validation("reviewIntervalMonths", e.to_string()))?;
        audit::write(&context.state.pool, actor, |tx| {
            let template = templates::find_by_key(tx.conn(), actor, &template_key)?;
            let saved = templates::set_check_settings(tx, &template, &settings)?;
            Ok(TemplateCheckSettings::from(&saved))
        })
    }

    /// Your controller declares adherence to a published code-of-conduct version.
    fn declare_adherence(
        context: &Context,
        code_key: String,
        code_version: i32,
    ) -> AppResult<super::adherence::Adherence> {
        let actor = context.actor()?;
        let row = audit::write(&context.state.pool, actor, |tx| {
            crate::store::adherences::declare(tx, &code_key, code_version)
        })?;
        super::adherence::Adherence::load(&mut *context.conn()?, row)
    }

    /// Applies commands to an adherence in order, in one transaction, as
    /// `applyAssessmentCommands` does to an assessment: answer a clause (`COMPLIANT` with
    /// evidence, `DEVIATION` with justification and compensating measure, `NOT_APPLICABLE`
    /// with justification) or clear an answer.
    fn apply_adherence_commands(
        context: &Context,
        adherence_id: juniper::ID,
        expected_version: i32,
        commands: Vec<AdherenceCommandInput>,
    ) -> AppResult<super::adherence::Adherence> {
        let actor = context.actor()?;
        let commands = parse_all(commands, AdherenceCommandInput::parse)?;
        let row = audit::write(&context.state.pool, actor, |tx| {
            crate::store::adherences::apply_commands(
                tx,
                &adherence_id,
                i64::from(expected_version),
                &commands,
            )
        })?;
        super::adherence::Adherence::load(&mut *context.conn()?, row)
    }
}

/// Thresholds of the compliance checks for one template.
#[derive(juniper::GraphQLObject)]
pub struct TemplateCheckSettings {
    pub max_high_risks_single_measure: i32,
    pub review_interval_months: i32,
}

impl From<&crate::domain::checks::CheckSettings> for TemplateCheckSettings {
    fn from(s: &crate::domain::checks::CheckSettings) -> Self {
        Self {
            max_high_risks_single_measure: s.max_high_risks_single_measure() as i32,
            review_interval_months: s.review_interval_months() as i32,
        }
    }
}
