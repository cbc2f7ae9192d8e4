//! Pages that belong to no desk: the start.

use actix_web::HttpRequest;

use super::errors::{redirect, PageResult};
use super::session;

/// `GET /`: the user's start page when signed in, else the sign-in page.
pub async fn start(req: HttpRequest) -> PageResult {
    Ok(match session::session_of(&req).await? {
        Some(s) if s.must_change_password => redirect("/account/password"),
        Some(s) => redirect(session::start_page(&s.actor)),
        None => redirect("/signin"),
    })
}
