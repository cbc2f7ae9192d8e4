//! Browser tests in real headless Chromium, driven through chromedriver on a loopback port
//! with fantoccini. Synchronous wrappers, so a journey reads like the steps a person takes.
//!
//! Chromium and chromedriver come from Debian (`chromium`, `chromium-driver`). When they are
//! missing the harness installs them (as root, or through sudo) like `.ci/with-postgres`
//! installs PostgreSQL, and fails with a clear message when it cannot: browser tests are never
//! skipped silently. Browser tests run one at a time (two cores; Chromium is heavy).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::helpers::{TestApp, DEMO_PASSWORD};

/// axe-core, vendored from the npm registry (tests only; never served by the product).
const AXE: &str = include_str!("axe.min.js");

const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
    // A Danish user's browser: Accept-Language da (the product's default language anyway).
    "--lang=da-DK",
];

struct Installed {
    chromium: PathBuf,
    driver: PathBuf,
}

fn find(candidates: &[&str]) -> Option<PathBuf> {
    candidates.iter().map(PathBuf::from).find(|p| p.exists())
}

fn locate() -> Option<Installed> {
    let chromium = std::env::var("DPIAHUB_CHROMIUM")
        .ok()
        .map(PathBuf::from)
        .or_else(|| find(&["/usr/bin/chromium", "/usr/bin/chromium-browser"]))?;
    let driver = std::env::var("DPIAHUB_CHROMEDRIVER")
        .ok()
        .map(PathBuf::from)
        .or_else(|| find(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]))?;
    Some(Installed { chromium, driver })
}

fn run_as_root(args: &[&str]) -> Result<(), String> {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let mut command = if is_root {
        let mut c = Command::new(args[0]);
        c.args(&args[1..]);
        c
    } else {
        let mut c = Command::new("sudo");
        c.arg("-n").args(args);
        c
    };
    let output = command
        .env("DEBIAN_FRONTEND", "noninteractive")
        .output()
        .map_err(|e| format!("{}: {e}", args.join(" ")))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "`{}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

fn installed() -> &'static Installed {
    static INSTALLED: OnceLock<Installed> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        if let Some(found) = locate() {
            return found;
        }
        eprintln!(
            "browser tests: Chromium or chromedriver missing; installing the Debian packages"
        );
        let attempt = run_as_root(&["apt-get", "update"]).and_then(|_| {
            run_as_root(&[
                "apt-get",
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
            ])
        });
        match (attempt, locate()) {
            (_, Some(found)) => found,
            (Err(e), None) => panic!(
                "The browser tests need Chromium and chromedriver (Debian: apt-get install -y \
                 chromium chromium-driver) and could not install them: {e}. Install them, or \
                 point DPIAHUB_CHROMIUM and DPIAHUB_CHROMEDRIVER at them."
            ),
            (Ok(()), None) => panic!(
                "apt-get installed chromium and chromium-driver, but /usr/bin/chromium or \
                 /usr/bin/chromedriver is still missing"
            ),
        }
    })
}

fn one_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Where screenshots go: `target/screenshots/NAME.png` in the workspace.
pub fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("target")
        .join("screenshots")
}

/// One headless Chromium with its own chromedriver and a fresh profile, pointed at a TestApp.
pub struct Browser<'a> {
    pub app: &'a TestApp,
    rt: tokio::runtime::Runtime,
    client: Option<Client>,
    driver: Child,
    _profile: tempfile::TempDir,
    _turn: MutexGuard<'static, ()>,
}

impl Drop for Browser<'_> {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            let _ = self.rt.block_on(client.close());
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl<'a> Browser<'a> {
    pub fn start(app: &'a TestApp) -> Self {
        let turn = one_at_a_time();
        let installed = installed();
        let port = free_port();
        let driver = Command::new(&installed.driver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", installed.driver.display()));
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while ureq::get(&format!("{url}/status")).call().is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not answer on {url} within 20 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().expect("a profile directory");
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": installed.chromium.to_string_lossy(),
                "args": args,
                "prefs": { "intl.accept_languages": "da-DK,da" },
            }
        });
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let client = rt
            .block_on(async {
                let mut builder =
                    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
                if let Value::Object(map) = capabilities {
                    builder.capabilities(map);
                }
                builder.connect(&url).await
            })
            .unwrap_or_else(|e| panic!("cannot start headless Chromium through chromedriver: {e}"));
        Browser {
            app,
            rt,
            client: Some(client),
            driver,
            _profile: profile,
            _turn: turn,
        }
    }

    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("open until dropped")
    }

    fn run<T>(
        &self,
        what: &str,
        f: impl std::future::Future<Output = Result<T, fantoccini::error::CmdError>>,
    ) -> T {
        self.rt
            .block_on(f)
            .unwrap_or_else(|e| panic!("browser: {what}: {e}"))
    }

    /// Opens a path of the app (`/signin`).
    pub fn goto(&self, path: &str) {
        let url = format!("{}{path}", self.app.base);
        self.run(&format!("goto {path}"), self.client().goto(&url));
    }

    /// The current path and query.
    pub fn path(&self) -> String {
        let url = self.run("current url", self.client().current_url());
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    pub fn source(&self) -> String {
        self.run("page source", self.client().source())
    }

    /// The visible text of the first element matching `css`.
    pub fn text(&self, css: &str) -> String {
        let client = self.client();
        self.run(&format!("text of {css}"), async move {
            // A page that is being replaced can drop the element between finding and reading
            // it; read again from the new page (a few times at most).
            let mut tries = 0;
            loop {
                let read = async { client.find(Locator::Css(css)).await?.text().await }.await;
                match read {
                    Err(e) if tries < 20 && e.to_string().contains("stale element") => {
                        tries += 1;
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                    other => return other,
                }
            }
        })
    }

    /// Whether an element matches `css` now.
    pub fn exists(&self, css: &str) -> bool {
        let client = self.client();
        self.run(&format!("find {css}"), async move {
            Ok(!client.find_all(Locator::Css(css)).await?.is_empty())
        })
    }

    /// Clears a field and types `text` into it.
    pub fn fill(&self, css: &str, text: &str) {
        let client = self.client();
        self.run(&format!("fill {css}"), async move {
            let field = client.find(Locator::Css(css)).await?;
            field.clear().await?;
            field.send_keys(text).await
        })
    }

    pub fn click(&self, css: &str) {
        let client = self.client();
        self.run(&format!("click {css}"), async move {
            client.find(Locator::Css(css)).await?.click().await
        })
    }

    /// Picks an option of a `<select>` by its value.
    pub fn select(&self, css: &str, value: &str) {
        let client = self.client();
        self.run(&format!("select {value} in {css}"), async move {
            client
                .find(Locator::Css(css))
                .await?
                .select_by_value(value)
                .await
        })
    }

    /// Types keys into whatever has focus (`"\u{E004}"` is Tab, `"\u{E007}"` Enter).
    pub fn keys(&self, keys: &str) {
        let client = self.client();
        self.run("send keys", async move {
            client.active_element().await?.send_keys(keys).await
        })
    }

    /// An attribute of the focused element (`id`, `name`…).
    pub fn focused_attr(&self, attr: &str) -> Option<String> {
        let client = self.client();
        self.run("focused element", async move {
            client.active_element().await?.attr(attr).await
        })
    }

    /// Runs a script in the page and returns its value.
    pub fn script(&self, js: &str) -> Value {
        self.run("script", self.client().execute(js, vec![]))
    }

    /// Clicks `css` (a submit button or a link) and waits until the next page has loaded. The
    /// old document is marked first, so only a new document ends the wait: waiting for an
    /// element both pages have would race the navigation (and read a stale element).
    pub fn click_and_wait(&self, css: &str) {
        self.script("window.__dpiahub_old_page = true;");
        self.click(css);
        let started = Instant::now();
        loop {
            let loaded = self.script(
                "return window.__dpiahub_old_page === undefined && document.readyState === 'complete';",
            );
            if loaded.as_bool() == Some(true) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "no new page after clicking {css} on {}",
                self.path()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `css` matches (after an htmx swap, say), at most 5 s.
    pub fn wait_for(&self, css: &str) {
        let started = Instant::now();
        while !self.exists(css) {
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "{css} did not appear on {}",
                self.path()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Signs in through the form like a person (demo password) and waits for the next page.
    pub fn sign_in(&self, email: &str) {
        self.goto("/signin");
        self.fill("#f-email", email);
        self.fill("#f-password", DEMO_PASSWORD);
        self.click("form[action='/signin'] button[type=submit]");
        let started = Instant::now();
        while self.path().starts_with("/signin") {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "sign-in of {email} did not leave the sign-in page: {}",
                self.text("main")
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Removes the session cookie (as if the browser was closed and its cookie lost).
    pub fn forget_cookies(&self) {
        self.run("delete cookies", self.client().delete_all_cookies());
    }

    /// Runs axe-core on the page (WCAG 2.0/2.1 A and AA rules) and fails on any violation,
    /// listing each with the elements concerned.
    pub fn assert_accessible(&self, name: &str) {
        let client = self.client();
        let found = self.run("axe", async move {
            client.execute(AXE, vec![]).await?;
            client
                .execute_async(
                    "const done = arguments[arguments.length - 1];
                     axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                        .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary) }))))
                        .catch(e => done([{ id: 'axe-error', help: String(e), nodes: [] }]));",
                    vec![],
                )
                .await
        });
        let violations = found.as_array().cloned().unwrap_or_default();
        assert!(
            violations.is_empty(),
            "axe found {} WCAG 2.1 A/AA violation(s) on {name} ({}):\n{}",
            violations.len(),
            self.path(),
            serde_json::to_string_pretty(&violations).unwrap_or_default()
        );
    }

    /// Saves a PNG of the viewport as `target/screenshots/NAME.png`; returns its path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.run("screenshot", self.client().screenshot());
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot directory");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write the screenshot");
        path
    }

    /// Prints the page to PDF as the browser's "print to PDF" does (print stylesheet applied);
    /// saves it as `target/screenshots/NAME.pdf` and returns its bytes.
    pub fn print_pdf(&self, name: &str) -> Vec<u8> {
        let pdf = self.run(
            "print",
            self.client()
                .print(fantoccini::wd::PrintConfiguration::default()),
        );
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot directory");
        std::fs::write(dir.join(format!("{name}.pdf")), &pdf).expect("write the PDF");
        pdf
    }

    /// Whether `css` is displayed under the print stylesheet (emulated by reading the computed
    /// style with the page's print rules forced on).
    pub fn hidden_in_print(&self, css: &str) -> bool {
        let js = format!(
            "const el = document.querySelector({css:?});
             for (const sheet of document.styleSheets) {{
               for (const rule of sheet.cssRules) {{
                 if (rule.media && rule.media.mediaText.includes('print')) {{
                   for (const inner of rule.cssRules) {{
                     if (el.matches(inner.selectorText) && inner.style.display === 'none') return true;
                   }}
                 }}
               }}
             }}
             return false;"
        );
        self.script(&js).as_bool().unwrap_or(false)
    }

    /// Resizes the window so the whole page fits, for a full-page screenshot.
    pub fn fit_page(&self) {
        let height = self
            .script("return Math.min(4000, document.documentElement.scrollHeight);")
            .as_u64()
            .unwrap_or(900) as u32;
        self.run(
            "resize",
            self.client().set_window_size(1280, height.max(600) + 140),
        );
    }
}
