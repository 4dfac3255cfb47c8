//! sellerhealth: audits Amazon seller account health from raw report files.
//!
//! Data flows one way, each layer using only those below it (checked by
//! `tests/layers.rs`): [`ingest`] (read, decode, detect, parse) → [`model`]
//! (orders merged by id) → [`metrics`] (facts: pure functions of the model,
//! the as-of day and the [`policy`]) → [`report`] (judged, put into words and
//! rendered: table, markdown, csv, json); [`history`] keeps each audit in
//! SQLite (`--history`). [`accounts`] says which audits a run makes (accounts,
//! marketplaces). [`app`] and [`cli`] run a command; [`output`] writes
//! its result. `main.rs` only calls [`app::main_with_args`].

pub mod accounts;
pub mod advice;
pub mod app;
pub mod calendar;
pub mod cli;
pub mod history;
pub mod ingest;
pub mod marketplace;
pub mod metrics;
pub mod model;
pub mod output;
pub mod policy;
pub mod reconcile;
pub mod report;
pub mod text;
