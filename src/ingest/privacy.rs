//! Values quoted in messages: cut, escaped, and never buyer data (SPEC §15).

/// A cell value quoted for a message: length capped, control characters
/// shown escaped (what the file holds, made safe to show).
pub fn quote(v: &str) -> String {
    if may_be_personal(v) {
        // A shifted row can put a buyer's e-mail, name or phone in a date column.
        return "(a value not shown: it may be buyer data)".to_string();
    }
    let cut: String = v.chars().take(40).collect();
    let mut s = crate::text::sanitize(&cut);
    if v.chars().count() > 40 {
        s.push('…');
    }
    format!("'{s}'")
}

/// Whether a cell looks like an e-mail address, a phone number, or a name or
/// address: never quoted in messages (SPEC §15).
pub(crate) fn may_be_personal(v: &str) -> bool {
    if v.contains('@') {
        return true;
    }
    if looks_like_phone(v) {
        return true;
    }
    // Names and street addresses: two or more capitalised words ("Pat Buyer",
    // "31 Wrenfield Mews"); "next tuesday" stays quotable.
    v.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2 && w.chars().next().is_some_and(char::is_uppercase))
        .count()
        >= 2
}

/// A phone number: 7 or more digits, with nothing else but spaces, dots,
/// dashes, parentheses and a leading `+` (`206-555-0143`, `(206) 555-0143`,
/// `+1 206 555 0143`). A numeric date (`2026-13-01`, `30.04.2022`) is not one.
fn looks_like_phone(v: &str) -> bool {
    let body = v.trim().strip_prefix('+').unwrap_or(v.trim());
    let digits = body.chars().filter(char::is_ascii_digit).count();
    digits >= 7
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')'))
        && !looks_like_numeric_date(body)
}

/// Three groups of digits joined by one `-` or `.`, with a 4-digit year first
/// or last and day and month of 1–2 digits: a phone number never has that shape.
fn looks_like_numeric_date(v: &str) -> bool {
    let Some(sep) = v.chars().find(|c| matches!(c, '-' | '.')) else {
        return false;
    };
    let groups: Vec<&str> = v.split(sep).collect();
    if groups.len() != 3
        || groups
            .iter()
            .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    let small = |g: &str| g.len() <= 2;
    (groups[0].len() == 4 && small(groups[1]) && small(groups[2]))
        || (small(groups[0]) && small(groups[1]) && groups[2].len() == 4)
}
