//! A run that makes several audits (SPEC §12): the summary (several
//! marketplaces) or the grid (`--accounts`) printed before the reports, one
//! line per account and marketplace; JSON objects for accounts that failed.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use super::document::Document;
use super::markdown::escape;
use super::words::{clean, status_word};
use super::{RenderOptions, Report, DEFAULT_WIDTH};

/// One audit of the run: its account (with `--accounts`) and its report, or
/// why the account could not be audited.
pub struct Line<'a> {
    pub account: Option<&'a str>,
    pub outcome: Result<&'a Report, &'a str>,
}

impl Line<'_> {
    /// The account and marketplace, as a heading above its report.
    pub fn title(&self) -> String {
        let marketplace = self.outcome.map_or("", |r| r.marketplace.as_str());
        match self.account {
            Some(a) => format!("Account {}, marketplace {}", clean(a), clean(marketplace)),
            None => format!("Marketplace {}", clean(marketplace)),
        }
    }
}

/// The cells of one line: account (with `--accounts`), marketplace, status,
/// the worst metric and its value, ACT NOW entries, error (with `--accounts`).
pub(super) fn cells(line: &Line<'_>, accounts: bool, options: &RenderOptions) -> Vec<String> {
    let mut out = Vec::new();
    if accounts {
        out.push(clean(line.account.unwrap_or("")));
    }
    match line.outcome {
        Ok(report) => {
            let doc = Document::build(report, options);
            // The first metric row, in JSON order, whose status is the
            // overall status (SPEC §12.1).
            let worst = doc.metrics.iter().find(|m| m.status == report.status);
            let act_now =
                report.open_orders.len() + report.pending_messages.len() + report.claims_due.len();
            out.push(clean(&report.marketplace));
            out.push(status_word(report.status).to_string());
            out.push(worst.map_or_else(String::new, |m| {
                format!("{} ({}, {} d)", m.name, m.fulfilled_by, m.window.days)
            }));
            out.push(worst.map_or_else(String::new, |m| m.value.clone()));
            out.push(act_now.to_string());
            if accounts {
                out.push(String::new());
            }
        }
        Err(error) => {
            out.extend(["".into(), "error".into(), "".into(), "".into(), "".into()]);
            if accounts {
                out.push(clean(error));
            }
        }
    }
    out
}

pub(super) fn header(accounts: bool) -> Vec<&'static str> {
    let mut h = Vec::new();
    if accounts {
        h.push("Account");
    }
    h.extend(["Marketplace", "Status", "Worst metric", "Value", "ACT NOW"]);
    if accounts {
        h.push("Error");
    }
    h
}

/// The summary as a terminal table.
pub fn table(lines: &[Line<'_>], accounts: bool, options: &RenderOptions) -> String {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.force_no_tty();
    t.set_width(options.width.unwrap_or(DEFAULT_WIDTH));
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(header(accounts));
    for line in lines {
        t.add_row(cells(line, accounts, options));
    }
    let what = if accounts { "accounts" } else { "marketplaces" };
    format!(
        "{} audits ({what}), each on its own below.\n{t}\n",
        lines.len()
    )
}

/// The summary as a Markdown table.
pub fn markdown(lines: &[Line<'_>], accounts: bool, options: &RenderOptions) -> String {
    let head = header(accounts);
    let mut out = format!("# Summary: {} audits\n\n", lines.len());
    out.push_str(&format!("| {} |\n", head.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
    for line in lines {
        let row: Vec<String> = cells(line, accounts, options)
            .iter()
            .map(|c| escape(c))
            .collect();
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out
}

/// The JSON object of an account that could not be audited.
pub fn json_error(account: Option<&str>, error: &str) -> String {
    let value = serde_json::json!({
        "account": account,
        "marketplace": null,
        "error": error,
    });
    let mut s = crate::text::escape_json_controls(
        &serde_json::to_string_pretty(&value).unwrap_or_default(),
    );
    s.push('\n');
    s
}
