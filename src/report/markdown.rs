//! `--format markdown`: the table report as a Markdown document to share
//! (a ticket, a wiki page, an e-mail to the warehouse).
//!
//! Same facts and words as `table`: headings, a pipe table, the act-now
//! lists, tips as numbered lists and, with `--details`, the ids behind each
//! count. Text from input files is escaped so it cannot change the markup.

use super::table::{fulfilled_by, short_title};
use super::words::{self, clean, TipBook};
use super::{metric_status_word, percent, target_words, Render, RenderOptions, Report};
use crate::metrics::status::Status;

pub struct Markdown;

impl Render for Markdown {
    fn render(&self, report: &Report, options: &RenderOptions) -> String {
        let mut out = String::new();
        let (status, summary) = words::headline(report);
        out.push_str(&format!(
            "# Account health: {}\n\n",
            words::status_word(status)
        ));
        out.push_str(&format!(
            "**{}.** {} {}\n",
            upper_first(&summary),
            escape(&words::scope_sentence(report)),
            escape(&words::inputs_sentence(report))
        ));

        let a = words::act_now(report);
        if !a.is_empty() {
            out.push_str("\n## Act now\n");
            for (title, lines) in [
                ("Orders already late, not yet shipped", &a.late),
                ("Orders due to ship", &a.due),
                ("Orders past Amazon's auto-cancel deadline", &a.expired),
                ("Buyer messages waiting for a reply", &a.messages),
            ] {
                if lines.is_empty() {
                    continue;
                }
                out.push_str(&format!("\n**{title}**\n\n"));
                for (id, text) in lines {
                    out.push_str(&format!("- {}: {}\n", code(id), escape(text)));
                }
            }
        }

        out.push_str("\n## Metrics\n\n");
        out.push_str(
            "| Metric | Fulfilled by | Window | Value | Target | Status | Defects |\n\
             |---|---|---|--:|---|---|--:|\n",
        );
        for m in &report.metrics {
            let status = metric_status_word(m.status);
            let status = if m.status == Status::Bad {
                format!("**{status}**")
            } else {
                status.to_string()
            };
            let cells = [
                short_title(m.metric).to_string(),
                fulfilled_by(m.channel).to_string(),
                format!("{} – {} ({} d)", m.window.from, m.window.to, m.window.days),
                percent(m.rate),
                target_words(&m.target),
                status,
                format!("{} of {}", m.defects, m.total),
            ];
            let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }

        let families = words::families(report);
        let any_attention = families.iter().any(words::Family::needs_attention);
        let mut tips = TipBook::default();
        let mut first = true;
        for f in &families {
            if !f.shown(options.details) {
                continue;
            }
            if first {
                out.push_str(if any_attention {
                    "\n## What to fix\n"
                } else {
                    "\n## Details\n"
                });
                first = false;
            }
            let status = f.status();
            out.push_str(&format!(
                "\n### {}: {} (target: {})\n\n",
                f.metric.title(),
                words::status_word(status),
                escape(&f.target())
            ));
            for m in &f.windows {
                if !words::window_shown(m, options.details) {
                    continue;
                }
                out.push_str(&format!("- {}\n", escape(&words::window_text(m))));
                if options.details {
                    for d in &m.details {
                        out.push_str(&format!(
                            "  - {}: {}\n",
                            code(&d.id),
                            escape(&clean(&d.why))
                        ));
                    }
                }
            }
            if f.needs_attention() {
                let placed = tips.place(f.tips());
                if placed.new.is_empty() {
                    if !placed.earlier.is_empty() {
                        out.push_str(&format!(
                            "\nWhat helps: {} above.\n",
                            words::tips_ref(&placed.earlier)
                        ));
                    }
                } else {
                    out.push_str("\nWhat helps:\n\n");
                    for (n, tip) in &placed.new {
                        out.push_str(&format!("{n}. {}\n", escape(tip)));
                    }
                    if !placed.earlier.is_empty() {
                        out.push_str(&format!(
                            "\nAlso {} above.\n",
                            words::tips_ref(&placed.earlier)
                        ));
                    }
                }
            }
        }

        let not_measured = words::not_measured(report);
        if !not_measured.is_empty() {
            out.push_str("\n## Not measured\n\n");
            for line in not_measured {
                out.push_str(&format!("- {}\n", escape(&line)));
            }
        }

        out.push_str(&format!(
            "\n---\n\n{} {}\n",
            escape(&words::footer(report, options.details)),
            escape(&format!("Written by {}.", clean(&report.generator)))
        ));
        out
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Escapes the characters that could start markup inside running text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A table cell: escaped like running text (a `|` would end the cell).
fn cell(s: &str) -> String {
    // Our own cells only carry `**` for emphasis; keep it.
    if let Some(inner) = s.strip_prefix("**").and_then(|r| r.strip_suffix("**")) {
        return format!("**{}**", escape(inner));
    }
    escape(s)
}

/// An id as a code span, fenced with enough backticks for its content.
pub fn code(s: &str) -> String {
    let s = clean(s);
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    if longest > 0 || s.starts_with(' ') || s.ends_with(' ') {
        format!("{fence} {s} {fence}")
    } else {
        format!("{fence}{s}{fence}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_and_markup_are_escaped() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("*x* [y](z)"), "\\*x\\* \\[y\\](z)");
        assert_eq!(cell("**BAD**"), "**BAD**");
        assert_eq!(cell("< 1%"), "\\< 1%");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("111-1"), "`111-1`");
        assert_eq!(code("a`b"), "`` a`b ``");
    }
}
