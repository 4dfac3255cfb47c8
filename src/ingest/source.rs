//! Opening an input: gzip by magic bytes, byte-order marks, and the text
//! encoding decided from the first 1 MiB (SPEC §2.1). What comes out is a
//! stream of UTF-8 bytes (or, for UTF-8 input, the raw bytes: rows are
//! validated one by one and invalid bytes replaced with a warning).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

use encoding_rs::Encoding;
use encoding_rs_io::DecodeReaderBytesBuilder;
use flate2::bufread::MultiGzDecoder;

/// How much is read to decide the encoding.
pub const SNIFF_BYTES: usize = 1 << 20;
const BUFFER_BYTES: usize = 256 * 1024;

/// The text encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Transcoded(&'static Encoding),
}

pub struct Opened {
    pub reader: Box<dyn Read + Send>,
    pub encoding: TextEncoding,
    pub gzip: bool,
    /// Bytes of the input before the stream (a UTF-8 byte-order mark).
    pub skipped: u64,
    /// The text starts with `{` (white space and a byte-order mark aside):
    /// a JSON document, never a report of rows.
    pub json: bool,
}

/// An input opened once: its bytes, and for a regular file a second handle
/// on the same open file (for positioned reads of its pieces) and its size.
pub struct Raw {
    pub reader: Box<dyn Read + Send>,
    pub regular: Option<(File, u64)>,
}

/// Opens a path read-only (never modifying it), or standard input for `-`.
/// It is opened once: a FIFO or a device is read as a stream, never reopened.
pub fn open_path(path: &Path) -> io::Result<Raw> {
    if path.as_os_str() == "-" {
        return Ok(Raw {
            reader: Box::new(io::stdin()),
            regular: None,
        });
    }
    let file = File::open(path)?;
    let meta = file.metadata()?;
    let regular = if meta.is_file() {
        // The same open file: no second open, whatever the path names by then.
        Some((file.try_clone()?, meta.len()))
    } else {
        None
    };
    Ok(Raw {
        reader: Box::new(file),
        regular,
    })
}

/// Wraps raw bytes into a UTF-8 stream. `fallback` is the encoding of text
/// that is not UTF-8 (`--encoding`, else the marketplace's).
pub fn decode(raw: Box<dyn Read + Send>, fallback: &'static Encoding) -> io::Result<Opened> {
    let mut buffered = BufReader::with_capacity(BUFFER_BYTES, raw);
    let gzip = buffered.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let mut stream: Box<dyn Read + Send> = if gzip {
        Box::new(MultiGzDecoder::new(buffered))
    } else {
        Box::new(buffered)
    };
    let mut head = Vec::with_capacity(64 * 1024);
    (&mut stream)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    let encoding = sniff(&head, fallback);
    let json = encoding == TextEncoding::Utf8
        && head
            .strip_prefix(&[0xEF, 0xBB, 0xBF])
            .unwrap_or(&head)
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            == Some(&b'{');
    let bom_len = match encoding {
        TextEncoding::Utf8 if head.starts_with(&[0xEF, 0xBB, 0xBF]) => 3,
        _ => 0,
    };
    let rest = Cursor::new(head).chain(stream);
    let reader: Box<dyn Read + Send> = match encoding {
        TextEncoding::Utf8 => {
            let mut r = rest;
            io::copy(&mut (&mut r).take(bom_len), &mut io::sink())?;
            Box::new(r)
        }
        TextEncoding::Transcoded(enc) => {
            // encoding_rs_io drops the BOM of UTF-16 and transcodes lazily.
            Box::new(
                DecodeReaderBytesBuilder::new()
                    .encoding(Some(enc))
                    .bom_override(true)
                    .build(rest),
            )
        }
    };
    Ok(Opened {
        reader,
        encoding,
        gzip,
        skipped: bom_len,
        json,
    })
}

/// UTF-16 only by its BOM; UTF-8 when the head is valid UTF-8 (an incomplete
/// character at its very end aside); otherwise the fallback.
pub fn sniff(head: &[u8], fallback: &'static Encoding) -> TextEncoding {
    if head.starts_with(&[0xFF, 0xFE]) {
        return TextEncoding::Transcoded(encoding_rs::UTF_16LE);
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return TextEncoding::Transcoded(encoding_rs::UTF_16BE);
    }
    match std::str::from_utf8(head) {
        Ok(_) => TextEncoding::Utf8,
        Err(e) if e.error_len().is_none() => TextEncoding::Utf8,
        Err(_) => TextEncoding::Transcoded(fallback),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_all(bytes: Vec<u8>, fallback: &'static Encoding) -> (String, TextEncoding, bool) {
        let opened = decode(Box::new(Cursor::new(bytes)), fallback).unwrap();
        let mut out = Vec::new();
        let mut r = opened.reader;
        r.read_to_end(&mut out).unwrap();
        (
            String::from_utf8(out).unwrap(),
            opened.encoding,
            opened.gzip,
        )
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let (s, enc, _) = read_all(
            b"\xEF\xBB\xBForder-id\n".to_vec(),
            encoding_rs::WINDOWS_1252,
        );
        assert_eq!(s, "order-id\n");
        assert_eq!(enc, TextEncoding::Utf8);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "order-id\tcaf\u{e9}\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (s, _, _) = read_all(bytes, encoding_rs::WINDOWS_1252);
        assert_eq!(s, "order-id\tcaf\u{e9}\n");
        let mut be = vec![0xFE, 0xFF];
        for u in "ab".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(read_all(be, encoding_rs::WINDOWS_1252).0, "ab");
    }

    #[test]
    fn invalid_utf8_falls_back_to_the_marketplace_encoding() {
        let (s, enc, _) = read_all(b"caf\xE9 \x99\n".to_vec(), encoding_rs::WINDOWS_1252);
        assert_eq!(s, "caf\u{e9} \u{2122}\n");
        assert_eq!(enc, TextEncoding::Transcoded(encoding_rs::WINDOWS_1252));
        // 日本 in Shift_JIS
        let (s, _, _) = read_all(vec![0x93, 0xFA, 0x96, 0x7B], encoding_rs::SHIFT_JIS);
        assert_eq!(s, "日本");
    }

    #[test]
    fn incomplete_character_at_the_end_of_the_head_is_still_utf8() {
        assert_eq!(
            sniff(b"abc\xE2\x82", encoding_rs::WINDOWS_1252),
            TextEncoding::Utf8
        );
        assert_eq!(
            sniff(b"abc\xE2\x82x", encoding_rs::WINDOWS_1252),
            TextEncoding::Transcoded(encoding_rs::WINDOWS_1252)
        );
    }

    #[test]
    fn gzip_is_recognised_by_magic_bytes() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"order-id\tpurchase-date\n").unwrap();
        let (s, _, gzip) = read_all(gz.finish().unwrap(), encoding_rs::WINDOWS_1252);
        assert!(gzip);
        assert_eq!(s, "order-id\tpurchase-date\n");
    }
}
