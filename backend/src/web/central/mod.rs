//! The central body's desk (issue 16, screens 1–6 and 10): its templates and codes of conduct
//! with their versions and adopters, the draft editor, the page before publishing (the diff in
//! words and the changelog), import and export of the documented JSON file, and the adoption
//! overview — counts only, under the small-group rule (`domain::disclosure`), never a single
//! controller's figures. The authority reads the same overview in full (screen 10).
//!
//! Reads go through `store::templates`, `store::overview` and `store::adherences` with the
//! editor's `Actor`; writes through `audit::write` → `store::templates` (the same calls as the
//! API's template mutations). A central body never reaches a controller's assessment.

pub mod editor;
pub mod item_fields;
pub mod overview;
pub mod publish;
pub mod templates;
pub mod thresholds;

use actix_web::web;

use super::errors::PageError;
use super::session::SignedIn;
use crate::context::OrgKind;

/// The central body's pages (mounted by `web::configure`).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/central/templates", web::get().to(templates::list))
        .route("/central/import", web::post().to(publish::import))
        .route("/central/templates/{key}", web::get().to(templates::page))
        .route(
            "/central/templates/{key}/overview",
            web::get().to(overview::page),
        )
        .route(
            "/central/templates/{key}/drafts",
            web::post().to(publish::new_draft),
        )
        .route(
            "/central/templates/{key}/versions/{n}",
            web::get().to(editor::page),
        )
        .route(
            "/central/templates/{key}/versions/{n}/items/{item}",
            web::get().to(editor::item_form),
        )
        .route(
            "/central/templates/{key}/versions/{n}/items/{item}",
            web::post().to(editor::save_item),
        )
        .route(
            "/central/templates/{key}/versions/{n}/new/{kind}",
            web::get().to(editor::new_item_form),
        )
        .route(
            "/central/templates/{key}/versions/{n}/new/{kind}",
            web::post().to(editor::save_new_item),
        )
        .route(
            "/central/templates/{key}/checks",
            web::post().to(thresholds::save),
        )
        .route(
            "/central/templates/{key}/versions/{n}/publish",
            web::get().to(publish::review),
        )
        .route(
            "/central/templates/{key}/versions/{n}/publish",
            web::post().to(publish::publish),
        )
        .route(
            "/central/templates/{key}/versions/{n}/withdraw",
            web::post().to(publish::withdraw),
        )
        .route(
            "/central/templates/{key}/versions/{n}/export.json",
            web::get().to(publish::export),
        );
}

/// Only people of a central body reach the editing pages; others see the 404 page.
pub fn require_central(signed: &SignedIn) -> Result<(), PageError> {
    if signed.actor().org_kind == OrgKind::CentralBody {
        Ok(())
    } else {
        Err(PageError::NotFound(signed.lang))
    }
}
