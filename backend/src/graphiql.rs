//! GraphiQL at `/graphiql` (SPEC §7), from files vendored into the binary
//! (`backend/static/graphiql/`, licences beside them): it works on a closed network, and no
//! third-party script runs on the page where access tokens are pasted. Asset names carry their
//! version, so they are cached for a year; the page sets its own Content-Security-Policy.

use actix_web::{web, HttpResponse};

/// The page's policy: everything from this origin only. GraphiQL's editor sets styles from
/// script, hence `'unsafe-inline'` for styles; scripts stay `'self'`.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
     connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

const ASSET_PATH: &str = "/graphiql/assets/";

/// (name, content type, bytes) of every vendored file the page loads.
const ASSETS: [(&str, &str, &[u8]); 5] = [
    (
        "react-18.3.1.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/graphiql/react-18.3.1.min.js"),
    ),
    (
        "react-dom-18.3.1.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/graphiql/react-dom-18.3.1.min.js"),
    ),
    (
        "graphiql-3.8.3.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/graphiql/graphiql-3.8.3.min.js"),
    ),
    (
        "graphiql-3.8.3.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/graphiql/graphiql-3.8.3.min.css"),
    ),
    (
        "dpiahub-graphiql-1.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/graphiql/dpiahub-graphiql-1.js"),
    ),
];

/// The page: the stylesheet, then React, ReactDOM, GraphiQL and our start script, in order.
pub fn page_html() -> String {
    let scripts: String = (ASSETS.iter())
        .filter(|(name, _, _)| name.ends_with(".js"))
        .map(|(name, _, _)| format!("<script src=\"{ASSET_PATH}{name}\"></script>\n"))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>DPIA Hub GraphiQL</title>\n\
         <meta name=\"graphql-endpoint\" content=\"/graphql\">\n\
         <link rel=\"stylesheet\" href=\"{ASSET_PATH}graphiql-3.8.3.min.css\">\n\
         <link rel=\"stylesheet\" href=\"{ASSET_PATH}dpiahub-graphiql-1.css\">\n\
         </head>\n<body>\n<div id=\"graphiql\">Loading GraphiQL…</div>\n{scripts}</body>\n</html>\n"
    )
}

/// Full-height layout without an inline `style` (the page's policy).
const LAYOUT_CSS: &str =
    "html, body, #graphiql { height: 100%; margin: 0; width: 100%; overflow: hidden; }\n";

/// `GET /graphiql`.
pub async fn page() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .insert_header(("Cache-Control", "no-cache"))
        .body(page_html())
}

/// `GET /graphiql/assets/{file}`: a vendored file, cached for a year (versioned names).
pub async fn asset(file: web::Path<String>) -> HttpResponse {
    let file = file.into_inner();
    if file == "dpiahub-graphiql-1.css" {
        return immutable("text/css; charset=utf-8", LAYOUT_CSS.as_bytes());
    }
    match ASSETS.iter().find(|(name, _, _)| *name == file) {
        Some((_, content_type, bytes)) => immutable(content_type, bytes),
        None => HttpResponse::NotFound().finish(),
    }
}

fn immutable(content_type: &'static str, bytes: &'static [u8]) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Cache-Control", "public, max-age=31536000, immutable"))
        .body(bytes)
}
