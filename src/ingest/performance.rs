//! Amazon's Account Health report (`GET_V2_SELLER_PERFORMANCE_REPORT`), a
//! JSON document, read leniently (SPEC §11.1): every field optional, unknown
//! fields ignored, enumerations kept as text, key variants seen in the wild
//! accepted.

use std::io::Read;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::InputError;
use crate::model::{
    AccountStatus, AmazonFigure, AmazonMetrics, AmazonReport, HealthRating, PolicyItem,
};

/// A performance report larger than this is not one (Amazon's are a few KB).
const MAX_BYTES: u64 = 64 << 20;

/// Keys of a marketplace entry that hold metrics (all else with a status or a
/// defect count is a policy item).
const METRIC_KEYS: [&str; 8] = [
    "orderDefectRate",
    "lateShipmentRate",
    "lateShipmentRateList",
    "preFulfillmentCancellationRate",
    "prefulfillmentCancelRate",
    "validTrackingRate",
    "onTimeDeliveryRate",
    "accountHealthRating",
];

/// Reads a JSON document. `Ok(None)` when it is valid JSON but not Amazon's
/// report (no `performanceMetrics` array).
pub fn read(mut reader: impl Read, shown: &str) -> Result<Option<AmazonReport>, InputError> {
    let mut bytes = Vec::new();
    (&mut reader)
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(InputError::io(shown))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(InputError::Other {
            path: shown.to_string(),
            reason: format!(
                "JSON larger than {} MiB: not an Account Health report",
                MAX_BYTES >> 20
            ),
        });
    }
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| InputError::Json {
        path: shown.to_string(),
        line: e.line() as u64,
        column: e.column() as u64,
        reason: json_reason(&e),
    })?;
    Ok(parse(&value, shown))
}

/// What is wrong with the JSON, without quoting the input.
fn json_reason(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "the JSON ends too early".to_string(),
        Category::Syntax | Category::Data => "not valid JSON".to_string(),
        Category::Io => "cannot be read".to_string(),
    }
}

/// Amazon's report from a JSON value, or `None` when it is not one.
pub fn parse(value: &Value, shown: &str) -> Option<AmazonReport> {
    let root = value.as_object()?;
    let metrics = root.get("performanceMetrics")?.as_array()?;
    let account_statuses = root
        .get("accountStatuses")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_object)
                .map(|o| AccountStatus {
                    marketplace_id: text(o, "marketplaceId"),
                    status: text(o, "status"),
                })
                .collect()
        })
        .unwrap_or_default();
    Some(AmazonReport {
        path: shown.to_string(),
        account_statuses,
        marketplaces: metrics
            .iter()
            .filter_map(Value::as_object)
            .map(marketplace)
            .collect(),
    })
}

fn marketplace(o: &Map<String, Value>) -> AmazonMetrics {
    let odr = o.get("orderDefectRate").and_then(Value::as_object);
    let odr_part = |channel: &str| {
        let part = odr?.get(channel)?.as_object()?;
        let mut f = figure(part, &["orderCount"], &[]);
        // The window may sit on the channel or on the whole metric.
        if f.from.is_none() && f.to.is_none() {
            if let Some(odr) = odr {
                (f.from, f.to) = window(odr);
            }
        }
        let with_defects = part.get("orderWithDefects").and_then(Value::as_object);
        f.defects = with_defects.and_then(|d| count(d, &["count"]));
        if f.status.is_none() {
            f.status = with_defects.and_then(|d| text(d, "status"));
        }
        f.claims = nested_count(part, "claims");
        f.chargebacks = nested_count(part, "chargebacks");
        f.negative_feedback = nested_count(part, "negativeFeedback");
        Some(f)
    };
    let late = |v: &Value| {
        v.as_object()
            .map(|m| figure(m, &["orderCount"], &["lateShipmentCount", "defectsCount"]))
    };
    let mut late_shipment: Vec<AmazonFigure> = o
        .get("lateShipmentRate")
        .and_then(late)
        .into_iter()
        .collect();
    if let Some(list) = o.get("lateShipmentRateList").and_then(Value::as_array) {
        for f in list.iter().filter_map(late) {
            if !late_shipment.contains(&f) {
                late_shipment.push(f);
            }
        }
    }
    let cancellation = ["preFulfillmentCancellationRate", "prefulfillmentCancelRate"]
        .iter()
        .find_map(|k| o.get(*k)?.as_object())
        .map(|m| figure(m, &["orderCount"], &["cancellationCount", "defectsCount"]));
    let valid_tracking = o
        .get("validTrackingRate")
        .and_then(Value::as_object)
        .map(|m| {
            let mut f = figure(m, &["shipmentCount"], &[]);
            f.defects = count(m, &["validTrackingCount"])
                .zip(f.total)
                .map(|(valid, total)| total.saturating_sub(valid))
                .or_else(|| count(m, &["defectsCount"]));
            f
        });
    let on_time_delivery = o
        .get("onTimeDeliveryRate")
        .and_then(Value::as_object)
        .map(|m| {
            let mut f = figure(m, &["shipmentCountWithValidTracking"], &[]);
            f.defects = count(m, &["onTimeDeliveryCount"])
                .zip(f.total)
                .map(|(on_time, total)| total.saturating_sub(on_time))
                .or_else(|| count(m, &["defectsCount"]));
            f
        });
    let health_rating = o
        .get("accountHealthRating")
        .and_then(Value::as_object)
        .map(|m| HealthRating {
            status: text(m, "ahrStatus"),
            score: m.get("ahrScore").and_then(number),
        });
    AmazonMetrics {
        marketplace_id: text(o, "marketplaceId"),
        order_defect_mfn: odr_part("mfn"),
        order_defect_afn: odr_part("afn"),
        late_shipment,
        cancellation,
        valid_tracking,
        on_time_delivery,
        health_rating,
        policy: policy_items(o),
    }
}

/// Items with a status or a defect count that are not metrics: directly in
/// the entry, or under `warningStates` (an object, or an array of objects).
fn policy_items(o: &Map<String, Value>) -> Vec<PolicyItem> {
    let mut out = Vec::new();
    let mut add = |name: &str, v: &Value| {
        if let Some(m) = v.as_object() {
            let item = PolicyItem {
                name: name.to_string(),
                defects: count(m, &["defectsCount", "count"]),
                status: text(m, "status"),
            };
            if item.defects.is_some() || item.status.is_some() {
                out.push(item);
            }
        }
    };
    for (k, v) in o {
        if !METRIC_KEYS.contains(&k.as_str()) && k != "warningStates" {
            add(k, v);
        }
    }
    match o.get("warningStates") {
        Some(Value::Object(m)) => m.iter().for_each(|(k, v)| add(k, v)),
        Some(Value::Array(a)) => {
            for v in a {
                let name = v
                    .as_object()
                    .and_then(|m| text(m, "name").or_else(|| text(m, "type")))
                    .unwrap_or_else(|| "warningState".to_string());
                add(&name, v);
            }
        }
        _ => {}
    }
    out
}

/// A metric's common fields; `total` and `defects` from the first key present.
fn figure(m: &Map<String, Value>, total: &[&str], defects: &[&str]) -> AmazonFigure {
    let (from, to) = window(m);
    AmazonFigure {
        from,
        to,
        defects: count(m, defects),
        total: count(m, total),
        rate: m.get("rate").and_then(number),
        status: text(m, "status"),
        target_value: m.get("targetValue").and_then(number),
        target_condition: text(m, "targetCondition"),
        ..AmazonFigure::default()
    }
}

fn window(m: &Map<String, Value>) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let Some(range) = m.get("reportingDateRange").and_then(Value::as_object) else {
        return (None, None);
    };
    let day = |k: &str| range.get(k).and_then(Value::as_str).and_then(date_part);
    (day("reportingDateFrom"), day("reportingDateTo"))
}

/// The day of an Amazon date-time: its date part (`2026-07-24T23:59:59Z` → 2026-07-24).
fn date_part(s: &str) -> Option<NaiveDate> {
    let head = s.trim().get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

fn text(m: &Map<String, Value>, key: &str) -> Option<String> {
    match m.get(key)? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|f: &f64| f.is_finite())
}

/// A whole, non-negative count under the first key present.
fn count(m: &Map<String, Value>, keys: &[&str]) -> Option<u64> {
    keys.iter().find_map(|k| {
        let n = number(m.get(*k)?)?;
        (n >= 0.0 && n.fract() == 0.0 && n < 1e15).then_some(n as u64)
    })
}

/// `{"claims": {"count": 2}}` (or a bare number).
fn nested_count(m: &Map<String, Value>, key: &str) -> Option<u64> {
    match m.get(key)? {
        Value::Object(inner) => count(inner, &["count"]),
        other => {
            let n = number(other)?;
            (n >= 0.0 && n.fract() == 0.0 && n < 1e15).then_some(n as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!(
        "../../fixtures/samples/GET_V2_SELLER_PERFORMANCE_REPORT.airbyte-fixture.json"
    );

    #[test]
    fn the_real_sample_reads() {
        let r = read(SAMPLE.as_bytes(), "s.json").unwrap().unwrap();
        assert_eq!(r.account_statuses[0].status.as_deref(), Some("NORMAL"));
        let m = &r.marketplaces[0];
        assert_eq!(m.marketplace_id, None);
        let lsr = &m.late_shipment[0];
        assert_eq!(lsr.from, NaiveDate::from_ymd_opt(2026, 7, 1));
        assert_eq!(lsr.to, NaiveDate::from_ymd_opt(2026, 7, 24));
        assert_eq!(
            (lsr.defects, lsr.total, lsr.rate),
            (Some(1), None, Some(0.01))
        );
        assert_eq!(m.order_defect_mfn.as_ref().and_then(|f| f.rate), Some(0.01));
        assert_eq!(m.order_defect_mfn.as_ref().and_then(|f| f.defects), None);
        let ahr = m.health_rating.as_ref().unwrap();
        assert_eq!(
            (ahr.status.as_deref(), ahr.score),
            (Some("GREEN"), Some(1000.0))
        );
        assert_eq!(m.policy.len(), 1);
        assert_eq!(m.policy[0].name, "listingPolicyViolations");
        assert_eq!(m.policy[0].defects, Some(0));
    }

    #[test]
    fn key_variants_and_counts() {
        let json = r#"{"performanceMetrics":[{"marketplaceId":"A2EUQ1WTGCTBG2",
          "prefulfillmentCancelRate":{"orderCount":40,"cancellationCount":"2"},
          "validTrackingRate":{"shipmentCount":50,"validTrackingCount":48},
          "onTimeDeliveryRate":{"shipmentCountWithValidTracking":20,"onTimeDeliveryCount":17},
          "orderDefectRate":{"reportingDateRange":{"reportingDateFrom":"2026-01-01T08:00:00Z","reportingDateTo":"2026-03-01T07:59:59Z"},
             "mfn":{"orderCount":100,"orderWithDefects":{"count":3},"claims":{"count":1},"negativeFeedback":{"count":2},"chargebacks":{"count":0}}},
          "warningStates":[{"name":"foodSafety","status":"WARNED","defectsCount":1}]}]}"#;
        let r = read(json.as_bytes(), "x").unwrap().unwrap();
        let m = &r.marketplaces[0];
        assert_eq!(m.marketplace_id.as_deref(), Some("A2EUQ1WTGCTBG2"));
        let cr = m.cancellation.as_ref().unwrap();
        assert_eq!((cr.defects, cr.total), (Some(2), Some(40)));
        let vtr = m.valid_tracking.as_ref().unwrap();
        assert_eq!((vtr.defects, vtr.total), (Some(2), Some(50)));
        let otdr = m.on_time_delivery.as_ref().unwrap();
        assert_eq!((otdr.defects, otdr.total), (Some(3), Some(20)));
        let odr = m.order_defect_mfn.as_ref().unwrap();
        assert_eq!(
            (odr.defects, odr.total, odr.claims, odr.negative_feedback),
            (Some(3), Some(100), Some(1), Some(2))
        );
        assert_eq!(odr.to, NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(m.policy[0].name, "foodSafety");
    }

    #[test]
    fn other_json_is_not_amazons_and_bad_json_names_line_and_column() {
        assert_eq!(read(&b"{\"a\": 1}"[..], "x").unwrap(), None);
        assert_eq!(read(&b"[1, 2]"[..], "x").unwrap(), None);
        match read(
            &b"{\n  \"performanceMetrics\": [\n    {,}\n  ]\n}"[..],
            "p.json",
        ) {
            Err(InputError::Json { line, column, .. }) => assert_eq!((line, column), (3, 6)),
            other => panic!("{other:?}"),
        }
    }
}
