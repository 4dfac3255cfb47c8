//! The report in words: every sentence about a metric, a defect or a note,
//! for every format. Plain text without markup; renderers lay it out. Text
//! that comes from input files is passed through [`clean`] so it cannot drive
//! the terminal.

use chrono::DateTime;

use super::contract::{ChangeReport, Condition, MetricReport};
use crate::metrics::forecast::Volume;
use crate::metrics::status::Status;
use crate::policy::{Scope, Unit};
use crate::text::{grouped, percent, percent_number, upper_first};

pub use super::metric_words::no_data_hint;
use super::metric_words::vocab;
pub use super::notes_words::{check_reason, note, read_warning, stale, why, CheckReason};

/// Text from an input file, made safe to print.
pub fn clean(s: &str) -> String {
    crate::text::sanitize(s).replace(['\n', '\t'], " ")
}

/// `2026-11-21T02:58:07-08:00` → `2026-11-21 02:58` (the zone is named in the headline).
pub fn instant(rfc3339: &str) -> String {
    match DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => t.format("%Y-%m-%d %H:%M").to_string(),
        Err(_) => clean(rfc3339),
    }
}

/// The status as a word in running text.
pub fn status_word(s: Status) -> &'static str {
    match s {
        Status::Good => "good",
        Status::Warning => "warning",
        Status::Bad => "BAD",
        Status::NoData => "no data",
    }
}

/// The target in a sentence: `under 1%`, `at least 95%`, `none`.
pub fn target_sentence(m: &MetricReport) -> String {
    match m.target.condition {
        Condition::Below => format!("under {}", percent_number(m.target.value)),
        Condition::AtLeast => format!("at least {}", percent_number(m.target.value)),
        Condition::Zero => "none at all".to_string(),
    }
}

/// The target in a table cell (`< 1%`, `≥ 95%`, `0`).
pub fn target_cell(m: &MetricReport) -> String {
    match m.target.condition {
        Condition::Below => format!("< {}", percent_number(m.target.value)),
        Condition::AtLeast => format!("≥ {}", percent_number(m.target.value)),
        Condition::Zero => "0".to_string(),
    }
}

/// Who ships the orders of a channel, for a table column.
pub fn fulfilled_by(s: Scope) -> &'static str {
    match s {
        Scope::Mfn => "seller",
        Scope::Afn => "Amazon",
        Scope::All => "any",
    }
}

/// The plural noun of a unit (`orders`).
pub fn unit_plural(unit: Unit) -> &'static str {
    match unit {
        Unit::Order => "orders",
        Unit::Package => "packages",
        Unit::Message => "messages",
    }
}

/// `Seller-fulfilled, 2026-09-08 – 2026-11-06 (60 days)`.
pub fn window_label(m: &MetricReport) -> String {
    let w = format!(
        "{} – {} ({} days)",
        m.window.from, m.window.to, m.window.days
    );
    match m.channel {
        Scope::Mfn => format!("Seller-fulfilled, {w}"),
        Scope::Afn => format!("Amazon-fulfilled, {w}"),
        Scope::All => w,
    }
}

/// A line of the SINCE section (`--history`): `Late shipment rate, 30 days:
/// 2.10% → 4.30%, now BAD`. `with_channel` names the channel, for a metric
/// the report gives for several. Counts follow when the rates read the same.
pub fn since_line(c: &ChangeReport, with_channel: bool) -> String {
    let channel = match (with_channel, c.channel) {
        (false, _) | (true, Scope::All) => "",
        (true, Scope::Mfn) => " (seller-fulfilled)",
        (true, Scope::Afn) => " (Amazon-fulfilled)",
    };
    let name = format!(
        "{}{channel}, {} days",
        c.metric.policy().short_name,
        c.window_days
    );
    let a = &c.after;
    let after = percent(a.rate);
    let Some(b) = &c.before else {
        return format!(
            "{name}: {after}, {} (not in the earlier snapshot)",
            status_word(a.status)
        );
    };
    let before = percent(b.rate);
    let mut s = format!("{name}: {before} → {after}");
    if before == after {
        s.push_str(&format!(
            " ({} of {} → {} of {})",
            b.defects, b.total, a.defects, a.total
        ));
    }
    let now = if b.status == a.status { "still" } else { "now" };
    s.push_str(&format!(", {now} {}", status_word(a.status)));
    s
}

/// `3 of 147 orders had a defect (2.04%): 1 negative feedback, 1 A-to-z claim, 1 chargeback.`
pub fn measure_sentence(m: &MetricReport) -> String {
    let v = vocab(m.metric);
    if m.total == 0 {
        return format!("No {} in this window.", v.item.1);
    }
    let of = if m.total == 1 { v.item.0 } else { v.item.1 };
    let verb = if m.defects == 1 {
        singular_verb(v.verb)
    } else {
        v.verb.to_string()
    };
    let mut s = if v.rate_is.is_empty() {
        format!(
            "{} of {} {of} ({}) {verb}",
            grouped(m.defects),
            grouped(m.total),
            percent(m.rate)
        )
    } else {
        format!(
            "{} of {} {of} {verb}, so {} {}",
            grouped(m.defects),
            grouped(m.total),
            percent(m.rate),
            v.rate_is
        )
    };
    if let Some(c) = &m.components {
        let parts: Vec<String> = [
            (c.negative_feedback.defects, "with negative feedback"),
            (c.a_to_z_claims.defects, "with an A-to-z claim"),
            (c.chargebacks.defects, "with a chargeback"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{} {what}", grouped(*n)))
        .collect();
        if !parts.is_empty() {
            s.push_str(&format!(": {}", parts.join(", ")));
        }
    }
    if let Some(Some(h)) = m.average_response_hours {
        s.push_str(&format!("; first replies took {h:.1} hours on average"));
    }
    s.push('.');
    s
}

fn singular_verb(verb: &str) -> String {
    verb.replacen("were ", "was ", 1)
        .replace("cancelled them", "cancelled it")
}

/// `2 more defects would breach the 1% target.` / `154 more defect-free orders would bring it back under 1%.`
pub fn headroom_sentence(m: &MetricReport) -> Option<String> {
    let v = vocab(m.metric);
    let t = percent_number(m.target.value);
    if let Some(n) = m.clean_items_to_recover {
        let clean = more(n, v.clean);
        return Some(match m.target.condition {
            Condition::AtLeast => format!("{clean} would bring it back up to {t}."),
            _ => format!("{clean} would bring it back under {t}."),
        });
    }
    if let Some(k) = m.defects_to_breach {
        let d = more(k, v.defect);
        return Some(match m.target.condition {
            Condition::AtLeast => format!("{d} would drop it below the {t} target."),
            _ => format!("{d} would breach the {t} target."),
        });
    }
    if m.target.condition == Condition::Zero && m.defects > 0 {
        return Some(
            "Amazon expects none: every expired order also counts as a cancellation.".to_string(),
        );
    }
    None
}

fn more(n: u64, words: (&str, &str)) -> String {
    if n == 1 {
        format!("1 more {}", words.0)
    } else {
        format!("{} more {}", grouped(n), words.1)
    }
}

/// The note for small windows.
pub fn small_sample_sentence(m: &MetricReport) -> Option<&'static str> {
    m.small_sample
        .then_some("Small sample: one defect moves this rate by more than 1 percentage point.")
}

/// A window of a metric in full: where it stands, how far it is from changing
/// sides, whether the sample is small.
pub fn window_text(m: &MetricReport) -> String {
    let mut text = format!(
        "{}: {}. {}",
        window_label(m),
        status_word(m.status),
        measure_sentence(m)
    );
    if m.status != Status::Good {
        if let Some(h) = headroom_sentence(m) {
            text.push(' ');
            text.push_str(&h);
        }
        if let Some(s) = small_sample_sentence(m) {
            text.push(' ');
            text.push_str(s);
        }
    }
    if let Some(f) = forecast_sentence(m) {
        text.push(' ');
        text.push_str(&f);
    }
    text
}

/// What the report's forecast says about the coming days, when it carries
/// one: the day a `bad` window is back within target, or the first day a
/// window not `bad` today turns `bad` even without new defects.
pub fn forecast_sentence(m: &MetricReport) -> Option<String> {
    let f = m.forecast.as_ref()?;
    let t = percent_number(m.target.value);
    let within = match m.target.condition {
        Condition::AtLeast => format!("back at {t} or better"),
        _ => format!("back under {t}"),
    };
    if m.status == Status::Bad {
        return Some(match &f.recovers_on {
            Some(day) => format!(
                "With no new defects and your usual daily volume, it is {within} on {}.",
                clean(day)
            ),
            None => format!(
                "Even with no new defects it is not {within} within the coming {} days.",
                f.days.len()
            ),
        });
    }
    if m.status == Status::NoData {
        return None;
    }
    let turns_bad = f.days.iter().find(|d| d.status == Status::Bad)?;
    Some(format!(
        "Careful: even with no new defects it turns BAD on {} as older items leave the window.",
        clean(&turns_bad.date)
    ))
}

/// What a forecast assumes, for its `assumption` field: the daily volume in
/// words for people ("about 1 defect-free order every 10 days").
pub fn forecast_assumption(unit: Unit, volume: Volume) -> String {
    let noun = unit_plural(unit);
    let one = unit_singular(unit);
    let (items, days) = (volume.items, u64::from(volume.days.max(1)));
    let pace = if items == 0 {
        format!("no new {noun} (the window has none)")
    } else if items >= days {
        // Nearest whole number a day, halves up.
        let n = (2 * items + days) / (2 * days);
        let about = if items % days == 0 { "" } else { "about " };
        let what = if n == 1 { one } else { noun };
        format!("{about}{n} defect-free {what} a day")
    } else {
        let every = (2 * days + items) / (2 * items);
        let about = if days % items == 0 { "" } else { "about " };
        if every == 1 {
            format!("{about}1 defect-free {one} a day")
        } else {
            format!("{about}1 defect-free {one} every {every} days")
        }
    };
    format!(
        "{} already known keep the defects they have; no new defects, and {pace} (the window's average: {items} {} in {days} days)",
        upper_first(noun),
        if items == 1 { one } else { noun },
    )
}

/// The singular noun of a unit (`order`).
pub fn unit_singular(unit: Unit) -> &'static str {
    match unit {
        Unit::Order => "order",
        Unit::Package => "package",
        Unit::Message => "message",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_for_people() {
        assert_eq!(instant("2026-11-21T02:58:07-08:00"), "2026-11-21 02:58");
        assert_eq!(instant("garbage\u{1b}"), r"garbage\u{1b}");
    }
}
