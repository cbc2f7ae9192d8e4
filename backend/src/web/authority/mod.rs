//! The supervisory authority's desk (issue 16, screens 7–9): every controller's assessment as
//! a case, one assessment under review with its departures and the authority's findings, and
//! its history. Reads go through `store::*` with the case officer's `Actor` (the authority
//! reads every assessment, `store/visibility.rs`); findings are written through
//! `audit::write` → `store::reviews`. Anyone else gets the 404 page, exactly like a missing
//! page.

pub mod cases;
pub mod history;
pub mod review;
pub mod rows;

use actix_web::web;

use super::errors::PageError;
use super::session::SignedIn;
use crate::context::OrgKind;

/// The authority's pages (mounted by `web::configure`).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/authority/cases", web::get().to(cases::list))
        .route("/authority/assessments/{id}", web::get().to(review::page))
        .route(
            "/authority/assessments/{id}/findings",
            web::post().to(review::record),
        )
        .route(
            "/authority/assessments/{id}/findings/{finding}/close",
            web::post().to(review::close),
        )
        .route(
            "/authority/assessments/{id}/history",
            web::get().to(history::page),
        );
}

/// Only people of the supervisory authority reach these pages; others see the 404 page.
pub fn require_authority(signed: &SignedIn) -> Result<(), PageError> {
    if signed.actor().org_kind == OrgKind::SupervisoryAuthority {
        Ok(())
    } else {
        Err(PageError::NotFound(signed.lang))
    }
}
