//! The platform operator's page (issue 16, screen 11): every organisation with its admins, and
//! a new organisation with its first admin — the same store calls and audit entries as the
//! API's `createOrganisation`. Anyone but the operator gets the 404 page.

use actix_web::http::StatusCode;
use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::csrf::Posted;
use super::errors::{redirect, PageError, PageResult};
use super::render::render_status;
use super::session::SignedIn;
use crate::audit;
use crate::auth::password;
use crate::context::{OrgKind, Role};
use crate::error::AppError;
use crate::store::{organisations, users};

/// The operator's pages (mounted by `web::configure`).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/operator/organisations", web::get().to(list))
        .route("/operator/organisations", web::post().to(create));
}

/// The kinds of organisation the operator creates (the platform itself exists once).
const KINDS: &[&str] = &["CONTROLLER", "CENTRAL_BODY", "SUPERVISORY_AUTHORITY"];

fn require_operator(signed: &SignedIn) -> Result<(), PageError> {
    if signed.actor().is_operator() {
        Ok(())
    } else {
        Err(PageError::NotFound(signed.lang))
    }
}

#[derive(Serialize)]
struct OrgRow {
    /// For the link to the organisation's sign-in settings (SSO stream).
    id: String,
    name: String,
    kind: String,
    created_at: String,
    admins: Vec<(String, String)>,
    users: usize,
}

#[derive(Clone, Default, Deserialize, Serialize)]
pub struct NewOrgForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    admin_name: String,
    #[serde(default)]
    admin_email: String,
    #[serde(default, skip_serializing)]
    admin_password: String,
}

async fn page(
    signed: &SignedIn,
    status: StatusCode,
    draft: NewOrgForm,
    error: Option<(String, String)>,
) -> PageResult {
    let rows = signed
        .load(|_, actor, conn| {
            let mut rows = Vec::new();
            for org in organisations::list(conn, actor)? {
                let people = users::list(conn, actor, &org.id)?;
                rows.push(OrgRow {
                    admins: people
                        .iter()
                        .filter(|u| u.role() == Role::Admin)
                        .map(|u| (u.display_name.clone(), u.email.clone()))
                        .collect(),
                    users: people.len(),
                    id: org.id,
                    name: org.name,
                    kind: org.kind,
                    created_at: org.created_at.date().to_string(),
                });
            }
            Ok(rows)
        })
        .await?;
    let (error_field, error) = error.unzip();
    render_status(
        &signed.chrome,
        status,
        "web/operator/organisations.html",
        context! {
            rows => Serde(rows),
            kinds => Serde(KINDS),
            draft => Serde(draft),
            min_chars => password::MIN_PASSWORD_CHARS,
            error_field => error_field,
            error => error,
        },
    )
}

/// `GET /operator/organisations`.
pub async fn list(signed: SignedIn) -> PageResult {
    require_operator(&signed)?;
    page(&signed, StatusCode::OK, NewOrgForm::default(), None).await
}

/// `POST /operator/organisations`: a new organisation and its first admin, one transaction.
pub async fn create(posted: Posted<NewOrgForm>) -> PageResult {
    let signed = posted.guard.clone();
    require_operator(&signed)?;
    let lang = signed.lang;
    let form = posted.form;
    let Some(kind) = OrgKind::parse(&form.kind).filter(|k| *k != OrgKind::Platform) else {
        return Err(PageError::BadForm(lang));
    };
    if let Err(e) = password::check_password_policy(&form.admin_password) {
        let message = crate::web::i18n::password_refusal(lang, &e);
        return page(
            &signed,
            StatusCode::UNPROCESSABLE_ENTITY,
            form,
            Some(("admin_password".into(), message)),
        )
        .await;
    }
    let input = form.clone();
    let result = signed
        .block(move |state, actor, _| {
            if input.name.trim().is_empty() {
                return Err(AppError::validation("name", "an organisation needs a name"));
            }
            let hash = password::hash_password(&input.admin_password)
                .map_err(|e| AppError::Internal(format!("hashing: {e}")))?;
            audit::write(&state.pool, actor, |tx| {
                let org = organisations::insert(tx, kind, input.name.trim())?;
                users::insert(
                    tx,
                    users::NewUser {
                        id: None,
                        org_id: &org.id,
                        email: &input.admin_email,
                        display_name: &input.admin_name,
                        role: Role::Admin,
                        password_hash: hash,
                    },
                )?;
                Ok(org)
            })
        })
        .await?;
    match result {
        Ok(_) => Ok(redirect("/operator/organisations")),
        Err(AppError::Validation { field, message, .. }) => {
            let field = match field.as_str() {
                "email" => "admin_email",
                "displayName" | "display_name" => "admin_name",
                "name" => "name",
                _ => "admin_email",
            };
            page(
                &signed,
                StatusCode::UNPROCESSABLE_ENTITY,
                form,
                Some((field.into(), message)),
            )
            .await
        }
        Err(AppError::Conflict(_)) => {
            let message = crate::i18n::text(lang, "user-email-taken");
            page(
                &signed,
                StatusCode::UNPROCESSABLE_ENTITY,
                form,
                Some(("admin_email".into(), message)),
            )
            .await
        }
        Err(e) => Err(PageError::from_app(lang, e)),
    }
}
