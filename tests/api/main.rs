//! Black-box API tests: the real server over HTTP, on SQLite or PostgreSQL (see helpers).

mod helpers;

mod answer_memo;
mod assessments;
mod audit_trail;
mod auth;
mod authorisation;
mod code_review;
mod codes;
mod graphiql;
mod limits;
mod notice_mail;
mod notices;
mod notices_web;
mod ops;
mod overview_restart;
mod repository;
mod review;
mod security;
mod smtp;
mod templates;
mod typed_api;
mod walkthrough;
mod web;
