//! Shared by the fuzz targets: read one stream, then measure everything.
#![allow(dead_code)]

use std::io::Cursor;
use std::path::PathBuf;

use chrono::NaiveDate;
use sellerhealth::calendar::Calendar;
use sellerhealth::ingest::header::Kind;
use sellerhealth::ingest::mapping::{parse_pair, HeaderMapping};
use sellerhealth::ingest::values::ValueParser;
use sellerhealth::ingest::{read_stream, source, InputSpec, ReadOptions};
use sellerhealth::marketplace::DateOrder;
use sellerhealth::metrics::{self, act_now, Context};
use sellerhealth::model::Model;

pub const ZONES: [chrono_tz::Tz; 4] = [
    chrono_tz::America::Los_Angeles,
    chrono_tz::UTC,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Pacific::Apia,
];

pub const ORDERS: [DateOrder; 3] = [
    DateOrder::MonthDayYear,
    DateOrder::DayMonthYear,
    DateOrder::YearMonthDay,
];

pub const FORCED: [Option<Kind>; 7] = [
    None,
    Some(Kind::Orders),
    Some(Kind::Shipments),
    Some(Kind::Feedback),
    Some(Kind::Claims),
    Some(Kind::Returns),
    Some(Kind::Messages),
];

/// Settings chosen by one byte of the input.
#[derive(Clone, Copy)]
pub struct Knobs {
    pub tz: chrono_tz::Tz,
    pub order: DateOrder,
    pub strict: bool,
    pub from_directory: bool,
    pub decode: bool,
    pub handling_days: Option<u32>,
    pub fallback: &'static encoding_rs::Encoding,
}

impl Knobs {
    pub fn from_byte(b: u8) -> Knobs {
        Knobs {
            tz: ZONES[usize::from(b & 3)],
            order: ORDERS[usize::from((b >> 2) & 3) % 3],
            strict: b & 16 != 0,
            from_directory: b & 32 != 0,
            decode: b & 64 != 0,
            handling_days: (b & 128 != 0).then_some(u32::from(b & 7)),
            fallback: if b & 8 != 0 {
                encoding_rs::SHIFT_JIS
            } else {
                encoding_rs::WINDOWS_1252
            },
        }
    }
}

/// Reads `bytes` as one file of `forced` kind into `model`, checking the
/// summary's bookkeeping.
pub fn read_into(bytes: &[u8], forced: Option<Kind>, knobs: Knobs, model: &mut Model) {
    read_into_mapped(bytes, forced, knobs, HeaderMapping::default(), model);
}

/// [`read_into`] with `--map` pairs.
pub fn read_into_mapped(
    bytes: &[u8],
    forced: Option<Kind>,
    knobs: Knobs,
    mapping: HeaderMapping,
    model: &mut Model,
) {
    let options = ReadOptions {
        values: ValueParser::new(Calendar::new(knobs.tz), knobs.order),
        markets: sellerhealth::ingest::Markets::new(
            ValueParser::new(Calendar::new(knobs.tz), knobs.order),
            sellerhealth::marketplace::Marketplace::Us,
            None,
            None,
        ),
        fallback: knobs.fallback,
        strict: knobs.strict,
        dimensions: sellerhealth::model::Dimension::ALL.into_iter().collect(),
        mapping,
    };
    let spec = InputSpec {
        path: PathBuf::from("fuzz.txt"),
        forced,
        from_directory: knobs.from_directory,
    };
    let reader: Box<dyn std::io::Read + Send> = if knobs.decode {
        match source::decode(Box::new(Cursor::new(bytes.to_vec())), knobs.fallback) {
            Ok(opened) => opened.reader,
            Err(_) => return,
        }
    } else {
        Box::new(Cursor::new(bytes.to_vec()))
    };
    let mut warnings = Vec::new();
    if let Ok(Some(summary)) = read_stream(reader, &spec, &options, model, &mut warnings) {
        assert!(
            summary.skipped_rows <= summary.rows,
            "skipped {} of {} rows",
            summary.skipped_rows,
            summary.rows
        );
        if knobs.strict {
            assert_eq!(summary.skipped_rows, 0, "strict mode skipped rows");
        }
    }
}

/// The bytes with each LF and CRLF made a CR alone.
pub fn cr_only(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1)) {
            (b'\r', Some(b'\n')) => {
                out.push(b'\r');
                i += 2;
                continue;
            }
            (b'\n', _) => out.push(b'\r'),
            (b, _) => out.push(b),
        }
        i += 1;
    }
    out
}

/// Every metric, warning and act-now list on the model; counts stay sane.
pub fn measure(model: &Model, knobs: Knobs) {
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default();
    let ctx = Context::new(model, Calendar::new(knobs.tz), as_of, knobs.handling_days);
    for m in metrics::measure_all(&ctx) {
        assert!(
            m.defects <= m.total,
            "{:?}: {} > {}",
            m.metric,
            m.defects,
            m.total
        );
        assert_eq!(m.items.len() as u64, m.defects, "{:?}: items", m.metric);
    }
    let _ = metrics::notes(&ctx);
    let _ = act_now::open_orders(&ctx);
    let _ = act_now::pending_messages(&ctx);
}

/// The model split into one model per marketplace audited (SPEC §12.1),
/// each measured in its own zone: no order is in two parts, and no order of
/// a left-out marketplace is in any.
pub fn measure_each_market(model: Model, knobs: Knobs) {
    use sellerhealth::accounts::plan::{MarketCounts, MarketPlan};
    let counts = MarketCounts::of(&model);
    let plan = MarketPlan::new(None, &counts);
    let before = model.orders.len() as u64;
    let parts = plan.split(model);
    assert_eq!(parts.len(), plan.audits.len());
    let after: u64 = parts.iter().map(|p| p.orders.len() as u64).sum();
    assert_eq!(after + counts.non_amazon, before, "orders lost or doubled");
    for (m, part) in plan.audits.iter().zip(&parts) {
        let tz = Knobs { tz: m.timezone(), ..knobs };
        measure(part, tz);
    }
}

/// The mapping of the India "Amazon Sale Report" and a few more: headers that
/// are no kind's own, read as columns (`--map`).
pub fn sample_mapping() -> HeaderMapping {
    HeaderMapping::new(
        [
            "Date=purchase-date",
            "Status=order-status",
            "Fulfilment=fulfillment-channel",
            "Kind=claim-type",
            "Shipped On=ship-date",
            "Opened=received-at",
        ]
        .iter()
        .filter_map(|p| parse_pair(p).ok()),
    )
}
