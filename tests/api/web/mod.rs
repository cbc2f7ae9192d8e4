//! The web application (issue 15): page tests over HTTP with JavaScript off, and browser
//! journeys in headless Chromium with axe-core. `client` and `browser` are the reusable
//! helpers (docs/WEB.md shows how to write a test with each).

mod approval; // APPROVE
mod approve_journeys; // APPROVE
pub mod browser;
pub mod client;
mod desk_journeys;
mod desks;
mod journeys;
mod keyboard;
pub mod pages;
mod risks;
mod sydby_journey;
mod workspace;
