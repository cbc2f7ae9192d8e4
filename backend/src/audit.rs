//! The one write path (SPEC §6): a mutation's changes and their audit entries commit in one
//! transaction, each entry hash-chained to the previous one of the same organisation.
//!
//! Store functions that write take a [`WriteTx`]; the only way to get one is [`write`], which
//! refuses to commit a transaction that recorded no audit entry.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

use crate::context::Actor;
use crate::error::{AppError, AppResult};
use crate::store::connection::write_transaction;
use crate::store::schema::{audit_entries, organisations};
use crate::store::{DbConnection, Pool};

/// One change to record: which organisation's data, what, and the before/after state.
#[derive(Clone, Debug)]
pub struct Change {
    pub org_id: String,
    pub action: &'static str,
    pub entity: &'static str,
    pub entity_id: String,
    pub item_key: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// An open write transaction of one actor. Collects the audit entries of its changes.
pub struct WriteTx<'c> {
    conn: &'c mut DbConnection,
    actor: &'c Actor,
    now: NaiveDateTime,
    changes: Vec<Change>,
}

impl<'c> WriteTx<'c> {
    pub fn conn(&mut self) -> &mut DbConnection {
        self.conn
    }

    pub fn actor(&self) -> &Actor {
        self.actor
    }

    /// The instant of this transaction; every row and entry it writes carries it.
    pub fn now(&self) -> NaiveDateTime {
        self.now
    }

    pub fn record(&mut self, change: Change) {
        self.changes.push(change);
    }
}

/// Runs `f` as one audited write transaction of `actor`, on a pooled connection.
pub fn write<T>(
    pool: &Pool,
    actor: &Actor,
    f: impl FnOnce(&mut WriteTx<'_>) -> AppResult<T>,
) -> AppResult<T> {
    let mut conn = pool.get()?;
    write_on(&mut conn, actor, crate::store::now_utc(), f)
}

/// As [`write`], on a given connection and instant (the demo loader and tests use it).
pub fn write_on<T>(
    conn: &mut DbConnection,
    actor: &Actor,
    now: NaiveDateTime,
    f: impl FnOnce(&mut WriteTx<'_>) -> AppResult<T>,
) -> AppResult<T> {
    write_transaction(conn, |conn| {
        let mut tx = WriteTx {
            conn,
            actor,
            now,
            changes: Vec::new(),
        };
        let value = f(&mut tx)?;
        if tx.changes.is_empty() {
            return Err(AppError::Internal(
                "a write transaction recorded no audit entry".into(),
            ));
        }
        append_entries(tx.conn, actor, now, std::mem::take(&mut tx.changes))?;
        Ok(value)
    })
}

fn append_entries(
    conn: &mut DbConnection,
    actor: &Actor,
    now: NaiveDateTime,
    changes: Vec<Change>,
) -> AppResult<()> {
    // Group per organisation, in key order: chain heads are locked in a fixed order, so two
    // transactions touching the same organisations cannot deadlock.
    let mut by_org: BTreeMap<String, Vec<Change>> = BTreeMap::new();
    for change in changes {
        by_org
            .entry(change.org_id.clone())
            .or_default()
            .push(change);
    }
    for (org_id, changes) in by_org {
        let (mut seq, mut head) = lock_chain_head(conn, &org_id)?.ok_or_else(|| {
            AppError::Internal(format!("audit chain of unknown organisation {org_id}"))
        })?;
        for change in changes {
            seq += 1;
            let entry = AuditEntry {
                org_id: org_id.clone(),
                seq,
                actor_user_id: actor.user_id.clone(),
                actor_email: actor.email.clone(),
                actor_org_id: actor.org_id.clone(),
                at: now,
                action: change.action.to_string(),
                entity: change.entity.to_string(),
                entity_id: change.entity_id,
                item_key: change.item_key,
                before_json: change.before.map(|v| canonical_json(&v)),
                after_json: change.after.map(|v| canonical_json(&v)),
                prev_hash: head.clone(),
                hash: String::new(),
            };
            let hash = entry.compute_hash();
            let entry = AuditEntry { hash, ..entry };
            diesel::insert_into(audit_entries::table)
                .values(&entry)
                .execute(conn)?;
            head = entry.hash;
        }
        diesel::update(organisations::table.find(&org_id))
            .set((
                organisations::audit_seq.eq(seq),
                organisations::audit_head.eq(&head),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Locks `org_id`'s chain head and reads it, in one statement: the UPDATE takes the row lock
/// that serialises appends to this organisation's chain (SQLite's `BEGIN IMMEDIATE` already
/// holds the database's), and RETURNING gives the head it locked.
fn lock_chain_head(conn: &mut DbConnection, org_id: &str) -> AppResult<Option<(i64, String)>> {
    let lock = diesel::update(organisations::table.find(org_id))
        .set(organisations::audit_seq.eq(organisations::audit_seq))
        .returning((organisations::audit_seq, organisations::audit_head));
    // RETURNING is not in the DSL shared by both backends: the same statement on each.
    Ok(match conn {
        DbConnection::Postgres(c) => lock.get_result(c).optional()?,
        DbConnection::Sqlite(c) => lock.get_result(c).optional()?,
    })
}

/// A stored audit entry.
#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_entries)]
pub struct AuditEntry {
    pub org_id: String,
    pub seq: i64,
    pub actor_user_id: String,
    pub actor_email: String,
    pub actor_org_id: String,
    pub at: NaiveDateTime,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub item_key: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    /// SHA-256 over the canonical JSON of every field but the hash itself, so any edit of a
    /// stored entry (or of its position in the chain) changes the result.
    pub fn compute_hash(&self) -> String {
        let body = serde_json::json!({
            "org_id": self.org_id,
            "seq": self.seq,
            "actor_user_id": self.actor_user_id,
            "actor_email": self.actor_email,
            "actor_org_id": self.actor_org_id,
            "at": self.at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "item_key": self.item_key,
            "before": self.before_json,
            "after": self.after_json,
            "prev_hash": self.prev_hash,
        });
        hex::encode(Sha256::digest(canonical_json(&body).as_bytes()))
    }
}

/// JSON with object keys sorted at every level and no insignificant whitespace: the same value
/// always gives the same bytes, whatever order its maps were built in.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// Result of re-computing one organisation's chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainVerification {
    pub valid: bool,
    pub entries: i64,
    /// The first entry whose hash or link does not match, if any.
    pub first_invalid_seq: Option<i64>,
}

/// Re-computes every hash of `org_id`'s chain, in order, and checks the links and the head.
/// Callers check visibility first (see `store::visibility`).
pub fn verify_chain(conn: &mut DbConnection, org_id: &str) -> AppResult<ChainVerification> {
    let head: String = organisations::table
        .find(org_id)
        .select(organisations::audit_head)
        .first(conn)?;
    let entries: Vec<AuditEntry> = audit_entries::table
        .filter(audit_entries::org_id.eq(org_id))
        .order(audit_entries::seq.asc())
        .select(AuditEntry::as_select())
        .load(conn)?;
    let mut prev = String::new();
    for (index, entry) in entries.iter().enumerate() {
        let expected_seq = index as i64 + 1;
        if entry.seq != expected_seq
            || entry.prev_hash != prev
            || entry.compute_hash() != entry.hash
        {
            return Ok(ChainVerification {
                valid: false,
                entries: entries.len() as i64,
                first_invalid_seq: Some(entry.seq.min(expected_seq)),
            });
        }
        prev = entry.hash.clone();
    }
    // A deleted tail leaves a valid-looking prefix; the head stored on the organisation catches it.
    let valid = prev == head;
    Ok(ChainVerification {
        valid,
        entries: entries.len() as i64,
        first_invalid_seq: (!valid).then_some(entries.len() as i64 + 1),
    })
}

/// Filter and page of an audit trail read.
pub struct TrailQuery<'a> {
    pub entity: Option<&'a str>,
    pub item_key: Option<&'a str>,
    /// Entries with a sequence number below this one (the cursor of the previous page).
    pub before_seq: Option<i64>,
    pub limit: i64,
}

/// A page of `org_id`'s audit trail, newest first. Callers check visibility first.
pub fn trail(
    conn: &mut DbConnection,
    org_id: &str,
    query: TrailQuery<'_>,
) -> AppResult<Vec<AuditEntry>> {
    let mut q = audit_entries::table
        .filter(audit_entries::org_id.eq(org_id))
        .into_boxed();
    if let Some(entity) = query.entity {
        q = q.filter(audit_entries::entity.eq(entity.to_string()));
    }
    if let Some(key) = query.item_key {
        q = q.filter(audit_entries::item_key.eq(key.to_string()));
    }
    if let Some(seq) = query.before_seq {
        q = q.filter(audit_entries::seq.lt(seq));
    }
    Ok(q.order(audit_entries::seq.desc())
        .limit(query.limit)
        .select(AuditEntry::as_select())
        .load(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_at_every_level() {
        let a: Value = serde_json::from_str(r#"{"b":1,"a":{"d":[1,{"z":1,"y":2}],"c":null}}"#)
            .expect("valid json");
        assert_eq!(
            canonical_json(&a),
            r#"{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}"#
        );
    }

    #[test]
    fn changing_any_field_changes_the_hash() {
        let entry = AuditEntry {
            org_id: "o".into(),
            seq: 1,
            actor_user_id: "u".into(),
            actor_email: "e@x".into(),
            actor_org_id: "o".into(),
            at: chrono::DateTime::from_timestamp(0, 0)
                .expect("epoch")
                .naive_utc(),
            action: "create".into(),
            entity: "user".into(),
            entity_id: "1".into(),
            item_key: None,
            before_json: None,
            after_json: Some("{}".into()),
            prev_hash: String::new(),
            hash: String::new(),
        };
        let original = entry.compute_hash();
        let tampered = AuditEntry {
            after_json: Some(r#"{"role":"ADMIN"}"#.into()),
            ..entry.clone()
        };
        assert_ne!(original, tampered.compute_hash());
        let moved = AuditEntry { seq: 2, ..entry };
        assert_ne!(original, moved.compute_hash());
    }
}
