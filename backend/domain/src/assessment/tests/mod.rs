//! Specifications of the assessment module, one file per rule family.

mod coverage;
mod descriptions;
mod diff;
mod effective;
mod local_items;
mod measures_and_responses;
mod properties;
mod revisions;
mod sign_offs;
mod storage;
mod treatments;
mod upgrade;
