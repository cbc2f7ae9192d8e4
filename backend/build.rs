//! `embed_migrations!` reads the migration directories at compile time, but cargo only
//! notices changes to files it already knew; a newly added migration directory would be left
//! out of the binary until something else changed. Watching the directories fixes that.
//!
//! It also fingerprints the code that computes an overview summary (issue 18): summaries kept
//! in the database are used only by a build whose fingerprint they carry
//! (`src/overview/stored.rs`), so a deployment that changes a check is not served figures of
//! the code before it, while one that changes nothing of it keeps them.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=../migrations/sqlite");
    println!("cargo:rerun-if-changed=../migrations/postgres");
    println!("cargo:rustc-env=DPIAHUB_SUMMARY_CODE={}", summary_code());
}

/// The package version and a hash of the domain crate's sources (effective assessment, checks,
/// parsing of templates and local changes) and of the summary code. std's SipHash with fixed
/// keys: the same sources give the same value with the same toolchain; a new toolchain at
/// worst recomputes the summaries once.
fn summary_code() -> String {
    let mut files = Vec::new();
    sources(Path::new("domain/src"), &mut files);
    files.push("domain/Cargo.toml".into());
    files.push("src/overview/summary.rs".into());
    files.push("src/overview/stored.rs".into());
    files.sort();
    let mut hasher = std::hash::DefaultHasher::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        file.to_string_lossy().hash(&mut hasher);
        std::fs::read(file)
            .unwrap_or_else(|e| panic!("reading {}: {e}", file.display()))
            .hash(&mut hasher);
    }
    println!("cargo:rerun-if-changed=domain/src");
    format!(
        "{}-{:016x}",
        std::env::var("CARGO_PKG_VERSION").unwrap_or_default(),
        hasher.finish()
    )
}

fn sources(dir: &Path, files: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}
