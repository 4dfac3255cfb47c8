//! The layout of the people-facing report, built once from the [`Report`]:
//! headline, act-now lists, the metric table, a section per metric family
//! that needs attention (with its tips, each written out once), what could
//! not be measured, and a closing hint. Table, markdown and later HTML are
//! renderers of this one document; none decides what to say.

mod top;

use top::{act_now, act_now_counts, capped, headline};

use std::collections::HashMap;

use super::breakdown_words;
use super::contract::{MetricReport, Report, WindowReport};
use super::words::{self, no_data_hint, window_label};
use super::{RenderOptions, SHOWN_TIPS};
use crate::metrics::status::Status;
use crate::model::InputKind;
use crate::policy::{MetricId, POLICY};
use crate::text::{and_list, percent};

/// The whole people-facing report.
pub struct Document<'a> {
    pub headline: Headline,
    /// Act-now groups that have entries, most urgent first.
    pub act_now: Vec<Group>,
    /// `--brief`: only the headline, [`Document::act_now_counts`] and the
    /// metric table are shown.
    pub brief: bool,
    /// `2 orders already late, 1 claim to answer.` or `nothing to act on.`
    pub act_now_counts: String,
    pub metrics: Vec<MetricRow<'a>>,
    /// Amazon's own Account Health report beside ours, when one was read.
    pub amazon: Option<super::amazon::AmazonBlock>,
    /// What changed since the latest earlier snapshot (`--history`), when the
    /// history holds one.
    pub since: Option<SinceBlock>,
    /// `What to fix` when a family needs attention, else `Details`; no
    /// section when no family is shown.
    pub families_title: &'static str,
    pub families: Vec<FamilySection>,
    pub not_measured: Vec<String>,
    pub footer: String,
    pub generator: String,
}

pub struct Headline {
    pub status: Status,
    /// `2 of 7 metrics breach Amazon's target…` (no final stop).
    pub summary: String,
    /// `As of … (times in …), marketplace US.`
    pub scope: String,
    /// `Read 9 files: ….`
    pub inputs: String,
}

/// A titled list of entries (`Orders due to ship`).
pub struct Group {
    pub title: &'static str,
    /// The entries shown: at most [`SHOWN_ACT_NOW`] unless `--details`.
    pub entries: Vec<Entry>,
    /// `…and 4,900 more (…)` when entries were left out.
    pub more: Option<String>,
}

/// An id from the inputs (shown as code where the format has code) and our
/// words about it.
pub struct Entry {
    pub id: String,
    pub text: String,
}

/// One row of the metric table, as facts the renderers format.
pub struct MetricRow<'a> {
    pub name: &'static str,
    pub fulfilled_by: &'static str,
    pub window: &'a WindowReport,
    pub value: String,
    pub target: String,
    pub status: Status,
    pub defects: u64,
    pub total: u64,
}

/// The SINCE section: a title naming the earlier day, one line per change.
pub struct SinceBlock {
    /// `Since 2026-11-13`.
    pub title: String,
    pub lines: Vec<String>,
}

/// A metric family below the table.
pub struct FamilySection {
    pub title: &'static str,
    pub status: Status,
    /// `under 1%`.
    pub target: String,
    pub windows: Vec<WindowEntry>,
    /// With `--by`: where to start, beside the tips.
    pub focus: Vec<String>,
    pub tips: Option<Tips>,
}

/// One window of a family: where it stands, and its defects with `--details`.
pub struct WindowEntry {
    pub text: String,
    pub details: Vec<Entry>,
    /// With `--by`, for a window not `good`: where its defects are, by dimension.
    pub breakdowns: Vec<BreakdownBlock>,
}

/// `Where the defects are (by SKU)`: the groups with the most defects.
pub struct BreakdownBlock {
    pub title: String,
    pub rows: Vec<BreakdownRow>,
}

/// One group: its key as shown and its figures in words (`4 of 30 orders, …`).
pub struct BreakdownRow {
    pub key: String,
    pub text: String,
    /// The group's share of the metric's defects (0–1), for bars.
    pub share: f64,
}

/// How many groups a breakdown shows to people (JSON lists every group).
pub const BREAKDOWN_SHOWN: usize = 5;

/// The breakdown blocks of a window that is not `good`.
pub fn breakdown_blocks(m: &MetricReport) -> Vec<BreakdownBlock> {
    let Some(b) = m.breakdown.as_ref() else {
        return Vec::new();
    };
    if !matches!(m.status, Status::Warning | Status::Bad) {
        return Vec::new();
    }
    b.iter()
        .map(|(d, groups)| BreakdownBlock {
            title: breakdown_words::title(d),
            rows: groups
                .iter()
                .filter(|g| g.defects > 0)
                .take(BREAKDOWN_SHOWN)
                .map(|g| BreakdownRow {
                    key: breakdown_words::key(d, g),
                    text: breakdown_words::line(m, g),
                    share: g.share.unwrap_or(0.0),
                })
                .collect(),
        })
        .filter(|b| !b.rows.is_empty())
        .collect()
}

/// The sentences that point a family's tips at its worst groups: from its
/// worst window with a breakdown, one per dimension where a group stands out.
fn focus(f: &Family<'_>) -> Vec<String> {
    let worst = f
        .windows
        .iter()
        .filter(|m| m.breakdown.is_some() && matches!(m.status, Status::Warning | Status::Bad))
        .max_by_key(|m| m.status);
    let Some(m) = worst else { return Vec::new() };
    m.breakdown
        .iter()
        .flat_map(|b| b.iter())
        .filter_map(|(d, groups)| breakdown_words::focus(m, d, groups))
        .collect()
}

/// The tips of a family, numbered across the report.
pub enum Tips {
    /// Every tip was given earlier: their numbers.
    Earlier(Vec<usize>),
    /// Tips written here for the first time, then numbers of earlier ones.
    New {
        new: Vec<(usize, String)>,
        also: Vec<usize>,
    },
}

/// `tip 3` / `tips 3, 7 and 12`.
pub fn tips_ref(ns: &[usize]) -> String {
    let words: Vec<String> = ns.iter().map(ToString::to_string).collect();
    if ns.len() == 1 {
        format!("tip {}", and_list(&words))
    } else {
        format!("tips {}", and_list(&words))
    }
}

impl<'a> Document<'a> {
    pub fn build(report: &'a Report, options: &RenderOptions) -> Document<'a> {
        let details = options.details;
        let fams = families(report);
        let any_attention = fams.iter().any(Family::needs_attention);
        let mut book = TipBook::default();
        let shown_tips = if options.all_tips {
            usize::MAX
        } else {
            SHOWN_TIPS
        };
        let families = fams
            .iter()
            .filter(|f| !options.brief && f.shown(details))
            .map(|f| family_section(f, details, shown_tips, &mut book))
            .collect();
        let tips_cut = !options.brief
            && fams.iter().any(|f| {
                f.needs_attention() && f.windows.first().is_some_and(|m| m.tips.len() > shown_tips)
            });
        let act_now = act_now(report);
        let act_now_counts = act_now_counts(&act_now);
        Document {
            headline: headline(report, &fams),
            act_now: act_now
                .into_iter()
                .map(|(group, _)| capped(group, details))
                .collect(),
            brief: options.brief,
            act_now_counts,
            metrics: if only_amazon(report) {
                Vec::new()
            } else {
                report.metrics.iter().map(metric_row).collect()
            },
            amazon: report.amazon.as_ref().map(super::amazon::block),
            since: since_block(report),
            families_title: if any_attention {
                "What to fix"
            } else {
                "Details"
            },
            families,
            not_measured: if options.brief || only_amazon(report) {
                Vec::new()
            } else {
                not_measured(&fams)
            },
            footer: footer(report, details, tips_cut),
            generator: report.generator.clone(),
        }
    }
}

/// Only Amazon's Account Health report was read: the page shows its figures alone.
fn only_amazon(report: &Report) -> bool {
    !report.inputs.is_empty()
        && report
            .inputs
            .iter()
            .all(|i| i.kind == InputKind::Performance)
}

fn metric_row(m: &MetricReport) -> MetricRow<'_> {
    MetricRow {
        name: m.metric.policy().short_name,
        fulfilled_by: words::fulfilled_by(m.channel),
        window: &m.window,
        value: percent(m.rate),
        target: words::target_cell(m),
        status: m.status,
        defects: m.defects,
        total: m.total,
    }
}

fn since_block(report: &Report) -> Option<SinceBlock> {
    let since = report.since.as_ref()?.as_ref()?;
    let channels = |metric: MetricId| {
        let mut seen = Vec::new();
        for m in report.metrics.iter().filter(|m| m.metric == metric) {
            if !seen.contains(&m.channel) {
                seen.push(m.channel);
            }
        }
        seen.len()
    };
    let mut lines: Vec<String> = since
        .changes
        .iter()
        .map(|c| words::since_line(c, channels(c.metric) > 1))
        .collect();
    if lines.is_empty() {
        lines.push("No metric changed its status or its number of defects.".to_string());
    }
    Some(SinceBlock {
        title: format!("Since {}", words::clean(&since.as_of)),
        lines,
    })
}

/// One metric family (all its windows and channels), in report order.
struct Family<'a> {
    metric: MetricId,
    windows: Vec<&'a MetricReport>,
}

impl Family<'_> {
    /// The worst status among its windows.
    fn status(&self) -> Status {
        self.windows
            .iter()
            .map(|m| m.status)
            .max()
            .unwrap_or(Status::NoData)
    }

    /// Needs attention: some window is `warning` or `bad`.
    fn needs_attention(&self) -> bool {
        matches!(self.status(), Status::Warning | Status::Bad)
    }

    /// Whether the family gets a section below the table.
    fn shown(&self, details: bool) -> bool {
        self.needs_attention() || (details && self.windows.iter().any(|m| !m.details.is_empty()))
    }
}

fn families(report: &Report) -> Vec<Family<'_>> {
    let mut out: Vec<Family<'_>> = Vec::new();
    for m in &report.metrics {
        match out.last_mut() {
            Some(f) if f.metric == m.metric => f.windows.push(m),
            _ => out.push(Family {
                metric: m.metric,
                windows: vec![m],
            }),
        }
    }
    out
}

/// Whether a window gets its own lines below the table.
fn window_shown(m: &MetricReport, details: bool) -> bool {
    matches!(m.status, Status::Warning | Status::Bad) || (details && !m.details.is_empty())
}

fn family_section(
    f: &Family<'_>,
    details: bool,
    shown_tips: usize,
    book: &mut TipBook,
) -> FamilySection {
    let windows = f
        .windows
        .iter()
        .filter(|m| window_shown(m, details))
        .map(|m| WindowEntry {
            text: words::window_text(m),
            details: if details {
                m.details
                    .iter()
                    .map(|d| Entry {
                        id: d.id.clone(),
                        text: d.why.clone(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
            breakdowns: breakdown_blocks(m),
        })
        .collect();
    let tips = f.needs_attention().then(|| {
        // The policy lists a metric's tips most relevant first.
        let tips = f.windows.first().map_or(&[][..], |m| m.tips.as_slice());
        book.place(&tips[..tips.len().min(shown_tips)])
    });
    FamilySection {
        title: f.metric.title(),
        status: f.status(),
        target: f
            .windows
            .first()
            .map(|m| words::target_sentence(m))
            .unwrap_or_default(),
        windows,
        focus: if f.needs_attention() {
            focus(f)
        } else {
            Vec::new()
        },
        tips: tips.flatten(),
    }
}

/// Numbers tips across a whole report so that a tip shared by several metrics
/// is written out once and referred to by number afterwards.
#[derive(Default)]
struct TipBook {
    seen: HashMap<String, usize>,
}

impl TipBook {
    fn place(&mut self, tips: &[String]) -> Option<Tips> {
        let (mut new, mut earlier) = (Vec::new(), Vec::new());
        for t in tips {
            if let Some(&n) = self.seen.get(t) {
                earlier.push(n);
            } else {
                let n = self.seen.len() + 1;
                self.seen.insert(t.clone(), n);
                new.push((n, t.clone()));
            }
        }
        earlier.sort_unstable();
        match (new.is_empty(), earlier.is_empty()) {
            (true, true) => None,
            (true, false) => Some(Tips::Earlier(earlier)),
            (false, _) => Some(Tips::New { new, also: earlier }),
        }
    }
}

/// The closing hint.
fn footer(report: &Report, details: bool, tips_cut: bool) -> String {
    let aliases: Vec<&str> = POLICY.iter().map(|p| p.alias).collect();
    let mut footer = format!(
        "How each metric is computed: sellerhealth explain METRIC ({}).",
        aliases.join(", ")
    );
    if !details && report.metrics.iter().any(|m| m.defects > 0) {
        footer.push_str(" The orders and messages behind each count: add --details.");
    }
    if tips_cut {
        footer.push_str(" Every tip for each metric: add --all-tips.");
    }
    footer
}

/// A line for each metric (or window of a metric) with no items, saying what
/// would give it some.
fn not_measured(families: &[Family<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    for f in families {
        let empty: Vec<&MetricReport> = f
            .windows
            .iter()
            .copied()
            .filter(|m| m.status == Status::NoData)
            .collect();
        let Some(first) = empty.first() else {
            continue;
        };
        if empty.len() == f.windows.len() {
            out.push(format!("{}: {}.", f.metric.title(), no_data_hint(first)));
        } else {
            for m in empty {
                let label = window_label(m);
                let label = match label.strip_prefix("Seller") {
                    Some(rest) => format!("seller{rest}"),
                    None => label,
                };
                out.push(format!(
                    "{}, {label}: {}.",
                    f.metric.title(),
                    no_data_hint(m)
                ));
            }
        }
    }
    out
}
