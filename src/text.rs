//! Text for people, with no knowledge of the domain: making input text safe to
//! show, wrapping, and writing numbers. A leaf: it imports nothing of the crate.

/// Text from input files (cells, file names) loses control characters before
/// it reaches a terminal, line breaks included: every message stays one line.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' => ' ',
            // Bidirectional overrides and isolates can reorder what a terminal shows.
            c if c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                '?'
            }
            c => c,
        })
        .collect()
}

/// A fraction as a percentage with two decimals (`0.73%`, `98.75%`); `–` for none.
pub fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(r) => format!("{:.2}%", r * 100.0),
        None => "–".to_string(),
    }
}

/// A limit as a short percentage: `0.01` → `1%`, `0.025` → `2.5%`.
pub fn percent_number(v: f64) -> String {
    let p = v * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}%")
    } else {
        let s = format!("{p:.2}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        format!("{s}%")
    }
}

/// `1 order`, `2 orders`, `4910 orders` (text that JSON carries too).
pub fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `1 order`, `4,910 orders`: [`plural`] for the people-facing formats only.
pub fn count(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{} {many}", grouped(n))
    }
}

/// A count for people, grouped by thousands: `4910` → `4,910` (never in JSON or CSV).
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `3, 7 and 12`.
pub fn and_list<S: AsRef<str>>(words: &[S]) -> String {
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.as_ref().to_string(),
        Some((last, rest)) => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

/// The text with its first letter upper-cased.
pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Wraps `text` to `width` columns: the first line starts with `first`, the others with `rest`.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(first);
    let mut line_len = first.chars().count();
    let mut empty = true;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if !empty && line_len + 1 + w > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(rest);
            line_len = rest.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            line_len += 1;
        }
        line.push_str(word);
        line_len += w;
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitized_text_is_one_line_without_controls_or_bidi_overrides() {
        assert_eq!(sanitize("a\nb\tc\x1b[31m\u{202e}d"), "a?b c?[31m?d");
    }

    #[test]
    fn percents() {
        assert_eq!(percent_number(0.01), "1%");
        assert_eq!(percent_number(0.025), "2.5%");
        assert_eq!(percent_number(0.95), "95%");
        assert_eq!(percent(Some(0.0073)), "0.73%");
        assert_eq!(percent(None), "–");
    }

    #[test]
    fn wrapping_keeps_words_and_indents() {
        let s = wrap("one two three four five", 12, "- ", "  ");
        assert_eq!(s, "- one two\n  three four\n  five\n");
        assert_eq!(wrap("", 10, "x ", "  "), "x\n");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        for (n, s) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (4910, "4,910"),
            (123_456, "123,456"),
            (1_234_567, "1,234,567"),
            (u64::MAX, "18,446,744,073,709,551,615"),
        ] {
            assert_eq!(grouped(n), s);
        }
        assert_eq!(count(4910, "order", "orders"), "4,910 orders");
        assert_eq!(plural(4910, "order", "orders"), "4910 orders");
    }

    #[test]
    fn lists_and_plurals() {
        assert_eq!(and_list(&["1"]), "1");
        assert_eq!(and_list(&["1", "2"]), "1 and 2");
        assert_eq!(and_list(&["1", "2", "3"]), "1, 2 and 3");
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(plural(1, "file", "files"), "1 file");
        assert_eq!(plural(0, "file", "files"), "0 files");
        assert_eq!(upper_first("no metric"), "No metric");
    }
}
