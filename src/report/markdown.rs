//! `--format markdown`: the table report as a Markdown document to share
//! (a ticket, a wiki page, an e-mail to the warehouse).
//!
//! Same facts and words as `table`: headings, a pipe table, the act-now
//! lists, tips as numbered lists and, with `--details`, the ids behind each
//! count. Text from input files is escaped so it cannot change the markup.

use super::document::{tips_ref, Document, Tips};
use super::words::{clean, status_word};
use super::{Render, RenderOptions, Report};
use crate::metrics::status::Status;
use crate::text::{grouped, upper_first};

pub struct Markdown;

impl Render for Markdown {
    fn render(&self, report: &Report, options: &RenderOptions) -> String {
        let doc = Document::build(report, options);
        let mut out = String::new();
        let h = &doc.headline;
        out.push_str(&format!("# Account health: {}\n\n", status_word(h.status)));
        out.push_str(&format!(
            "**{}.** {} {}\n",
            upper_first(&h.summary),
            escape(&h.scope),
            escape(&h.inputs)
        ));

        if doc.brief {
            out.push_str(&format!("\n{}\n", escape(&doc.act_now_counts)));
        } else if !doc.act_now.is_empty() {
            out.push_str("\n## Act now\n");
            for group in &doc.act_now {
                out.push_str(&format!("\n**{}**\n\n", group.title));
                for e in &group.entries {
                    out.push_str(&format!("- {}: {}\n", code(&e.id), escape(&e.text)));
                }
                if let Some(more) = &group.more {
                    out.push_str(&format!("\n{}\n", escape(more)));
                }
            }
        }

        if !doc.metrics.is_empty() {
            out.push_str("\n## Metrics\n\n");
            out.push_str(
                "| Metric | Fulfilled by | Window | Value | Target | Status | Defects |\n\
                 |---|---|---|--:|---|---|--:|\n",
            );
            for row in &doc.metrics {
                let status = status_word(row.status);
                let status = if row.status == Status::Bad {
                    format!("**{status}**")
                } else {
                    status.to_string()
                };
                let w = row.window;
                let cells = [
                    row.name.to_string(),
                    row.fulfilled_by.to_string(),
                    format!("{} – {} ({} d)", w.from, w.to, w.days),
                    row.value.clone(),
                    row.target.clone(),
                    status,
                    format!("{} of {}", grouped(row.defects), grouped(row.total)),
                ];
                let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
        }

        if let Some(a) = &doc.amazon {
            out.push_str("\n## Amazon's Account Health report\n\n");
            out.push_str(&format!("{}\n\n", escape(&a.summary)));
            out.push_str(
                "| Metric | Fulfilled by | Amazon's window | Amazon | Ours | Difference |\n\
                 |---|---|---|--:|--:|--:|\n",
            );
            for r in &a.rows {
                let cells = [
                    r.name,
                    r.fulfilled_by,
                    &r.window,
                    &r.amazon,
                    &r.ours,
                    &r.difference,
                ];
                let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
            out.push('\n');
            for e in &a.explanations {
                out.push_str(&format!("- {}\n", escape(e)));
            }
            if !a.policy.is_empty() {
                out.push_str("\nPolicy items with defects (Amazon's figures; sellerhealth cannot compute them):\n\n");
                for p in &a.policy {
                    out.push_str(&format!("- {}\n", escape(p)));
                }
            }
        }

        if let Some(since) = &doc.since {
            out.push_str(&format!("\n## {}\n\n", escape(&since.title)));
            for line in &since.lines {
                out.push_str(&format!("- {}\n", escape(line)));
            }
        }

        if doc.brief {
            return out;
        }

        if !doc.families.is_empty() {
            out.push_str(&format!("\n## {}\n", doc.families_title));
        }
        for f in &doc.families {
            out.push_str(&format!(
                "\n### {}: {} (target: {})\n\n",
                f.title,
                status_word(f.status),
                escape(&f.target)
            ));
            for w in &f.windows {
                out.push_str(&format!("- {}\n", escape(&w.text)));
                for d in &w.details {
                    out.push_str(&format!("  - {}: {}\n", code(&d.id), escape(&d.text)));
                }
                for b in &w.breakdowns {
                    out.push_str(&format!("  - {}:\n", escape(&b.title)));
                    for r in &b.rows {
                        out.push_str(&format!("    - {}: {}\n", code(&r.key), escape(&r.text)));
                    }
                }
            }
            for s in &f.focus {
                out.push_str(&format!("\n{}\n", escape(s)));
            }
            match &f.tips {
                None => {}
                Some(Tips::Earlier(earlier)) => {
                    out.push_str(&format!("\nWhat helps: {} above.\n", tips_ref(earlier)));
                }
                Some(Tips::New { new, also }) => {
                    out.push_str("\nWhat helps:\n\n");
                    for (n, tip) in new {
                        out.push_str(&format!("{n}. {}\n", escape(tip)));
                    }
                    if !also.is_empty() {
                        out.push_str(&format!("\nAlso {} above.\n", tips_ref(also)));
                    }
                }
            }
        }

        if !doc.not_measured.is_empty() {
            out.push_str("\n## Not measured\n\n");
            for line in &doc.not_measured {
                out.push_str(&format!("- {}\n", escape(line)));
            }
        }

        out.push_str(&format!(
            "\n---\n\n{} {}\n",
            escape(&doc.footer),
            escape(&format!("Written by {}.", clean(&doc.generator)))
        ));
        out
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
