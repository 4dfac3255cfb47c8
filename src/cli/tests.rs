use std::path::Path;

use super::*;

fn audit(args: &[&str]) -> AuditConfig {
    let mut all = vec!["sellerhealth", "audit"];
    all.extend_from_slice(args);
    match parse(all) {
        Ok(Parsed::Audit(c)) => *c,
        Ok(_) => panic!("not audit"),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn inputs_keep_command_line_order() {
    let c = audit(&["b.txt", "--orders", "o.txt", "a.txt", "--feedback", "f.txt"]);
    let got: Vec<(String, Option<Kind>)> = c
        .inputs
        .iter()
        .map(|(p, k)| (p.display().to_string(), *k))
        .collect();
    assert_eq!(
        got,
        vec![
            ("b.txt".into(), None),
            ("o.txt".into(), Some(Kind::Orders)),
            ("a.txt".into(), None),
            ("f.txt".into(), Some(Kind::Feedback))
        ]
    );
}

#[test]
fn marketplace_sets_zone_unless_tz_given() {
    assert_eq!(
        audit(&["x", "--marketplace", "de"]).tz,
        chrono_tz::Europe::Berlin
    );
    assert_eq!(
        audit(&["x", "--marketplace", "JP", "--tz", "UTC"]).tz,
        chrono_tz::UTC
    );
    assert_eq!(audit(&["x"]).tz, chrono_tz::America::Los_Angeles);
}

#[test]
fn bad_values_are_usage_errors() {
    for args in [
        vec!["sellerhealth", "audit", "x", "--as-of", "not-a-date"],
        vec!["sellerhealth", "audit", "x", "--warn-at", "0"],
        vec!["sellerhealth", "audit", "x", "--warn-at", "1.5"],
        vec!["sellerhealth", "audit", "x", "--tz", "Mars/Olympus"],
        vec!["sellerhealth", "audit", "x", "--marketplace", "XX"],
        vec!["sellerhealth", "audit", "x", "--encoding", "klingon"],
        vec!["sellerhealth", "audit", "x", "--by", "colour"],
        vec!["sellerhealth", "audit", "x", "--by", "sku,"],
        vec!["sellerhealth", "audit"],
    ] {
        assert!(parse(args.clone()).is_err(), "{args:?}");
    }
    assert_eq!(audit(&["x", "--warn-at", "1"]).warn_at, Ratio::new(1, 1));
    assert_eq!(audit(&["x", "--json"]).format, Format::Json);
}

#[test]
fn by_takes_repeats_and_comma_lists() {
    use crate::model::Dimension::*;
    assert!(audit(&["x"]).by.is_empty());
    let by = audit(&["x", "--by", "carrier,SKU", "--by", "ship-state"]).by;
    assert_eq!(by.iter().collect::<Vec<_>>(), [Sku, ShipState, Carrier]);
}

#[test]
fn map_and_date_order() {
    let c = audit(&[
        "x",
        "--map",
        "Date=purchase-date",
        "--map",
        "Fulfilment=fulfillment_channel",
        "--date-order",
        "mdy",
    ]);
    assert_eq!(
        c.mapping,
        vec![
            ("date".to_string(), Field::PurchaseDate),
            ("fulfilment".to_string(), Field::FulfillmentChannel)
        ]
    );
    assert_eq!(c.date_order, Some(DateOrder::MonthDayYear));
    assert_eq!(audit(&["x"]).date_order, None);
    for bad in [
        vec!["sellerhealth", "audit", "x", "--map", "Date=purchase-day"],
        vec!["sellerhealth", "audit", "x", "--map", "Date"],
        vec!["sellerhealth", "audit", "x", "--date-order", "dym"],
    ] {
        assert!(parse(bad.clone()).is_err(), "{bad:?}");
    }
}

#[test]
fn output_dash_is_standard_output_and_the_extension_picks_the_format() {
    let c = audit(&["x", "-o", "-"]);
    assert_eq!((c.output, c.format), (None, Format::Table));
    assert_eq!(audit(&["x", "-o", "-", "--json"]).format, Format::Json);
    let c = audit(&["x", "-o", "out/report.json"]);
    assert_eq!(c.output, Some(PathBuf::from("out/report.json")));
    assert_eq!(c.format, Format::Json);
    assert_eq!(audit(&["x", "-o", "r.csv"]).format, Format::Csv);
    assert_eq!(audit(&["x", "-o", "r.md"]).format, Format::Markdown);
    assert_eq!(audit(&["x", "-o", "r.txt"]).format, Format::Table);
    assert_eq!(audit(&["x"]).format, Format::Table);
    // Given explicitly, the format wins over the extension.
    assert_eq!(
        audit(&["x", "-o", "r.json", "--format", "csv"]).format,
        Format::Csv
    );
    assert_eq!(audit(&["x", "-o", "r.csv", "--json"]).format, Format::Json);
    assert_eq!(
        audit(&["x", "-o", "r.html", "--format", "markdown"]).format,
        Format::Markdown
    );
    assert_eq!(audit(&["x", "-o", "r.html"]).format, Format::Html);
    assert_eq!(audit(&["x", "-o", "r.htm"]).format, Format::Html);
}

#[test]
fn the_extension_picks_the_format() {
    for (name, format) in [
        ("report.json", Format::Json),
        ("REPORT.Json", Format::Json),
        ("dir/report.csv", Format::Csv),
        ("report.CSV", Format::Csv),
        ("report.md", Format::Markdown),
        ("report.markdown", Format::Markdown),
        ("report.html", Format::Html),
        ("Report.HTML", Format::Html),
        ("out/report.htm", Format::Html),
        ("report.txt", Format::Table),
        ("report.table", Format::Table),
        ("report", Format::Table),
        ("report.json.txt", Format::Table),
        ("report.txt.json", Format::Json),
        ("reports.d/report", Format::Table),
        (".json", Format::Table),
        ("report.", Format::Table),
    ] {
        assert_eq!(format_for_path(Path::new(name)), format, "{name}");
    }
}
