//! Static files, compiled into the binary and served under a name that carries a hash of their
//! content (`app.3f2a9c1d.css`), so they can be cached for a year: a changed file is a new URL.
//! Nothing is fetched from another origin (a municipality may run this on a closed network).

use std::sync::LazyLock;

use actix_web::{web, HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

struct Asset {
    name: &'static str,
    hashed: String,
    content_type: &'static str,
    body: &'static [u8],
}

/// The files of `backend/static/`, by their plain name.
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/app.css"),
    ),
    (
        "htmx.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/htmx.min.js"),
    ),
];

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(name, content_type, body)| {
            let digest = hex::encode(Sha256::digest(body));
            let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
            Asset {
                name,
                hashed: format!("{stem}.{}.{ext}", &digest[..12]),
                content_type,
                body,
            }
        })
        .collect()
});

/// The URL of a static file by its plain name (`asset("app.css")` in templates).
pub fn url(name: &str) -> Option<String> {
    ASSETS
        .iter()
        .find(|a| a.name == name)
        .map(|a| format!("/static/{}", a.hashed))
}

/// `GET /static/{hashed name}`: the file, cacheable forever; any other name is the 404 page.
pub async fn serve(req: HttpRequest, file: web::Path<String>) -> HttpResponse {
    match ASSETS.iter().find(|a| a.hashed == *file) {
        Some(asset) => HttpResponse::Ok()
            .content_type(asset.content_type)
            .insert_header(("Cache-Control", "public, max-age=31536000, immutable"))
            .body(asset.body),
        None => super::errors::not_found_page(req).await,
    }
}
