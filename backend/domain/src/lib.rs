//! DPIA Hub's domain: the rules of templates, inheritance, diffs, upgrades and checks as pure
//! functions over plain structs. This crate has no database, HTTP or clock dependency by
//! construction (see its Cargo.toml), so every rule is testable in isolation.
pub mod adherence;
pub mod assessment;
pub mod checks;
#[cfg(test)]
mod demo_assessments;
#[cfg(test)]
mod demo_region;
pub mod disclosure;
pub mod interchange;
pub mod risk_model;
pub mod template;
