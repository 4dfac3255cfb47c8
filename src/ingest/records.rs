//! Splitting a UTF-8 byte stream into lines and rows (SPEC §2.1).
//!
//! Tab-delimited rows are split on tabs with no quoting at all; comma-delimited
//! rows follow RFC 4180 (a quoted field may span lines). Memory per row is
//! bounded by [`MAX_RECORD_BYTES`]. The csv crate is not used here because it
//! can neither bound a record's size nor report an unterminated quote.

use std::io::{self, Read};

use memchr::memchr;

/// A row (record) longer than this is malformed (SPEC §2.1).
pub const MAX_RECORD_BYTES: usize = 16 << 20;
const BUFFER_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Tab,
    Comma,
}

impl Delimiter {
    /// Tab if the line contains a tab, else comma.
    pub fn of_line(line: &[u8]) -> Delimiter {
        if memchr(b'\t', line).is_some() {
            Delimiter::Tab
        } else {
            Delimiter::Comma
        }
    }
}

/// A line found in the buffer: its number (1-based) and where it lies.
#[derive(Debug, Clone, Copy)]
enum Found {
    Line {
        number: u64,
        start: usize,
        end: usize,
    },
    TooLong {
        number: u64,
    },
}

/// Reads LF or CRLF lines from a block buffer without copying them; at most
/// [`MAX_RECORD_BYTES`] of a line are ever held.
pub struct Lines<R: Read> {
    inner: R,
    buf: Vec<u8>,
    /// Unread data is `buf[start..end]`.
    start: usize,
    end: usize,
    /// No newline in `buf[start..scanned]`.
    scanned: usize,
    eof: bool,
    number: u64,
    /// Skipping the rest of an over-long line.
    skipping: bool,
    /// While peeking, data from here on must be kept.
    pin: Option<usize>,
    /// The last peek stopped at a line over [`MAX_RECORD_BYTES`].
    pub peek_blocked: bool,
}

impl<R: Read> Lines<R> {
    pub fn new(inner: R) -> Self {
        Lines {
            inner,
            buf: vec![0; BUFFER_BYTES],
            start: 0,
            end: 0,
            scanned: 0,
            eof: false,
            number: 0,
            skipping: false,
            pin: None,
            peek_blocked: false,
        }
    }

    /// Makes room and reads more; `false` at the end of the input.
    fn fill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        let keep = self.pin.map_or(self.start, |p| p.min(self.start));
        if keep > 0 {
            self.buf.copy_within(keep..self.end, 0);
            self.start -= keep;
            self.end -= keep;
            self.scanned -= keep;
            if let Some(p) = self.pin.as_mut() {
                *p -= keep;
            }
        }
        if self.end == self.buf.len() {
            let grown = (self.buf.len() * 2).max(BUFFER_BYTES);
            self.buf.resize(grown, 0);
        }
        loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn next_found(&mut self, peeking: bool) -> io::Result<Option<Found>> {
        loop {
            if let Some(i) = memchr(b'\n', &self.buf[self.scanned..self.end]) {
                let nl = self.scanned + i;
                let (start, mut end) = (self.start, nl);
                self.start = nl + 1;
                self.scanned = self.start;
                self.number += 1;
                if std::mem::take(&mut self.skipping) || end - start > MAX_RECORD_BYTES {
                    return Ok(Some(Found::TooLong {
                        number: self.number,
                    }));
                }
                if end > start && self.buf[end - 1] == b'\r' {
                    end -= 1;
                }
                return Ok(Some(Found::Line {
                    number: self.number,
                    start,
                    end,
                }));
            }
            self.scanned = self.end;
            if self.end - self.start > MAX_RECORD_BYTES {
                if peeking {
                    return Ok(None);
                }
                // Too long: forget what is held, skip to the next newline.
                self.skipping = true;
                self.start = self.end;
                self.scanned = self.end;
            }
            if !self.fill()? {
                if self.start == self.end && !self.skipping {
                    return Ok(None);
                }
                let (start, mut end) = (self.start, self.end);
                self.start = self.end;
                self.number += 1;
                if std::mem::take(&mut self.skipping) {
                    return Ok(Some(Found::TooLong {
                        number: self.number,
                    }));
                }
                if end > start && self.buf[end - 1] == b'\r' {
                    end -= 1;
                }
                return Ok(Some(Found::Line {
                    number: self.number,
                    start,
                    end,
                }));
            }
        }
    }

    /// Lines read so far.
    pub fn line_count(&self) -> u64 {
        self.number
    }

    /// Reads up to `n` lines ahead without consuming them.
    pub fn peek_lines(&mut self, n: usize) -> io::Result<Vec<(u64, Vec<u8>)>> {
        let (start, number) = (self.start, self.number);
        self.pin = Some(start);
        self.peek_blocked = false;
        let mut out = Vec::new();
        while out.len() < n {
            match self.next_found(true)? {
                Some(Found::Line { number, start, end }) => {
                    out.push((number, self.buf[start..end].to_vec()))
                }
                Some(Found::TooLong { .. }) => {
                    self.peek_blocked = true;
                    break;
                }
                None => {
                    self.peek_blocked = self.end - self.start > MAX_RECORD_BYTES;
                    break;
                }
            }
        }
        self.start = self.pin.take().unwrap_or(start);
        self.scanned = self.start;
        self.number = number;
        Ok(out)
    }

    /// Consumes the lines up to and including line `number`.
    pub fn skip_through(&mut self, number: u64) -> io::Result<()> {
        while self.number < number {
            if self.next_found(false)?.is_none() {
                break;
            }
        }
        Ok(())
    }
}

/// What [`RowReader::next_row`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A row is ready ([`RowReader::row`]); it starts on `line`.
    Row {
        line: u64,
    },
    /// A blank line (nothing but white space and delimiters): ignored.
    Blank,
    /// A row over [`MAX_RECORD_BYTES`], skipped.
    TooLong {
        line: u64,
    },
    /// A comma-delimited quote opened on `line` never closes: the rest of the file is skipped.
    Unterminated {
        line: u64,
    },
    End,
}

/// Where the current row's bytes are.
#[derive(Debug, Clone, Copy)]
enum Held {
    /// In the line buffer, untouched (tab-delimited rows).
    Buffer(usize, usize),
    /// Unquoted into `bytes` (comma-delimited rows).
    Bytes,
}

/// Reads rows of one delimiter; tab-delimited rows are never copied.
pub struct RowReader<R: Read> {
    pub lines: Lines<R>,
    delimiter: Delimiter,
    held: Held,
    bytes: Vec<u8>,
    bounds: Vec<(usize, usize)>,
    text: String,
    /// Rows in which invalid UTF-8 was replaced.
    pub replaced_rows: u64,
    pub first_replaced_line: Option<u64>,
    line: u64,
    /// The columns the reader's user looks at.
    needed: Vec<usize>,
    /// For tab-delimited rows: split only the needed columns.
    sparse: Option<SparseSplit>,
    /// Read only the rows this worker owns (parallel reading).
    partition: Option<Partition>,
    /// Cells in the current row.
    count: usize,
}

impl<R: Read> RowReader<R> {
    pub fn new(lines: Lines<R>, delimiter: Delimiter) -> Self {
        RowReader {
            lines,
            delimiter,
            held: Held::Bytes,
            bytes: Vec::new(),
            bounds: Vec::new(),
            text: String::new(),
            replaced_rows: 0,
            first_replaced_line: None,
            line: 0,
            needed: Vec::new(),
            sparse: None,
            partition: None,
            count: 0,
        }
    }

    /// Only these columns need valid UTF-8; invalid bytes elsewhere are never read.
    pub fn only_columns(mut self, columns: Vec<usize>) -> Self {
        if self.delimiter == Delimiter::Tab && !columns.is_empty() {
            self.sparse = Some(SparseSplit::new(&columns));
        }
        self.needed = columns;
        self
    }

    /// Reads only rows whose key column this worker owns (tab-delimited).
    pub fn partition(mut self, partition: Partition) -> Self {
        self.partition = Some(partition);
        self
    }

    pub fn next_row(&mut self) -> io::Result<Event> {
        let (number, start, end) = loop {
            match self.lines.next_found(false)? {
                None => return Ok(Event::End),
                Some(Found::TooLong { number }) => {
                    // Counted once, by the first worker.
                    if self.partition.is_some_and(|p| p.worker != 0) {
                        continue;
                    }
                    return Ok(Event::TooLong { line: number });
                }
                Some(Found::Line { number, start, end }) => {
                    let owned = match self.partition {
                        None => true,
                        Some(p) => p.owns(&self.lines.buf[start..end]),
                    };
                    if owned {
                        break (number, start, end);
                    }
                }
            }
        };
        self.line = number;
        let line = &self.lines.buf[start..end];
        if is_blank(line) {
            return Ok(Event::Blank);
        }
        match self.delimiter {
            Delimiter::Tab => {
                self.count = match &self.sparse {
                    Some(plan) => plan.split(line, &mut self.bounds),
                    None => {
                        self.bounds.clear();
                        split_tabs(line, &mut self.bounds);
                        self.bounds.len()
                    }
                };
                self.held = Held::Buffer(start, end);
            }
            Delimiter::Comma => {
                self.bounds.clear();
                self.bytes.clear();
                self.held = Held::Bytes;
                let mut state = CsvState::default();
                split_csv_line(line, &mut self.bytes, &mut self.bounds, &mut state);
                while state.in_quotes {
                    match self.lines.next_found(false)? {
                        None => return Ok(Event::Unterminated { line: number }),
                        Some(Found::TooLong { .. }) => return Ok(Event::TooLong { line: number }),
                        Some(Found::Line { start, end, .. }) => {
                            if self.bytes.len() + (end - start) > MAX_RECORD_BYTES {
                                // Give up on this row; the next line starts afresh.
                                return Ok(Event::TooLong { line: number });
                            }
                            self.bytes.push(b'\n');
                            split_csv_line(
                                &self.lines.buf[start..end],
                                &mut self.bytes,
                                &mut self.bounds,
                                &mut state,
                            );
                        }
                    }
                }
            }
        }
        Ok(Event::Row { line: number })
    }

    /// The row read by the last [`Event::Row`]; invalid UTF-8 in it is
    /// replaced by U+FFFD (and counted).
    pub fn row(&mut self) -> Row<'_> {
        let bytes = match self.held {
            Held::Buffer(s, e) => &self.lines.buf[s..e],
            Held::Bytes => &self.bytes[..],
        };
        // One validation of the whole row, then a copy of it: cells are then
        // sliced from a `str` without checking each again.
        self.text.clear();
        let count = match std::str::from_utf8(bytes) {
            Ok(valid) => {
                self.text.push_str(valid);
                match (self.delimiter, &self.sparse) {
                    (Delimiter::Tab, Some(_)) => self.count,
                    _ => self.bounds.len(),
                }
            }
            Err(_) => {
                self.replaced_rows += 1;
                self.first_replaced_line.get_or_insert(self.line);
                // Replacement changes byte offsets: convert cell by cell and
                // move each bound to its cell's new place.
                for bound in self.bounds.iter_mut() {
                    let start = self.text.len();
                    self.text.push_str(&String::from_utf8_lossy(
                        bytes.get(bound.0..bound.1).unwrap_or(&[]),
                    ));
                    *bound = (start, self.text.len());
                }
                match (self.delimiter, &self.sparse) {
                    (Delimiter::Tab, Some(_)) => self.count,
                    _ => self.bounds.len(),
                }
            }
        };
        Row {
            text: &self.text,
            bounds: &self.bounds,
            count,
        }
    }
}

/// The cells of one row, trimmed.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    text: &'a str,
    /// Where each cell lies (only the needed ones when split sparsely).
    bounds: &'a [(usize, usize)],
    /// How many cells the row has.
    count: usize,
}

impl<'a> Row<'a> {
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Cell `i`, trimmed; empty when the row is shorter (short rows are padded).
    pub fn cell(&self, i: usize) -> &'a str {
        match self.bounds.get(i) {
            Some(&(a, b)) => trim(self.text.get(a..b).unwrap_or("")),
            None => "",
        }
    }

    pub fn cells(&self) -> Vec<&'a str> {
        (0..self.len()).map(|i| self.cell(i)).collect()
    }
}

/// `str::trim`, with a fast path for the usual cell that has nothing to trim.
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&f), Some(&l)) if f > b' ' && f < 0x80 && l > b' ' && l < 0x80 => s,
        _ => s.trim(),
    }
}

fn is_blank(line: &[u8]) -> bool {
    line.iter()
        .all(|c| matches!(c, b' ' | b'\t' | b',' | b'\r' | b'\x0b' | b'\x0c'))
}

/// One worker's share of a tab-delimited file read by several: the rows
/// whose key (order id) column it owns, by [`crate::model::partition_of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partition {
    /// The key column.
    pub column: usize,
    pub worker: usize,
    pub workers: usize,
}

impl Partition {
    fn owns(&self, line: &[u8]) -> bool {
        let key = if self.column == 0 {
            memchr(b'\t', line).map_or(line, |i| &line[..i])
        } else {
            line.split(|&b| b == b'\t').nth(self.column).unwrap_or(&[])
        };
        // The same text the row parser will see (cells are trimmed).
        let key = key.trim_ascii();
        let owner = if key.is_empty() {
            0
        } else {
            crate::model::partition_of_bytes(key, self.workers)
        };
        owner == self.worker
    }
}

/// Splits a tab-delimited row only where the reader needs cells. The tabs
/// are counted first (a loop the compiler vectorises); needed columns in the
/// first half of the row are then found from the start, eight bytes at a
/// time, and those in the second half from the end, so the middle of a wide
/// report (product names, prices, addresses) is never walked tab by tab.
#[derive(Debug, Clone)]
struct SparseSplit {
    /// `needed[c]`: column `c` is read.
    needed: Vec<bool>,
    /// The columns read.
    columns: Vec<usize>,
}

impl SparseSplit {
    fn new(columns: &[usize]) -> SparseSplit {
        let max = columns.iter().copied().max().unwrap_or(0);
        let mut needed = vec![false; max + 1];
        for &c in columns {
            needed[c] = true;
        }
        SparseSplit {
            needed,
            columns: columns.to_vec(),
        }
    }

    /// Fills `bounds[c]` for the needed columns; returns the number of cells.
    fn split(&self, line: &[u8], bounds: &mut Vec<(usize, usize)>) -> usize {
        // Only the columns read must start empty (a short row lacks some);
        // clearing every cell of a wide row each time costs more than the split.
        if bounds.len() == self.needed.len() {
            for &c in &self.columns {
                bounds[c] = (0, 0);
            }
        } else {
            bounds.clear();
            bounds.resize(self.needed.len(), (0, 0));
        }
        let count = count_tabs(line) + 1;
        let half = count / 2;
        let front = (0..=half.min(self.needed.len().saturating_sub(1)))
            .rev()
            .find(|&c| self.needed[c]);
        if let Some(last_front) = front {
            self.forward(line, last_front, bounds);
        }
        let back = (half + 1..count.min(self.needed.len())).find(|&c| self.needed[c]);
        if let Some(first_back) = back {
            let (mut column, mut end) = (count - 1, line.len());
            for tab in memchr::memrchr_iter(b'\t', line) {
                if self.needed.get(column).copied().unwrap_or(false) {
                    bounds[column] = (tab + 1, end);
                }
                if column <= first_back {
                    break;
                }
                column -= 1;
                end = tab;
            }
        }
        count
    }

    /// Columns 0 ..= `last` from the start of the row.
    fn forward(&self, line: &[u8], last: usize, bounds: &mut [(usize, usize)]) {
        let mut tabs = 0; // the current column's index
        let mut start = 0; // where the current column starts
        let mut base = 0;
        let mut words = line.chunks_exact(8);
        for word in &mut words {
            let mut hits = tab_hits(word);
            while hits != 0 {
                let i = base + (hits.trailing_zeros() / 8) as usize;
                end_column(tabs, start, i, bounds);
                if tabs == last {
                    return;
                }
                tabs += 1;
                start = i + 1;
                hits &= hits - 1;
            }
            base += 8;
        }
        for (k, &b) in words.remainder().iter().enumerate() {
            if b == b'\t' {
                end_column(tabs, start, base + k, bounds);
                if tabs == last {
                    return;
                }
                tabs += 1;
                start = base + k + 1;
            }
        }
        end_column(tabs, start, line.len(), bounds);
    }
}

/// Tabs in a row. Byte-wide sums over runs of at most 255 bytes let the
/// compiler compare sixteen or more bytes per instruction.
fn count_tabs(line: &[u8]) -> usize {
    line.chunks(255)
        .map(|run| {
            run.iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\t'))) as usize
        })
        .sum()
}

#[inline]
fn end_column(column: usize, start: usize, end: usize, bounds: &mut [(usize, usize)]) {
    if let Some(b) = bounds.get_mut(column) {
        *b = (start, end);
    }
}

/// The high bit of each byte of an 8-byte `word` that is a tab (SWAR: an
/// exact "which bytes are zero" test after XOR with the tab byte).
#[inline]
fn tab_hits(word: &[u8]) -> u64 {
    const TABS: u64 = 0x0909_0909_0909_0909;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(word);
    let x = u64::from_le_bytes(bytes) ^ TABS;
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

/// Splits on every tab. Cells are short (a few bytes), so instead of one
/// search per tab this tests eight bytes at a time (SWAR: a word-wide exact
/// "which bytes are zero" after XOR with the tab byte) and walks the hits.
fn split_tabs(line: &[u8], bounds: &mut Vec<(usize, usize)>) {
    let mut start = 0;
    let mut words = line.chunks_exact(8);
    let mut base = 0;
    for word in &mut words {
        let mut hits = tab_hits(word);
        while hits != 0 {
            let i = base + (hits.trailing_zeros() / 8) as usize;
            bounds.push((start, i));
            start = i + 1;
            hits &= hits - 1;
        }
        base += 8;
    }
    for (k, &b) in words.remainder().iter().enumerate() {
        if b == b'\t' {
            bounds.push((start, base + k));
            start = base + k + 1;
        }
    }
    bounds.push((start, line.len()));
}

#[derive(Default)]
struct CsvState {
    in_quotes: bool,
    field_start: usize,
    at_field_start: bool,
    started: bool,
}

/// Splits one physical line of RFC 4180 text, unquoting into `out`. When a
/// quoted field is still open at the end, `state.in_quotes` stays set and the
/// next line continues it.
fn split_csv_line(
    line: &[u8],
    out: &mut Vec<u8>,
    bounds: &mut Vec<(usize, usize)>,
    state: &mut CsvState,
) {
    if !state.started {
        state.started = true;
        state.at_field_start = true;
        state.field_start = out.len();
    }
    let mut i = 0;
    while i < line.len() {
        let c = line[i];
        if state.in_quotes {
            if c == b'"' {
                if line.get(i + 1) == Some(&b'"') {
                    out.push(b'"');
                    i += 2;
                    continue;
                }
                state.in_quotes = false;
            } else {
                out.push(c);
            }
        } else if c == b',' {
            bounds.push((state.field_start, out.len()));
            state.field_start = out.len();
            state.at_field_start = true;
        } else if c == b'"' && state.at_field_start {
            state.in_quotes = true;
            state.at_field_start = false;
        } else {
            out.push(c);
            if !c.is_ascii_whitespace() {
                state.at_field_start = false;
            }
        }
        i += 1;
    }
    if !state.in_quotes {
        bounds.push((state.field_start, out.len()));
    }
}

/// Splits a single line by its own delimiter rule, for header detection.
pub fn split_line(line: &[u8]) -> (Delimiter, Vec<String>) {
    let delimiter = Delimiter::of_line(line);
    let text = String::from_utf8_lossy(line);
    let bytes = text.as_bytes();
    let mut bounds = Vec::new();
    let mut out = Vec::new();
    let cells = match delimiter {
        Delimiter::Tab => {
            split_tabs(bytes, &mut bounds);
            bounds
                .iter()
                .map(|&(a, b)| String::from_utf8_lossy(&bytes[a..b]).trim().to_string())
                .collect()
        }
        Delimiter::Comma => {
            let mut state = CsvState::default();
            split_csv_line(bytes, &mut out, &mut bounds, &mut state);
            if state.in_quotes {
                bounds.push((state.field_start, out.len()));
            }
            bounds
                .iter()
                .map(|&(a, b)| String::from_utf8_lossy(&out[a..b]).trim().to_string())
                .collect()
        }
    };
    (delimiter, cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn rows(input: &str, delimiter: Delimiter) -> Vec<Result<Vec<String>, Event>> {
        let mut r = RowReader::new(
            Lines::new(Cursor::new(input.as_bytes().to_vec())),
            delimiter,
        );
        let mut out = Vec::new();
        loop {
            match r.next_row().unwrap() {
                Event::Row { .. } => {
                    out.push(Ok(r.row().cells().iter().map(|s| s.to_string()).collect()))
                }
                Event::End => break,
                Event::Blank => {}
                other => out.push(Err(other)),
            }
        }
        out
    }

    fn ok(cells: &[&str]) -> Result<Vec<String>, Event> {
        Ok(cells.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn tabs_have_no_quoting() {
        let got = rows(
            "a\t\"Deluxe\" Mug, 11 oz\tc\nd\t\"open\te\n",
            Delimiter::Tab,
        );
        assert_eq!(
            got,
            vec![
                ok(&["a", "\"Deluxe\" Mug, 11 oz", "c"]),
                ok(&["d", "\"open", "e"])
            ]
        );
    }

    #[test]
    fn tab_splitting_agrees_with_a_plain_split() {
        let mut seed = 7u64;
        for len in 0..200 {
            let line: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    [b'\t', b'a', 0x89, 0x09 ^ 0x80, b' ', 0x08, 0x0a][(seed >> 33) as usize % 7]
                })
                .collect();
            let mut bounds = Vec::new();
            split_tabs(&line, &mut bounds);
            let got: Vec<&[u8]> = bounds.iter().map(|&(a, b)| &line[a..b]).collect();
            let want: Vec<&[u8]> = line.split(|&b| b == b'\t').collect();
            assert_eq!(got, want, "{line:?}");
            for columns in [vec![0], vec![1, 3], vec![0, 2, 3, 4, 5, 20], vec![7]] {
                let plan = SparseSplit::new(&columns);
                let count = plan.split(&line, &mut bounds);
                assert_eq!(count, want.len(), "{line:?}");
                for &c in &columns {
                    let got = bounds
                        .get(c)
                        .map(|&(a, b)| &line[a..b])
                        .filter(|_| c < count);
                    assert_eq!(
                        got.unwrap_or(&[]),
                        want.get(c).copied().unwrap_or(&[]),
                        "{columns:?} {c} {line:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_short_row_after_a_long_one_has_no_stale_cells() {
        let plan = SparseSplit::new(&[1, 4]);
        let mut bounds = Vec::new();
        let long = b"a\tb\tc\td\te\tf";
        assert_eq!(plan.split(long, &mut bounds), 6);
        assert_eq!(&long[bounds[4].0..bounds[4].1], b"e");
        let short = b"x\ty";
        assert_eq!(plan.split(short, &mut bounds), 2);
        assert_eq!(&short[bounds[1].0..bounds[1].1], b"y");
        assert_eq!(bounds[4], (0, 0), "column 4 is missing from the short row");
    }

    #[test]
    fn crlf_and_blank_lines() {
        let got = rows("a\tb\r\n\r\n  \n\t\t\nc\td\r\n", Delimiter::Tab);
        assert_eq!(got, vec![ok(&["a", "b"]), ok(&["c", "d"])]);
    }

    #[test]
    fn csv_quotes_follow_rfc4180() {
        let got = rows(
            "a,\"b,c\",\"say \"\"hi\"\"\"\n\"multi\nline\",x\ny,z",
            Delimiter::Comma,
        );
        assert_eq!(
            got,
            vec![
                ok(&["a", "b,c", "say \"hi\""]),
                ok(&["multi\nline", "x"]),
                ok(&["y", "z"])
            ]
        );
    }

    #[test]
    fn csv_row_line_is_its_first_line() {
        let mut r = RowReader::new(
            Lines::new(Cursor::new(b"\"a\nb\",c\nd,e\n".to_vec())),
            Delimiter::Comma,
        );
        assert_eq!(r.next_row().unwrap(), Event::Row { line: 1 });
        assert_eq!(r.next_row().unwrap(), Event::Row { line: 3 });
    }

    #[test]
    fn unterminated_quote_skips_the_rest() {
        let got = rows("a,b\n\"open,c\nd,e\nf,g\n", Delimiter::Comma);
        assert_eq!(
            got,
            vec![ok(&["a", "b"]), Err(Event::Unterminated { line: 2 })]
        );
    }

    #[test]
    fn overlong_line_is_reported_and_reading_goes_on() {
        let mut input = "a\tb\n".to_string();
        input.push_str(&"x".repeat(MAX_RECORD_BYTES + 10));
        input.push_str("\nc\td\n");
        let got = rows(&input, Delimiter::Tab);
        assert_eq!(
            got,
            vec![
                ok(&["a", "b"]),
                Err(Event::TooLong { line: 2 }),
                ok(&["c", "d"])
            ]
        );
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        let mut r = RowReader::new(
            Lines::new(Cursor::new(b"caf\xE9\tb\n".to_vec())),
            Delimiter::Tab,
        );
        assert_eq!(r.next_row().unwrap(), Event::Row { line: 1 });
        assert_eq!(r.row().cells(), vec!["caf\u{FFFD}", "b"]);
        assert_eq!(r.replaced_rows, 1);
    }

    #[test]
    fn peeked_lines_are_read_again() {
        let mut lines = Lines::new(Cursor::new(b"h1\nh2\nrow\n".to_vec()));
        let peeked = lines.peek_lines(10).unwrap();
        assert_eq!(peeked.len(), 3);
        lines.skip_through(2).unwrap();
        let mut r = RowReader::new(lines, Delimiter::Tab);
        assert_eq!(r.next_row().unwrap(), Event::Row { line: 3 });
        assert_eq!(r.row().cell(0), "row");
        assert_eq!(r.next_row().unwrap(), Event::End);
    }
}
