//! What is read and what came of it: the input files (directories
//! expanded), their kinds, summaries and errors.

use std::fs;
use std::path::{Path, PathBuf};

use super::closest::Closest;
use super::header::Kind;
use crate::model::{InputKind, ReadWarning};

/// An input error: the audit stops (exit code 3).
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    // `cause`, not `source`: the message already says it; a source would make
    // anyhow print it a second time.
    #[error("{path}: cannot read: {cause}")]
    Io { path: String, cause: std::io::Error },
    #[error("{path}: not a report sellerhealth knows: {}", unknown_kind(closest.as_deref()))]
    UnknownKind {
        path: String,
        closest: Option<Box<Closest>>,
    },
    #[error("{path}: not a report: line 1 is longer than 16 MiB")]
    FirstLineTooLong { path: String },
    #[error(
        "{path}: missing required column '{column}' for {} {kind} report",
        article(kind)
    )]
    MissingColumn {
        path: String,
        kind: &'static str,
        column: &'static str,
    },
    #[error("{path}:{line}: {reason}")]
    Row {
        path: String,
        line: u64,
        reason: String,
    },
    #[error("{path}:{line}:{column}: {reason}")]
    Json {
        path: String,
        line: u64,
        column: u64,
        reason: String,
    },
    #[error("{path}: {reason}")]
    Other { path: String, reason: String },
}

/// What an unknown file lacks: the closest kind and its missing columns.
fn unknown_kind(closest: Option<&Closest>) -> String {
    let Some(c) = closest else {
        return "no line among the first 10 has the columns of an orders, shipments, feedback, claims, returns or messages report".to_string();
    };
    let kind = c.kind.as_str();
    let first = c.missing.first().copied().unwrap_or("?");
    const SHOWN: usize = 8;
    let mut found = c
        .found
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if c.found.len() > SHOWN {
        found.push_str(", …");
    }
    let perhaps = c
        .perhaps
        .as_ref()
        .map(|h| format!(" (perhaps --map {h}={first})"))
        .unwrap_or_default();
    format!(
        "closest is {kind}, which needs {}; found {found}; see `sellerhealth columns {kind}`, or name it with --map HEADER={first}{perhaps}",
        crate::text::and_list(&c.missing),
    )
}

/// `an` before a kind that starts with a vowel (`an orders report`), else `a`.
pub fn article(kind: &str) -> &'static str {
    match kind.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

impl InputError {
    /// Maps an I/O error on `path` (for `map_err`).
    pub fn io(path: &str) -> impl Fn(std::io::Error) -> InputError + Copy + '_ {
        move |cause| InputError::Io {
            path: path.to_string(),
            cause,
        }
    }
}

/// One file to read, and the kind forced for it (`--orders FILE` …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputSpec {
    pub path: PathBuf,
    pub forced: Option<Kind>,
    /// Found in a directory: an unknown kind is skipped with a warning.
    pub from_directory: bool,
}

impl From<Kind> for InputKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Orders => InputKind::Orders,
            Kind::Shipments => InputKind::Shipments,
            Kind::Feedback => InputKind::Feedback,
            Kind::Claims => InputKind::Claims,
            Kind::Returns => InputKind::Returns,
            Kind::Messages => InputKind::Messages,
            Kind::Performance => InputKind::Performance,
        }
    }
}

/// Expands directories (not recursively, by extension, in name order).
/// Returns the files and warnings about directories with no reports.
pub fn expand(
    paths: &[(PathBuf, Option<Kind>)],
    warnings: &mut Vec<ReadWarning>,
) -> Result<Vec<InputSpec>, InputError> {
    let mut out = Vec::new();
    for (path, forced) in paths {
        if path.as_os_str() != "-" && path.is_dir() {
            let shown = path.display().to_string();
            let entries = fs::read_dir(path).map_err(InputError::io(&shown))?;
            let mut files = Vec::new();
            for entry in entries {
                let entry = entry.map_err(InputError::io(&shown))?;
                let p = entry.path();
                if p.is_file() && has_report_extension(&p) {
                    files.push(p);
                }
            }
            files.sort();
            if files.is_empty() {
                warnings.push(ReadWarning::NoReportFiles { dir: shown });
            }
            out.extend(files.into_iter().map(|p| InputSpec {
                path: p,
                forced: *forced,
                from_directory: true,
            }));
        } else {
            out.push(InputSpec {
                path: path.clone(),
                forced: *forced,
                from_directory: false,
            });
        }
    }
    Ok(out)
}

fn has_report_extension(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".txt", ".tsv", ".csv", ".tab", ".json"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// The name of a file in messages.
pub fn display_path(p: &Path) -> String {
    if p.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        p.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_take_their_article() {
        let e = |kind| InputError::MissingColumn {
            path: "f.txt".into(),
            kind,
            column: "order-id",
        };
        assert_eq!(
            e("orders").to_string(),
            "f.txt: missing required column 'order-id' for an orders report"
        );
        assert!(e("shipments")
            .to_string()
            .ends_with("for a shipments report"));
    }
}
