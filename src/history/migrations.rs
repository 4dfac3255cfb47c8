//! The history's schema, one forward migration per version (SPEC §10.3).
//!
//! `PRAGMA user_version` holds the version a database is at; `PRAGMA
//! application_id` marks it as a sellerhealth history. Migration N takes a
//! database from version N − 1 to N inside the caller's transaction; a new
//! version is one more function appended to [`MIGRATIONS`], never an edit of
//! an earlier one (a database at version N has already run 1 … N).

use rusqlite::{Connection, Transaction};

/// `PRAGMA application_id` of a sellerhealth history: `SHis` in ASCII.
pub const APPLICATION_ID: i64 = 0x5348_6973;

/// One migration: takes the database from the version before it to its own.
pub type Migration = fn(&Transaction<'_>) -> rusqlite::Result<()>;

/// Every migration, in order: `MIGRATIONS[n - 1]` makes version `n`.
pub const MIGRATIONS: &[Migration] = &[migration_1];

/// The schema version this program writes and reads.
pub const CURRENT: i64 = MIGRATIONS.len() as i64;

/// The tables a history holds from version 1 on.
pub const TABLES: [&str; 3] = ["snapshot", "snapshot_input", "snapshot_metric"];

/// Version 1: snapshots, their inputs and their metric rows.
///
/// `account` is NULL for an audit outside `--accounts`. SQLite treats NULLs
/// as distinct in a UNIQUE constraint, so the key is a unique index on the
/// expression `ifnull(account, '')`: (no account, US, 2026-11-20) exists once.
/// (An account folder cannot be named `''`, so no real account collides.)
fn migration_1(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE snapshot (
             id          INTEGER PRIMARY KEY,
             account     TEXT,               -- NULL: no account (outside --accounts)
             marketplace TEXT NOT NULL,      -- US, DE, …
             as_of       TEXT NOT NULL,      -- YYYY-MM-DD
             recorded_at TEXT NOT NULL,      -- RFC 3339 in UTC, milliseconds
             generator   TEXT NOT NULL,      -- sellerhealth 0.1.0
             status      TEXT NOT NULL       -- no_data, good, warning, bad
         );
         CREATE UNIQUE INDEX snapshot_key ON snapshot (ifnull(account, ''), marketplace, as_of);
         CREATE TABLE snapshot_input (
             snapshot_id INTEGER NOT NULL REFERENCES snapshot (id) ON DELETE CASCADE,
             position    INTEGER NOT NULL,   -- order read, from 0
             path        TEXT NOT NULL,
             kind        TEXT NOT NULL,      -- orders, shipments, …
             rows        INTEGER NOT NULL,
             last_day    TEXT,               -- YYYY-MM-DD; NULL when unknown
             PRIMARY KEY (snapshot_id, position)
         );
         CREATE TABLE snapshot_metric (
             snapshot_id INTEGER NOT NULL REFERENCES snapshot (id) ON DELETE CASCADE,
             position    INTEGER NOT NULL,   -- order in the report, from 0
             metric      TEXT NOT NULL,      -- order_defect_rate, …
             channel     TEXT NOT NULL,      -- mfn, afn, all
             window_from TEXT NOT NULL,
             window_to   TEXT NOT NULL,
             window_days INTEGER NOT NULL,
             defects     INTEGER NOT NULL,
             total       INTEGER NOT NULL,
             rate        REAL,               -- NULL when total is 0
             status      TEXT NOT NULL,
             PRIMARY KEY (snapshot_id, position)
         );",
    )
}

/// Runs the migrations after `from` up to the last of `migrations` in `tx`
/// and sets the version and the application id. The caller has checked that
/// `from` is not newer than `migrations.len()`.
pub fn migrate(tx: &Transaction<'_>, from: i64, migrations: &[Migration]) -> rusqlite::Result<()> {
    for (n, migration) in migrations.iter().enumerate() {
        if (n as i64) >= from {
            migration(tx)?;
        }
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", migrations.len() as i64)?;
    Ok(())
}

/// `PRAGMA user_version` and `PRAGMA application_id`.
pub fn version_and_id(conn: &Connection) -> rusqlite::Result<(i64, i64)> {
    let version = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let id = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    Ok((version, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::TransactionBehavior;

    /// A later version as it might come: a column added with a default.
    fn migration_2_example(tx: &Transaction<'_>) -> rusqlite::Result<()> {
        tx.execute_batch("ALTER TABLE snapshot ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    }

    fn fresh() -> Connection {
        Connection::open_in_memory().unwrap()
    }

    fn run(conn: &mut Connection, migrations: &[Migration]) {
        let (from, _) = version_and_id(conn).unwrap();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .unwrap();
        migrate(&tx, from, migrations).unwrap();
        tx.commit().unwrap();
    }

    #[test]
    fn migration_1_makes_version_1_with_the_tables() {
        let mut conn = fresh();
        run(&mut conn, MIGRATIONS);
        assert_eq!(version_and_id(&conn).unwrap(), (CURRENT, APPLICATION_ID));
        for t in TABLES {
            let n: i64 = conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                    [t],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(n, 1, "{t}");
        }
    }

    #[test]
    fn a_next_migration_keeps_the_rows_of_the_last() {
        let mut conn = fresh();
        run(&mut conn, &[migration_1]);
        conn.execute(
            "INSERT INTO snapshot (marketplace, as_of, recorded_at, generator, status)
             VALUES ('US', '2026-11-13', '2026-11-14T07:00:00.000Z', 'sellerhealth 0.0.9', 'bad')",
            [],
        )
        .unwrap();
        run(&mut conn, &[migration_1, migration_2_example]);
        assert_eq!(version_and_id(&conn).unwrap().0, 2);
        let (as_of, note): (String, String) = conn
            .query_row("SELECT as_of, note FROM snapshot", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((as_of.as_str(), note.as_str()), ("2026-11-13", ""));
    }

    #[test]
    fn no_account_is_one_key() {
        let mut conn = fresh();
        run(&mut conn, MIGRATIONS);
        let insert = |account: Option<&str>| {
            conn.execute(
                "INSERT INTO snapshot (account, marketplace, as_of, recorded_at, generator, status)
                 VALUES (?1, 'US', '2026-11-13', 'x', 'x', 'good')",
                [account],
            )
        };
        assert!(insert(None).is_ok());
        assert!(insert(None).is_err(), "a second (NULL, US, day) is refused");
        assert!(insert(Some("shop-a")).is_ok());
        assert!(insert(Some("shop-a")).is_err());
    }
}
