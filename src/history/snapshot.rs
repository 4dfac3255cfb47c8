//! A snapshot as plain data: what the history keeps of one audit, and how a
//! report compares with the latest earlier one (`since`).

use schemars::JsonSchema;
use serde::Serialize;

use crate::metrics::status::Status;
use crate::report::contract::{
    input_kind_key, scope_key, status_key, ChangeReport, ChangeSideReport, MetricReport,
    SinceReport, WindowReport,
};
use crate::report::Report;

/// One recorded audit, as `sellerhealth history --format json` lists it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Snapshot {
    /// The seller account; null for an audit outside `--accounts`.
    pub account: Option<String>,
    /// The marketplace code (`US`, `DE`, …).
    pub marketplace: String,
    /// The audit's as-of day (`YYYY-MM-DD`).
    #[schemars(extend("format" = "date"))]
    pub as_of: String,
    /// When the audit was recorded (RFC 3339, UTC).
    #[schemars(extend("format" = "date-time"))]
    pub recorded_at: String,
    /// The program and version that recorded it (`sellerhealth 0.1.0`).
    pub generator: String,
    /// The overall status: `no_data`, `good`, `warning` or `bad`.
    pub status: String,
    /// Every file the audit read, in the order read.
    pub inputs: Vec<SnapshotInput>,
    /// Every metric and window of the report, in the report's order.
    pub metrics: Vec<SnapshotMetric>,
}

/// One file an audit read.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SnapshotInput {
    pub path: String,
    /// `orders`, `shipments`, `feedback`, `claims`, `returns`, `messages` or `unknown`.
    pub kind: String,
    /// Data rows read.
    pub rows: u64,
    /// The last day of any event in the file (`YYYY-MM-DD`); null when it has
    /// none or the program that recorded it did not know it.
    #[schemars(extend("format" = "date"))]
    pub last_day: Option<String>,
}

/// One metric and window of a recorded audit.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SnapshotMetric {
    /// The metric id (`order_defect_rate`, …).
    pub metric: String,
    /// `mfn`, `afn` or `all`.
    pub channel: String,
    pub window: WindowReport,
    pub defects: u64,
    pub total: u64,
    /// As the report gives it; null when there was nothing to measure.
    pub rate: Option<f64>,
    /// `no_data`, `good`, `warning` or `bad`.
    pub status: String,
}

impl Snapshot {
    /// The snapshot of `report`, recorded at `recorded_at`.
    pub fn of(report: &Report, account: Option<String>, recorded_at: String) -> Snapshot {
        Snapshot {
            account,
            marketplace: report.marketplace.clone(),
            as_of: report.as_of.clone(),
            recorded_at,
            generator: report.generator.clone(),
            status: status_key(report.status).to_string(),
            inputs: report
                .inputs
                .iter()
                .map(|i| SnapshotInput {
                    path: i.path.clone(),
                    kind: input_kind_key(i.kind).to_string(),
                    rows: i.rows,
                    // The reader does not give each input's last day yet
                    // (SPEC §9.2): once `InputReport` carries it, it goes here.
                    last_day: None,
                })
                .collect(),
            metrics: report.metrics.iter().map(SnapshotMetric::of).collect(),
        }
    }
}

impl SnapshotMetric {
    fn of(m: &MetricReport) -> SnapshotMetric {
        SnapshotMetric {
            metric: m.metric.as_str().to_string(),
            channel: scope_key(m.channel).to_string(),
            window: m.window.clone(),
            defects: m.defects,
            total: m.total,
            rate: m.rate,
            status: status_key(m.status).to_string(),
        }
    }

    /// Whether this row is the same metric, channel and window length as `m`.
    fn matches(&self, m: &MetricReport) -> bool {
        self.metric == m.metric.as_str()
            && self.channel == scope_key(m.channel)
            && self.window.days == m.window.days
    }
}

pub fn parse_status(key: &str) -> Option<Status> {
    [Status::NoData, Status::Good, Status::Warning, Status::Bad]
        .into_iter()
        .find(|s| status_key(*s) == key)
}

/// What changed from `earlier` (a snapshot of an earlier day) to `metrics`:
/// every row whose status or defect count differs, in the report's order. A
/// row the earlier snapshot does not have is listed with `before` null.
pub fn since(earlier: &Snapshot, metrics: &[MetricReport]) -> SinceReport {
    let changes = metrics
        .iter()
        .filter_map(|m| {
            let after = ChangeSideReport {
                defects: m.defects,
                total: m.total,
                rate: m.rate,
                status: m.status,
            };
            let before = match earlier.metrics.iter().find(|b| b.matches(m)) {
                // A status this program does not know counts as changed.
                Some(b) => {
                    let status = parse_status(&b.status);
                    if status == Some(m.status) && b.defects == m.defects {
                        return None;
                    }
                    status.map(|status| ChangeSideReport {
                        defects: b.defects,
                        total: b.total,
                        rate: b.rate,
                        status,
                    })
                }
                None => None,
            };
            Some(ChangeReport {
                metric: m.metric,
                channel: m.channel,
                window_days: m.window.days,
                before,
                after,
            })
        })
        .collect();
    SinceReport {
        as_of: earlier.as_of.clone(),
        changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{MetricId, Scope};
    use crate::report::words::since_line;

    fn side(defects: u64, total: u64, status: Status) -> ChangeSideReport {
        ChangeSideReport {
            defects,
            total,
            rate: Some(defects as f64 / total as f64),
            status,
        }
    }

    fn change(before: Option<ChangeSideReport>, after: ChangeSideReport) -> ChangeReport {
        ChangeReport {
            metric: MetricId::LateShipmentRate,
            channel: Scope::Mfn,
            window_days: 30,
            before,
            after,
        }
    }

    #[test]
    fn a_change_in_words() {
        let c = change(Some(side(3, 143, Status::Good)), side(6, 140, Status::Bad));
        assert_eq!(
            since_line(&c, false),
            "Late shipment rate, 30 days: 2.10% → 4.29%, now BAD"
        );
        let c = change(Some(side(4, 30, Status::Bad)), side(6, 35, Status::Bad));
        assert_eq!(
            since_line(&c, true),
            "Late shipment rate (seller-fulfilled), 30 days: 13.33% → 17.14%, still BAD"
        );
        // The same rate from other counts: the counts say what changed.
        let c = change(Some(side(1, 10, Status::Bad)), side(2, 20, Status::Bad));
        assert_eq!(
            since_line(&c, false),
            "Late shipment rate, 30 days: 10.00% → 10.00% (1 of 10 → 2 of 20), still BAD"
        );
        let c = change(None, side(0, 20, Status::Good));
        assert_eq!(
            since_line(&c, false),
            "Late shipment rate, 30 days: 0.00%, good (not in the earlier snapshot)"
        );
    }

    #[test]
    fn statuses_read_back_from_their_keys() {
        for s in [Status::NoData, Status::Good, Status::Warning, Status::Bad] {
            assert_eq!(parse_status(status_key(s)), Some(s));
        }
        assert_eq!(parse_status("great"), None);
    }
}
