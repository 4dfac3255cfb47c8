//! The top of the page: the headline (status, scope, inputs) and the act-now
//! groups, each sorted by its deadline and capped for people.

use chrono::DateTime;

use super::super::contract::{ClaimDueReport, Report};
use super::super::words::{self, instant};
use super::super::SHOWN_ACT_NOW;
use super::{only_amazon, Entry, Family, Group, Headline};
use crate::metrics::act_now::{ClaimState, OpenState};
use crate::metrics::status::Status;
use crate::model::{ClaimType, InputKind};
use crate::reconcile::amazon_status;
use crate::text::{count, grouped, plural};

/// `BAD` and what it means, for the headline.
pub(super) fn headline(report: &Report, fams: &[Family<'_>]) -> Headline {
    let count = |s: Status| fams.iter().filter(|f| f.status() == s).count();
    let (bad, warn) = (count(Status::Bad), count(Status::Warning));
    let n = fams.len();
    let unmeasured = count(Status::NoData);
    let amazon_bad = report.amazon.as_ref().map_or(0, |a| {
        a.metrics
            .iter()
            .filter(|m| m.amazon.status.as_deref().and_then(amazon_status) == Some(Status::Bad))
            .count()
    });
    let mut text = match report.status {
        _ if only_amazon(report) => match report.status {
            Status::Bad => format!(
                "Amazon's own Account Health report marks {} BAD",
                plural(amazon_bad as u64, "metric", "metrics")
            ),
            Status::NoData => "Amazon's own Account Health report gives no verdict".to_string(),
            _ => "Amazon's own Account Health report marks no metric BAD".to_string(),
        },
        Status::Bad if bad == 0 => format!(
            "Amazon's own Account Health report marks {} BAD, although ours meet the target",
            plural(amazon_bad as u64, "metric", "metrics")
        ),
        Status::Bad => {
            let mut s = format!(
                "{bad} of {n} {} Amazon's target",
                if bad == 1 {
                    "metrics breaches"
                } else {
                    "metrics breach"
                }
            );
            if warn > 0 {
                s.push_str(&format!(
                    ", {warn} {} close to it",
                    if warn == 1 { "more is" } else { "more are" }
                ));
            }
            s
        }
        Status::Warning => format!(
            "no metric breaches Amazon's target, but {warn} of {n} {} close to it",
            if warn == 1 { "is" } else { "are" }
        ),
        Status::Good => "every metric with data meets Amazon's target".to_string(),
        Status::NoData => "no metric had anything to measure in its window".to_string(),
    };
    if unmeasured > 0 && report.status != Status::NoData && !only_amazon(report) {
        text.push_str(&format!("; {unmeasured} could not be measured"));
    }
    Headline {
        status: report.status,
        summary: text,
        scope: scope_sentence(report),
        inputs: inputs_sentence(report),
    }
}

/// `As of 2026-11-20 (America/Los_Angeles), marketplace US.`
pub(super) fn scope_sentence(report: &Report) -> String {
    format!(
        "As of {} (times in {}), marketplace {}.",
        report.as_of,
        words::clean(&report.timezone),
        words::clean(&report.marketplace)
    )
}

/// `Read 9 files: 889 order rows, 622 shipment rows, ….`
pub(super) fn inputs_sentence(report: &Report) -> String {
    let mut rows: Vec<(InputKind, u64)> = Vec::new();
    let mut skipped = 0;
    for i in &report.inputs {
        skipped += i.skipped_rows;
        match rows.iter_mut().find(|(k, _)| *k == i.kind) {
            Some((_, n)) => *n += i.rows,
            None => rows.push((i.kind, i.rows)),
        }
    }
    let order = |k: &InputKind| match k {
        InputKind::Orders => 0,
        InputKind::Shipments => 1,
        InputKind::Feedback => 2,
        InputKind::Claims => 3,
        InputKind::Returns => 4,
        InputKind::Messages => 5,
        InputKind::Performance => 6,
        InputKind::Unknown => 7,
    };
    rows.sort_by_key(|(k, _)| order(k));
    let parts: Vec<String> = rows
        .iter()
        .map(|(k, n)| {
            let (one, many) = match k {
                InputKind::Orders => ("order row", "order rows"),
                InputKind::Shipments => ("shipment row", "shipment rows"),
                InputKind::Feedback => ("feedback row", "feedback rows"),
                InputKind::Claims => ("claim or chargeback", "claims and chargebacks"),
                InputKind::Returns => ("return", "returns"),
                InputKind::Messages => ("buyer message", "buyer messages"),
                InputKind::Performance => (
                    "marketplace in Amazon's Account Health report",
                    "marketplaces in Amazon's Account Health report",
                ),
                InputKind::Unknown => ("row of unknown kind", "rows of unknown kind"),
            };
            count(*n, one, many)
        })
        .collect();
    let files = count(report.inputs.len() as u64, "file", "files");
    let mut s = if parts.is_empty() {
        format!("Read {files}.")
    } else {
        format!("Read {files}: {}.", parts.join(", "))
    };
    if skipped > 0 {
        s.push_str(&format!(
            " {} skipped (see the warnings).",
            count(skipped, "malformed row", "malformed rows")
        ));
    }
    s
}

/// The act-now groups with entries, each sorted by its deadline, with the
/// words that count their entries.
pub(super) fn act_now(report: &Report) -> Vec<(Group, (&'static str, &'static str))> {
    let mut orders: Vec<_> = report.open_orders.iter().collect();
    // RFC 3339 strings in one zone do not sort as instants across a DST change: parse them.
    let key = |s: &str| DateTime::parse_from_rfc3339(s).map(|t| t.timestamp()).ok();
    orders.sort_by_key(|o| {
        let deadline = match o.state {
            OpenState::Due => &o.ship_by,
            OpenState::Late | OpenState::Expired => &o.auto_cancel_at,
        };
        (key(deadline), o.order_id.clone())
    });
    let (mut late, mut due, mut expired) = (Vec::new(), Vec::new(), Vec::new());
    for o in orders {
        let id = o.order_id.clone();
        let (ship_by, cancel) = (instant(&o.ship_by), instant(&o.auto_cancel_at));
        match o.state {
            OpenState::Due => due.push(Entry {
                id,
                text: format!(
                    "confirm shipment by {ship_by}; after that it counts as a late shipment"
                ),
            }),
            OpenState::Late => late.push(Entry {
                id,
                text: format!(
                    "already late (ship-by was {ship_by}): ship and confirm it now; if it is still \
                     unconfirmed after {cancel}, Amazon cancels it and it counts as expired"
                ),
            }),
            OpenState::Expired => expired.push(Entry {
                id,
                text: format!(
                    "passed Amazon's auto-cancel deadline of {cancel} (ship-by was {ship_by}) \
                     without a shipment confirmation, so Amazon cancels it as an expired order; \
                     check it in Manage Orders before shipping anything"
                ),
            }),
        }
    }
    let mut pending: Vec<_> = report.pending_messages.iter().collect();
    pending.sort_by_key(|p| (key(&p.answer_by), p.message_id.clone()));
    let messages = pending
        .into_iter()
        .map(|p| Entry {
            id: p.message_id.clone(),
            text: format!(
                "answer by {} (24 hours after it arrived), or it counts as a late reply",
                instant(&p.answer_by)
            ),
        })
        .collect();
    let claims = report.claims_due.iter().map(claim_entry).collect();
    [
        (
            "Orders already late, not yet shipped",
            ("order already late", "orders already late"),
            late,
        ),
        (
            "Claims to answer",
            ("claim to answer", "claims to answer"),
            claims,
        ),
        (
            "Orders due to ship",
            ("order due to ship", "orders due to ship"),
            due,
        ),
        (
            "Orders past Amazon's auto-cancel deadline",
            (
                "order past Amazon's auto-cancel deadline",
                "orders past Amazon's auto-cancel deadline",
            ),
            expired,
        ),
        (
            "Buyer messages waiting for a reply",
            (
                "buyer message waiting for a reply",
                "buyer messages waiting for a reply",
            ),
            messages,
        ),
    ]
    .into_iter()
    .filter(|(_, _, entries)| !entries.is_empty())
    .map(|(title, noun, entries)| {
        (
            Group {
                title,
                entries,
                more: None,
            },
            noun,
        )
    })
    .collect()
}

/// `Act now: 2 orders already late, 1 claim to answer.`, counting every entry.
pub(super) fn act_now_counts(groups: &[(Group, (&str, &str))]) -> String {
    if groups.is_empty() {
        return "Nothing to act on now.".to_string();
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(g, (one, many))| count(g.entries.len() as u64, one, many))
        .collect();
    format!("Act now: {}.", parts.join(", "))
}

/// A group cut to [`SHOWN_ACT_NOW`] entries, saying how many more there are
/// and where to see them; whole with `--details`.
pub(super) fn capped(mut group: Group, details: bool) -> Group {
    let total = group.entries.len();
    if !details && total > SHOWN_ACT_NOW {
        group.entries.truncate(SHOWN_ACT_NOW);
        group.more = Some(format!(
            "…and {} more (to see them all: add --details, or use --format json)",
            grouped((total - SHOWN_ACT_NOW) as u64)
        ));
    }
    group
}

/// A claim to answer, in the order of the report (by deadline).
pub(super) fn claim_entry(c: &ClaimDueReport) -> Entry {
    let kind = match c.kind {
        ClaimType::AToZ => "A-to-z claim",
        ClaimType::Chargeback => "chargeback",
    };
    let text = match (&c.claim_date, &c.respond_by) {
        (Some(day), Some(by)) => {
            let by = instant(by);
            match c.state {
                ClaimState::Due => format!(
                    "{kind} of {}: answer it by {by} on its page in Seller Central, with tracking \
                     and proof of delivery",
                    words::clean(day)
                ),
                ClaimState::Overdue => format!(
                    "{kind} of {}: the time to answer ran out at {by}; answer it now on its page \
                     (Amazon may decide it without your side)",
                    words::clean(day)
                ),
            }
        }
        _ => format!(
            "{kind} with no claim date in the claims file: answer it on its page as soon as you \
             can (its deadline cannot be told)"
        ),
    };
    Entry {
        id: c.order_id.clone(),
        text,
    }
}
