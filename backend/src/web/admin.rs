//! Screen 13: an organisation admin's users: create, change role, disable, set a new password
//! that the user must change at the next sign-in. The same store functions (and so the same
//! audit entries) as the API's `createUser` and `updateUser`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::csrf::Posted;
use super::errors::{redirect, PageError, PageResult};
use super::render::render_status;
use super::session::Admin;
use crate::audit;
use crate::auth::password;
use crate::context::Role;
use crate::error::AppError;
use crate::store::{users, web_sessions};

#[derive(Serialize)]
struct UserRow {
    id: String,
    email: String,
    display_name: String,
    role: String,
    disabled: bool,
    version: i64,
    is_me: bool,
}

impl UserRow {
    fn of(user: users::User, me: &str) -> Self {
        UserRow {
            is_me: user.id == me,
            id: user.id,
            email: user.email,
            display_name: user.display_name,
            role: user.role,
            disabled: user.disabled,
            version: user.version,
        }
    }
}

/// What the create form sent back when it was refused, so nothing typed is lost.
#[derive(Default, Serialize)]
struct Draft {
    email: String,
    display_name: String,
    role: String,
}

type FieldError = Option<(String, String)>;

async fn users_page(
    admin: &Admin,
    status: StatusCode,
    draft: Draft,
    error: FieldError,
) -> PageResult {
    let me = admin.actor().user_id.clone();
    let rows = admin
        .load(move |_, actor, conn| {
            Ok(users::list(conn, actor, &actor.org_id)?
                .into_iter()
                .map(|u| UserRow::of(u, &me))
                .collect::<Vec<_>>())
        })
        .await?;
    let (error_field, error) = error.unzip();
    render_status(
        &admin.chrome,
        status,
        "web/users.html",
        context! {
            users => Serde(rows),
            draft => Serde(draft),
            error_field => error_field,
            error => error,
            min_chars => password::MIN_PASSWORD_CHARS,
        },
    )
}

/// `GET /admin/users`.
pub async fn users(admin: Admin) -> PageResult {
    users_page(&admin, StatusCode::OK, Draft::default(), None).await
}

#[derive(Deserialize)]
pub struct NewUserForm {
    email: String,
    display_name: String,
    role: String,
    password: String,
}

fn role_of(text: &str) -> Option<Role> {
    Role::parse(text)
}

/// Maps a refused write to (field, message in the page's language where we have one).
fn field_error(lang: crate::i18n::Lang, e: &AppError) -> FieldError {
    let t = |key: &str| crate::i18n::text(lang, key);
    match e {
        AppError::Validation { field, message, .. } => {
            let text = match field.as_str() {
                "email" => t("user-email-invalid"),
                "displayName" => t("user-name-missing"),
                "role" => t("user-self-change"),
                _ => message.clone(),
            };
            let field = if field == "displayName" {
                "display_name".to_string()
            } else {
                field.clone()
            };
            Some((field, text))
        }
        AppError::Conflict(_) => Some(("email".into(), t("user-email-taken"))),
        _ => None,
    }
}

/// `POST /admin/users`: a new user of the admin's organisation.
pub async fn create_user(posted: Posted<NewUserForm, Admin>) -> PageResult {
    let admin = &posted.guard;
    let lang = admin.lang;
    let form = &posted.form;
    let draft = Draft {
        email: form.email.clone(),
        display_name: form.display_name.clone(),
        role: form.role.clone(),
    };
    let Some(role) = role_of(&form.role) else {
        return Err(PageError::BadForm(lang));
    };
    if let Err(e) = password::check_password_policy(&form.password) {
        let message = super::i18n::password_refusal(lang, &e);
        return users_page(
            admin,
            StatusCode::UNPROCESSABLE_ENTITY,
            draft,
            Some(("password".into(), message)),
        )
        .await;
    }
    let (email, name, plain) = (
        form.email.clone(),
        form.display_name.clone(),
        form.password.clone(),
    );
    let result = admin
        .block(move |state, actor, _| {
            let hash = password::hash_password(&plain)
                .map_err(|e| AppError::Internal(format!("hashing: {e}")))?;
            audit::write(&state.pool, actor, |tx| {
                users::insert(
                    tx,
                    users::NewUser {
                        id: None,
                        org_id: &actor.org_id,
                        email: &email,
                        display_name: &name,
                        role,
                        password_hash: hash,
                    },
                )
            })
        })
        .await?;
    match result {
        Ok(_) => Ok(redirect("/admin/users")),
        Err(e) => match field_error(lang, &e) {
            Some(err) => {
                users_page(admin, StatusCode::UNPROCESSABLE_ENTITY, draft, Some(err)).await
            }
            None => Err(PageError::from_app(lang, e)),
        },
    }
}

async fn user_page(
    admin: &Admin,
    id: String,
    status: StatusCode,
    error: FieldError,
    notice: Option<&str>,
) -> PageResult {
    let me = admin.actor().user_id.clone();
    let user = admin
        .load(move |_, actor, conn| {
            Ok(UserRow::of(
                users::find(conn, actor, &actor.org_id, &id)?,
                &me,
            ))
        })
        .await?;
    let (error_field, error) = error.unzip();
    render_status(
        &admin.chrome,
        status,
        "web/user.html",
        context! {
            user => Serde(user),
            error_field => error_field,
            error => error,
            notice => notice,
            min_chars => password::MIN_PASSWORD_CHARS,
        },
    )
}

/// `GET /admin/users/{id}`: role, disabled, a new password.
pub async fn user(admin: Admin, id: web::Path<String>) -> PageResult {
    user_page(&admin, id.into_inner(), StatusCode::OK, None, None).await
}

#[derive(Deserialize)]
pub struct UpdateForm {
    version: i64,
    role: String,
    /// A checkbox: present when ticked.
    disabled: Option<String>,
}

/// `POST /admin/users/{id}`: role and disabled, with the version read (a stale form is told).
pub async fn update_user(posted: Posted<UpdateForm, Admin>, id: web::Path<String>) -> PageResult {
    let admin = &posted.guard;
    let lang = admin.lang;
    let id = id.into_inner();
    let Some(role) = role_of(&posted.form.role) else {
        return Err(PageError::BadForm(lang));
    };
    let (version, disabled, user_id) = (
        posted.form.version,
        posted.form.disabled.is_some(),
        id.clone(),
    );
    let result = admin
        .block(move |state, actor, _| {
            audit::write(&state.pool, actor, |tx| {
                let before = users::find(tx.conn(), actor, &actor.org_id, &user_id)?;
                let update = users::UserUpdate {
                    role: (before.role() != role).then_some(role),
                    disabled: (before.disabled != disabled).then_some(disabled),
                    display_name: None,
                };
                let after = users::update(tx, &actor.org_id, &user_id, version, update)?;
                if after.disabled {
                    web_sessions::end_all_of_user(
                        tx,
                        &actor.org_id,
                        &user_id,
                        None,
                        "user_disabled",
                    )?;
                }
                Ok(after)
            })
        })
        .await?;
    match result {
        Ok(_) => user_page(admin, id, StatusCode::OK, None, Some("user-saved")).await,
        Err(AppError::Conflict(_)) => {
            let message = crate::i18n::text(lang, "form-stale");
            user_page(
                admin,
                id,
                StatusCode::CONFLICT,
                Some(("version".into(), message)),
                None,
            )
            .await
        }
        Err(e) => match field_error(lang, &e) {
            Some(err) => {
                user_page(admin, id, StatusCode::UNPROCESSABLE_ENTITY, Some(err), None).await
            }
            None => Err(PageError::from_app(lang, e)),
        },
    }
}

#[derive(Deserialize)]
pub struct SetPasswordForm {
    password: String,
}

/// `POST /admin/users/{id}/password`: a new password the user must change at next sign-in;
/// the user's open browser sessions end.
pub async fn set_password(
    req: HttpRequest,
    posted: Posted<SetPasswordForm, Admin>,
    id: web::Path<String>,
) -> PageResult {
    let admin = &posted.guard;
    let client = crate::http::client::address(&req);
    let lang = admin.lang;
    let id = id.into_inner();
    if let Err(e) = password::check_password_policy(&posted.form.password) {
        let message = super::i18n::password_refusal(lang, &e);
        return user_page(
            admin,
            id,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(("password".into(), message)),
            None,
        )
        .await;
    }
    let (plain, user_id) = (posted.form.password.clone(), id.clone());
    let result = admin
        .block(move |state, actor, _| {
            let hash = password::hash_password(&plain)
                .map_err(|e| AppError::Internal(format!("hashing: {e}")))?;
            audit::write(&state.pool, actor, |tx| {
                users::find(tx.conn(), actor, &actor.org_id, &user_id)?;
                web_sessions::set_password_by_admin(tx, &actor.org_id, &user_id, hash, &client)?;
                // Whoever knew the old password is out of the API too.
                crate::signin::end_other_sessions(tx, &actor.org_id, &user_id, None)?;
                Ok(())
            })
        })
        .await?;
    match result {
        Ok(()) => user_page(admin, id, StatusCode::OK, None, Some("user-password-set")).await,
        Err(e) => match field_error(lang, &e) {
            Some(err) => {
                user_page(admin, id, StatusCode::UNPROCESSABLE_ENTITY, Some(err), None).await
            }
            None => Err(PageError::from_app(lang, e)),
        },
    }
}
