//! Splitting comma-delimited rows by RFC 4180: a quoted field may hold
//! commas, doubled quotes and line breaks (SPEC §2.1).

/// Where [`split_csv_line`] is in a record, carried from one line of the
/// record to the next.
#[derive(Default)]
pub(super) struct CsvState {
    pub(super) in_quotes: bool,
    pub(super) field_start: usize,
    at_field_start: bool,
    started: bool,
}

/// Splits one physical line of RFC 4180 text, unquoting into `out`. When a
/// quoted field is still open at the end, `state.in_quotes` stays set and the
/// next line continues it.
pub(super) fn split_csv_line(
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

#[cfg(test)]
mod tests {
    use super::super::testkit::{ok, rows};
    use super::super::{Delimiter, Event};

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
    fn unterminated_quote_skips_the_rest() {
        let got = rows("a,b\n\"open,c\nd,e\nf,g\n", Delimiter::Comma);
        assert_eq!(
            got,
            vec![
                ok(&["a", "b"]),
                Err(Event::Unterminated { line: 2, lost: 3 })
            ]
        );
    }
}
