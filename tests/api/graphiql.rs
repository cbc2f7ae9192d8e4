//! GraphiQL is served from files vendored into the binary, with a policy naming no other
//! origin (issue 13: on a closed network the CDN version showed "Loading…" forever).

use crate::helpers::TestApp;

fn fetch(app: &TestApp, path: &str) -> (u16, Option<String>, Option<String>, String) {
    let response = match ureq::get(&format!("{}{path}", app.base)).call() {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("transport error: {e}"),
    };
    let status = response.status();
    let csp = response
        .header("content-security-policy")
        .map(str::to_owned);
    let cache = response.header("cache-control").map(str::to_owned);
    (status, csp, cache, response.into_string().expect("a body"))
}

#[test]
fn graphiql_loads_only_its_own_vendored_assets_under_its_own_policy() {
    let app = TestApp::spawn();
    let (status, csp, _, page) = fetch(&app, "/graphiql");
    assert_eq!(status, 200);
    let csp = csp.expect("the page sets its own Content-Security-Policy");
    assert!(csp.contains("script-src 'self'"), "{csp}");
    for text in [csp.as_str(), page.as_str()] {
        assert!(
            !text.contains("http://") && !text.contains("https://"),
            "another origin is named: {text}"
        );
    }
    assert!(!page.contains("<script>"), "no inline script");
    let assets: Vec<&str> = (page.split(['"']))
        .filter(|part| part.starts_with("/graphiql/assets/"))
        .collect();
    assert!(assets.len() >= 5, "{page}");
    assert!(assets.iter().any(|a| a.contains("graphiql-3.8.3.min.js")));
    for asset in assets {
        let (status, _, cache, body) = fetch(&app, asset);
        assert_eq!(status, 200, "{asset}");
        assert!(!body.is_empty(), "{asset}");
        assert!(
            cache.unwrap_or_default().contains("max-age=31536000"),
            "{asset} is versioned and cached long"
        );
    }
    assert_eq!(fetch(&app, "/graphiql/assets/nope.js").0, 404);
}
