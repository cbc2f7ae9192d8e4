//! The inbox (issue 16): the signed-in person's notices, newest first, each linking to the
//! screen that needs them; marking one or all read; the unread count in the header. Reads and
//! read marks go through `store::notices` with the session's `Actor`, so another
//! organisation's notice is the 404 page like a missing one.

use std::sync::Arc;

use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::Serialize;

use super::csrf::Posted;
use super::errors::{redirect, PageResult};
use super::render::render;
use super::session::SignedIn;
use super::signin::Empty;
use crate::context::Actor;
use crate::state::AppState;
use crate::store::notices;

/// Notices shown on the page; older ones stay in the database.
const INBOX_LIMIT: i64 = 200;

#[derive(Serialize)]
struct Row {
    id: String,
    kind: String,
    message: String,
    link: String,
    /// `YYYY-MM-DD HH:MM` UTC, and the machine-readable form for `<time>`.
    created: String,
    created_iso: String,
    read: bool,
}

/// `GET /notices`: the inbox.
pub async fn inbox(signed: SignedIn) -> PageResult {
    let lang = signed.lang;
    let entries = signed
        .load(move |_, actor, conn| notices::inbox(conn, actor, INBOX_LIMIT))
        .await?;
    let rows: Vec<Row> = entries
        .into_iter()
        .map(|e| Row {
            message: e.notice.message(lang),
            created: e.notice.created_at.format("%Y-%m-%d %H:%M").to_string(),
            created_iso: e.notice.created_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            id: e.notice.id,
            kind: e.notice.kind,
            link: e.notice.link,
            read: e.read,
        })
        .collect();
    let unread = rows.iter().filter(|r| !r.read).count();
    render(
        &signed.chrome,
        "web/notices.html",
        context! { rows => Serde(rows), unread => unread },
    )
}

/// `POST /notices/{id}/read`: marks one notice read, back to the inbox.
pub async fn mark_read(path: web::Path<String>, posted: Posted<Empty>) -> PageResult {
    let id = path.into_inner();
    posted
        .load(move |_, actor, conn| notices::mark_read(conn, actor, &id))
        .await?;
    Ok(redirect("/notices"))
}

/// `POST /notices/read`: marks every notice read, back to the inbox.
pub async fn mark_all_read(posted: Posted<Empty>) -> PageResult {
    posted
        .load(move |_, actor, conn| notices::mark_all_read(conn, actor))
        .await?;
    Ok(redirect("/notices"))
}

/// The count in the header. A failure to count shows no count rather than failing the page
/// (it is logged).
pub async fn unread_for(state: &Arc<AppState>, actor: &Actor) -> i64 {
    let state = state.clone();
    let actor = actor.clone();
    let counted = web::block(move || {
        let mut conn = state.pool.get()?;
        notices::unread_count(&mut conn, &actor)
    })
    .await;
    match counted {
        Ok(Ok(n)) => n,
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "counting unread notices failed");
            0
        }
        Err(e) => {
            tracing::warn!(error = %e, "counting unread notices failed");
            0
        }
    }
}
