//! Specifications of codes-of-conduct adherence (issue 8), one file per concern.

mod apply;
mod checks;
mod consistency;
mod demo;
mod diff;
mod reading;
mod serde_form;
mod upgrade;
