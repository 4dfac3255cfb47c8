//! sellerhealth: audits Amazon seller account health from raw report files.
//!
//! Data flows one way: [`ingest`] (read, decode, detect, parse) → [`model`]
//! (orders merged by id) → [`metrics`] (pure functions of the model, the as-of
//! day and the [`policy`]) → [`report`] (table, json, csv, markdown).

pub mod calendar;
pub mod ingest;
pub mod marketplace;
pub mod model;
pub mod policy;
pub mod advice;
pub mod metrics;
pub mod cli;
pub mod report;
pub mod app;
pub mod explain;
pub mod schema;
