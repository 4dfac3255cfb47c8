//! Lines from a block buffer: filled as needed, peeked ahead for the header,
//! never copied for the reader (SPEC §2.1). A line ends at LF, CRLF or a CR
//! alone (old Mac exports, SPEC §15): [`line_start_at_or_after`] and the
//! reader agree on where lines start, so a file split at line starts reads
//! the same lines in pieces as whole.

use std::io::{self, Read};

use memchr::memchr2;

use super::MAX_RECORD_BYTES;

const BUFFER_BYTES: usize = 1 << 20;
/// The buffer doubles up to this (a line of [`MAX_RECORD_BYTES`] and a block
/// more), then grows a block at a time (only peeking needs more).
const BUFFER_DOUBLES_TO: usize = MAX_RECORD_BYTES + 2 * BUFFER_BYTES;

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

/// Reads lines from a block buffer without copying them; at most
/// [`MAX_RECORD_BYTES`] of a line are ever held.
pub struct Lines<R: Read> {
    inner: R,
    pub(super) buf: Vec<u8>,
    /// Unread data is `buf[start..end]`.
    start: usize,
    end: usize,
    /// No line end in `buf[start..scanned]`.
    scanned: usize,
    eof: bool,
    number: u64,
    /// Skipping the rest of an over-long line.
    skipping: bool,
    /// While peeking, data from here on must be kept.
    pin: Option<usize>,
    /// The last peek stopped at a line over [`MAX_RECORD_BYTES`].
    pub peek_blocked: bool,
    /// Bytes of the input before `buf[0]`.
    base: u64,
    /// The input ends at this position (a piece of a file).
    limit: Option<u64>,
}

impl<R: Read> Lines<R> {
    pub fn new(inner: R) -> Self {
        Self::with_capacity(inner, BUFFER_BYTES)
    }

    /// With a first buffer of `capacity` bytes (a small piece of a file needs
    /// no more); it grows as lines need.
    pub fn with_capacity(inner: R, capacity: usize) -> Self {
        Lines {
            inner,
            buf: vec![0; capacity.clamp(64, BUFFER_BYTES)],
            start: 0,
            end: 0,
            scanned: 0,
            eof: false,
            number: 0,
            skipping: false,
            pin: None,
            peek_blocked: false,
            base: 0,
            limit: None,
        }
    }

    /// Where the next unread line starts, in bytes from the start of the input.
    pub fn position(&self) -> u64 {
        self.base + self.start as u64
    }

    /// Ends the input at `position` (not before [`Lines::position`]): what
    /// lies beyond is left to another reader.
    pub fn end_at(&mut self, position: u64) {
        let position = position.max(self.position());
        self.limit = Some(position);
        let held = self.base + self.end as u64;
        if held > position {
            // Already read: forget it.
            self.end = (position - self.base) as usize;
            self.scanned = self.scanned.min(self.end);
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
            self.base += keep as u64;
            if let Some(p) = self.pin.as_mut() {
                *p -= keep;
            }
        }
        if self.end == self.buf.len() {
            let len = self.buf.len();
            let grown = if len < BUFFER_DOUBLES_TO {
                (len * 2).clamp(BUFFER_BYTES, BUFFER_DOUBLES_TO)
            } else {
                len + BUFFER_BYTES
            };
            self.buf.resize(grown.max(len + 1), 0);
        }
        let room = match self.limit {
            Some(limit) => {
                let left = limit.saturating_sub(self.base + self.end as u64);
                (self.buf.len() - self.end).min(usize::try_from(left).unwrap_or(usize::MAX))
            }
            None => self.buf.len() - self.end,
        };
        if room == 0 {
            self.eof = true;
            return Ok(false);
        }
        loop {
            match self.inner.read(&mut self.buf[self.end..self.end + room]) {
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

    /// The next line, numbered: held from `start` to `end`, or too long to hold.
    fn found(&mut self, start: usize, end: usize, too_long: bool) -> Found {
        self.number += 1;
        if too_long {
            return Found::TooLong {
                number: self.number,
            };
        }
        Found::Line {
            number: self.number,
            start,
            end,
        }
    }

    pub(super) fn next_found(&mut self, peeking: bool) -> io::Result<Option<Found>> {
        loop {
            if let Some(i) = memchr2(b'\n', b'\r', &self.buf[self.scanned..self.end]) {
                let at = self.scanned + i;
                if self.buf[at] == b'\r' && at + 1 == self.end && !self.eof {
                    // A CR last in the buffer: the next byte tells CRLF from CR.
                    self.scanned = at;
                    self.fill()?;
                    continue;
                }
                let crlf = self.buf[at] == b'\r' && at + 1 < self.end && self.buf[at + 1] == b'\n';
                let start = self.start;
                self.start = at + 1 + usize::from(crlf);
                self.scanned = self.start;
                let too_long = std::mem::take(&mut self.skipping) || at - start > MAX_RECORD_BYTES;
                return Ok(Some(self.found(start, at, too_long)));
            }
            self.scanned = self.end;
            if self.end - self.start > MAX_RECORD_BYTES {
                if peeking {
                    return Ok(None);
                }
                // Too long: forget what is held, skip to the next line end.
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

/// Where the first line starting at or after `at` starts: just after a LF,
/// or after a CR not followed by LF (a line start as [`Lines`] reads them);
/// `len` when no line starts before the end. `read_at(pos, buf)` reads the
/// input at `pos` (0 bytes at its end).
pub fn line_start_at_or_after(
    at: u64,
    len: u64,
    mut read_at: impl FnMut(u64, &mut [u8]) -> io::Result<usize>,
) -> io::Result<u64> {
    if at == 0 || at >= len {
        return Ok(at.min(len));
    }
    let mut block = vec![0u8; 64 * 1024];
    // From the byte before `at`: a line end there makes `at` a line start.
    let mut pos = at - 1;
    while pos < len {
        let n = read_at(pos, &mut block)?;
        if n == 0 {
            break;
        }
        let got = &block[..n];
        if let Some(i) = memchr2(b'\n', b'\r', got) {
            let end = pos + i as u64 + 1;
            if got[i] == b'\n' {
                return Ok(end);
            }
            // A CR: a line end unless a LF follows (then the LF is).
            let next = match got.get(i + 1) {
                Some(&b) => Some(b),
                None if end >= len => None,
                None => {
                    let mut one = [0u8; 1];
                    (read_at(end, &mut one)? == 1).then_some(one[0])
                }
            };
            return Ok(if next == Some(b'\n') { end + 1 } else { end });
        }
        pos += n as u64;
    }
    Ok(len)
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

    #[test]
    fn cr_alone_lf_and_crlf_end_lines() {
        let got = rows("a\tb\rc\td\r\ne\tf\ng\th\r", Delimiter::Tab);
        assert_eq!(
            got,
            vec![
                ok(&["a", "b"]),
                ok(&["c", "d"]),
                ok(&["e", "f"]),
                ok(&["g", "h"])
            ]
        );
        // A CRLF split across buffer fills is one line end.
        let mut text = "x".repeat(BUFFER_BYTES - 1);
        text.push_str("\r\ny\r");
        let mut lines = Lines::new(Cursor::new(text.into_bytes()));
        assert!(matches!(
            lines.next_found(false).unwrap(),
            Some(Found::Line { number: 1, .. })
        ));
        match lines.next_found(false).unwrap() {
            Some(Found::Line {
                number: 2,
                start,
                end,
            }) => assert_eq!(&lines.buf[start..end], b"y"),
            other => panic!("{other:?}"),
        }
        assert!(lines.next_found(false).unwrap().is_none());
    }

    /// Read in pieces cut where [`line_start_at_or_after`] says, a text gives
    /// the lines it gives read whole, whatever its mix of line ends.
    #[test]
    fn pieces_cut_at_line_starts_read_the_lines_of_the_whole() {
        let read_all = |bytes: &[u8], from: u64, to: u64| -> Vec<Vec<u8>> {
            let piece = Cursor::new(bytes[from as usize..to as usize].to_vec());
            let mut lines = Lines::with_capacity(piece, 64);
            let mut out = Vec::new();
            while let Some(found) = lines.next_found(false).unwrap() {
                if let Found::Line { start, end, .. } = found {
                    out.push(lines.buf[start..end].to_vec());
                }
            }
            out
        };
        let mut seed = 11u64;
        for len in 0..120u64 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    [b'\r', b'\n', b'a', b'b'][(seed >> 40) as usize % 4]
                })
                .collect();
            let whole = read_all(&bytes, 0, len);
            let read_at = |pos: u64, buf: &mut [u8]| -> io::Result<usize> {
                let rest = bytes.get(pos as usize..).unwrap_or(&[]);
                let n = rest.len().min(buf.len()).min(3);
                buf[..n].copy_from_slice(&rest[..n]);
                Ok(n)
            };
            for step in 1..6u64 {
                let mut cuts = vec![0];
                let mut at = step;
                while at < len {
                    let next = line_start_at_or_after(at, len, read_at).unwrap();
                    if next >= len {
                        break;
                    }
                    cuts.push(next);
                    at = next + step;
                }
                cuts.push(len);
                let pieces: Vec<Vec<u8>> = cuts
                    .windows(2)
                    .flat_map(|w| read_all(&bytes, w[0], w[1]))
                    .collect();
                assert_eq!(pieces, whole, "{bytes:?} step {step} cuts {cuts:?}");
            }
        }
    }

    #[test]
    fn a_stream_ended_early_keeps_its_position() {
        let mut lines = Lines::new(Cursor::new(b"h\nab\ncd\nef\n".to_vec()));
        lines.skip_through(1).unwrap();
        assert_eq!(lines.position(), 2);
        lines.end_at(8);
        let mut got = Vec::new();
        while let Some(Found::Line { start, end, .. }) = lines.next_found(false).unwrap() {
            got.push(lines.buf[start..end].to_vec());
        }
        assert_eq!(got, vec![b"ab".to_vec(), b"cd".to_vec()]);
        assert_eq!(lines.line_count(), 3);
    }
}
