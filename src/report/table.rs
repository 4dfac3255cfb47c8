//! `--format table` (default): the [`Document`] for people at a terminal,
//! wrapped to its width, coloured when allowed.

use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, Color, ContentArrangement, Table};

use super::amazon::AmazonBlock;
use super::document::{tips_ref, Document, FamilySection, Tips};
use super::words::{clean, status_word};
use super::{Render, RenderOptions, Report};
use crate::metrics::status::Status;
use crate::text::wrap;

pub struct TableFormat;

/// The widest text block, even on a wide terminal (long lines are hard to read).
const MAX_TEXT_WIDTH: usize = 100;

impl Render for TableFormat {
    fn render(&self, report: &Report, options: &RenderOptions) -> String {
        let doc = Document::build(report, options.details);
        let width = options
            .width
            .map_or(MAX_TEXT_WIDTH, usize::from)
            .clamp(40, MAX_TEXT_WIDTH);
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

        if !doc.act_now.is_empty() {
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
            }
        }

        if !doc.metrics.is_empty() {
            out.push('\n');
            out.push_str(&p.heading("Metrics"));
            out.push_str(&metrics_table(&doc, options));
        }

        if let Some(a) = &doc.amazon {
            out.push('\n');
            out.push_str(&p.heading("Amazon's Account Health report"));
            amazon(&mut out, a, options, width);
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

fn metrics_table(doc: &Document<'_>, options: &RenderOptions) -> String {
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
        t.add_row(vec![
            Cell::new(row.name),
            Cell::new(row.fulfilled_by),
            Cell::new(format!("{} d to {}", row.window.days, row.window.to)),
            Cell::new(&row.value),
            Cell::new(&row.target),
            status,
            Cell::new(format!("{} of {}", row.defects, row.total)),
        ]);
    }
    format!("{t}\n")
}

fn amazon(out: &mut String, a: &AmazonBlock, options: &RenderOptions, width: usize) {
    out.push_str(&wrap(&clean(&a.summary), width, "", ""));
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.force_no_tty();
    if let Some(w) = options.width {
        t.set_width(w);
        t.set_content_arrangement(ContentArrangement::Dynamic);
    }
    t.set_header(vec![
        "Metric",
        "Fulfilled by",
        "Amazon's window",
        "Amazon",
        "Ours",
        "Difference",
    ]);
    for r in &a.rows {
        t.add_row(vec![
            Cell::new(r.name),
            Cell::new(r.fulfilled_by),
            Cell::new(&r.window),
            Cell::new(clean(&r.amazon)),
            Cell::new(&r.ours),
            Cell::new(&r.difference),
        ]);
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
