//! The web application for people (SPEC §8a, issue 15): server-rendered HTML pages with
//! minijinja, vendored htmx as an enhancement only, browser sessions in the database.
//!
//! Every page is listed in [`configure`], grouped by the guard its handler takes:
//! - public: no session needed;
//! - [`SignedIn`]: a valid browser session (otherwise a redirect to the sign-in page, or to the
//!   password page while an admin-set password waits to be changed);
//! - [`Admin`]: a signed-in organisation admin (anyone else gets the 404 page).
//!
//! State-changing requests are `POST` forms read through [`Posted`], which refuses a missing or
//! forged CSRF token before the handler runs. Handlers read through `store::*` with the
//! session's `Actor` and write through `audit::write`, like the GraphQL resolvers; database
//! work runs on the blocking pool (`web::block`). How to add a page: docs/WEB.md.

pub mod admin;
pub mod assessments;
pub mod assets;
pub mod authority;
pub mod central;
pub mod csrf;
pub mod errors;
pub mod i18n;
pub mod notices;
pub mod operator;
pub mod pages;
pub mod render;
pub mod report;
pub mod session;
pub mod signin;
pub mod sso;
pub mod sso_totp;
pub mod workspace;

pub use csrf::Posted;
pub use errors::{PageError, PageResult};
pub use render::{render, Chrome};
pub use session::{Admin, SignedIn, SignedInAny};

use actix_web::web;

/// Every page of the web application, grouped by guard. Mounted by `startup::configure`
/// before the API routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    // Public: the start, sign-in, language switch and the hashed static files.
    cfg.route("/", web::get().to(pages::start))
        .route("/signin", web::get().to(signin::signin_form))
        .route("/signin", web::post().to(signin::signin))
        .route("/language", web::get().to(i18n::switch_language))
        .route("/static/{file}", web::get().to(assets::serve));

    // Signed in (SignedIn / SignedInAny; POSTs through Posted).
    cfg.route("/signout", web::post().to(signin::signout))
        .route("/account", web::get().to(signin::account))
        .route("/account/password", web::get().to(signin::password_form))
        .route("/account/password", web::post().to(signin::change_password))
        .route("/notices", web::get().to(notices::inbox))
        .route("/notices/read", web::post().to(notices::mark_all_read))
        .route("/notices/{id}/read", web::post().to(notices::mark_read))
        .route("/assessments", web::get().to(assessments::list))
        .route("/assessments/new", web::get().to(assessments::adopt_form))
        .route("/assessments/new", web::post().to(assessments::adopt))
        .route("/assessments/{id}", web::get().to(workspace::workspace))
        .route(
            "/assessments/{id}/findings",
            web::get().to(workspace::findings),
        )
        .route(
            "/assessments/{id}/items/{key}",
            web::get().to(workspace::item),
        )
        .route(
            "/assessments/{id}/items/{key}",
            web::post().to(workspace::item_post),
        )
        // RISKS: risks, measures, recommendations and local items (issue 15 screens 5–7).
        .route(
            "/assessments/{id}/risks",
            web::get().to(workspace::risks::risks),
        )
        .route(
            "/assessments/{id}/risks/new",
            web::get().to(workspace::local::risk_form),
        )
        .route(
            "/assessments/{id}/risks/new",
            web::post().to(workspace::local::risk_post),
        )
        .route(
            "/assessments/{id}/risks/{key}",
            web::get().to(workspace::risks::risk),
        )
        .route(
            "/assessments/{id}/risks/{key}",
            web::post().to(workspace::risks::risk_post),
        )
        .route(
            "/assessments/{id}/measures",
            web::get().to(workspace::measures::measures),
        )
        .route(
            "/assessments/{id}/measures/new",
            web::get().to(workspace::measures::new_form),
        )
        .route(
            "/assessments/{id}/measures/new",
            web::post().to(workspace::measures::new_post),
        )
        .route(
            "/assessments/{id}/measures/{key}",
            web::get().to(workspace::measures::edit_form),
        )
        .route(
            "/assessments/{id}/measures/{key}",
            web::post().to(workspace::measures::edit_post),
        )
        .route(
            "/assessments/{id}/measures/{key}/remove",
            web::post().to(workspace::measures::remove_post),
        )
        .route(
            "/assessments/{id}/recommendations",
            web::get().to(workspace::recommendations::recommendations),
        )
        .route(
            "/assessments/{id}/recommendations/{key}",
            web::get().to(workspace::recommendations::response_form),
        )
        .route(
            "/assessments/{id}/recommendations/{key}",
            web::post().to(workspace::recommendations::response_post),
        )
        // (end RISKS)
        // APPROVE: approval, upgrade, the authority's review findings (issue 15, 9–11).
        .route(
            "/assessments/{id}/approval",
            web::get().to(workspace::approval::approval),
        )
        .route(
            "/assessments/{id}/approval",
            web::post().to(workspace::approval::approve),
        )
        .route(
            "/assessments/{id}/approval/sign-offs",
            web::post().to(workspace::approval::sign_offs),
        )
        .route(
            "/assessments/{id}/upgrade",
            web::get().to(workspace::upgrade::upgrade),
        )
        .route(
            "/assessments/{id}/upgrade",
            web::post().to(workspace::upgrade::apply),
        )
        .route(
            "/assessments/{id}/review",
            web::get().to(workspace::review::review),
        )
        .route(
            "/assessments/{id}/review/{finding}/answer",
            web::post().to(workspace::review::answer),
        )
        .route("/assessments/{id}/report", web::get().to(report::report))
        .route(
            "/assessments/{id}/report/download.md",
            web::get().to(report::markdown),
        );

    // Organisation admin (Admin).
    cfg.route("/admin/users", web::get().to(admin::users))
        .route("/admin/users", web::post().to(admin::create_user))
        .route("/admin/users/{id}", web::get().to(admin::user))
        .route("/admin/users/{id}", web::post().to(admin::update_user))
        .route(
            "/admin/users/{id}/password",
            web::post().to(admin::set_password),
        );

    // SSO stream (issue 17): single sign-on, its settings, the TOTP second factor.
    // Public (sign-in doors, CSRF by the pre-session token):
    cfg.route("/signin/oidc", web::post().to(sso::start))
        .route("/signin/oidc/callback", web::get().to(sso::callback))
        .route("/signin/totp", web::get().to(sso_totp::signin_code_form))
        .route("/signin/totp", web::post().to(sso_totp::signin_code))
        // Signed in:
        .route("/account/totp", web::get().to(sso_totp::account_form))
        .route("/account/totp", web::post().to(sso_totp::account_confirm))
        // Admin of the organisation / the platform operator:
        .route("/admin/sso", web::get().to(sso::admin_settings))
        .route("/admin/sso", web::post().to(sso::admin_save))
        .route(
            "/operator/organisations/{id}/sso",
            web::get().to(sso::operator_settings),
        )
        .route(
            "/operator/organisations/{id}/sso",
            web::post().to(sso::operator_save),
        );

    // The desks of issue 16 (each module lists its own pages and checks its own guard).
    authority::configure(cfg);
    central::configure(cfg);
    operator::configure(cfg);
}

/// Every state-changing route, for the test that posts each one without a CSRF token.
/// Keep it in step with [`configure`] (the test also checks that each answers 403).
pub const POST_ROUTES: &[&str] = &[
    "/signin",
    "/signout",
    "/account/password",
    "/notices/read",
    "/notices/{id}/read",
    "/assessments/new",
    "/assessments/{id}/items/{key}",
    // RISKS
    "/assessments/{id}/risks/new",
    "/assessments/{id}/risks/{key}",
    "/assessments/{id}/measures/new",
    "/assessments/{id}/measures/{key}",
    "/assessments/{id}/measures/{key}/remove",
    "/assessments/{id}/recommendations/{key}",
    // APPROVE
    "/assessments/{id}/approval",
    "/assessments/{id}/approval/sign-offs",
    "/assessments/{id}/upgrade",
    "/assessments/{id}/review/{finding}/answer",
    "/admin/users",
    "/admin/users/{id}",
    "/admin/users/{id}/password",
    // The desks of issue 16 (each module's own list, repeated here for the CSRF test).
    "/authority/assessments/{id}/findings",
    "/authority/assessments/{id}/findings/{finding}/close",
    "/central/import",
    "/central/templates/{key}/drafts",
    "/central/templates/{key}/versions/{n}/items/{item}",
    "/central/templates/{key}/versions/{n}/new/{kind}",
    "/central/templates/{key}/checks",
    "/central/templates/{key}/versions/{n}/publish",
    "/central/templates/{key}/versions/{n}/withdraw",
    "/operator/organisations",
    // SSO stream (issue 17).
    "/signin/oidc",
    "/signin/totp",
    "/account/totp",
    "/admin/sso",
    "/operator/organisations/{id}/sso",
];

/// Anything else under the web application's paths answers the 404 page (registered last).
pub fn not_found_fallback(cfg: &mut web::ServiceConfig) {
    cfg.default_service(web::route().to(errors::not_found_page));
}
