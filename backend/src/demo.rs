//! The demo data set (SPEC §8, §10): fictional organisations and their accounts, loaded into an
//! empty database. Later content (templates, assessments) is added here as it lands.

use crate::audit;
use crate::auth::password;
use crate::bootstrap;
use crate::context::{OrgKind, Role};
use crate::error::{AppError, AppResult};
use crate::store::{self, organisations, users, DbConnection};

pub const OPERATOR_EMAIL: &str = "operator@platform.example";

/// A demo organisation and the accounts in it.
struct DemoOrganisation {
    kind: OrgKind,
    name: &'static str,
    accounts: &'static [(&'static str, &'static str, Role)],
}

const ORGANISATIONS: &[DemoOrganisation] = &[
    DemoOrganisation {
        kind: OrgKind::CentralBody,
        name: "Kommunernes Fælles IT",
        accounts: &[
            ("admin@central.example", "Central admin", Role::Admin),
            (
                "editor@central.example",
                "Central DPIA editor",
                Role::Editor,
            ),
        ],
    },
    DemoOrganisation {
        kind: OrgKind::Controller,
        name: "Nordby Kommune",
        accounts: &[
            ("admin@nordby.example", "Nordby admin", Role::Admin),
            ("dpo@nordby.example", "Nordby DPO", Role::Editor),
        ],
    },
    DemoOrganisation {
        kind: OrgKind::Controller,
        name: "Sydby Kommune",
        accounts: &[
            ("admin@sydby.example", "Sydby admin", Role::Admin),
            ("dpo@sydby.example", "Sydby DPO", Role::Editor),
        ],
    },
    DemoOrganisation {
        kind: OrgKind::SupervisoryAuthority,
        name: "Tilsynet for Databeskyttelse",
        accounts: &[
            ("admin@authority.example", "Authority admin", Role::Admin),
            ("reviewer@authority.example", "Case officer", Role::Editor),
        ],
    },
];

/// One demo login, as printed at start-up.
pub struct DemoLogin {
    pub email: String,
    pub organisation: String,
    pub role: &'static str,
}

/// Loads the demo into an empty database; returns `None` when the database already has data.
/// Every account shares `password`.
pub fn load_if_empty(conn: &mut DbConnection, password: &str) -> AppResult<Option<Vec<DemoLogin>>> {
    if organisations::count(conn)? > 0 {
        return Ok(None);
    }
    let hash = password::hash_password(password)
        .map_err(|e| AppError::Internal(format!("hashing the demo password: {e}")))?;
    let operator =
        bootstrap::create_operator(conn, OPERATOR_EMAIL, "Platform operator", hash.clone())?;
    let mut logins = vec![DemoLogin {
        email: OPERATOR_EMAIL.into(),
        organisation: bootstrap::PLATFORM_ORG_NAME.into(),
        role: "operator",
    }];
    audit::write_on(conn, &operator, store::now_utc(), |tx| {
        for demo in ORGANISATIONS {
            let org = organisations::insert(tx, demo.kind, demo.name)?;
            for (email, name, role) in demo.accounts {
                users::insert(
                    tx,
                    users::NewUser {
                        id: None,
                        org_id: &org.id,
                        email,
                        display_name: name,
                        role: *role,
                        password_hash: hash.clone(),
                    },
                )?;
                logins.push(DemoLogin {
                    email: (*email).into(),
                    organisation: demo.name.into(),
                    role: role.as_str(),
                });
            }
        }
        Ok(())
    })?;
    Ok(Some(logins))
}
