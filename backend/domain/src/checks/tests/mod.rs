//! The checks' specifications: for every rule the smallest assessment that triggers it and
//! one that does not, plus the engine, the registry and the settings.

mod consistency;
mod demo;
mod description;
mod engine;
mod incidents;
mod necessity;
mod recipients;
mod recommendations;
mod settings;
mod sign_offs;
mod timing;
mod treatment;
