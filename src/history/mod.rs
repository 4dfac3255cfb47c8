//! The history (SPEC §10.3): every audit recorded with `--history FILE` as a
//! snapshot in an SQLite database, the comparison of a report with the latest
//! earlier snapshot (`since`), and `sellerhealth history`, which lists them.
//!
//! [`store`] opens, checks, migrates and queries the database;
//! [`migrations`] holds its schema, one function per version; [`snapshot`] is
//! what a snapshot holds, as plain data; [`listing`] renders the list.

pub mod listing;
pub mod migrations;
pub mod snapshot;
pub mod store;

pub use snapshot::{since, Snapshot};
pub use store::{Filter, Store};

/// Why the history could not be used. Each names the file; none of them
/// changes it.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("{path}: the history is a folder, not a file: give --history a file name such as {path}/history.sqlite")]
    Directory { path: String },
    #[error("{path}: cannot open the history: {reason}")]
    Open { path: String, reason: String },
    #[error("{path}: not a sellerhealth history ({reason}); it was left as it was")]
    Foreign { path: String, reason: String },
    #[error("{path}: the history is damaged ({reason}); it was left as it was")]
    Damaged { path: String, reason: String },
    #[error("{path}: the history has schema version {found}, newer than this sellerhealth knows ({known}): use a newer sellerhealth; it was left as it was")]
    Newer {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("{path}: cannot record the audit in the history: {reason}; nothing was changed")]
    Write { path: String, reason: String },
}

/// The time a snapshot is recorded: now, in UTC, to the millisecond (so two
/// recordings of one day keep their order).
pub fn now_utc() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}
