//! Lines from a block buffer: filled as needed, peeked ahead for the header,
//! never copied for the reader (SPEC §2.1).

use std::io::{self, Read};

use memchr::memchr;

use super::MAX_RECORD_BYTES;

const BUFFER_BYTES: usize = 1 << 20;

/// A line found in the buffer: its number (1-based) and where it lies.
#[derive(Debug, Clone, Copy)]
pub(super) enum Found {
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
    pub(super) buf: Vec<u8>,
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

    /// The next line, numbered: held from `start` to `end` (a final CR
    /// dropped), or too long to hold.
    fn found(&mut self, start: usize, mut end: usize, too_long: bool) -> Found {
        self.number += 1;
        if too_long {
            return Found::TooLong {
                number: self.number,
            };
        }
        if end > start && self.buf[end - 1] == b'\r' {
            end -= 1;
        }
        Found::Line {
            number: self.number,
            start,
            end,
        }
    }

    pub(super) fn next_found(&mut self, peeking: bool) -> io::Result<Option<Found>> {
        loop {
            if let Some(i) = memchr(b'\n', &self.buf[self.scanned..self.end]) {
                let nl = self.scanned + i;
                let start = self.start;
                self.start = nl + 1;
                self.scanned = self.start;
                let too_long = std::mem::take(&mut self.skipping) || nl - start > MAX_RECORD_BYTES;
                return Ok(Some(self.found(start, nl, too_long)));
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
                let (start, end) = (self.start, self.end);
                self.start = self.end;
                let too_long = std::mem::take(&mut self.skipping);
                return Ok(Some(self.found(start, end, too_long)));
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

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::super::testkit::{ok, rows};
    use super::super::{Delimiter, Event, RowReader};
    use super::*;

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
