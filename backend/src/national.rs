//! `dpiahub generate-national`: the national data set of SPEC §9 — 1 central body, 98
//! controllers and the supervisory authority; a template with 17 scopes, 300 risks and 60
//! recommendations; per controller ~40 measures, overrides on ~30 % of the risks, responses to
//! every recommendation, a treatment for every risk and ~10 incidents.
//!
//! Everything goes through the same write path as the API (store functions inside
//! `audit::write_on`), so the data set carries its audit trail and hash chains, and every
//! command passes the write rules of SPEC §3. The content is fixed by the seed; database ids
//! and timestamps are not (they come from the store, as for any write).

pub mod assessment;
pub mod rng;
pub mod template;

use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::audit;
use crate::auth::password;
use crate::bootstrap;
use crate::context::{Actor, OrgKind, Role};
use crate::error::{AppError, AppResult};
use crate::store::assessments::{self, dpia_of};
use crate::store::{self, organisations, templates, users, DbConnection};
use rng::SplitMix64;
use template::{national_template, CatalogueSize, TEMPLATE_KEY};

pub const OPERATOR_EMAIL: &str = "operator@national.example";
/// The central body's editor, who imports and publishes the template.
pub const CENTRAL_EDITOR_EMAIL: &str = "editor@central.national.example";
/// The supervisory authority's case officer, who reads every assessment.
pub const AUTHORITY_EMAIL: &str = "reviewer@authority.national.example";

/// The editor of controller number `index` (1-based), e.g. `dpo@controller-001.national.example`.
pub fn controller_email(index: usize) -> String {
    format!("dpo@controller-{index:03}.national.example")
}

/// The day the generated dates are relative to: fixed, so the same seed gives the same data
/// on any day (the checks still evaluate against the server's clock).
pub fn reference_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default()
}

/// What to generate. The defaults are SPEC §9's.
#[derive(Clone, Debug)]
pub struct NationalOptions {
    pub seed: u64,
    pub controllers: usize,
    pub risks: usize,
    pub recommendations: usize,
    /// The password of every generated account.
    pub password: String,
}

/// What was generated, and how long it took.
#[derive(Clone, Debug)]
pub struct NationalSummary {
    pub controllers: usize,
    pub commands: usize,
    pub elapsed: Duration,
}

/// Builds the data set into an empty database. A database that already holds organisations
/// is refused: the generated accounts and keys would collide with what is there, and a data
/// set of 98 fictional controllers must never land in a production database by mistake.
pub fn generate(conn: &mut DbConnection, options: &NationalOptions) -> AppResult<NationalSummary> {
    let started = Instant::now();
    if organisations::count(conn)? > 0 {
        return Err(AppError::Conflict(
            "the database already holds organisations; generate-national only fills an empty \
             database (point DATABASE_URL at a new one)"
                .into(),
        ));
    }
    let hash = password::hash_password(&options.password)
        .map_err(|e| AppError::Internal(format!("hashing the password: {e}")))?;
    let operator =
        bootstrap::create_operator(conn, OPERATOR_EMAIL, "Platform operator", hash.clone())?;
    let people = create_organisations(conn, &operator, options.controllers, &hash)?;

    let size = CatalogueSize {
        risks: options.risks,
        recommendations: options.recommendations,
    };
    let document = national_template(options.seed, size)?;
    let changelog = document.version.changelog.clone().unwrap_or_default();
    let published = audit::write_on(conn, &people.central_editor, store::now_utc(), |tx| {
        let (template, draft) = templates::import_document(tx, &document)?;
        templates::publish(tx, &template, draft.number, draft.version, &changelog)
    })?;
    let base = dpia_of(&published)?;

    let root = SplitMix64::new(options.seed);
    let mut commands = 0;
    for (position, controller) in people.controllers.iter().enumerate() {
        let index = position + 1;
        let mut rng = root.fork(index as u64);
        let batch = assessment::controller_commands(&base, &mut rng, index, reference_day())?;
        commands += batch.len();
        audit::write_on(conn, controller, store::now_utc(), |tx| {
            let adopted = assessments::adopt(tx, TEMPLATE_KEY, published.number, "")?;
            assessments::apply_commands(tx, &adopted.id, adopted.version, &batch)
        })?;
        if index % 10 == 0 {
            tracing::info!(
                controllers = index,
                "national data set: assessments written"
            );
        }
    }
    Ok(NationalSummary {
        controllers: people.controllers.len(),
        commands,
        elapsed: started.elapsed(),
    })
}

/// The acting users of the data set.
struct People {
    central_editor: Actor,
    controllers: Vec<Actor>,
}

/// The operator creates the central body, the controllers and the authority, each with one
/// editor, in one audited transaction.
fn create_organisations(
    conn: &mut DbConnection,
    operator: &Actor,
    controllers: usize,
    hash: &str,
) -> AppResult<People> {
    let mut accounts: Vec<(OrgKind, String, String)> = vec![
        (
            OrgKind::CentralBody,
            "National Municipal IT Body".into(),
            CENTRAL_EDITOR_EMAIL.into(),
        ),
        (
            OrgKind::SupervisoryAuthority,
            "National Data Protection Authority".into(),
            AUTHORITY_EMAIL.into(),
        ),
    ];
    accounts.extend((1..=controllers).map(|i| {
        (
            OrgKind::Controller,
            format!("Municipality {i:03}"),
            controller_email(i),
        )
    }));
    let actors = audit::write_on(conn, operator, store::now_utc(), |tx| {
        let mut actors = Vec::with_capacity(accounts.len());
        for (kind, name, email) in &accounts {
            let org = organisations::insert(tx, *kind, name)?;
            let user = users::insert(
                tx,
                users::NewUser {
                    id: None,
                    org_id: &org.id,
                    email,
                    display_name: &format!("Editor of {name}"),
                    role: Role::Editor,
                    password_hash: hash.to_string(),
                },
            )?;
            actors.push(Actor {
                user_id: user.id,
                email: user.email,
                org_id: org.id,
                org_kind: *kind,
                role: Role::Editor,
            });
        }
        Ok(actors)
    })?;
    let mut actors = actors.into_iter();
    let central_editor = actors
        .next()
        .ok_or_else(|| AppError::Internal("the central body was not created".into()))?;
    let controllers = actors
        .filter(|a| a.org_kind == OrgKind::Controller)
        .collect();
    Ok(People {
        central_editor,
        controllers,
    })
}
