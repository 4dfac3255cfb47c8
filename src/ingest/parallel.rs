//! Reading one large file on several cores: each worker reads every row
//! and keeps those of the order ids it owns.

use std::fs;
use std::io::{Read, Seek, SeekFrom};
use std::path::PathBuf;

use super::header::{self, Kind};
use super::records::{Delimiter, Lines, Partition, RowReader};
use super::rows::RowParser;
use super::tally::Tally;
use super::{read_rows, Found, InputSpec, ReadError};
use crate::model::Model;

/// A plain tab-delimited UTF-8 file large enough to read on several cores:
/// where its data starts, and the column holding the order id.
pub(super) struct ParallelPlan {
    path: PathBuf,
    data_start: u64,
    key_column: usize,
    workers: usize,
}

/// Files smaller than this are read on one core by default.
pub const PARALLEL_MIN_BYTES: u64 = 32 << 20;

/// How large plain files are read across threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parallel {
    pub threads: usize,
    /// Smallest file worth reading on several cores.
    pub min_bytes: u64,
}

impl Parallel {
    pub const NONE: Parallel = Parallel {
        threads: 1,
        min_bytes: u64::MAX,
    };
}

/// How to read a file on several cores, or `None` to read it on one.
pub(super) fn parallel_plan(
    spec: &InputSpec,
    parallel: Parallel,
    found: &Found,
) -> Option<ParallelPlan> {
    // Rows are shared out by order id; messages (keyed by message id) are small.
    let key_column = found.map.get(header::Field::OrderId)?;
    if parallel.threads < 2
        || found.delimiter != Delimiter::Tab
        || found.map.kind == Kind::Messages
        || spec.path.as_os_str() == "-"
    {
        return None;
    }
    let mut file = fs::File::open(&spec.path).ok()?;
    if file.metadata().ok()?.len() < parallel.min_bytes {
        return None;
    }
    // The data starts after the header line (BOM and earlier lines included).
    let mut head = vec![0u8; 1 << 20];
    let n = read_up_to(&mut file, &mut head).ok()?;
    let header_index = usize::try_from(found.line).ok()?.checked_sub(1)?;
    let data_start = memchr::memchr_iter(b'\n', &head[..n]).nth(header_index)? as u64 + 1;
    Some(ParallelPlan {
        path: spec.path.clone(),
        data_start,
        key_column,
        workers: parallel.threads,
    })
}

/// Reads until `buf` is full or the input ends; returns the bytes read.
fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Reads the file on several threads, each keeping only the rows of the
/// order ids it owns ([`crate::model::partition_of`]). Every worker reads its
/// rows in file order and no two share an order, so the merged model is the
/// one a single pass gives, and holds each order once whatever the file's
/// layout. Line numbers in the tally are the file's.
pub(super) fn read_parallel(
    plan: &ParallelPlan,
    parser: &RowParser<'_>,
    model: &mut Model,
    strict: bool,
    header_line: u64,
) -> Result<Tally, ReadError> {
    let fresh = model.is_empty();
    let results: Vec<Result<(Model, Tally), ReadError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..plan.workers)
            .map(|worker| {
                let cutoff = model.cutoff;
                scope.spawn(move || -> Result<(Model, Tally), ReadError> {
                    let mut file = fs::File::open(&plan.path).map_err(ReadError::Io)?;
                    file.seek(SeekFrom::Start(plan.data_start))
                        .map_err(ReadError::Io)?;
                    let partition = Partition {
                        column: plan.key_column,
                        worker,
                        workers: plan.workers,
                    };
                    let reader = RowReader::new(Lines::new(file), Delimiter::Tab)
                        .only_columns(parser.map.used_columns())
                        .partition(partition);
                    let mut part = Model::with_cutoff(cutoff);
                    let tally = read_rows(reader, parser, &mut part, strict)?;
                    Ok((part, tally))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut total = Tally::default();
    for result in results {
        let (part, tally) = result?;
        if fresh {
            // Workers share no order: their tables become shards as they are.
            model.absorb_disjoint(part);
        } else {
            // Earlier files may name the same orders: merge order by order.
            model.absorb(part);
        }
        total.merge(tally);
    }
    // Worker line numbers count from the first data line.
    total.shift_lines(header_line);
    if strict {
        // Only the first malformed row of the file is an error.
        total.first_skips.truncate(1);
    }
    Ok(total)
}
