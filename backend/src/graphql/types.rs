//! GraphQL object types of the foundation: organisations, users, sessions, the audit trail.

use juniper::{graphql_object, GraphQLEnum, GraphQLObject};

use super::Context;
use crate::audit::{AuditEntry as StoredAuditEntry, ChainVerification};
use crate::context::{OrgKind, Role};
use crate::error::AppResult;
use crate::store::{
    organisations::Organisation as StoredOrganisation, users, users::User as StoredUser,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, GraphQLEnum)]
#[graphql(name = "OrganisationKind")]
pub enum OrganisationKindGql {
    /// The platform operator's own organisation.
    Platform,
    CentralBody,
    Controller,
    SupervisoryAuthority,
}

impl From<OrgKind> for OrganisationKindGql {
    fn from(k: OrgKind) -> Self {
        match k {
            OrgKind::Platform => Self::Platform,
            OrgKind::CentralBody => Self::CentralBody,
            OrgKind::Controller => Self::Controller,
            OrgKind::SupervisoryAuthority => Self::SupervisoryAuthority,
        }
    }
}

impl From<OrganisationKindGql> for OrgKind {
    fn from(k: OrganisationKindGql) -> Self {
        match k {
            OrganisationKindGql::Platform => Self::Platform,
            OrganisationKindGql::CentralBody => Self::CentralBody,
            OrganisationKindGql::Controller => Self::Controller,
            OrganisationKindGql::SupervisoryAuthority => Self::SupervisoryAuthority,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, GraphQLEnum)]
#[graphql(name = "Role")]
pub enum RoleGql {
    Admin,
    Editor,
    Viewer,
}

impl From<Role> for RoleGql {
    fn from(r: Role) -> Self {
        match r {
            Role::Admin => Self::Admin,
            Role::Editor => Self::Editor,
            Role::Viewer => Self::Viewer,
        }
    }
}

impl From<RoleGql> for Role {
    fn from(r: RoleGql) -> Self {
        match r {
            RoleGql::Admin => Self::Admin,
            RoleGql::Editor => Self::Editor,
            RoleGql::Viewer => Self::Viewer,
        }
    }
}

pub struct Organisation(pub StoredOrganisation);

/// A tenant: a central body, a controller, the supervisory authority (or the platform).
#[graphql_object(context = Context)]
impl Organisation {
    fn id(&self) -> juniper::ID {
        juniper::ID::new(&self.0.id)
    }
    fn name(&self) -> &str {
        &self.0.name
    }
    fn kind(&self) -> OrganisationKindGql {
        self.0.kind().into()
    }
    /// The organisation's users; only its own members and the operator may list them.
    fn users(&self, context: &Context) -> AppResult<Vec<User>> {
        let actor = context.actor()?;
        let mut conn = context.conn()?;
        Ok(users::list(&mut conn, actor, &self.0.id)?
            .into_iter()
            .map(User)
            .collect())
    }
}

pub struct User(pub StoredUser);

/// A person who signs in; belongs to exactly one organisation.
#[graphql_object(context = Context)]
impl User {
    fn id(&self) -> juniper::ID {
        juniper::ID::new(&self.0.id)
    }
    fn email(&self) -> &str {
        &self.0.email
    }
    fn display_name(&self) -> &str {
        &self.0.display_name
    }
    fn role(&self) -> RoleGql {
        self.0.role().into()
    }
    fn disabled(&self) -> bool {
        self.0.disabled
    }
    /// Optimistic concurrency: send it back with an update; a stale one is a `CONFLICT`.
    fn version(&self) -> i32 {
        self.0.version as i32
    }
    fn organisation(&self, context: &Context) -> AppResult<Organisation> {
        let actor = context.actor()?;
        let mut conn = context.conn()?;
        Ok(Organisation(crate::store::organisations::find(
            &mut conn,
            actor,
            &self.0.org_id,
        )?))
    }
}

/// Tokens of a session: a short-lived access token and a single-use refresh token.
#[derive(GraphQLObject)]
pub struct SessionTokens {
    /// Send as `Authorization: Bearer <accessToken>`.
    pub access_token: String,
    /// Exchange with `refresh` for new tokens; each works once.
    pub refresh_token: String,
    /// Seconds until the access token expires.
    pub expires_in: i32,
}

impl From<crate::signin::Tokens> for SessionTokens {
    fn from(t: crate::signin::Tokens) -> Self {
        Self {
            access_token: t.access_token,
            refresh_token: t.refresh_token,
            expires_in: t.expires_in_secs as i32,
        }
    }
}

/// Outcome of re-computing an organisation's audit hash chain.
#[derive(GraphQLObject)]
pub struct AuditChainVerification {
    pub valid: bool,
    pub entries: i32,
    /// The first entry that does not match, when the chain is broken.
    pub first_invalid_seq: Option<i32>,
}

impl From<ChainVerification> for AuditChainVerification {
    fn from(v: ChainVerification) -> Self {
        Self {
            valid: v.valid,
            entries: v.entries as i32,
            first_invalid_seq: v.first_invalid_seq.map(|s| s as i32),
        }
    }
}

/// One entry of the append-only audit trail (SPEC §6).
#[derive(GraphQLObject)]
pub struct AuditEntry {
    pub organisation_id: juniper::ID,
    pub seq: i32,
    pub actor_email: String,
    pub actor_organisation_id: juniper::ID,
    /// UTC, RFC 3339.
    pub at: String,
    pub action: String,
    pub entity: String,
    pub entity_id: juniper::ID,
    pub item_key: Option<String>,
    /// Canonical JSON of the state before the change, if any.
    pub before: Option<String>,
    pub after: Option<String>,
    pub hash: String,
}

impl From<StoredAuditEntry> for AuditEntry {
    fn from(e: StoredAuditEntry) -> Self {
        Self {
            organisation_id: e.org_id.into(),
            seq: e.seq as i32,
            actor_email: e.actor_email,
            actor_organisation_id: e.actor_org_id.into(),
            at: e
                .at
                .and_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            action: e.action,
            entity: e.entity,
            entity_id: e.entity_id.into(),
            item_key: e.item_key,
            before: e.before_json,
            after: e.after_json,
            hash: e.hash,
        }
    }
}

/// A page of the audit trail, newest first (Relay-style connection).
#[derive(GraphQLObject)]
pub struct AuditEntryConnection {
    pub edges: Vec<AuditEntryEdge>,
    pub page_info: PageInfo,
}

#[derive(GraphQLObject)]
pub struct AuditEntryEdge {
    pub cursor: String,
    pub node: AuditEntry,
}

#[derive(GraphQLObject)]
pub struct PageInfo {
    pub has_next_page: bool,
    pub end_cursor: Option<String>,
}
