//! sellerhealth: audits Amazon seller account health from raw report files.
//!
//! Data flows one way: [`ingest`] (read, decode, detect, parse) → [`model`]
//! (orders merged by id) → [`metrics`] (pure functions of the model, the as-of
//! day and the [`policy`]) → [`report`] (table, json, csv, markdown).

pub mod advice;
pub mod app;
pub mod calendar;
pub mod cli;
pub mod ingest;
pub mod marketplace;
pub mod metrics;
pub mod model;
pub mod output;
pub mod policy;
pub mod report;
pub mod text;
