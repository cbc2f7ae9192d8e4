//! `embed_migrations!` reads the migration directories at compile time, but cargo only
//! notices changes to files it already knew; a newly added migration directory would be left
//! out of the binary until something else changed. Watching the directories fixes that.

fn main() {
    println!("cargo:rerun-if-changed=../migrations/sqlite");
    println!("cargo:rerun-if-changed=../migrations/postgres");
}
