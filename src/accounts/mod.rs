//! Which audits a run makes (SPEC §12): the seller accounts of `--accounts
//! DIR`, each with its own settings from an optional `account.toml`, and the
//! marketplaces each account's orders hold ([`plan`]).

pub mod plan;

use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono_tz::Tz;
use serde::Deserialize;

use crate::marketplace::Marketplace;
use crate::policy::MetricId;

/// The settings file of an account folder.
pub const SETTINGS_FILE: &str = "account.toml";

/// One account folder of `--accounts DIR`.
#[derive(Debug, Clone)]
pub struct Account {
    /// `name` in `account.toml`, else the folder's name.
    pub name: String,
    pub folder: PathBuf,
    /// Its settings, or why they cannot be used (the account then fails and
    /// the others go on).
    pub settings: Result<Settings, String>,
}

/// What `account.toml` sets; what it leaves out comes from the command line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub marketplace: Option<Marketplace>,
    pub tz: Option<Tz>,
    pub handling_days: Option<u32>,
    /// `Some(None)`: `max-age = "off"`.
    pub max_age: Option<Option<u32>>,
    pub require: Option<Vec<MetricId>>,
}

/// Why `--accounts DIR` cannot be used at all (exit 3).
#[derive(Debug, thiserror::Error)]
pub enum AccountsError {
    #[error("{path}: {reason}")]
    Folder { path: String, reason: String },
}

/// The account folders of `dir`, in name order. Hidden folders (`.git`) are
/// not accounts; a folder with no subfolder is an error.
pub fn discover(dir: &Path) -> Result<Vec<Account>, AccountsError> {
    let shown = crate::text::sanitize(&dir.display().to_string());
    let fail = |reason: String| AccountsError::Folder {
        path: shown.clone(),
        reason,
    };
    let entries = std::fs::read_dir(dir).map_err(|e| fail(format!("cannot list it: {e}")))?;
    let mut accounts = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| fail(format!("cannot list it: {e}")))?;
        let folder = entry.path();
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with('.') || !folder.is_dir() {
            continue;
        }
        let settings = read_settings(&folder.join(SETTINGS_FILE));
        // Shown in every format: control characters escaped (SPEC §15).
        let name = crate::text::sanitize(match &settings {
            Ok((Some(name), _)) => name,
            _ => &file_name,
        });
        accounts.push(Account {
            name,
            folder,
            settings: settings.map(|(_, s)| s),
        });
    }
    if accounts.is_empty() {
        return Err(fail(
            "holds no account folders: --accounts DIR audits each subfolder of DIR as one \
             seller account"
                .to_string(),
        ));
    }
    // Name order as a person reads it: case aside, then exactly.
    accounts.sort_by(|a, b| {
        (a.name.to_lowercase(), &a.name, &a.folder).cmp(&(
            b.name.to_lowercase(),
            &b.name,
            &b.folder,
        ))
    });
    Ok(accounts)
}

/// `account.toml` as written: every key optional, no other key allowed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    name: Option<String>,
    marketplace: Option<String>,
    tz: Option<String>,
    handling_days: Option<i64>,
    max_age: Option<MaxAge>,
    require: Option<Require>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum MaxAge {
    Days(i64),
    Word(String),
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Require {
    One(String),
    Many(Vec<String>),
}

/// The account's name (when set) and settings; a missing file sets nothing.
fn read_settings(path: &Path) -> Result<(Option<String>, Settings), String> {
    let shown = crate::text::sanitize(&path.display().to_string());
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((None, Settings::default()))
        }
        Err(e) => return Err(format!("{shown}: cannot read it: {e}")),
    };
    let file: File = toml::from_str(&text).map_err(|e| {
        // toml's message names the key and the line; one line of it is enough.
        let message = e.message().trim().to_string();
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
        match line {
            Some(line) => format!("{shown}:{line}: {}", crate::text::sanitize(&message)),
            None => format!("{shown}: {}", crate::text::sanitize(&message)),
        }
    })?;
    let bad = |key: &str, why: String| format!("{shown}: {key}: {}", crate::text::sanitize(&why));
    let marketplace = file
        .marketplace
        .map(|m| {
            <Marketplace as clap::ValueEnum>::from_str(m.trim(), true).map_err(|_| {
                let codes: Vec<&str> = Marketplace::ALL.iter().map(|m| m.code()).collect();
                bad(
                    "marketplace",
                    format!(
                        "'{m}' is not a marketplace code (one of {})",
                        codes.join(", ")
                    ),
                )
            })
        })
        .transpose()?;
    let tz = file
        .tz
        .map(|z| {
            Tz::from_str(z.trim()).map_err(|_| {
                bad(
                    "tz",
                    format!("'{z}' is not an IANA time zone name (e.g. UTC, Europe/Berlin)"),
                )
            })
        })
        .transpose()?;
    let handling_days =
        file.handling_days
            .map(|n| {
                u32::try_from(n).ok().filter(|&n| n <= 60).ok_or_else(|| {
                    bad("handling-days", format!("{n} is not a number from 0 to 60"))
                })
            })
            .transpose()?;
    let max_age = file
        .max_age
        .map(|m| match m {
            MaxAge::Word(w) if w.trim().eq_ignore_ascii_case("off") => Ok(None),
            MaxAge::Days(n) => u32::try_from(n)
                .ok()
                .filter(|&n| n <= 3650)
                .map(Some)
                .ok_or_else(|| {
                    bad(
                        "max-age",
                        format!("{n} is not a number of days from 0 to 3650, or \"off\""),
                    )
                }),
            MaxAge::Word(w) => Err(bad(
                "max-age",
                format!("'{w}' is not a number of days from 0 to 3650, or \"off\""),
            )),
        })
        .transpose()?;
    let require = file
        .require
        .map(|r| {
            let names: Vec<String> = match r {
                Require::One(s) if s.trim().eq_ignore_ascii_case("all") => {
                    return Ok::<_, String>(MetricId::ALL.to_vec())
                }
                Require::One(s) => s.split(',').map(str::to_string).collect(),
                Require::Many(v) => v,
            };
            let mut out = Vec::new();
            for name in names {
                let id = MetricId::parse(&name).ok_or_else(|| {
                    bad(
                        "require",
                        format!("'{name}' is not a metric (see sellerhealth explain)"),
                    )
                })?;
                if !out.contains(&id) {
                    out.push(id);
                }
            }
            Ok(out)
        })
        .transpose()?;
    let name = file
        .name
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    Ok((
        name,
        Settings {
            marketplace,
            tz,
            handling_days,
            max_age,
            require,
        },
    ))
}

#[cfg(test)]
mod tests;
