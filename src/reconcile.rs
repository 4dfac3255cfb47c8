//! Amazon's Account Health report beside our own figures (SPEC §11.2): for
//! each metric Amazon reports, ours over exactly Amazon's window, as facts —
//! the counts on both sides and the computed causes of any difference. The
//! report puts them into words.

use chrono::NaiveDate;

use crate::calendar::{add_days, Calendar, Window};
use crate::marketplace::Marketplace;
use crate::metrics::status::Status;
use crate::metrics::{measure, Context, Measured};
use crate::model::{AmazonFigure, AmazonMetrics, AmazonReport, HealthRating, Model, PolicyItem};
use crate::policy::{MetricId, Scope};

/// The longest reporting window compared (Amazon's span 7 to 90 days).
const MAX_WINDOW_DAYS: i64 = 400;

/// The comparison with one Amazon report.
#[derive(Debug, Clone)]
pub struct Reconciliation {
    pub path: String,
    /// The marketplace of the entry compared (`None`: the only entry, without an id).
    pub marketplace: Option<Marketplace>,
    pub account_status: Option<String>,
    pub health_rating: Option<HealthRating>,
    pub metrics: Vec<Compared>,
    pub policy: Vec<PolicyItem>,
    /// The last day any of Amazon's windows reaches (for staleness).
    pub newest_day: Option<NaiveDate>,
}

/// What the report should say about the Amazon reports read, beyond the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmazonNote {
    /// Entries of other marketplaces in the report, left out (their ids).
    OtherMarketplaces { path: String, ids: Vec<String> },
    /// The report has no entry for the audited marketplace.
    NoEntry {
        path: String,
        marketplace: Marketplace,
    },
}

/// One metric: Amazon's figure, ours over its window, and why they differ.
#[derive(Debug, Clone)]
pub struct Compared {
    pub metric: MetricId,
    pub scope: Scope,
    /// Amazon's window; `None` when Amazon gives none (ours is then not computed).
    pub window: Option<Window>,
    pub amazon: AmazonFigure,
    /// Amazon's status read as ours (`None`: a status with no clear meaning, or none).
    pub amazon_status: Option<Status>,
    pub ours: Option<Measured>,
    pub causes: Vec<Cause>,
}

/// The data a metric is computed from, to name what to download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Data {
    Orders,
    Shipments,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    NegativeFeedback,
    AToZClaims,
    Chargebacks,
}

/// Why Amazon's figure and ours agree or differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// The counts Amazon gives equal ours.
    Matches,
    /// Amazon gives only a rate: the rates are compared.
    OnlyRate,
    /// Amazon gives no window: ours cannot be computed over it.
    NoWindow,
    /// Days of Amazon's window that the inputs do not reach.
    Uncovered {
        from: NaiveDate,
        to: NaiveDate,
        data: Data,
    },
    /// An order defect component differs.
    ComponentDiffers {
        component: Component,
        amazon: u64,
        ours: u64,
    },
    /// With the window covered, Amazon counts items the inputs lack.
    MissingItems { count: u64, data: Data },
    /// With the window covered, the inputs hold items Amazon does not count.
    ExtraItems { count: u64, data: Data },
    /// The defect counts differ with equal totals.
    DefectsDiffer { amazon: u64, ours: u64 },
}

/// Amazon's status text as ours: `BAD` and the like are bad, `WARNED` and
/// the like warning, `GOOD`/`NORMAL`/`GREAT`/`GREEN` good; anything else
/// (`NONE`) says nothing.
pub fn amazon_status(text: &str) -> Option<Status> {
    match text.trim().to_ascii_uppercase().as_str() {
        "BAD" | "POOR" | "CRITICAL" | "RED" => Some(Status::Bad),
        "WARNED" | "WARNING" | "AT_RISK" | "FAIR" | "YELLOW" => Some(Status::Warning),
        "GOOD" | "GREAT" | "GREEN" | "NORMAL" | "HEALTHY" | "EXCELLENT" => Some(Status::Good),
        _ => None,
    }
}

/// The entry of `marketplace` in a report: its own, or the only one when it
/// has no id. Also returns the ids of the entries left out.
pub fn entry_for(
    report: &AmazonReport,
    marketplace: Marketplace,
) -> (Option<&AmazonMetrics>, Vec<String>) {
    let mine = report.marketplaces.iter().position(|m| {
        m.marketplace_id
            .as_deref()
            .and_then(Marketplace::from_amazon_id)
            == Some(marketplace)
    });
    let chosen = match (mine, report.marketplaces.as_slice()) {
        (Some(i), _) => Some(i),
        (None, [only]) if only.marketplace_id.is_none() => Some(0),
        _ => None,
    };
    let others = report
        .marketplaces
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != chosen)
        .map(|(_, m)| m.marketplace_id.clone().unwrap_or_else(|| "?".to_string()))
        .collect();
    (chosen.map(|i| &report.marketplaces[i]), others)
}

/// The first day any Amazon window needs orders from: its earliest window
/// start, less a month for orders placed before a ship-by or deliver-by day.
pub fn earliest_day(reports: &[AmazonReport]) -> Option<NaiveDate> {
    reports
        .iter()
        .flat_map(|r| &r.marketplaces)
        .flat_map(|m| {
            [
                &m.order_defect_mfn,
                &m.order_defect_afn,
                &m.cancellation,
                &m.valid_tracking,
                &m.on_time_delivery,
            ]
            .into_iter()
            .flatten()
            .chain(&m.late_shipment)
            .filter_map(|f| f.from)
        })
        .min()
        .map(|d| add_days(d, -31))
}

/// The comparison with the last Amazon report that has figures for
/// `marketplace`, and notes on the entries and reports left out.
pub fn with_amazon(
    model: &Model,
    cal: Calendar,
    handling_days: Option<u32>,
    marketplace: Marketplace,
) -> (Option<Reconciliation>, Vec<AmazonNote>) {
    let mut notes = Vec::new();
    let mut chosen = None;
    for report in &model.amazon {
        let (entry, others) = entry_for(report, marketplace);
        match entry {
            Some(entry) => {
                if !others.is_empty() {
                    notes.push(AmazonNote::OtherMarketplaces {
                        path: report.path.clone(),
                        ids: others,
                    });
                }
                chosen = Some((report, entry));
            }
            None => notes.push(AmazonNote::NoEntry {
                path: report.path.clone(),
                marketplace,
            }),
        }
    }
    let reconciliation = chosen.map(|(report, entry)| {
        let id = entry
            .marketplace_id
            .as_deref()
            .and_then(Marketplace::from_amazon_id);
        reconcile(
            model,
            cal,
            handling_days,
            report,
            entry,
            id.or(Some(marketplace)),
        )
    });
    (reconciliation, notes)
}

/// Compares every metric of `entry` with ours.
pub fn reconcile(
    model: &Model,
    cal: Calendar,
    handling_days: Option<u32>,
    report: &AmazonReport,
    entry: &AmazonMetrics,
    marketplace: Option<Marketplace>,
) -> Reconciliation {
    let odr = [
        (Scope::Mfn, entry.order_defect_mfn.as_ref()),
        (Scope::Afn, entry.order_defect_afn.as_ref()),
    ]
    .into_iter()
    .map(|(s, f)| (MetricId::OrderDefectRate, s, f));
    let late = entry
        .late_shipment
        .iter()
        .map(|f| (MetricId::LateShipmentRate, Scope::Mfn, Some(f)));
    let rest = [
        (
            MetricId::PreFulfillmentCancelRate,
            entry.cancellation.as_ref(),
        ),
        (MetricId::ValidTrackingRate, entry.valid_tracking.as_ref()),
        (
            MetricId::OnTimeDeliveryRate,
            entry.on_time_delivery.as_ref(),
        ),
    ]
    .into_iter()
    .map(|(m, f)| (m, Scope::Mfn, f));
    let figures: Vec<(MetricId, Scope, &AmazonFigure)> = odr
        .chain(late)
        .chain(rest)
        .filter_map(|(m, s, f)| Some((m, s, f?)))
        .collect();
    let coverage = Coverage::of(model, cal);
    let metrics: Vec<Compared> = figures
        .into_iter()
        .map(|(metric, scope, f)| compare(model, cal, handling_days, &coverage, metric, scope, f))
        .collect();
    let account_status = report
        .account_statuses
        .iter()
        .find(|s| {
            s.marketplace_id
                .as_deref()
                .and_then(Marketplace::from_amazon_id)
                == marketplace
                || report.account_statuses.len() == 1
        })
        .and_then(|s| s.status.clone());
    Reconciliation {
        path: report.path.clone(),
        marketplace,
        account_status,
        health_rating: entry.health_rating.clone(),
        newest_day: metrics.iter().filter_map(|c| c.amazon.to).max(),
        metrics,
        policy: entry.policy.clone(),
    }
}

fn compare(
    model: &Model,
    cal: Calendar,
    handling_days: Option<u32>,
    coverage: &Coverage,
    metric: MetricId,
    scope: Scope,
    amazon: &AmazonFigure,
) -> Compared {
    let amazon_status = amazon.status.as_deref().and_then(amazon_status);
    let window = match (amazon.from, amazon.to) {
        // Amazon's windows span weeks; a longer one is not a window to count over.
        (Some(from), Some(to)) if from <= to && (to - from).num_days() < MAX_WINDOW_DAYS => {
            let days = u32::try_from((to - from).num_days() + 1).unwrap_or(u32::MAX);
            Some(Window::ending(to, days))
        }
        _ => None,
    };
    let Some(window) = window else {
        return Compared {
            metric,
            scope,
            window: None,
            amazon: amazon.clone(),
            amazon_status,
            ours: None,
            causes: vec![Cause::NoWindow],
        };
    };
    // As known at the end of the day the window implies (its end plus the lag).
    let as_of = add_days(window.to, i64::from(metric.policy().lag));
    let ctx = Context::new(model, cal, as_of, handling_days);
    let ours = measure(&ctx, metric, scope, window.days);
    let data = match metric {
        MetricId::ValidTrackingRate => Data::Shipments,
        _ => Data::Orders,
    };
    let causes = causes(amazon, &ours, coverage.of_data(data), window, data);
    Compared {
        metric,
        scope,
        window: Some(window),
        amazon: amazon.clone(),
        amazon_status,
        ours: Some(ours),
        causes,
    }
}

fn causes(
    amazon: &AmazonFigure,
    ours: &Measured,
    covered: Option<(NaiveDate, NaiveDate)>,
    window: Window,
    data: Data,
) -> Vec<Cause> {
    let mut out = Vec::new();
    if amazon.defects.is_none() && amazon.total.is_none() {
        return vec![Cause::OnlyRate];
    }
    let agree = amazon.defects.is_none_or(|d| d == ours.defects)
        && amazon.total.is_none_or(|t| t == ours.total);
    if agree {
        return vec![Cause::Matches];
    }
    let mut full = true;
    match covered {
        None => {
            full = false;
            out.push(Cause::Uncovered {
                from: window.from,
                to: window.to,
                data,
            });
        }
        Some((first, last)) => {
            if first > window.from {
                full = false;
                out.push(Cause::Uncovered {
                    from: window.from,
                    to: add_days(first, -1).min(window.to),
                    data,
                });
            }
            if last < window.to {
                full = false;
                out.push(Cause::Uncovered {
                    from: add_days(last, 1).max(window.from),
                    to: window.to,
                    data,
                });
            }
        }
    }
    if let Some(c) = ours.components {
        for (component, theirs, mine) in [
            (
                Component::NegativeFeedback,
                amazon.negative_feedback,
                c.negative_feedback,
            ),
            (Component::AToZClaims, amazon.claims, c.a_to_z_claims),
            (Component::Chargebacks, amazon.chargebacks, c.chargebacks),
        ] {
            if let Some(theirs) = theirs.filter(|t| *t != mine) {
                out.push(Cause::ComponentDiffers {
                    component,
                    amazon: theirs,
                    ours: mine,
                });
            }
        }
    }
    if let Some(total) = amazon.total.filter(|t| *t != ours.total) {
        if full {
            out.push(if total > ours.total {
                Cause::MissingItems {
                    count: total - ours.total,
                    data,
                }
            } else {
                Cause::ExtraItems {
                    count: ours.total - total,
                    data,
                }
            });
        }
    } else if let Some(defects) = amazon.defects.filter(|d| *d != ours.defects) {
        // Days the inputs miss, or a component, already say why.
        let explained = !full
            || out
                .iter()
                .any(|c| matches!(c, Cause::ComponentDiffers { .. }));
        if !explained {
            out.push(Cause::DefectsDiffer {
                amazon: defects,
                ours: ours.defects,
            });
        }
    }
    out
}

/// The first and last day the inputs reach: purchases for orders,
/// confirmations for shipments.
struct Coverage {
    orders: Option<(NaiveDate, NaiveDate)>,
    shipments: Option<(NaiveDate, NaiveDate)>,
}

impl Coverage {
    fn of(model: &Model, cal: Calendar) -> Coverage {
        let span = |it: &mut dyn Iterator<Item = i64>| {
            it.fold(None, |acc: Option<(i64, i64)>, t| {
                Some(acc.map_or((t, t), |(a, b)| (a.min(t), b.max(t))))
            })
            .map(|(a, b)| (cal.day_of(a), cal.day_of(b)))
        };
        Coverage {
            orders: span(&mut model.orders.iter().map(|(_, o)| o.purchase())),
            shipments: span(
                &mut model
                    .shipments
                    .values()
                    .flat_map(|s| s.packages.iter().map(|p| p.confirmed)),
            ),
        }
    }

    fn of_data(&self, data: Data) -> Option<(NaiveDate, NaiveDate)> {
        match data {
            Data::Orders => self.orders,
            Data::Shipments => self.shipments,
        }
    }
}
