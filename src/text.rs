//! Text for people, with no knowledge of the domain: making input text safe to
//! show, wrapping, and writing numbers. A leaf: it imports nothing of the crate.

/// Whether a character must never reach a terminal or a reader raw: C0 and
/// C1 controls (DEL included) and the bidirectional embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069), which can reorder what is shown.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text from input files (cells, file names) made safe to show: every unsafe
/// character ([`is_unsafe`]), line breaks and tabs included, is written as its
/// escape (`\u{1b}`), so a message stays one line and still says what the
/// file holds.
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// JSON text with the unsafe characters serde_json leaves raw (DEL, C1 and
/// bidirectional controls) written as `\uXXXX` escapes. Outside strings JSON
/// text is ASCII, so every such character sits in a string, where the escape
/// stands for the same character.
pub fn escape_json_controls(json: &str) -> String {
    if !json.chars().any(is_unsafe) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // serde_json already escapes C0 controls; `\n` here is layout.
        if is_unsafe(c) && u32::from(c) >= 0x7f {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
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
    fn sanitized_text_is_one_line_with_controls_and_bidi_overrides_escaped() {
        assert_eq!(
            sanitize("a\nb\tc\x1b[31m\u{202e}d\u{9b}e\u{7f}"),
            r"a\u{a}b\u{9}c\u{1b}[31m\u{202e}d\u{9b}e\u{7f}"
        );
        assert_eq!(sanitize("plain – text"), "plain – text");
        // Escaping twice changes nothing more.
        let once = sanitize("x\u{1b}\u{2066}");
        assert_eq!(sanitize(&once), once);
    }

    #[test]
    fn json_text_escapes_c1_and_bidi_controls() {
        let json = serde_json::to_string("a\u{1b}b\u{9b}c\u{202e}d\u{2069}\u{7f}").unwrap();
        let safe = escape_json_controls(&json);
        assert_eq!(safe, r#""a\u001bb\u009bc\u202ed\u2069\u007f""#);
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "a\u{1b}b\u{9b}c\u{202e}d\u{2069}\u{7f}");
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
