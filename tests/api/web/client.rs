//! A cookie-keeping HTTP client for page tests: speaks to the real server like a browser with
//! JavaScript off (forms as `application/x-www-form-urlencoded`, redirects not followed so a
//! test sees each `303`).

use std::cell::RefCell;
use std::collections::BTreeMap;

use crate::helpers::{TestApp, DEMO_PASSWORD};

/// One answer: status, `Location`, `Set-Cookie` lines, body.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub set_cookies: Vec<String>,
    pub content_type: String,
    pub cache_control: Option<String>,
    pub body: String,
}

impl Page {
    /// The first hidden `csrf` value of the page.
    pub fn csrf(&self) -> String {
        hidden_value(&self.body, "csrf").unwrap_or_else(|| panic!("no csrf field in {}", self.body))
    }

    pub fn assert_redirect(&self, to: &str) {
        assert_eq!(self.status, 303, "expected a redirect to {to}: {self:?}");
        assert_eq!(self.location.as_deref(), Some(to), "redirect target");
    }
}

/// The value of the first `<input … name="NAME" value="…">` (our templates write name before value).
pub fn hidden_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

pub struct WebClient {
    /// Where the pages are: the in-process app, or a proxy in front of the real binary.
    pub base: String,
    agent: ureq::Agent,
    cookies: RefCell<BTreeMap<String, String>>,
    accept_language: Option<String>,
}

impl WebClient {
    pub fn new(app: &TestApp) -> Self {
        Self::at(&app.base, ureq::AgentBuilder::new())
    }

    /// A browser at `base` whose connections `agent` makes (e.g. HTTPS trusting a test
    /// certificate); redirects are never followed.
    pub fn at(base: &str, agent: ureq::AgentBuilder) -> Self {
        WebClient {
            base: base.trim_end_matches('/').to_string(),
            agent: agent.redirects(0).build(),
            cookies: RefCell::new(BTreeMap::new()),
            accept_language: None,
        }
    }

    pub fn with_accept_language(mut self, value: &str) -> Self {
        self.accept_language = Some(value.to_string());
        self
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.borrow().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies
            .borrow_mut()
            .insert(name.to_string(), value.to_string());
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .borrow()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn finish(&self, result: Result<ureq::Response, ureq::Error>) -> Page {
        let response = match result {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("transport error: {e}"),
        };
        let set_cookies: Vec<String> = response
            .all("set-cookie")
            .into_iter()
            .map(str::to_string)
            .collect();
        for line in &set_cookies {
            let first = line.split(';').next().unwrap_or("");
            if let Some((name, value)) = first.split_once('=') {
                let removal = value.is_empty() || line.to_ascii_lowercase().contains("max-age=0");
                if removal {
                    self.cookies.borrow_mut().remove(name.trim());
                } else {
                    self.set_cookie(name.trim(), value.trim());
                }
            }
        }
        Page {
            status: response.status(),
            location: response.header("location").map(str::to_string),
            content_type: response.content_type().to_string(),
            cache_control: response.header("cache-control").map(str::to_string),
            set_cookies,
            body: response.into_string().unwrap_or_default(),
        }
    }

    fn request(&self, method: &str, path: &str) -> ureq::Request {
        let mut req = self.agent.request(method, &format!("{}{path}", self.base));
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.set("cookie", &cookies);
        }
        if let Some(lang) = &self.accept_language {
            req = req.set("accept-language", lang);
        }
        req
    }

    pub fn get(&self, path: &str) -> Page {
        self.finish(self.request("GET", path).call())
    }

    /// Posts a form exactly as given (add `("csrf", …)` yourself, or leave it out to test the refusal).
    pub fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        self.finish(self.request("POST", path).send_form(fields))
    }

    /// Posts a `multipart/form-data` form (a file upload) as a browser does: `fields` as text
    /// parts, `file` as (field, file name, content).
    pub fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file: (&str, &str, &str),
    ) -> Page {
        let boundary = "----dpiahub-test-boundary-7d3f";
        let mut body = String::new();
        for (name, value) in fields {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        let (name, filename, content) = file;
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: application/json\r\n\r\n{content}\r\n--{boundary}--\r\n"
        ));
        self.finish(
            self.request("POST", path)
                .set(
                    "content-type",
                    &format!("multipart/form-data; boundary={boundary}"),
                )
                .send_string(&body),
        )
    }

    /// Posts a form with the session's CSRF token read from `form_page` first (as a browser
    /// submits the form it shows).
    pub fn submit(&self, form_page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.get(form_page).csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf", &token)];
        all.extend_from_slice(fields);
        self.post(action, &all)
    }

    /// Signs in through the form with the demo password; returns the redirect answer.
    pub fn sign_in_with(&self, email: &str, password: &str) -> Page {
        let form = self.get("/signin");
        let token = form.csrf();
        self.post(
            "/signin",
            &[
                ("csrf", &token),
                ("next", "/"),
                ("email", email),
                ("password", password),
            ],
        )
    }

    /// Signs in a demo account and checks that a session cookie was set.
    pub fn sign_in(&self, email: &str) -> Page {
        let page = self.sign_in_with(email, DEMO_PASSWORD);
        assert_eq!(page.status, 303, "sign-in of {email} failed: {page:?}");
        assert!(
            self.cookie("dpiahub_session").is_some(),
            "no session cookie"
        );
        page
    }
}
