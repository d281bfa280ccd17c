//! Rebuild the core when a migration is added or changed: `sqlx::migrate!` embeds the folder at
//! compile time, and Cargo does not otherwise watch it.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
