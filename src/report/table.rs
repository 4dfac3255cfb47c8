//! `--format table` (default): for people at a terminal.
//!
//! A headline, what to do today (orders to ship, messages to answer), the
//! metrics table, then for each metric that is not `good` where it stands,
//! how far it is from changing sides and what helps; with `--details`, the
//! ids behind each defect count.

use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, Color, ContentArrangement, Table};

use super::words::{self, clean, wrap, Family, TipBook};
use super::{metric_status_word, percent, target_words, Render, RenderOptions, Report};
use crate::metrics::status::Status;
use crate::policy::{MetricId, Scope};

pub struct TableFormat;

/// The widest text block, even on a wide terminal (long lines are hard to read).
const MAX_TEXT_WIDTH: usize = 100;

impl Render for TableFormat {
    fn render(&self, report: &Report, options: &RenderOptions) -> String {
        let width = options
            .width
            .map_or(MAX_TEXT_WIDTH, usize::from)
            .clamp(40, MAX_TEXT_WIDTH);
        let p = Painter {
            color: options.color,
        };
        let mut out = String::new();

        // Headline.
        let (status, summary) = words::headline(report);
        // Wrapped as plain text, then painted: escapes do not count as columns.
        let word = words::status_word(status);
        let headline = wrap(
            &format!("Account health: {word} ({summary})"),
            width,
            "",
            "",
        );
        out.push_str(&headline.replacen(word, &p.status(status, word), 1));
        out.push_str(&wrap(
            &format!(
                "{} {}",
                words::scope_sentence(report),
                words::inputs_sentence(report)
            ),
            width,
            "",
            "",
        ));

        act_now(&mut out, report, width, &p);

        out.push('\n');
        out.push_str(&p.heading("METRICS"));
        out.push_str(&metrics_table(report, options));

        let families = words::families(report);
        let mut tips = TipBook::default();
        let mut first = true;
        for f in &families {
            if !f.shown(options.details) {
                continue;
            }
            if first {
                out.push('\n');
                out.push_str(&p.heading(if families.iter().any(Family::needs_attention) {
                    "WHAT TO FIX"
                } else {
                    "DETAILS"
                }));
                first = false;
            } else {
                out.push('\n');
            }
            family(&mut out, f, options, width, &p, &mut tips);
        }

        let not_measured = words::not_measured(report);
        if !not_measured.is_empty() {
            out.push('\n');
            out.push_str(&p.heading("NOT MEASURED"));
            for line in not_measured {
                out.push_str(&wrap(&line, width, "  - ", "    "));
            }
        }

        out.push('\n');
        out.push_str(&wrap(
            &words::footer(report, options.details),
            width,
            "",
            "",
        ));
        out
    }
}

/// ANSI styling, or none.
struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn status(&self, s: Status, text: &str) -> String {
        match s {
            Status::Good => self.paint("32", text),
            Status::Warning => self.paint("33", text),
            Status::Bad => self.paint("1;31", text),
            Status::NoData => text.to_string(),
        }
    }

    fn heading(&self, text: &str) -> String {
        format!("{}\n", self.paint("1", text))
    }
}

fn act_now(out: &mut String, report: &Report, width: usize, p: &Painter) {
    let a = words::act_now(report);
    if a.is_empty() {
        return;
    }
    out.push('\n');
    out.push_str(&p.heading("ACT NOW"));
    let groups = [
        ("Orders already late, not yet shipped:", &a.late),
        ("Orders due to ship:", &a.due),
        ("Orders past Amazon's auto-cancel deadline:", &a.expired),
        ("Buyer messages waiting for a reply:", &a.messages),
    ];
    for (title, lines) in groups {
        if lines.is_empty() {
            continue;
        }
        out.push_str(title);
        out.push('\n');
        for (id, text) in lines {
            out.push_str(&wrap(&format!("{id}: {text}"), width, "  - ", "    "));
        }
    }
}

fn metrics_table(report: &Report, options: &RenderOptions) -> String {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    // Never ask the terminal: the caller decides colour and width.
    t.force_no_tty();
    if options.color {
        t.enforce_styling();
    }
    if let Some(w) = options.width {
        t.set_width(w);
        t.set_content_arrangement(ContentArrangement::Dynamic);
    }
    t.set_header(vec![
        "Metric",
        "Fulfilled by",
        "Window",
        "Value",
        "Target",
        "Status",
        "Defects",
    ]);
    for m in &report.metrics {
        let status = Cell::new(metric_status_word(m.status));
        let status = if options.color {
            match m.status {
                Status::Good => status.fg(Color::Green),
                Status::Warning => status.fg(Color::Yellow),
                Status::Bad => status.fg(Color::Red),
                Status::NoData => status,
            }
        } else {
            status
        };
        t.add_row(vec![
            Cell::new(short_title(m.metric)),
            Cell::new(fulfilled_by(m.channel)),
            Cell::new(format!("{} d to {}", m.window.days, m.window.to)),
            Cell::new(percent(m.rate)),
            Cell::new(target_words(&m.target)),
            status,
            Cell::new(format!("{} of {}", m.defects, m.total)),
        ]);
    }
    format!("{t}\n")
}

/// The metric's name, short enough for a table column.
pub(crate) fn short_title(m: MetricId) -> &'static str {
    match m {
        MetricId::ResponseTime => "Response time (24 h)",
        other => other.title(),
    }
}

/// Who ships the orders of a channel.
pub(crate) fn fulfilled_by(s: Scope) -> &'static str {
    match s {
        Scope::Mfn => "seller",
        Scope::Afn => "Amazon",
        Scope::All => "any",
    }
}

fn family(
    out: &mut String,
    f: &Family<'_>,
    options: &RenderOptions,
    width: usize,
    p: &Painter,
    tips: &mut TipBook,
) {
    let status = f.status();
    out.push_str(&format!(
        "{}: {} (target: {})\n",
        p.paint("1", f.metric.title()),
        p.status(status, words::status_word(status)),
        f.target()
    ));
    for m in &f.windows {
        if !words::window_shown(m, options.details) {
            continue;
        }
        out.push_str(&wrap(&words::window_text(m), width, "  - ", "    "));
        if options.details && !m.details.is_empty() {
            for d in &m.details {
                out.push_str(&wrap(
                    &format!("{}: {}", clean(&d.id), clean(&d.why)),
                    width,
                    "      · ",
                    "        ",
                ));
            }
        }
    }
    if f.needs_attention() {
        let placed = tips.place(f.tips());
        if placed.new.is_empty() {
            if !placed.earlier.is_empty() {
                out.push_str(&wrap(
                    &format!("What helps: {} above.", words::tips_ref(&placed.earlier)),
                    width,
                    "  ",
                    "  ",
                ));
            }
            return;
        }
        out.push_str("  What helps:\n");
        for (n, tip) in &placed.new {
            let first = format!("  {n:>3}. ");
            out.push_str(&wrap(tip, width, &first, "       "));
        }
        if !placed.earlier.is_empty() {
            out.push_str(&wrap(
                &format!("Also {} above.", words::tips_ref(&placed.earlier)),
                width,
                "       ",
                "       ",
            ));
        }
    }
}
