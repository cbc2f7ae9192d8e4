//! DPIA Hub server: a multi-tenant GraphQL service for base DPIAs that controllers adopt,
//! inherit and override, and that the supervisory authority reviews. See docs/ARCHITECTURE.md.

pub mod approval;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod bench;
pub mod bootstrap;
pub mod cli;
pub mod config;
pub mod context;
pub mod demo;
pub mod error;
pub mod graphql;
pub mod http;
pub mod i18n;
pub mod memo;
pub mod monitoring;
pub mod national;
pub mod overview;
pub mod report;
pub mod signin;
pub mod startup;
pub mod state;
pub mod store;
pub mod web;

pub use dpiahub_domain as domain;
