//! Reading one large plain file on several cores (SPEC §7): the file is cut
//! into pieces at line starts, and each byte is read once, by the one thread
//! that reads its piece. The rows of a piece are parsed there and sorted by
//! the partition of their order ([`crate::model::OrderName::partition`]);
//! each partition's model is then fed its rows by one thread, piece after
//! piece in file order. Every order therefore lives in one table, gets its
//! rows in the order a single pass gives them (so "first non-empty value"
//! holds exactly), and is held once however far apart its rows are; the
//! partitions' tables join as shards without rehashing.
//!
//! Pieces are read in rounds of one piece per thread, so only a few pieces'
//! rows are ever in flight. One thread reads this way too: a piece's rows
//! merged in one run keep more hash-table probes in flight than rows merged
//! as each is parsed. Comma-delimited files (whose quoted fields may
//! span lines, so that a line start is not known without reading from the
//! top) and messages (keyed by message id, not order) are read on one core.

use std::fs::File;
use std::io::{self, Read};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Barrier, Mutex, PoisonError};

use super::header::{Field, Kind};
use super::records::{line_start_at_or_after, Delimiter, Lines, RowReader};
use super::rows::{RowParser, Sink};
use super::tally::Tally;
use super::{read_rows, Found, ReadError};
use crate::calendar::Instant;
use crate::model::{
    ClaimType, Dimension, Message, Model, Order, OrderFact, OrderName, OrderRow, ShipmentRow, Since,
};

/// Files smaller than this are read on one core by default.
pub const PARALLEL_MIN_BYTES: u64 = 32 << 20;

/// The largest piece: a round's rows in flight stay a few MiB per thread.
const PIECE_MAX: u64 = 8 << 20;
/// The smallest piece (tests force small files onto several cores).
const PIECE_MIN: u64 = 256;

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

/// A regular plain UTF-8 file that may be read in pieces: a second handle on
/// the file already open (positioned reads; never a second open), its size,
/// and the bytes before the decoded stream (a byte-order mark).
pub(super) struct Pieces {
    pub(super) file: File,
    pub(super) len: u64,
    pub(super) offset: u64,
    pub(super) threads: usize,
}

/// Whether a file with this header can be read in pieces: tab-delimited
/// (no quoting, so every line end ends a row) and keyed by order id.
pub(super) fn fits(found: &Found) -> bool {
    found.delimiter == Delimiter::Tab
        && found.map.kind != Kind::Messages
        && found.map.has(Field::OrderId)
}

/// Reads what follows the header (`lines`, positioned at the first data
/// line) in pieces on several threads into `model`. Line numbers in the
/// tally are the file's.
pub(super) fn read_parallel(
    mut lines: Lines<Box<dyn Read + Send>>,
    pieces: &Pieces,
    parser: &RowParser<'_>,
    model: &mut Model,
    strict: bool,
) -> Result<Tally, ReadError> {
    let cuts = cut(&lines, pieces).map_err(ReadError::Io)?;
    let count = cuts.len() - 1;
    let workers = pieces.threads.clamp(1, count.max(1));
    let used = parser.map.used_columns();
    if count == 1 {
        let reader = RowReader::new(lines, Delimiter::Tab).only_columns(used);
        return read_rows(reader, parser, model, strict);
    }
    // The first piece goes on from the stream that found the header (its
    // bytes are already read); the others are read where they lie.
    lines.end_at(cuts[1] - pieces.offset);
    let stream = Mutex::new(Some(lines));
    let mut parts = model.split_by_order(workers);
    let sorted: Vec<Mutex<Vec<Vec<OrderFact>>>> =
        (0..workers).map(|_| Mutex::new(Vec::new())).collect();
    type PieceRead = Result<(Tally, Vec<Message>), ReadError>;
    let results: Vec<Mutex<Option<PieceRead>>> = (0..count).map(|_| Mutex::new(None)).collect();
    // The first piece that failed (an I/O error, or with --strict a
    // malformed row): the pieces after it are not needed.
    let failed_at = AtomicUsize::new(usize::MAX);
    let barrier = Barrier::new(workers);
    let rounds = count.div_ceil(workers);
    std::thread::scope(|scope| {
        for (me, part) in parts.iter_mut().enumerate() {
            let (stream, sorted, results) = (&stream, &sorted, &results);
            let (failed_at, barrier, cuts, used) = (&failed_at, &barrier, &cuts, &used);
            scope.spawn(move || {
                for round in 0..rounds {
                    // Read a piece, sorting its rows by partition.
                    let piece = round * workers + me;
                    if piece < count && piece < failed_at.load(Ordering::Relaxed) {
                        // The lists of the last round, emptied: their room is reused.
                        let mut facts =
                            Facts::new(std::mem::take(&mut *lock(&sorted[me])), workers);
                        let read = match piece {
                            0 => match lock(stream).take() {
                                Some(lines) => {
                                    let reader = RowReader::new(lines, Delimiter::Tab)
                                        .only_columns(used.clone());
                                    read_rows(reader, parser, &mut facts, strict)
                                }
                                None => Err(ReadError::Io(io::Error::other("read twice"))),
                            },
                            _ => {
                                let (from, to) = (cuts[piece], cuts[piece + 1]);
                                let bytes = Piece {
                                    file: &pieces.file,
                                    at: from,
                                    end: to,
                                };
                                let capacity = usize::try_from(to - from + 1).unwrap_or(usize::MAX);
                                let lines = Lines::with_capacity(bytes, capacity);
                                let reader = RowReader::new(lines, Delimiter::Tab)
                                    .only_columns(used.clone());
                                read_rows(reader, parser, &mut facts, strict)
                            }
                        };
                        let failed = match &read {
                            Ok(tally) => strict && tally.first_error().is_some(),
                            Err(_) => true,
                        };
                        if failed {
                            failed_at.fetch_min(piece, Ordering::Relaxed);
                        }
                        *lock(&sorted[me]) = facts.parts;
                        *lock(&results[piece]) = Some(read.map(|t| (t, facts.messages)));
                    }
                    barrier.wait();
                    // Merge this partition's rows, piece after piece (each list
                    // taken out, so the others' locks are never held long).
                    for from in sorted {
                        let taken = lock(from).get_mut(me).map(std::mem::take);
                        if let Some(mut rows) = taken {
                            for fact in rows.drain(..) {
                                part.apply(fact);
                            }
                            if let Some(slot) = lock(from).get_mut(me) {
                                *slot = rows;
                            }
                        }
                    }
                    barrier.wait();
                }
            });
        }
    });
    // Tallies and messages in file order; line numbers made the file's.
    let mut total = Tally::default();
    let mut line_end = 0;
    for (piece, result) in results.into_iter().enumerate() {
        let Some(read) = result.into_inner().unwrap_or_else(PoisonError::into_inner) else {
            break;
        };
        let (mut tally, messages) = read?;
        if piece > 0 {
            // The first piece counts on from the header; the others from 0.
            tally.shift_lines(line_end);
        }
        line_end += tally.lines;
        for m in messages {
            model.add_message(m);
        }
        total.then(tally);
        if strict && total.first_error().is_some() {
            // One core stops here: so does the tally (later pieces were
            // read only because they ran alongside).
            break;
        }
    }
    for part in parts {
        model.absorb_disjoint(part);
    }
    Ok(total)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Where the pieces start, in file offsets, then the end: after the header,
/// then every [`PIECE_MAX`] bytes or so (smaller for small files, so every
/// thread gets several), at the next line start.
fn cut(lines: &Lines<Box<dyn Read + Send>>, pieces: &Pieces) -> io::Result<Vec<u64>> {
    let start = pieces.offset + lines.position();
    let len = pieces.len.max(start);
    let threads = pieces.threads.max(1) as u64;
    let size = ((len - start) / (threads * 8)).clamp(PIECE_MIN, PIECE_MAX);
    let mut cuts = vec![start];
    let mut at = start + size;
    while at < len {
        let next = line_start_at_or_after(at, len, |pos, buf| read_at(&pieces.file, pos, buf))?;
        if next >= len {
            break;
        }
        cuts.push(next);
        at = next + size;
    }
    cuts.push(len);
    Ok(cuts)
}

/// Bytes `at..end` of a file, by positioned reads (the file's own position,
/// shared with the stream reading the first piece, is never moved).
struct Piece<'a> {
    file: &'a File,
    at: u64,
    end: u64,
}

impl Read for Piece<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = usize::try_from(self.end.saturating_sub(self.at)).unwrap_or(usize::MAX);
        let want = buf.len().min(left);
        if want == 0 {
            return Ok(0);
        }
        let n = read_at(self.file, self.at, &mut buf[..want])?;
        self.at += n as u64;
        Ok(n)
    }
}

#[cfg(unix)]
fn read_at(file: &File, at: u64, buf: &mut [u8]) -> io::Result<usize> {
    use std::os::unix::fs::FileExt;
    loop {
        match file.read_at(buf, at) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

#[cfg(not(unix))]
fn read_at(_: &File, _: u64, _: &mut [u8]) -> io::Result<usize> {
    // Never called: files are read in pieces on Unix only.
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// A piece's rows, sorted by the partition of their order.
struct Facts {
    parts: Vec<Vec<OrderFact>>,
    messages: Vec<Message>,
}

impl Facts {
    /// Into `lists` (emptied, kept for their room), one per partition.
    fn new(mut lists: Vec<Vec<OrderFact>>, parts: usize) -> Facts {
        lists.resize_with(parts, Vec::new);
        for list in &mut lists {
            list.clear();
        }
        Facts {
            parts: lists,
            messages: Vec::new(),
        }
    }

    fn push(&mut self, fact: OrderFact) {
        let p = fact.name().partition(self.parts.len());
        if let Some(part) = self.parts.get_mut(p) {
            part.push(fact);
        }
    }
}

impl Sink for Facts {
    fn order(&mut self, id: &str, row: OrderRow, values: &[(Dimension, &str)]) {
        let name = OrderName::of(id);
        // Blank values are unknown, never kept: they need not travel.
        let values: Box<[(Dimension, Box<str>)]> = values
            .iter()
            .map(|&(d, v)| (d, v.trim()))
            .filter(|(_, v)| !v.is_empty())
            .map(|(d, v)| (d, Box::from(v)))
            .collect();
        if values.is_empty() {
            self.push(OrderFact::Order(name, Order::of(&row)));
        } else {
            // Right after its row, in the same partition's list.
            self.push(OrderFact::Order(name.clone(), Order::of(&row)));
            self.push(OrderFact::Values(name, values));
        }
    }

    fn shipment(&mut self, id: &str, row: ShipmentRow) {
        self.push(OrderFact::Shipment(OrderName::of(id), Box::new(row)));
    }

    fn feedback(&mut self, id: &str, rating: u8, removed: bool, date: Option<Instant>) {
        let since = Since::of(date);
        self.push(OrderFact::Feedback(
            OrderName::of(id),
            rating,
            removed,
            since,
        ));
    }

    fn claim(&mut self, id: &str, kind: ClaimType, counts: bool, date: Option<Instant>) {
        let since = Since::of(date);
        self.push(OrderFact::Claim(OrderName::of(id), kind, counts, since));
    }

    fn open_claim(&mut self, id: &str, kind: ClaimType, date: Option<Instant>) {
        self.push(OrderFact::OpenClaim(OrderName::of(id), kind, date));
    }

    fn message(&mut self, message: Message) {
        self.messages.push(message);
    }
}
