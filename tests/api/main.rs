//! Black-box API tests: the real server over HTTP, on SQLite or PostgreSQL (see helpers).

mod helpers;

mod assessments;
mod audit_trail;
mod auth;
mod authorisation;
mod code_review;
mod codes;
mod limits;
mod notice_mail;
mod notices;
mod notices_web;
mod repository;
mod review;
mod smtp;
mod templates;
mod web;
