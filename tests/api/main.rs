//! Black-box API tests: the real server over HTTP, on SQLite or PostgreSQL (see helpers).

mod helpers;

mod assessments;
mod audit_trail;
mod auth;
mod authorisation;
mod code_review;
mod codes;
mod limits;
mod ops;
mod repository;
mod review;
mod security;
mod templates;
mod typed_api;
mod web;
