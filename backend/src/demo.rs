//! The demo data set (SPEC §8, §10): fictional organisations and their accounts, loaded into an
//! empty database. Later content (templates, assessments) is added here as it lands.

use crate::approval;
use crate::audit;
use crate::auth::password;
use crate::bootstrap;
use crate::context::{Actor, OrgKind, Role};
use crate::domain::adherence::AdherenceCommand;
use crate::domain::assessment::{take_management_approval, AssessmentCommand};
use crate::domain::checks::CheckSettings;
use crate::domain::interchange;
use crate::error::{AppError, AppResult};
use crate::store::{self, adherences, assessments, organisations, templates, users, DbConnection};
use chrono::{Days, NaiveDate};
use serde_json::Value;

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
        kind: OrgKind::Controller,
        name: "Region Østerby",
        accounts: &[
            ("admin@osterby.example", "Østerby admin", Role::Admin),
            ("dpo@osterby.example", "Østerby DPO", Role::Editor),
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

/// The day the demo's dates are written for (backend/demo/*.json). Loading shifts every date
/// by the days between this and the day of loading, so the demo shows the same findings
/// (processing started N days ago, reviews and due dates ahead) whenever it is loaded.
pub const REFERENCE_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 23) {
    Some(day) => day,
    None => panic!("a calendar date"),
};

/// Loads the demo into an empty database, its dates relative to today (UTC); returns `None`
/// when the database already has data. Every account shares `password`.
pub fn load_if_empty(conn: &mut DbConnection, password: &str) -> AppResult<Option<Vec<DemoLogin>>> {
    load_if_empty_on(conn, password, chrono::Utc::now().date_naive())
}

/// [`load_if_empty`] with the demo's dates shifted to `today` (tests pass a fixed day).
pub fn load_if_empty_on(
    conn: &mut DbConnection,
    password: &str,
    today: NaiveDate,
) -> AppResult<Option<Vec<DemoLogin>>> {
    let shift = DateShift::to(today);
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
    let mut actors = Vec::new();
    audit::write_on(conn, &operator, store::now_utc(), |tx| {
        for demo in ORGANISATIONS {
            let org = organisations::insert(tx, demo.kind, demo.name)?;
            for (email, name, role) in demo.accounts {
                let user = users::insert(
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
                actors.push(Actor {
                    user_id: user.id,
                    email: user.email,
                    org_id: org.id.clone(),
                    org_kind: demo.kind,
                    role: *role,
                });
                logins.push(DemoLogin {
                    email: (*email).into(),
                    organisation: demo.name.into(),
                    role: role.as_str(),
                });
            }
        }
        Ok(())
    })?;
    let central_editor = actor_of(&actors, "editor@central.example")?;
    load_templates(conn, central_editor)?;
    let (nordby, sydby) = (
        actor_of(&actors, "dpo@nordby.example")?,
        actor_of(&actors, "dpo@sydby.example")?,
    );
    load_assessment(
        conn,
        nordby,
        "school-platform",
        &shift.commands(NORDBY)?,
        true,
    )?;
    load_assessment(
        conn,
        sydby,
        "school-platform",
        &shift.commands(SYDBY)?,
        false,
    )?;
    let osterby = actor_of(&actors, "dpo@osterby.example")?;
    load_assessment(
        conn,
        osterby,
        "office-suite",
        &shift.commands(OSTERBY)?,
        false,
    )?;
    load_adherence(conn, nordby, &shift.commands(NORDBY_ADHERENCE)?)?;
    load_adherence(conn, sydby, &shift.commands(SYDBY_ADHERENCE)?)?;
    Ok(Some(logins))
}

/// Region Østerby adopts the shared office-suite DPIA with the gaps of seed 000.
const OSTERBY: &str = include_str!("../demo/region-assessment.json");
/// Adherence to the school platform's code of conduct: Nordby compliant, Sydby deviating.
const NORDBY_ADHERENCE: &str = include_str!("../demo/nordby-adherence.json");
const SYDBY_ADHERENCE: &str = include_str!("../demo/sydby-adherence.json");

fn load_adherence(conn: &mut DbConnection, dpo: &Actor, commands: &Value) -> AppResult<()> {
    let commands: Vec<AdherenceCommand> = serde_json::from_value(commands.clone())
        .map_err(|e| AppError::Internal(format!("demo adherence commands: {e}")))?;
    audit::write_on(conn, dpo, store::now_utc(), |tx| {
        let declared = adherences::declare(tx, "school-platform-code", 1)?;
        adherences::apply_commands(tx, &declared.id, declared.version, &commands)?;
        Ok(())
    })
}

/// Nordby followed the base DPIA well; Sydby reproduces the defects of seed 003. Both are
/// lists of assessment commands applied through the normal write rules.
const NORDBY: &str = include_str!("../demo/nordby-assessment.json");
const SYDBY: &str = include_str!("../demo/sydby-assessment.json");

fn load_assessment(
    conn: &mut DbConnection,
    dpo: &Actor,
    template_key: &str,
    commands: &Value,
    approve: bool,
) -> AppResult<()> {
    let mut commands: Vec<AssessmentCommand> = serde_json::from_value(commands.clone())
        .map_err(|e| AppError::Internal(format!("demo assessment commands: {e}")))?;
    // Only the approval gate records management approval: a signatory named in the demo's
    // sign-offs goes to the gate (Nordby), or is only claimed and never recorded (Sydby).
    let claimed = take_management_approval(&mut commands);
    audit::write_on(conn, dpo, store::now_utc(), |tx| {
        let adopted = assessments::adopt(tx, template_key, 1, "")?;
        let written = assessments::apply_commands(tx, &adopted.id, adopted.version, &commands)?;
        if approve {
            // The demo's management approval carries its own (past) date and signatory.
            let signed = claimed.clone().ok_or_else(|| {
                AppError::Internal("the approved demo assessment has no management approval".into())
            })?;
            assessments::approve(tx, &written.id, written.version, |base, local| {
                let approval = approval::gate(
                    base,
                    local,
                    &CheckSettings::default(),
                    approval::ApprovalRequest {
                        by: signed.by.clone(),
                        on: signed.on,
                        acknowledgement: signed.text.clone(),
                    },
                )?;
                Ok((approval.local, serde_json::json!({ "demo": true })))
            })?;
        }
        Ok(())
    })
}

fn actor_of<'a>(actors: &'a [Actor], email: &str) -> AppResult<&'a Actor> {
    actors
        .iter()
        .find(|a| a.email == email)
        .ok_or_else(|| AppError::Internal(format!("demo account {email} missing")))
}

/// The central body's templates: the school platform's base DPIA in versions 1 and 2 (version
/// 2 exists so upgrades can be shown), the shared office-suite DPIA, and the school platform's
/// code of conduct, all published. They go through the same
/// import and publish path as any central editor's.
const SCHOOL_PLATFORM: [&str; 4] = [
    include_str!("../demo/school-platform-v1.json"),
    include_str!("../demo/school-platform-v2.json"),
    include_str!("../demo/office-suite-v1.json"),
    include_str!("../demo/school-code-v1.json"),
];

fn load_templates(conn: &mut DbConnection, editor: &Actor) -> AppResult<()> {
    for text in SCHOOL_PLATFORM {
        let document = interchange::parse(text.as_bytes())
            .map_err(|e| AppError::Internal(format!("demo template document: {e}")))?;
        let changelog = document
            .version
            .changelog
            .clone()
            .unwrap_or_else(|| "Demo version".into());
        audit::write_on(conn, editor, store::now_utc(), |tx| {
            let (template, draft) = templates::import_document(tx, &document)?;
            templates::publish(tx, &template, draft.number, draft.version, &changelog)?;
            Ok(())
        })?;
    }
    Ok(())
}

/// Moves every date of a demo command file (`"YYYY-MM-DD"` strings) by the same number of
/// days, so the demo's timeline keeps its shape relative to the day it is loaded. The files'
/// texts are untouched; only whole date values move.
struct DateShift {
    days: i64,
}

impl DateShift {
    fn to(today: NaiveDate) -> Self {
        DateShift {
            days: (today - REFERENCE_DAY).num_days(),
        }
    }

    fn commands(&self, text: &str) -> AppResult<Value> {
        let mut value: Value = serde_json::from_str(text)
            .map_err(|e| AppError::Internal(format!("demo command file: {e}")))?;
        self.shift(&mut value);
        Ok(value)
    }

    fn shift(&self, value: &mut Value) {
        match value {
            Value::String(text) => {
                if let Some(day) = self.shifted(text) {
                    *text = day.to_string();
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.shift(v)),
            Value::Object(members) => members.values_mut().for_each(|v| self.shift(v)),
            _ => {}
        }
    }

    fn shifted(&self, text: &str) -> Option<NaiveDate> {
        if text.len() != 10 {
            return None;
        }
        let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
        if self.days >= 0 {
            day.checked_add_days(Days::new(self.days.unsigned_abs()))
        } else {
            day.checked_sub_days(Days::new(self.days.unsigned_abs()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_move_by_the_days_since_the_reference_day_and_texts_stay() {
        let shift = DateShift::to(NaiveDate::from_ymd_opt(2027, 2, 1).expect("a date"));
        let value = shift
            .commands(
                r#"[{"on": "2026-11-23", "text": "due 2026-11-23", "n": 3, "d": ["2024-02-28"]}]"#,
            )
            .expect("json");
        assert_eq!(value[0]["on"], "2027-02-01");
        assert_eq!(value[0]["text"], "due 2026-11-23");
        assert_eq!(value[0]["n"], 3);
        assert_eq!(value[0]["d"][0], "2024-05-08");
    }

    #[test]
    fn loading_on_the_reference_day_changes_nothing() {
        let shift = DateShift::to(REFERENCE_DAY);
        let text = r#"{"on":"2023-08-01"}"#;
        assert_eq!(shift.commands(text).expect("json")["on"], "2023-08-01");
    }
}
