//! Reading report files into the model (SPEC §2): decode, detect the kind,
//! split rows, parse values, merge. Each file is read once, row by row.

mod columns;
pub mod header;
pub mod mapping;
pub mod performance;
mod privacy;
pub mod records;
pub mod rows;
pub mod source;
pub mod values;

mod closest;
mod date_hints;
mod inputs;
mod markets;
mod parallel;
mod tally;

use std::io::Read;

use encoding_rs::Encoding;

use crate::model::{Dimensions, EventSpan, Model, ReadWarning};
use date_hints::DateHints;
use header::{ColumnMap, Kind};
use mapping::HeaderMapping;
use parallel::{read_parallel, Pieces};
use records::{Delimiter, Event, Lines, RowReader};
use rows::{RowParser, Sink};
use tally::Tally;
use values::{parse_rating, ValueParser};

pub use crate::model::{InputKind, InputSummary};
pub use inputs::{display_path, expand, InputError, InputSpec};
pub use markets::Markets;
pub use parallel::{Parallel, PARALLEL_MIN_BYTES};

/// How many lines may precede the header (SPEC §2.1).
const HEADER_SEARCH_LINES: usize = 10;
/// How many `file:line: reason` warnings are shown per file before a count.
pub const SHOWN_ROW_WARNINGS: u64 = 5;

/// Settings for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Reads values of rows of no known marketplace (and finds headers).
    pub values: ValueParser,
    /// Reads each row its marketplace's way (SPEC §12.1).
    pub markets: Markets,
    /// The encoding of text that is not UTF-8.
    pub fallback: &'static Encoding,
    pub strict: bool,
    /// `--by`: the order dimensions whose columns are read (SPEC §13).
    pub dimensions: Dimensions,
    /// `--map HEADER=COLUMN`: headers read as canonical columns.
    pub mapping: HeaderMapping,
}

/// Reads one input into `model`. `Ok(None)`: a file found in a directory
/// whose kind is unknown, skipped with a warning.
pub fn read_input(
    spec: &InputSpec,
    options: &ReadOptions,
    parallel: Parallel,
    model: &mut Model,
    warnings: &mut Vec<ReadWarning>,
) -> Result<Option<InputSummary>, InputError> {
    let shown = display_path(&spec.path);
    let io_err = InputError::io(&shown);
    // Opened once: a FIFO, a device or standard input is read as it comes.
    let raw = source::open_path(&spec.path).map_err(io_err)?;
    let opened = source::decode(raw.reader, options.fallback).map_err(io_err)?;
    if opened.json || spec.forced == Some(Kind::Performance) {
        return read_performance(opened.reader, spec, model);
    }
    // A plain UTF-8 regular file can be read in pieces (on every core).
    let plain = !opened.gzip && opened.encoding == source::TextEncoding::Utf8;
    let pieces = raw.regular.and_then(|(file, len)| {
        (plain && cfg!(unix) && len >= parallel.min_bytes).then_some(Pieces {
            file,
            len,
            offset: opened.skipped,
            threads: parallel.threads,
        })
    });
    read_decoded(opened.reader, spec, options, pieces, model, warnings)
}

/// Whether an input is Amazon's Account Health report by its name or its
/// forced kind (`.json`, `.json.gz`, `--performance`); others are told by content.
pub fn looks_like_performance(spec: &InputSpec) -> bool {
    let name = spec
        .path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    spec.forced == Some(Kind::Performance) || name.ends_with(".json") || name.ends_with(".json.gz")
}

/// Whether an input is an orders report, told from its first lines without
/// reading on (orders files are read first, so that every other row can be
/// read its order's marketplace's way, SPEC §12.1). Standard input, a FIFO or
/// a device cannot be looked at twice: `None`, as for a file that cannot be
/// opened or told (its error comes when it is read).
pub fn peek_kind(spec: &InputSpec, options: &ReadOptions) -> Option<Kind> {
    if let Some(kind) = spec.forced {
        return Some(kind);
    }
    let raw = source::open_path(&spec.path).ok()?;
    raw.regular.as_ref()?;
    let opened = source::decode(raw.reader, options.fallback).ok()?;
    if opened.json {
        return Some(Kind::Performance);
    }
    let peeked = Lines::new(opened.reader)
        .peek_lines(HEADER_SEARCH_LINES)
        .ok()?;
    find_header(&peeked, None, &options.values, &options.mapping).map(|f| f.map.kind)
}

/// Reads Amazon's Account Health report (a JSON document) into `model.amazon`.
fn read_performance(
    reader: Box<dyn Read + Send>,
    spec: &InputSpec,
    model: &mut Model,
) -> Result<Option<InputSummary>, InputError> {
    let shown = display_path(&spec.path);
    match performance::read(reader, &shown)? {
        Some(report) => {
            let rows = report.marketplaces.len() as u64;
            model.amazon.push(report);
            Ok(Some(InputSummary {
                path: spec.path.display().to_string(),
                kind: InputKind::Performance,
                rows,
                skipped_rows: 0,
                // Its windows are Amazon's, not events of the seller's data.
                events: Default::default(),
            }))
        }
        // Folders hold other JSON (settings, exports, expected results):
        // only Amazon's report is read from them, the rest passed over quietly.
        None if spec.from_directory && spec.forced.is_none() => Ok(None),
        None => Err(InputError::Other {
            path: shown,
            reason: "JSON that is not Amazon's Account Health report (no performanceMetrics \
                     array)"
                .to_string(),
        }),
    }
}

/// A header found among the first lines.
struct Found {
    map: ColumnMap,
    delimiter: Delimiter,
    /// The header's line number, from 1 (for a feedback report read by
    /// position, its first non-blank line).
    line: u64,
}

fn find_header(
    peeked: &[(u64, Vec<u8>)],
    forced: Option<Kind>,
    values: &ValueParser,
    mapping: &HeaderMapping,
) -> Option<Found> {
    for (number, bytes) in peeked {
        let cells = records::split_line(bytes);
        let map = match forced {
            Some(kind) => header::match_kind_mapped(kind, cells.iter(), mapping).ok(),
            None => header::detect_mapped(cells.iter(), mapping),
        };
        if let Some(map) = map {
            return Some(Found {
                map,
                delimiter: cells.delimiter,
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
    let header = records::split_line(header);
    let width = header.iter().take(8).count();
    let (_, data) = lines.next()?;
    let data = records::split_line(data);
    let cells: Vec<_> = data.iter().take(8).collect();
    let fits = matches!(width, 6 | 7)
        && data.delimiter == header.delimiter
        && cells.len() <= width
        && cells.len() >= 5
        && parse_rating(&cells[1]).is_some()
        && parser.instant(&cells[0], values::Role::Event).is_some();
    fits.then(|| Found {
        map: header::feedback_by_position(width),
        delimiter: header.delimiter,
        line: *header_line,
    })
}

/// Reads an already-opened, decoded stream (see [`read_input`]).
pub fn read_stream(
    reader: Box<dyn Read + Send>,
    spec: &InputSpec,
    options: &ReadOptions,
    model: &mut Model,
    warnings: &mut Vec<ReadWarning>,
) -> Result<Option<InputSummary>, InputError> {
    read_decoded(reader, spec, options, None, model, warnings)
}

fn read_decoded(
    reader: Box<dyn Read + Send>,
    spec: &InputSpec,
    options: &ReadOptions,
    pieces: Option<Pieces>,
    model: &mut Model,
    warnings: &mut Vec<ReadWarning>,
) -> Result<Option<InputSummary>, InputError> {
    let shown = display_path(&spec.path);
    let io_err = InputError::io(&shown);
    let mut lines = Lines::new(reader);
    let mut peeked = lines.peek_lines(HEADER_SEARCH_LINES).map_err(io_err)?;
    if peeked.is_empty() && lines.peek_blocked {
        // No line break in the first 16 MiB (or an endless one, /dev/zero):
        // not a report, and never a silently empty one (SPEC §15).
        return Err(InputError::FirstLineTooLong { path: shown });
    }
    // An over-long line among the first lines is not the header: pass it and
    // look on, within the first ten lines.
    while lines.peek_blocked
        && find_header(&peeked, spec.forced, &options.values, &options.mapping).is_none()
    {
        let long = peeked.last().map_or(lines.line_count(), |l| l.0) + 1;
        if long >= HEADER_SEARCH_LINES as u64 {
            break;
        }
        lines.skip_through(long).map_err(io_err)?;
        let more = lines
            .peek_lines(HEADER_SEARCH_LINES - long as usize)
            .map_err(io_err)?;
        peeked.extend(more);
    }
    let non_blank: Vec<&(u64, Vec<u8>)> = peeked
        .iter()
        .filter(|(_, b)| !b.iter().all(u8::is_ascii_whitespace))
        .collect();
    let summary = |kind: InputKind, rows, skipped_rows, events| InputSummary {
        path: spec.path.display().to_string(),
        kind,
        rows,
        skipped_rows,
        events,
    };
    let Some(found) = find_header(&peeked, spec.forced, &options.values, &options.mapping) else {
        if non_blank.len() <= 1 {
            // Empty, or a lone header line of a kind that cannot be told.
            let kind = spec.forced.map_or(InputKind::Unknown, InputKind::from);
            if non_blank.len() == 1 && kind == InputKind::Unknown {
                warnings.push(ReadWarning::HeaderOnlyUnknownKind {
                    path: shown.clone(),
                });
            }
            if let (Some(k), 1) = (spec.forced, non_blank.len()) {
                let cells = records::split_line(&non_blank[0].1);
                if let Err(column) = header::match_kind_mapped(k, cells.iter(), &options.mapping) {
                    return Err(InputError::MissingColumn {
                        path: shown,
                        kind: k.as_str(),
                        column,
                    });
                }
            }
            return Ok(Some(summary(kind, 0, 0, EventSpan::default())));
        }
        if let Some(kind) = spec.forced {
            let column = non_blank
                .first()
                .map(|(_, b)| {
                    let cells = records::split_line(b);
                    header::match_kind_mapped(kind, cells.iter(), &options.mapping)
                        .err()
                        .unwrap_or("?")
                })
                .unwrap_or("?");
            return Err(InputError::MissingColumn {
                path: shown,
                kind: kind.as_str(),
                column,
            });
        }
        if spec.from_directory {
            warnings.push(ReadWarning::UnknownKindSkipped { path: shown });
            return Ok(None);
        }
        let lines: Vec<Vec<String>> = non_blank
            .iter()
            .map(|(_, b)| records::split_line(b).iter().map(String::from).collect())
            .collect();
        return Err(InputError::UnknownKind {
            path: shown,
            closest: closest::closest(&lines, &options.mapping).map(Box::new),
        });
    };
    lines.skip_through(found.line).map_err(io_err)?;
    let mut found = found;
    found.map.keep_dimensions(options.dimensions);
    if found.map.kind == Kind::Shipments && found.map.has(header::Field::DeliveredAt) {
        model.has_delivery_column = true;
    }
    let date_hints = DateHints::default();
    let parser = RowParser {
        map: &found.map,
        values: options.values,
        markets: &options.markets,
        source: &shown,
        dimensions: options.dimensions,
        date_hints: &date_hints,
    };
    let tally = match pieces.filter(|_| parallel::fits(&found)) {
        Some(pieces) => read_parallel(lines, &pieces, &parser, model, options.strict),
        None => read_rows(
            RowReader::new(lines, found.delimiter).only_columns(found.map.used_columns()),
            &parser,
            model,
            options.strict,
        ),
    }
    .map_err(|e| e.into_input_error(&shown))?;
    tally.warn(&shown, warnings);
    warnings.extend(date_hints.warning(&shown, tally.rows, &options.values));
    if options.strict {
        if let Some((line, reason)) = tally.first_error() {
            return Err(InputError::Row {
                path: shown,
                line,
                reason,
            });
        }
    }
    Ok(Some(summary(
        found.map.kind.into(),
        tally.rows,
        tally.skipped,
        tally.events,
    )))
}

/// Reading failed part-way.
enum ReadError {
    Io(std::io::Error),
}

impl ReadError {
    fn into_input_error(self, shown: &str) -> InputError {
        match self {
            ReadError::Io(cause) => InputError::Io {
                path: shown.to_string(),
                cause,
            },
        }
    }
}

/// Whether a cell equals a normalised header name (without allocating).
fn same_name(cell: &str, name: &str) -> bool {
    // A file concatenated after another keeps its byte-order mark.
    let cell = cell.strip_prefix('\u{feff}').unwrap_or(cell);
    cell.len() == name.len()
        && cell.bytes().zip(name.bytes()).all(|(c, n)| {
            let c = match c {
                b' ' | b'_' => b'-',
                c => c.to_ascii_lowercase(),
            };
            c == n
        })
}

/// Reads rows until the end (line numbers relative to the reader's start).
/// With `strict`, stops at the first malformed row.
fn read_rows<R: Read>(
    mut reader: RowReader<R>,
    parser: &RowParser<'_>,
    model: &mut impl Sink,
    strict: bool,
) -> Result<Tally, ReadError> {
    let mut t = Tally::default();
    let names = &parser.map.names;
    loop {
        let skipped = match reader.next_row().map_err(ReadError::Io)? {
            Event::End => break,
            Event::Blank => None,
            Event::Row { line } => {
                let row = reader.row();
                // A repeated header (reports concatenated) is not data; only
                // the columns in use are split (and so compared).
                if !names.is_empty()
                    && row.len() == parser.map.width
                    && names.iter().all(|(i, name)| same_name(row.cell(*i), name))
                {
                    continue;
                }
                t.rows += 1;
                parser
                    .add(&row, line, model, &mut t.events)
                    .err()
                    .map(|reason| (line, reason))
            }
            Event::TooLong { line } => {
                t.rows += 1;
                Some((
                    line,
                    format!("row longer than {} MiB", records::MAX_RECORD_BYTES >> 20),
                ))
            }
            Event::Unterminated { line, lost } => {
                t.unterminated = Some((line, lost));
                break;
            }
        };
        if let Some((line, reason)) = skipped {
            t.skipped += 1;
            if t.first_skips.len() < SHOWN_ROW_WARNINGS as usize {
                t.first_skips.push((line, reason));
            }
            if strict {
                break;
            }
        }
    }
    t.replaced_rows = reader.replaced_rows;
    t.first_replaced = reader.first_replaced_line;
    t.lines = reader.line_count();
    Ok(t)
}
