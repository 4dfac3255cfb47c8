//! A valid header of each kind followed by fuzzed cells: every value parser
//! and rule sees arbitrary cell text in its own column, with LF, CRLF or CR
//! line ends; orders carry a fuzzed sales channel and currency, and the model
//! is then split by marketplace (SPEC §12.1) and each part measured.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sellerhealth::ingest::header::{normalise, Kind};
use sellerhealth::ingest::mapping::HeaderMapping;
use sellerhealth::model::Model;

mod common;

const HEADERS: [&[&str]; 6] = [
    &[
        "amazon-order-id",
        "purchase-date",
        "order-status",
        "fulfillment-channel",
        "latest-ship-date",
        "latest-delivery-date",
        "is-buyer-requested-cancellation",
        "cancelled-by",
        "last-updated-date",
        "sales-channel",
        "currency",
    ],
    &[
        "order-id",
        "ship-date",
        "confirmed-at",
        "carrier-code",
        "carrier-name",
        "fulfillment-channel",
        "tracking-number",
        "delivered-at",
        "latest-delivery-date",
    ],
    &[
        "Date",
        "Rating",
        "Comments",
        "Your Response",
        "Order ID",
        "Rater Email",
        "removed",
    ],
    &[
        "order-id",
        "claim-type",
        "claim-date",
        "claim-status",
        "reason",
    ],
    &[
        "Order ID",
        "Order date",
        "Return request date",
        "A-to-Z Claim",
    ],
    &[
        "message-id",
        "order-id",
        "received-at",
        "responded-at",
        "no-response-needed",
    ],
];

/// A line of orders that the other kinds can refer to, so that metrics
/// reach their order-joined rules.
const ORDERS_FILE: &str = "amazon-order-id\tpurchase-date\tlatest-ship-date\tfulfillment-channel\n\
    A\t2026-11-10T10:00:00Z\t2026-11-12\tMFN\n\
    B\t2026-09-20\t2026-09-22\tAFN\n\
    C\t2026-11-19 08:00:00\t\t\n";

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let knobs = common::Knobs::from_byte(data[0]);
    let kind = usize::from(data[1] % 6);
    let comma = data[1] & 0x80 != 0;
    let Ok(body) = std::str::from_utf8(&data[2..]) else {
        return;
    };
    // Bit 6: the header's cells are renamed `Column N` and read back with
    // `--map Column N=<column>` (the `--map` path).
    let mapped = data[1] & 0x40 != 0;
    let delimiter = if comma { "," } else { "\t" };
    let (header, mapping) = if mapped {
        renamed(HEADERS[kind])
    } else {
        (
            HEADERS[kind].iter().map(|h| h.to_string()).collect(),
            HeaderMapping::default(),
        )
    };
    // LF, CRLF, a CR alone (old Mac exports) or the three in turn.
    let ending = usize::from((data[1] >> 3) & 3);
    let end = |row: usize| ["\n", "\r\n", "\r"][if ending == 3 { row % 3 } else { ending }];
    // Rows are separated by U+001E, cells by U+001F: the fuzzer's text fills
    // the cells, newlines, quotes and delimiters included.
    let mut text = header.join(delimiter);
    text.push_str(end(0));
    for (i, row) in body.split('\u{1e}').enumerate() {
        let cells: Vec<&str> = row.split('\u{1f}').collect();
        text.push_str(&cells.join(delimiter));
        text.push_str(end(i + 1));
    }
    let knobs = common::Knobs {
        decode: false,
        ..knobs
    };
    let mut model = Model::default();
    common::read_into(ORDERS_FILE.as_bytes(), None, knobs, &mut model);
    common::read_into_mapped(text.as_bytes(), None, knobs, mapping, &mut model);
    common::measure(&model, knobs);
    common::measure_each_market(model, knobs);
});

/// The header with each known cell renamed `Column N`, and the mapping that
/// reads `Column N` as the cell's column again.
fn renamed(header: &[&str]) -> (Vec<String>, HeaderMapping) {
    let mut cells = Vec::new();
    let mut pairs = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let name = normalise(h);
        let field = Kind::DETECTION_ORDER
            .iter()
            .flat_map(|k| k.columns())
            .find(|c| c.names.contains(&name.as_str()))
            .map(|c| c.field);
        match field {
            Some(f) => {
                cells.push(format!("Column {i}"));
                pairs.push((format!("column-{i}"), f));
            }
            None => cells.push(h.to_string()),
        }
    }
    (cells, HeaderMapping::new(pairs))
}
