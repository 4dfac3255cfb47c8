//! The SQLite store: opening (and refusing what is not ours), recording a
//! snapshot, finding the latest earlier one, listing.
//!
//! Opening never writes to a file before it is known to be a sellerhealth
//! history (or a new, empty database): a foreign, damaged or newer file is
//! left byte for byte as it was.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior};

use super::migrations::{self, APPLICATION_ID, CURRENT, MIGRATIONS, TABLES};
use super::snapshot::{Snapshot, SnapshotInput, SnapshotMetric};
use super::HistoryError;
use crate::report::contract::WindowReport;

/// How long a run waits for another one that is writing (SPEC: at least 5 s).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// An open history.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// An empty database opened only to list: left as it is, with no tables.
    empty: bool,
}

/// Which snapshots to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub account: Option<String>,
    pub marketplace: Option<String>,
    /// Keep only this metric's rows (an id such as `late_shipment_rate`).
    pub metric: Option<String>,
}

/// What a database is, read without writing to it.
enum Found {
    /// No table and no version: a new database, ours to set up.
    Empty,
    /// A sellerhealth history at this version (not newer than ours).
    Ours(i64),
}

impl Store {
    /// Opens the history at `path` to record into: its folder and the file
    /// are created when missing, and an older schema is migrated.
    pub fn open(path: &Path) -> Result<Store, HistoryError> {
        Self::open_with(path, true)
    }

    /// Opens an existing history (for listing): a missing file is an error.
    pub fn open_existing(path: &Path) -> Result<Store, HistoryError> {
        Self::open_with(path, false)
    }

    fn open_with(path: &Path, create: bool) -> Result<Store, HistoryError> {
        let shown = crate::text::sanitize(&path.display().to_string());
        let fail = |reason: String| HistoryError::Open {
            path: shown.clone(),
            reason,
        };
        if path.is_dir() {
            return Err(HistoryError::Directory { path: shown });
        }
        if !create && !path.exists() {
            return Err(fail("no such file".to_string()));
        }
        if create {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| {
                    fail(format!("cannot create its folder {}: {e}", dir.display()))
                })?;
            }
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags).map_err(|e| fail(reason(&e)))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            empty: false,
        };
        store
            .conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| fail(reason(&e)))?;
        // Read first, in one read transaction (another run may be setting
        // the database up meanwhile): nothing is written to a file that is
        // not ours.
        let found = {
            let read = store.conn.transaction().map_err(|e| error(&shown, &e))?;
            let found = inspect(&read, &shown)?;
            read.finish().map_err(|e| error(&shown, &e))?;
            found
        };
        if !create && matches!(found, Found::Empty) {
            // Nothing to list, and nothing to set up for a listing.
            store.empty = true;
            return Ok(store);
        }
        // WAL lets readers and a writer work at once; it is kept in the file.
        let mode: String = store
            .conn
            .pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))
            .map_err(|e| store.error(&e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(fail(format!(
                "cannot use a write-ahead log (journal mode {mode})"
            )));
        }
        store
            .conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(|e| store.error(&e))?;
        if matches!(found, Found::Empty) || matches!(found, Found::Ours(v) if v < CURRENT) {
            store.migrate()?;
        }
        Ok(store)
    }

    /// The file as the user named it, for messages.
    fn shown(&self) -> String {
        crate::text::sanitize(&self.path.display().to_string())
    }

    fn error(&self, e: &rusqlite::Error) -> HistoryError {
        error(&self.shown(), e)
    }

    /// Brings the schema to [`CURRENT`] in one transaction. Another run may
    /// have done it meanwhile: the database is inspected again under the
    /// write lock.
    fn migrate(&mut self) -> Result<(), HistoryError> {
        let shown = self.shown();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| error(&shown, &e))?;
        let from = match inspect(&tx, &shown)? {
            Found::Empty => 0,
            Found::Ours(v) => v,
        };
        if from < CURRENT {
            migrations::migrate(&tx, from, MIGRATIONS).map_err(|e| error(&shown, &e))?;
        }
        tx.commit().map_err(|e| error(&shown, &e))
    }

    /// Records `s`, replacing the snapshot of the same account, marketplace
    /// and as-of day if there is one: one transaction, all or nothing.
    pub fn record(&mut self, s: &Snapshot) -> Result<(), HistoryError> {
        let shown = self.shown();
        let fail = |e: rusqlite::Error| HistoryError::Write {
            path: shown.clone(),
            reason: reason(&e),
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        tx.execute(
            "DELETE FROM snapshot WHERE account IS ?1 AND marketplace = ?2 AND as_of = ?3",
            params![s.account, s.marketplace, s.as_of],
        )
        .map_err(fail)?;
        tx.execute(
            "INSERT INTO snapshot (account, marketplace, as_of, recorded_at, generator, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                s.account,
                s.marketplace,
                s.as_of,
                s.recorded_at,
                s.generator,
                s.status
            ],
        )
        .map_err(fail)?;
        let id = tx.last_insert_rowid();
        {
            let mut input = tx
                .prepare(
                    "INSERT INTO snapshot_input (snapshot_id, position, path, kind, rows, last_day)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(fail)?;
            for (n, i) in s.inputs.iter().enumerate() {
                input
                    .execute(params![
                        id,
                        n as i64,
                        i.path,
                        i.kind,
                        int(i.rows),
                        i.last_day
                    ])
                    .map_err(fail)?;
            }
            let mut metric = tx
                .prepare(
                    "INSERT INTO snapshot_metric (snapshot_id, position, metric, channel,
                         window_from, window_to, window_days, defects, total, rate, status)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )
                .map_err(fail)?;
            for (n, m) in s.metrics.iter().enumerate() {
                metric
                    .execute(params![
                        id,
                        n as i64,
                        m.metric,
                        m.channel,
                        m.window.from,
                        m.window.to,
                        m.window.days,
                        int(m.defects),
                        int(m.total),
                        m.rate,
                        m.status
                    ])
                    .map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)
    }

    /// The latest snapshot of `account` and `marketplace` with an as-of day
    /// before `as_of`.
    pub fn latest_before(
        &self,
        account: Option<&str>,
        marketplace: &str,
        as_of: &str,
    ) -> Result<Option<Snapshot>, HistoryError> {
        let row = self
            .conn
            .query_row(
                &format!(
                    "{SELECT_SNAPSHOT} WHERE account IS ?1 AND marketplace = ?2 AND as_of < ?3
                     ORDER BY as_of DESC, recorded_at DESC, id DESC LIMIT 1"
                ),
                params![account, marketplace, as_of],
                snapshot_row,
            )
            .optional()
            .map_err(|e| self.error(&e))?;
        match row {
            Some((id, s)) => self.complete(id, s, None).map(Some),
            None => Ok(None),
        }
    }

    /// The snapshots that pass `filter`, oldest first: by as-of day, then
    /// recording time.
    pub fn list(&self, filter: &Filter) -> Result<Vec<Snapshot>, HistoryError> {
        if self.empty {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{SELECT_SNAPSHOT} WHERE (?1 IS NULL OR account = ?1)
                     AND (?2 IS NULL OR marketplace = ?2)
                 ORDER BY as_of, recorded_at, id"
            ))
            .map_err(|e| self.error(&e))?;
        let rows: Vec<(i64, Snapshot)> = stmt
            .query_map(params![filter.account, filter.marketplace], snapshot_row)
            .and_then(Iterator::collect)
            .map_err(|e| self.error(&e))?;
        rows.into_iter()
            .map(|(id, s)| self.complete(id, s, filter.metric.as_deref()))
            .collect()
    }

    /// Adds the inputs and metric rows (only `metric`'s when given) of snapshot `id`.
    fn complete(
        &self,
        id: i64,
        mut s: Snapshot,
        metric: Option<&str>,
    ) -> Result<Snapshot, HistoryError> {
        let err = |e: rusqlite::Error| self.error(&e);
        let mut inputs = self
            .conn
            .prepare_cached(
                "SELECT path, kind, rows, last_day FROM snapshot_input
                 WHERE snapshot_id = ?1 ORDER BY position",
            )
            .map_err(err)?;
        s.inputs = inputs
            .query_map([id], |r| {
                Ok(SnapshotInput {
                    path: r.get(0)?,
                    kind: r.get(1)?,
                    rows: uint(r.get(2)?),
                    last_day: r.get(3)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(err)?;
        let mut metrics = self
            .conn
            .prepare_cached(
                "SELECT metric, channel, window_from, window_to, window_days, defects, total,
                        rate, status
                 FROM snapshot_metric
                 WHERE snapshot_id = ?1 AND (?2 IS NULL OR metric = ?2) ORDER BY position",
            )
            .map_err(err)?;
        s.metrics = metrics
            .query_map(params![id, metric], |r| {
                Ok(SnapshotMetric {
                    metric: r.get(0)?,
                    channel: r.get(1)?,
                    window: WindowReport {
                        from: r.get(2)?,
                        to: r.get(3)?,
                        days: r.get(4)?,
                    },
                    defects: uint(r.get(5)?),
                    total: uint(r.get(6)?),
                    rate: r.get(7)?,
                    status: r.get(8)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(err)?;
        Ok(s)
    }
}

const SELECT_SNAPSHOT: &str =
    "SELECT id, account, marketplace, as_of, recorded_at, generator, status FROM snapshot";

fn snapshot_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, Snapshot)> {
    Ok((
        r.get(0)?,
        Snapshot {
            account: r.get(1)?,
            marketplace: r.get(2)?,
            as_of: r.get(3)?,
            recorded_at: r.get(4)?,
            generator: r.get(5)?,
            status: r.get(6)?,
            inputs: Vec::new(),
            metrics: Vec::new(),
        },
    ))
}

/// An SQLite error on the history `shown`: a file that is not a database, or
/// a damaged one, is not a history; anything else could not be opened.
fn error(shown: &str, e: &rusqlite::Error) -> HistoryError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => HistoryError::Foreign {
            path: shown.to_string(),
            reason: "it is not an SQLite database".to_string(),
        },
        Some(ErrorCode::DatabaseCorrupt) => HistoryError::Damaged {
            path: shown.to_string(),
            reason: reason(e),
        },
        _ => HistoryError::Open {
            path: shown.to_string(),
            reason: reason(e),
        },
    }
}

/// What the database is: new, ours (at which version), or an error for a
/// foreign, damaged or newer file. Reads only.
fn inspect(conn: &Connection, shown: &str) -> Result<Found, HistoryError> {
    let err = |e: rusqlite::Error| error(shown, &e);
    let (version, id) = migrations::version_and_id(conn).map_err(err)?;
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .map_err(err)?;
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(Iterator::collect)
        .map_err(err)?;
    let foreign = |reason: String| HistoryError::Foreign {
        path: shown.to_string(),
        reason,
    };
    if id == 0 && version == 0 && tables.is_empty() {
        return Ok(Found::Empty);
    }
    if id != APPLICATION_ID {
        return Err(foreign(if tables.is_empty() {
            format!("its application id is {id:#x}")
        } else {
            format!("it holds other tables: {}", tables.join(", "))
        }));
    }
    if version > CURRENT {
        return Err(HistoryError::Newer {
            path: shown.to_string(),
            found: version,
            known: CURRENT,
        });
    }
    if version >= 1 {
        if let Some(missing) = TABLES.iter().find(|t| !tables.iter().any(|n| n == *t)) {
            return Err(foreign(format!("its table {missing} is missing")));
        }
    }
    Ok(Found::Ours(version))
}

/// Counts are stored as SQLite integers (i64).
fn int(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn uint(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// SQLite's words for an error, without rusqlite's wrapping.
fn reason(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        other => other.to_string(),
    }
}
