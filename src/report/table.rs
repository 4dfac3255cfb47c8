//! `--format table` (default): the [`Document`] for people at a terminal,
//! wrapped to its width, coloured when allowed.

use comfy_table::{
    presets::UTF8_FULL_CONDENSED, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width,
};

use super::amazon::AmazonBlock;
use super::document::{tips_ref, Document, FamilySection, Tips};
use super::words::{clean, status_word};
use super::{Render, RenderOptions, Report, DEFAULT_WIDTH};
use crate::metrics::status::Status;
use crate::text::{grouped, wrap};

pub struct TableFormat;

/// The widest text block, even on a wide terminal (long lines are hard to read).
const MAX_TEXT_WIDTH: usize = 100;
/// Narrower than this, nothing reads well: the report is laid out at this width.
const MIN_WIDTH: usize = 40;

impl Render for TableFormat {
    fn render(&self, report: &Report, options: &RenderOptions) -> String {
        let doc = Document::build(report, options);
        // The table fits the whole width; text stops at MAX_TEXT_WIDTH.
        let full = usize::from(options.width.unwrap_or(DEFAULT_WIDTH)).max(MIN_WIDTH);
        let width = full.min(MAX_TEXT_WIDTH);
        let p = Painter {
            color: options.color,
        };
        let mut out = String::new();

        let h = &doc.headline;
        // Wrapped as plain text, then painted: escapes do not count as columns.
        let word = status_word(h.status);
        let headline = wrap(
            &format!("Account health: {word} ({})", h.summary),
            width,
            "",
            "",
        );
        out.push_str(&headline.replacen(word, &p.status(h.status, word), 1));
        out.push_str(&wrap(&format!("{} {}", h.scope, h.inputs), width, "", ""));

        if doc.brief {
            out.push('\n');
            out.push_str(&wrap(&doc.act_now_counts, width, "", ""));
        } else if !doc.act_now.is_empty() {
            out.push('\n');
            out.push_str(&p.heading("Act now"));
            for group in &doc.act_now {
                out.push_str(&format!("{}:\n", group.title));
                for e in &group.entries {
                    out.push_str(&wrap(
                        &format!("{}: {}", clean(&e.id), e.text),
                        width,
                        "  - ",
                        "    ",
                    ));
                }
                if let Some(more) = &group.more {
                    out.push_str(&wrap(more, width, "  ", "    "));
                }
            }
        }

        if !doc.metrics.is_empty() {
            out.push('\n');
            out.push_str(&p.heading("Metrics"));
            out.push_str(&metrics_table(&doc, options, full));
        }
        if doc.brief {
            return out;
        }

        if let Some(a) = &doc.amazon {
            out.push('\n');
            out.push_str(&p.heading("Amazon's Account Health report"));
            amazon(&mut out, a, width);
        }

        if let Some(since) = &doc.since {
            out.push('\n');
            out.push_str(&p.heading(&since.title));
            for line in &since.lines {
                out.push_str(&wrap(line, width, "  - ", "    "));
            }
        }

        for (i, f) in doc.families.iter().enumerate() {
            out.push('\n');
            if i == 0 {
                out.push_str(&p.heading(doc.families_title));
            }
            family(&mut out, f, width, &p);
        }

        if !doc.not_measured.is_empty() {
            out.push('\n');
            out.push_str(&p.heading("Not measured"));
            for line in &doc.not_measured {
                out.push_str(&wrap(line, width, "  - ", "    "));
            }
        }

        out.push('\n');
        out.push_str(&wrap(&doc.footer, width, "", ""));
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

    /// A section title, upper-cased.
    fn heading(&self, text: &str) -> String {
        format!("{}\n", self.paint("1", &text.to_uppercase()))
    }
}

fn metrics_table(doc: &Document<'_>, options: &RenderOptions, width: usize) -> String {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    // Never ask the terminal: the caller decides colour and width.
    t.force_no_tty();
    if options.color {
        t.enforce_styling();
    }
    // Cells wrap between words to fit the width (SPEC §9.5).
    t.set_width(u16::try_from(width).unwrap_or(u16::MAX));
    t.set_content_arrangement(ContentArrangement::Dynamic);
    // "Shipped by" (not "Fulfilled by"): its longest word leaves room for the
    // table at 80 columns without breaking a word.
    let header = [
        "Metric",
        "Shipped by",
        "Window",
        "Value",
        "Target",
        "Status",
        "Defects",
    ];
    t.set_header(header.to_vec());
    // No column narrower than its longest word: cells wrap between words.
    let mut longest: Vec<usize> = header.iter().map(|h| longest_word(h)).collect();
    let mut natural: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &doc.metrics {
        let status = Cell::new(status_word(row.status));
        let status = if options.color {
            match row.status {
                Status::Good => status.fg(Color::Green),
                Status::Warning => status.fg(Color::Yellow),
                Status::Bad => status.fg(Color::Red),
                Status::NoData => status,
            }
        } else {
            status
        };
        let texts = [
            row.name.to_string(),
            row.fulfilled_by.to_string(),
            format!("{} d to {}", row.window.days, row.window.to),
            row.value.clone(),
            row.target.clone(),
            status_word(row.status).to_string(),
            format!("{} of {}", grouped(row.defects), grouped(row.total)),
        ];
        for ((l, n), text) in longest.iter_mut().zip(natural.iter_mut()).zip(&texts) {
            *l = (*l).max(longest_word(text));
            *n = (*n).max(text.chars().count());
        }
        let mut cells: Vec<Cell> = texts.iter().map(Cell::new).collect();
        cells[5] = status;
        t.add_row(cells);
    }
    // Widths count the padding either side; borders take one column each.
    let fixed = |n: usize| Width::Fixed(u16::try_from(n + 2).unwrap_or(u16::MAX));
    let others: usize = natural.iter().skip(1).map(|n| n + 3).sum::<usize>() + 1;
    let room = width.saturating_sub(others + 1);
    if natural[0] + 2 > room && room >= longest[0] + 2 {
        // Only the metric's name needs to wrap: every other column keeps one line.
        for (i, n) in natural.iter().enumerate() {
            if let Some(column) = t.column_mut(i) {
                let w = if i == 0 {
                    Width::Fixed(u16::try_from(room).unwrap_or(u16::MAX))
                } else {
                    fixed(*n)
                };
                column.set_constraint(ColumnConstraint::Absolute(w));
            }
        }
    } else {
        // When the longest words alone overflow the width (a `100.00%` value
        // at 80 columns), the metric's name gives up what is missing and
        // breaks inside its longest word; no other cell can.
        let need: usize = longest.iter().map(|l| l + 3).sum::<usize>() + 1;
        let over = need.saturating_sub(width);
        for (i, l) in longest.into_iter().enumerate() {
            let l = if i == 0 {
                l.saturating_sub(over).max(4)
            } else {
                l
            };
            if let Some(column) = t.column_mut(i) {
                column.set_constraint(ColumnConstraint::LowerBoundary(fixed(l)));
            }
        }
    }
    format!("{t}\n")
}

fn amazon(out: &mut String, a: &AmazonBlock, width: usize) {
    out.push_str(&wrap(&clean(&a.summary), width, "", ""));
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.force_no_tty();
    t.set_width(u16::try_from(width).unwrap_or(u16::MAX));
    t.set_content_arrangement(ContentArrangement::Dynamic);
    let header = [
        "Metric",
        "Shipped by",
        "Amazon's window",
        "Amazon",
        "Ours",
        "Difference",
    ];
    t.set_header(header.to_vec());
    let mut longest: Vec<usize> = header.iter().map(|h| longest_word(h)).collect();
    for r in &a.rows {
        let texts = [
            r.name.to_string(),
            r.fulfilled_by.to_string(),
            r.window.clone(),
            clean(&r.amazon),
            r.ours.clone(),
            r.difference.clone(),
        ];
        for (l, text) in longest.iter_mut().zip(&texts) {
            *l = (*l).max(longest_word(text));
        }
        t.add_row(texts.to_vec());
    }
    // No column narrower than its longest word: cells wrap between words.
    for (i, l) in longest.into_iter().enumerate() {
        if let Some(column) = t.column_mut(i) {
            let w = Width::Fixed(u16::try_from(l + 2).unwrap_or(u16::MAX));
            column.set_constraint(ColumnConstraint::LowerBoundary(w));
        }
    }
    out.push_str(&format!("{t}\n"));
    for e in &a.explanations {
        out.push_str(&wrap(&clean(e), width, "  - ", "    "));
    }
    if !a.policy.is_empty() {
        out.push_str(
            "Policy items with defects (Amazon's figures; sellerhealth cannot compute them):\n",
        );
        for p in &a.policy {
            out.push_str(&wrap(&clean(p), width, "  - ", "    "));
        }
    }
}

fn family(out: &mut String, f: &FamilySection, width: usize, p: &Painter) {
    out.push_str(&format!(
        "{}: {} (target: {})\n",
        p.paint("1", f.title),
        p.status(f.status, status_word(f.status)),
        f.target
    ));
    for w in &f.windows {
        out.push_str(&wrap(&w.text, width, "  - ", "    "));
        for d in &w.details {
            out.push_str(&wrap(
                &format!("{}: {}", clean(&d.id), clean(&d.text)),
                width,
                "      · ",
                "        ",
            ));
        }
        for b in &w.breakdowns {
            out.push_str(&wrap(&format!("{}:", b.title), width, "    ", "    "));
            for r in &b.rows {
                out.push_str(&wrap(
                    &format!("{}: {}", r.key, r.text),
                    width,
                    "      · ",
                    "        ",
                ));
            }
        }
    }
    for s in &f.focus {
        out.push_str(&wrap(s, width, "  ", "  "));
    }
    match &f.tips {
        None => {}
        Some(Tips::Earlier(earlier)) => out.push_str(&wrap(
            &format!("What helps: {} above.", tips_ref(earlier)),
            width,
            "  ",
            "  ",
        )),
        Some(Tips::New { new, also }) => {
            out.push_str("  What helps:\n");
            for (n, tip) in new {
                let first = format!("  {n:>3}. ");
                out.push_str(&wrap(tip, width, &first, "       "));
            }
            if !also.is_empty() {
                out.push_str(&wrap(
                    &format!("Also {} above.", tips_ref(also)),
                    width,
                    "       ",
                    "       ",
                ));
            }
        }
    }
}

/// The display width of the longest word of `s`.
fn longest_word(s: &str) -> usize {
    s.split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
}
