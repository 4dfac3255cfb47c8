//! Reading report files into the model (SPEC §2): decode, detect the kind,
//! split rows, parse values, merge. Each file is read once, row by row.

pub mod header;
pub mod records;
pub mod rows;
pub mod source;
pub mod values;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use serde::Serialize;

use crate::model::Model;
use header::{ColumnMap, Kind};
use records::{Delimiter, Event, Lines, RowReader};
use rows::RowParser;
use values::{parse_rating, ValueParser};

/// How many lines may precede the header (SPEC §2.1).
const HEADER_SEARCH_LINES: usize = 10;
/// How many `file:line: reason` warnings are shown per file before a count.
pub const SHOWN_ROW_WARNINGS: u64 = 5;

/// An input error: the audit stops (exit code 3).
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: not a report sellerhealth knows: no line among the first 10 has the columns of an orders, shipments, feedback, claims, returns or messages report")]
    UnknownKind { path: String },
    #[error("{path}: missing required column '{column}' for a {kind} report")]
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
    #[error("{path}: {reason}")]
    Other { path: String, reason: String },
}

/// One file to read, and the kind forced for it (`--orders FILE` …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputSpec {
    pub path: PathBuf,
    pub forced: Option<Kind>,
    /// Found in a directory: an unknown kind is skipped with a warning.
    pub from_directory: bool,
}

/// The kind of an input as listed in the report (`unknown` for a header-only
/// file whose kind cannot be told).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Orders,
    Shipments,
    Feedback,
    Claims,
    Returns,
    Messages,
    Unknown,
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
        }
    }
}

/// What was read from one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct InputSummary {
    pub path: String,
    pub kind: InputKind,
    /// Data rows read (blank lines and skipped header lines aside).
    pub rows: u64,
    pub skipped_rows: u64,
}

/// Settings for reading.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    pub values: ValueParser,
    /// The encoding of text that is not UTF-8.
    pub fallback: &'static Encoding,
    pub strict: bool,
}

/// Expands directories (not recursively, by extension, in name order).
/// Returns the files and warnings about directories with no reports.
pub fn expand(
    paths: &[(PathBuf, Option<Kind>)],
    warnings: &mut Vec<String>,
) -> Result<Vec<InputSpec>, InputError> {
    let mut out = Vec::new();
    for (path, forced) in paths {
        if path.as_os_str() != "-" && path.is_dir() {
            let shown = path.display().to_string();
            let entries = fs::read_dir(path).map_err(|e| InputError::Io {
                path: shown.clone(),
                source: e,
            })?;
            let mut files = Vec::new();
            for entry in entries {
                let entry = entry.map_err(|e| InputError::Io {
                    path: shown.clone(),
                    source: e,
                })?;
                let p = entry.path();
                if p.is_file() && has_report_extension(&p) {
                    files.push(p);
                }
            }
            files.sort();
            if files.is_empty() {
                warnings.push(format!("{shown}: no report files (.txt, .tsv, .csv, .tab, optionally .gz) in this directory"));
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
    [".txt", ".tsv", ".csv", ".tab"]
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

/// Reads one input into `model`. `Ok(None)`: a file found in a directory
/// whose kind is unknown, skipped with a warning.
pub fn read_input(
    spec: &InputSpec,
    options: &ReadOptions,
    model: &mut Model,
    warnings: &mut Vec<String>,
) -> Result<Option<InputSummary>, InputError> {
    let shown = display_path(&spec.path);
    let io_err = |e: std::io::Error| InputError::Io {
        path: shown.clone(),
        source: e,
    };
    let raw = source::open_path(&spec.path).map_err(io_err)?;
    let opened = source::decode(raw, options.fallback).map_err(io_err)?;
    read_stream(opened.reader, spec, options, model, warnings)
}

/// A header found among the first lines.
struct Found {
    map: ColumnMap,
    delimiter: Delimiter,
    /// The header's line number (0 when the header is implied: feedback by position).
    line: u64,
}

fn find_header(
    peeked: &[(u64, Vec<u8>)],
    forced: Option<Kind>,
    values: &ValueParser,
) -> Option<Found> {
    for (number, bytes) in peeked {
        let (delimiter, cells) = records::split_line(bytes);
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        let map = match forced {
            Some(kind) => header::match_kind(kind, &cells).ok(),
            None => header::detect(&cells),
        };
        if let Some(map) = map {
            return Some(Found {
                map,
                delimiter,
                line: *number,
            });
        }
    }
    if forced.is_none() || forced == Some(Kind::Feedback) {
        return feedback_by_position(peeked, values);
    }
    None
}

/// A translated feedback report: the first non-blank line is its header
/// (6 or 7 cells, whatever they say) when the next line's first cell is a date
/// (in the marketplace's date order) and its second a rating 1–5.
fn feedback_by_position(peeked: &[(u64, Vec<u8>)], parser: &ValueParser) -> Option<Found> {
    let mut lines = peeked
        .iter()
        .filter(|(_, b)| !b.iter().all(u8::is_ascii_whitespace));
    let (header_line, header) = lines.next()?;
    let (delimiter, header_cells) = records::split_line(header);
    let (_, data) = lines.next()?;
    let (data_delimiter, cells) = records::split_line(data);
    let fits = matches!(header_cells.len(), 6 | 7)
        && data_delimiter == delimiter
        && cells.len() <= header_cells.len()
        && cells.len() >= 5
        && parse_rating(&cells[1]).is_some()
        && parser.instant(&cells[0], values::Role::Event).is_some();
    fits.then(|| Found {
        map: header::feedback_by_position(header_cells.len()),
        delimiter,
        line: *header_line,
    })
}

/// Reads an already-opened, decoded stream (see [`read_input`]).
pub fn read_stream(
    reader: Box<dyn Read + Send>,
    spec: &InputSpec,
    options: &ReadOptions,
    model: &mut Model,
    warnings: &mut Vec<String>,
) -> Result<Option<InputSummary>, InputError> {
    let shown = display_path(&spec.path);
    let io_err = |e: std::io::Error| InputError::Io {
        path: shown.clone(),
        source: e,
    };
    let mut lines = Lines::new(reader);
    let peeked = lines.peek_lines(HEADER_SEARCH_LINES).map_err(io_err)?;
    let non_blank: Vec<&(u64, Vec<u8>)> = peeked
        .iter()
        .filter(|(_, b)| !b.iter().all(u8::is_ascii_whitespace))
        .collect();
    let summary = |kind: InputKind, rows, skipped_rows| InputSummary {
        path: spec.path.display().to_string(),
        kind,
        rows,
        skipped_rows,
    };
    let Some(found) = find_header(&peeked, spec.forced, &options.values) else {
        if non_blank.len() <= 1 {
            // Empty, or a lone header line of a kind that cannot be told.
            let kind = spec.forced.map_or(InputKind::Unknown, InputKind::from);
            if non_blank.len() == 1 && kind == InputKind::Unknown {
                warnings.push(format!(
                    "{shown}: header only, and its columns match no report kind; nothing read"
                ));
            }
            if let (Some(k), 1) = (spec.forced, non_blank.len()) {
                let (_, cells) = records::split_line(&non_blank[0].1);
                let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                if let Err(column) = header::match_kind(k, &cells) {
                    return Err(InputError::MissingColumn {
                        path: shown,
                        kind: k.as_str(),
                        column,
                    });
                }
            }
            return Ok(Some(summary(kind, 0, 0)));
        }
        if let Some(kind) = spec.forced {
            let column = non_blank
                .first()
                .map(|(_, b)| {
                    let (_, cells) = records::split_line(b);
                    let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                    header::match_kind(kind, &cells).err().unwrap_or("?")
                })
                .unwrap_or("?");
            return Err(InputError::MissingColumn {
                path: shown,
                kind: kind.as_str(),
                column,
            });
        }
        if spec.from_directory {
            warnings.push(format!("{shown}: not a report sellerhealth knows; skipped"));
            return Ok(None);
        }
        return Err(InputError::UnknownKind { path: shown });
    };
    lines.skip_through(found.line);
    if found.map.kind == Kind::Shipments && found.map.has(header::Field::DeliveredAt) {
        model.has_delivery_column = true;
    }
    let parser = RowParser {
        map: &found.map,
        values: options.values,
        source: &shown,
    };
    let mut reader = RowReader::new(lines, found.delimiter);
    let mut rows = 0u64;
    let mut skipped = 0u64;
    let mut skip =
        |line: u64, reason: String, warnings: &mut Vec<String>| -> Result<(), InputError> {
            if options.strict {
                return Err(InputError::Row {
                    path: shown.clone(),
                    line,
                    reason,
                });
            }
            skipped += 1;
            if skipped <= SHOWN_ROW_WARNINGS {
                warnings.push(format!("{shown}:{line}: {reason}; row skipped"));
            }
            Ok(())
        };
    loop {
        match reader.next_row().map_err(io_err)? {
            Event::End => break,
            Event::Blank => {}
            Event::Row { line } => {
                let row = reader.row();
                // A repeated header (reports concatenated) is not data.
                if !found.map.names.is_empty()
                    && row.len() == found.map.names.len()
                    && (0..row.len()).all(|i| header::normalise(row.cell(i)) == found.map.names[i])
                {
                    continue;
                }
                rows += 1;
                if let Err(reason) = parser.add(&row, line, model) {
                    skip(line, reason, warnings)?;
                }
            }
            Event::TooLong { line } => {
                rows += 1;
                skip(
                    line,
                    format!("row longer than {} MiB", records::MAX_RECORD_BYTES >> 20),
                    warnings,
                )?;
            }
            Event::Unterminated { line } => {
                let reason =
                    "a quote opened here never closes; the rest of the file is skipped".to_string();
                if options.strict {
                    return Err(InputError::Row {
                        path: shown,
                        line,
                        reason,
                    });
                }
                warnings.push(format!("{shown}:{line}: {reason}"));
                break;
            }
        }
    }
    if skipped > SHOWN_ROW_WARNINGS {
        warnings.push(format!("{shown}: {skipped} malformed rows skipped in all"));
    }
    if reader.replaced_rows > 0 {
        let first = reader.first_replaced_line.unwrap_or(0);
        warnings.push(format!(
            "{shown}:{first}: invalid UTF-8 after the first 1 MiB replaced by U+FFFD in {} rows",
            reader.replaced_rows
        ));
    }
    Ok(Some(summary(found.map.kind.into(), rows, skipped)))
}
