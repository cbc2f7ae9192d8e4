//! Users of an organisation.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::schema::users;
use super::visibility::{may_see_users_of, require_user_management};
use super::DbConnection;
use crate::audit::{Change, WriteTx};
use crate::context::{Actor, Role};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct User {
    pub org_id: String,
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub password_hash: String,
    pub disabled: bool,
    pub version: i64,
    pub created_at: NaiveDateTime,
}

impl User {
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Viewer)
    }

    /// What the audit trail keeps of a user: never the password hash.
    fn audit_view(&self) -> serde_json::Value {
        json!({
            "email": self.email,
            "display_name": self.display_name,
            "role": self.role,
            "disabled": self.disabled,
            "version": self.version,
        })
    }
}

/// E-mail addresses are compared case-insensitively: stored lower-case, trimmed.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Sign-in lookup by e-mail: the one read of users without a caller, by design.
pub(crate) fn find_for_login(conn: &mut DbConnection, email: &str) -> AppResult<Option<User>> {
    Ok(users::table
        .filter(users::email.eq(normalise_email(email)))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

/// Lookup of the token's subject when building the request context.
pub(crate) fn find_unscoped(
    conn: &mut DbConnection,
    org_id: &str,
    id: &str,
) -> AppResult<Option<User>> {
    Ok(users::table
        .find((org_id, id))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

pub fn find(conn: &mut DbConnection, actor: &Actor, org_id: &str, id: &str) -> AppResult<User> {
    if !may_see_users_of(actor, org_id) {
        return Err(AppError::not_found("user"));
    }
    find_unscoped(conn, org_id, id)?.ok_or(AppError::not_found("user"))
}

pub fn list(conn: &mut DbConnection, actor: &Actor, org_id: &str) -> AppResult<Vec<User>> {
    if !may_see_users_of(actor, org_id) {
        return Err(AppError::not_found("organisation"));
    }
    Ok(users::table
        .filter(users::org_id.eq(org_id))
        .order(users::email.asc())
        .select(User::as_select())
        .load(conn)?)
}

/// The answer for an address that cannot be given to a new user, whatever the reason.
const UNUSABLE_EMAIL: &str =
    "this e-mail address cannot be used for a new account here; use another address, or ask \
     the platform operator if the person needs access to more than one organisation";

pub struct NewUser<'a> {
    /// A chosen id (bootstrap of the operator); `None` generates one.
    pub id: Option<String>,
    pub org_id: &'a str,
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub password_hash: String,
}

pub fn insert(tx: &mut WriteTx<'_>, new: NewUser<'_>) -> AppResult<User> {
    require_user_management(tx.actor(), new.org_id)?;
    let email = normalise_email(new.email);
    if !is_plausible_email(&email) {
        return Err(AppError::validation(
            "email",
            "an e-mail address looks like name@domain",
        ));
    }
    if new.display_name.trim().is_empty() {
        return Err(AppError::validation("displayName", "a user needs a name"));
    }
    if let Some(existing) = find_for_login(tx.conn(), &email)? {
        // Sign-in names are unique across organisations. Users of one's own organisation are
        // listed to its admins anyway; of another, the answer must not say whether the
        // address exists there (issue 14, finding 5).
        if existing.org_id == new.org_id {
            return Err(AppError::Conflict(format!(
                "a user with e-mail {email} already exists in this organisation"
            )));
        }
        tracing::warn!(
            org = %new.org_id,
            "a new user was refused: the e-mail address signs in to another organisation"
        );
        return Err(AppError::validation("email", UNUSABLE_EMAIL));
    }
    let user = User {
        org_id: new.org_id.to_string(),
        id: new.id.unwrap_or_else(super::new_id),
        email,
        display_name: new.display_name.trim().to_string(),
        role: new.role.as_str().to_string(),
        password_hash: new.password_hash,
        disabled: false,
        version: 1,
        created_at: tx.now(),
    };
    diesel::insert_into(users::table)
        .values(&user)
        .execute(tx.conn())?;
    tx.record(Change {
        org_id: user.org_id.clone(),
        action: "create",
        entity: "user",
        entity_id: user.id.clone(),
        item_key: None,
        before: None,
        after: Some(user.audit_view()),
    });
    Ok(user)
}

/// What an admin may change on a user; `None` leaves a field as it is.
pub struct UserUpdate {
    pub role: Option<Role>,
    pub disabled: Option<bool>,
    pub display_name: Option<String>,
}

/// Updates a user if `expected_version` is still current (optimistic concurrency, SPEC §6).
pub fn update(
    tx: &mut WriteTx<'_>,
    org_id: &str,
    id: &str,
    expected_version: i64,
    update: UserUpdate,
) -> AppResult<User> {
    require_user_management(tx.actor(), org_id)?;
    let before = find_unscoped(tx.conn(), org_id, id)?.ok_or(AppError::not_found("user"))?;
    if before.version != expected_version {
        return Err(AppError::stale("user"));
    }
    if before.id == tx.actor().user_id && (update.role.is_some() || update.disabled == Some(true)) {
        // An organisation must not lock itself out by its last admin demoting or disabling itself.
        return Err(AppError::validation(
            "role",
            "you cannot change your own role or disable your own account; ask another admin",
        ));
    }
    let display_name = match update.display_name {
        Some(name) if name.trim().is_empty() => {
            return Err(AppError::validation("displayName", "a user needs a name"))
        }
        Some(name) => name.trim().to_string(),
        None => before.display_name.clone(),
    };
    let after = User {
        role: update
            .role
            .map(|r| r.as_str().to_string())
            .unwrap_or_else(|| before.role.clone()),
        disabled: update.disabled.unwrap_or(before.disabled),
        display_name,
        version: before.version + 1,
        ..before.clone()
    };
    let changed = diesel::update(
        users::table
            .find((org_id, id))
            .filter(users::version.eq(expected_version)),
    )
    .set((
        users::role.eq(&after.role),
        users::disabled.eq(after.disabled),
        users::display_name.eq(&after.display_name),
        users::version.eq(after.version),
    ))
    .execute(tx.conn())?;
    if changed != 1 {
        return Err(AppError::stale("user"));
    }
    tx.record(Change {
        org_id: org_id.to_string(),
        action: "update",
        entity: "user",
        entity_id: id.to_string(),
        item_key: None,
        before: Some(before.audit_view()),
        after: Some(after.audit_view()),
    });
    Ok(after)
}

/// The language a user chose for pages and e-mails, if any.
pub(crate) fn language_of(
    conn: &mut DbConnection,
    org_id: &str,
    id: &str,
) -> AppResult<Option<Lang>> {
    let chosen: Option<Option<String>> = users::table
        .find((org_id, id))
        .select(users::language)
        .first(conn)
        .optional()?;
    Ok(chosen.flatten().as_deref().and_then(Lang::parse))
}

/// Records the language the actor reads pages and notice e-mails in.
pub fn set_own_language(tx: &mut WriteTx<'_>, lang: Lang) -> AppResult<()> {
    let (org_id, id) = (tx.actor().org_id.clone(), tx.actor().user_id.clone());
    let before = language_of(tx.conn(), &org_id, &id)?;
    if before == Some(lang) {
        return Ok(());
    }
    let changed = diesel::update(users::table.find((&org_id, &id)))
        .set(users::language.eq(lang.code()))
        .execute(tx.conn())?;
    if changed != 1 {
        return Err(AppError::not_found("user"));
    }
    tx.record(Change {
        org_id,
        action: "set_language",
        entity: "user",
        entity_id: id,
        item_key: None,
        before: Some(json!({ "language": before.map(|l| l.code()) })),
        after: Some(json!({ "language": lang.code() })),
    });
    Ok(())
}

/// Replaces the actor's own password hash; `client` is where the change came from.
pub fn set_own_password(
    tx: &mut WriteTx<'_>,
    password_hash: String,
    client: &str,
) -> AppResult<()> {
    let (org_id, id) = (tx.actor().org_id.clone(), tx.actor().user_id.clone());
    let changed = diesel::update(users::table.find((&org_id, &id)))
        .set((
            users::password_hash.eq(password_hash),
            users::version.eq(users::version + 1),
        ))
        .execute(tx.conn())?;
    if changed != 1 {
        return Err(AppError::not_found("user"));
    }
    tx.record(Change {
        org_id,
        action: "change_password",
        entity: "user",
        entity_id: id,
        item_key: None,
        before: None,
        after: super::sessions::noting_client(None, client),
    });
    Ok(())
}

fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.len() <= 254
        && !email.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e_mail_addresses_are_normalised_and_checked() {
        assert_eq!(
            normalise_email("  DPO@Nordby.Example "),
            "dpo@nordby.example"
        );
        assert!(is_plausible_email("dpo@nordby.example"));
        assert!(!is_plausible_email("dpo@nordby"));
        assert!(!is_plausible_email("@nordby.example"));
        assert!(!is_plausible_email("d po@nordby.example"));
    }
}
