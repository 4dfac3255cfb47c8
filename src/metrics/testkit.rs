//! Builds models from report text for the rule tests.

use std::io::Cursor;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::Context;
use crate::calendar::Calendar;
use crate::ingest::values::ValueParser;
use crate::ingest::{read_stream, InputSpec, ReadOptions};
use crate::marketplace::DateOrder;
use crate::model::{Model, ReadWarning};

pub const LA: chrono_tz::Tz = chrono_tz::America::Los_Angeles;

/// Reads each text as one report file (kind detected), in order.
pub fn model(files: &[&str]) -> Model {
    model_in(LA, files).0
}

pub fn model_in(tz: chrono_tz::Tz, files: &[&str]) -> (Model, Vec<ReadWarning>) {
    let options = ReadOptions {
        values: ValueParser::new(Calendar::new(tz), DateOrder::MonthDayYear),
        markets: crate::ingest::Markets::uniform(ValueParser::new(
            Calendar::new(tz),
            DateOrder::MonthDayYear,
        )),
        fallback: encoding_rs::WINDOWS_1252,
        strict: false,
        // Every dimension, so that rules can be broken down in tests.
        dimensions: crate::model::Dimension::ALL.into_iter().collect(),
        mapping: Default::default(),
    };
    let mut m = Model::default();
    let mut warnings = Vec::new();
    for (i, text) in files.iter().enumerate() {
        let spec = InputSpec {
            path: PathBuf::from(format!("f{i}.txt")),
            forced: None,
            from_directory: false,
        };
        let reader = Box::new(Cursor::new(text.as_bytes().to_vec()));
        read_stream(reader, &spec, &options, &mut m, &mut warnings).expect("readable test input");
    }
    (m, warnings)
}

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test day")
}

pub fn ctx<'a>(m: &'a Model, as_of: &str) -> Context<'a> {
    Context::new(m, Calendar::new(LA), day(as_of), None)
}

/// An All Orders header with the columns the rules use.
pub const ORDERS: &str = "amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tlatest-ship-date\tlatest-delivery-date\tis-buyer-requested-cancellation\tcancelled-by\tlast-updated-date\n";
pub const SHIPMENTS: &str = "order-id\tship-date\tcarrier-code\ttracking-number\tdelivered-at\n";
pub const FEEDBACK: &str =
    "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\tremoved\n";
pub const CLAIMS: &str = "order-id,claim-type,claim-date,claim-status,reason\n";
pub const MESSAGES: &str = "message-id,order-id,received-at,responded-at,no-response-needed\n";

/// An orders row: id, purchase, status, channel, ship-by, deliver-by, buyer-requested, cancelled-by, last-updated.
#[allow(clippy::too_many_arguments)]
pub fn order(
    id: &str,
    purchase: &str,
    status: &str,
    channel: &str,
    ship_by: &str,
    deliver_by: &str,
    buyer: &str,
    by: &str,
    updated: &str,
) -> String {
    format!("{id}\t{purchase}\t{status}\t{channel}\t{ship_by}\t{deliver_by}\t{buyer}\t{by}\t{updated}\n")
}
