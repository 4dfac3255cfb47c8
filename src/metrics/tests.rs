//! Rule tests: each would fail if its rule in SPEC §3–4 were broken.

use super::testkit::*;
use super::*;
use crate::metrics::act_now::{claims_due, open_orders, pending_messages, ClaimState, OpenState};
use crate::model::ClaimType;
use crate::policy::MetricId as M;

fn measure(files: &[&str], as_of: &str) -> Vec<Measured> {
    let m = model(files);
    measure_all(&ctx(&m, as_of))
}

fn get(all: &[Measured], metric: M, days: u32) -> Measured {
    all.iter()
        .find(|m| m.metric == metric && m.window.days == days)
        .cloned()
        .expect("metric present")
}

fn ids(m: &Measured) -> Vec<&str> {
    m.items.iter().map(|d| d.id.as_str()).collect()
}

fn orders(rows: &[String]) -> String {
    let mut s = ORDERS.to_string();
    for r in rows {
        s.push_str(r);
    }
    s
}

fn mfn(id: &str, purchase: &str) -> String {
    order(id, purchase, "Shipped", "Merchant", "", "", "", "", "")
}

#[test]
fn window_edges_are_local_days() {
    // Cancel rate window for as-of 2026-11-20: 2026-11-14 … 2026-11-20 (PST, UTC-8).
    let text = orders(&[
        mfn("111-0000000-0000001", "2026-11-14T23:59:59-08:00"), // first day: in
        mfn("111-0000000-0000002", "2026-11-13T23:59:59-08:00"), // day before: out
        mfn("111-0000000-0000003", "2026-11-14T07:59:59Z"),      // 11-13 23:59:59 local: out
        mfn("111-0000000-0000004", "2026-11-14T08:00:00Z"),      // 11-14 00:00:00 local: in
        mfn("111-0000000-0000005", "2026-11-20T23:59:59-08:00"), // last day: in
        mfn("111-0000000-0000006", "2026-11-21T08:00:00Z"),      // E: out
    ]);
    let cr = get(
        &measure(&[&text], "2026-11-20"),
        M::PreFulfillmentCancelRate,
        7,
    );
    assert_eq!(cr.total, 3);
}

#[test]
fn window_across_a_dst_change() {
    // 2026-11-01: daylight time ends in Los Angeles. Window 11-01 … 11-07.
    let text = orders(&[
        mfn("111-0000000-0000001", "2026-11-01T00:30:00-07:00"), // in (PDT)
        mfn("111-0000000-0000002", "2026-10-31T23:59:59-07:00"), // out
        mfn("111-0000000-0000003", "2026-11-01T07:30:00Z"),      // 11-01 00:30 PDT: in
        mfn("111-0000000-0000004", "2026-11-07T23:59:59-08:00"), // in
        mfn("111-0000000-0000005", "2026-11-08T00:00:00-08:00"), // out
    ]);
    let cr = get(
        &measure(&[&text], "2026-11-07"),
        M::PreFulfillmentCancelRate,
        7,
    );
    assert_eq!(cr.total, 3);
}

#[test]
fn late_shipment_rules() {
    let sb = "2026-11-16T23:59:59-08:00";
    let text = orders(&[
        order(
            "111-0000000-0000001",
            "2026-11-15",
            "Shipped",
            "Merchant",
            sb,
            "",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000002",
            "2026-11-15",
            "Shipped",
            "Merchant",
            sb,
            "",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000003",
            "2026-11-15",
            "Shipped",
            "Merchant",
            "2026-11-16",
            "",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000004",
            "2026-11-15",
            "Unshipped",
            "Merchant",
            sb,
            "",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000005",
            "2026-11-15",
            "Shipped",
            "Merchant",
            sb,
            "",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000006",
            "2026-11-15",
            "Cancelled",
            "Merchant",
            sb,
            "",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000007",
            "2026-11-15",
            "Shipped",
            "Amazon",
            sb,
            "",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000008",
            "2026-11-15",
            "Pending",
            "Merchant",
            "2026-11-21T10:00:00-08:00",
            "",
            "",
            "",
            "",
        ),
    ]);
    let ships = format!(
        "{SHIPMENTS}\
         111-0000000-0000001\t2026-11-16T23:59:59-08:00\tUPS\t1Z0000000000000001\t\n\
         111-0000000-0000002\t2026-11-17T00:00:00-08:00\tUPS\t1Z0000000000000002\t\n\
         111-0000000-0000003\t2026-11-16\tUPS\t1Z0000000000000003\t\n"
    );
    let m = model(&[&text, &ships]);
    let c = ctx(&m, "2026-11-20");
    let lsr = shipping::late_shipment_rate(&c, Scope::Mfn, 10);
    // 1 on time at the exact instant; 2 one second late; 3 date-only on the day: on time;
    // 4 unconfirmed past ship-by: late; 5 Shipped without a row: left out; 6 cancelled
    // and 7 Amazon-fulfilled: not items; 8 ship-by after E but its day is outside the window.
    let mut got = lsr.items.iter().map(|d| d.id.clone()).collect::<Vec<_>>();
    got.sort();
    assert_eq!(got, vec!["111-0000000-0000002", "111-0000000-0000004"]);
    assert_eq!(lsr.total, 4);
    assert_eq!(shipping::notes(&c), vec![Note::UnknownConfirmation(1)]);
}

#[test]
fn unconfirmed_order_due_on_the_as_of_day_is_late() {
    // Ship-by at the end of the as-of day: E, one second later, is after it.
    let text = orders(&[order(
        "111-0000000-0000001",
        "2026-11-19",
        "Unshipped",
        "Merchant",
        "2026-11-20",
        "",
        "",
        "",
        "",
    )]);
    let lsr = get(&measure(&[&text], "2026-11-20"), M::LateShipmentRate, 10);
    assert_eq!((lsr.defects, lsr.total), (1, 1));
}

#[test]
fn handling_days_over_a_weekend() {
    // Purchased Friday 2026-11-13; 2 business days: ship by Tuesday 11-17 23:59:59.
    let text = orders(&[order(
        "111-0000000-0000001",
        "2026-11-13T10:00:00-08:00",
        "Shipped",
        "Merchant",
        "",
        "",
        "",
        "",
        "",
    )]);
    let ships = format!(
        "{SHIPMENTS}111-0000000-0000001\t2026-11-17T23:00:00-08:00\tUPS\t1Z0000000000000001\t\n"
    );
    let m = model(&[&text, &ships]);
    let plain = ctx(&m, "2026-11-20");
    assert_eq!(
        shipping::late_shipment_rate(&plain, Scope::Mfn, 10).total,
        0,
        "no ship-by without --handling-days"
    );
    assert!(shipping::notes(&plain)
        .iter()
        .any(|n| matches!(n, Note::NoShipBy { orders: 1, .. })));
    let two = Context::new(&m, plain.cal, plain.as_of, Some(2));
    let lsr = shipping::late_shipment_rate(&two, Scope::Mfn, 10);
    assert_eq!((lsr.defects, lsr.total), (0, 1));
    let one = Context::new(&m, plain.cal, plain.as_of, Some(1));
    assert_eq!(
        shipping::late_shipment_rate(&one, Scope::Mfn, 10).defects,
        1,
        "due Monday 11-16, confirmed Tuesday"
    );
}

#[test]
fn buyer_requested_cancellations_are_excluded() {
    let text = orders(&[
        order(
            "111-0000000-0000001",
            "2026-11-15",
            "Cancelled",
            "Merchant",
            "",
            "",
            "true",
            "",
            "",
        ),
        order(
            "111-0000000-0000002",
            "2026-11-15",
            "Cancelled",
            "Merchant",
            "",
            "",
            "",
            "buyer",
            "",
        ),
        order(
            "111-0000000-0000003",
            "2026-11-15",
            "Cancelled",
            "Merchant",
            "",
            "",
            "false",
            "",
            "",
        ),
        order(
            "111-0000000-0000004",
            "2026-11-15",
            "Unshipped",
            "Merchant",
            "",
            "",
            "",
            "amazon",
            "",
        ),
        order(
            "111-0000000-0000005",
            "2026-11-15",
            "Shipped",
            "Merchant",
            "",
            "",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000006",
            "2026-11-15",
            "Cancelled",
            "Amazon",
            "",
            "",
            "",
            "",
            "",
        ),
    ]);
    let cr = get(
        &measure(&[&text], "2026-11-20"),
        M::PreFulfillmentCancelRate,
        7,
    );
    assert_eq!(ids(&cr), vec!["111-0000000-0000003", "111-0000000-0000004"]);
    assert_eq!(cr.total, 5);
}

#[test]
fn order_defect_rules() {
    // ODR window for as-of 2026-11-20: 2026-09-08 … 2026-11-06.
    let text = orders(&[
        mfn("111-0000000-0000001", "2026-10-01"), // rating 3: not negative
        mfn("111-0000000-0000002", "2026-10-01"), // rating 1 removed: ignored
        mfn("111-0000000-0000003", "2026-10-01"), // denied, withdrawn, reversed claims
        mfn("111-0000000-0000004", "2026-10-01"), // fraud chargeback
        mfn("111-0000000-0000005", "2026-10-01"), // feedback 2 and a claim: one defect
        mfn("111-0000000-0000006", "2026-09-07"), // purchased before the window
        mfn("111-0000000-0000007", "2026-10-02"), // chargeback, no status
        order(
            "111-0000000-0000008",
            "2026-10-02",
            "Shipped",
            "Amazon",
            "",
            "",
            "",
            "",
            "",
        ), // afn
    ]);
    let feedback = format!(
        "{FEEDBACK}\
         11/18/26\t3\tok\t\t111-0000000-0000001\tx@example.com\t\n\
         11/18/26\t1\tbad\t\t111-0000000-0000002\tx@example.com\tyes\n\
         11/18/26\t2\tbad\t\t111-0000000-0000005\tx@example.com\t\n\
         11/18/26\t1\tbad\t\t111-0000000-0000006\tx@example.com\t\n\
         11/18/26\t1\tbad\t\t111-0000000-0000008\tx@example.com\t\n\
         11/18/26\t1\tbad\t\t999-0000000-0000009\tx@example.com\t\n"
    );
    let claims = format!(
        "{CLAIMS}\
         111-0000000-0000003,a-to-z,2026-11-19,denied,\n\
         111-0000000-0000003,atoz,2026-11-19,withdrawn,\n\
         111-0000000-0000003,chargeback,2026-11-19,reversed,\n\
         111-0000000-0000004,chargeback,2026-11-19,granted,Fraudulent transaction\n\
         111-0000000-0000005,A-to-z Guarantee,2026-11-19,granted,\n\
         111-0000000-0000007,chargeback,2026-11-19,,Item not received\n"
    );
    let (m, _) = model_in(LA, &[&text, &feedback, &claims]);
    let c = ctx(&m, "2026-11-20");
    let odr = defects::order_defect_rate(&c, Scope::Mfn, 60);
    assert_eq!(odr.total, 6);
    let mut got = ids(&odr);
    got.sort();
    assert_eq!(got, vec!["111-0000000-0000005", "111-0000000-0000007"]);
    assert_eq!(
        odr.components,
        Some(Components {
            negative_feedback: 1,
            a_to_z_claims: 1,
            chargebacks: 1
        })
    );
    let afn = defects::order_defect_rate(&c, Scope::Afn, 60);
    assert_eq!((afn.defects, afn.total), (1, 1));
    assert!(defects::notes(&c).contains(&Note::OrphanComplaintRows(1)));
}

#[test]
fn returns_report_counts_a_to_z_yes_only() {
    let text = orders(&[
        mfn("111-0000000-0000001", "2026-10-01"),
        mfn("111-0000000-0000002", "2026-10-01"),
    ]);
    let returns = "Order ID\tOrder date\tReturn request date\tA-to-Z Claim\n\
                   111-0000000-0000001\t01-Oct-2026\t05-Oct-2026\tY\n\
                   111-0000000-0000002\t01-Oct-2026\t05-Oct-2026\tN\n";
    let odr = get(
        &measure(&[&text, returns], "2026-11-20"),
        M::OrderDefectRate,
        60,
    );
    assert_eq!(ids(&odr), vec!["111-0000000-0000001"]);
}

#[test]
fn packages_are_order_and_tracking_pairs() {
    let text = orders(&[
        mfn("111-0000000-0000001", "2026-11-10"),
        mfn("111-0000000-0000002", "2026-11-10"),
    ]);
    let ships = format!(
        "{SHIPMENTS}\
         111-0000000-0000001\t2026-11-11\tUPS\t1z-000 0000000000001\t\n\
         111-0000000-0000001\t2026-11-12\t\t1Z0000000000000001\t\n\
         111-0000000-0000001\t2026-11-12\t\t\t\n\
         111-0000000-0000001\t2026-11-12\tUSPS\t\t\n\
         111-0000000-0000002\t2026-11-12\t\tTBA000000000001\t\n\
         999-0000000-0000003\t2026-11-12\tFedEx\t000000000000\t\n"
    );
    let vtr = get(
        &measure(&[&text, &ships], "2026-11-20"),
        M::ValidTrackingRate,
        30,
    );
    // Order 1: one UPS package (two rows), one blank-tracking package; order 2: no carrier;
    // an order absent from the orders files still counts.
    assert_eq!(vtr.total, 4);
    assert_eq!(
        ids(&vtr),
        vec![
            "111-0000000-0000001:",
            "111-0000000-0000002:TBA000000000001",
            "999-0000000-0000003:000000000000"
        ]
    );
}

#[test]
fn on_time_delivery_rules() {
    // OTDR window for as-of 2026-11-20: 2026-10-31 … 2026-11-13.
    let text = orders(&[
        order(
            "111-0000000-0000001",
            "2026-11-01",
            "Shipped",
            "Merchant",
            "",
            "2026-11-10",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000002",
            "2026-11-01",
            "Shipped",
            "Merchant",
            "",
            "2026-11-10",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000003",
            "2026-11-01",
            "Shipped",
            "Merchant",
            "",
            "2026-11-10",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000004",
            "2026-11-01",
            "Shipped",
            "Merchant",
            "",
            "2026-11-10",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000005",
            "2026-11-01",
            "Shipped",
            "Merchant",
            "",
            "",
            "",
            "",
            "",
        ),
    ]);
    let ships = format!(
        "{SHIPMENTS}\
         111-0000000-0000001\t2026-11-03\tUPS\t1Z0000000000000001\t2026-11-10T23:59:59-08:00\n\
         111-0000000-0000002\t2026-11-03\tUPS\t1Z0000000000000002\t2026-11-11T00:00:00-08:00\n\
         111-0000000-0000003\t2026-11-03\tUPS\t1Z0000000000000003\t2026-11-09\n\
         111-0000000-0000003\t2026-11-03\tUSPS\t9400000000000000000003\t\n\
         111-0000000-0000004\t2026-11-03\tUPS\tN/A\t2026-11-20\n\
         111-0000000-0000005\t2026-11-03\tUPS\t1Z0000000000000005\t2026-11-05\n"
    );
    let otdr = get(
        &measure(&[&text, &ships], "2026-11-20"),
        M::OnTimeDeliveryRate,
        14,
    );
    // 4 has no valid tracking, 5 no deliver-by: not items. 2 late by a second, 3 one package never delivered.
    assert_eq!(otdr.total, 3);
    assert_eq!(
        ids(&otdr),
        vec!["111-0000000-0000002", "111-0000000-0000003"]
    );
    let no_column = "order-id\tship-date\tcarrier-code\ttracking-number\n111-0000000-0000001\t2026-11-03\tUPS\t1Z0000000000000001\n".to_string();
    let otdr = get(
        &measure(&[&text, &no_column], "2026-11-20"),
        M::OnTimeDeliveryRate,
        14,
    );
    assert_eq!(otdr.total, 0, "no delivery column: no data");
}

#[test]
fn expired_order_cases() {
    // Ship-by Monday 2026-11-02: auto-cancel at the end of Wednesday 11-11 (7 business days).
    let sb = "2026-11-02";
    let text = orders(&[
        order(
            "111-0000000-0000001",
            "2026-10-30",
            "Cancelled",
            "Merchant",
            "",
            "",
            "",
            "amazon",
            "",
        ), // (a)
        order(
            "111-0000000-0000002",
            "2026-10-30",
            "Cancelled",
            "Merchant",
            sb,
            "",
            "",
            "",
            "2026-11-12T00:00:00-08:00",
        ), // (b)
        order(
            "111-0000000-0000003",
            "2026-10-30",
            "Cancelled",
            "Merchant",
            sb,
            "",
            "",
            "",
            "2026-11-11T23:59:58-08:00",
        ), // before deadline
        order(
            "111-0000000-0000004",
            "2026-10-30",
            "Cancelled",
            "Merchant",
            sb,
            "",
            "true",
            "",
            "2026-11-12",
        ), // buyer asked
        order(
            "111-0000000-0000005",
            "2026-10-30",
            "Unshipped",
            "Merchant",
            sb,
            "",
            "",
            "",
            "",
        ), // (c)
        order(
            "111-0000000-0000006",
            "2026-10-30",
            "Shipped",
            "Merchant",
            sb,
            "",
            "",
            "",
            "",
        ), // confirmed
        order(
            "111-0000000-0000007",
            "2026-10-30",
            "Unshipped",
            "Merchant",
            "2026-11-12",
            "",
            "",
            "",
            "",
        ), // not yet
        order(
            "111-0000000-0000008",
            "2026-10-30",
            "Unshipped",
            "Merchant",
            "",
            "",
            "",
            "",
            "",
        ), // no ship-by
    ]);
    let exp = get(&measure(&[&text], "2026-11-20"), M::ExpiredOrders, 30);
    assert_eq!(exp.total, 8);
    assert_eq!(
        ids(&exp),
        vec![
            "111-0000000-0000001",
            "111-0000000-0000002",
            "111-0000000-0000005"
        ]
    );
    // (c) at the deadline itself: E equal to the auto-cancel end is not after it.
    // As of 11-11 the cancellations of 2 and 4 (updated 11-12) are not known
    // yet (SPEC §10.1): both are open orders past their auto-cancel instant.
    let exp = get(&measure(&[&text], "2026-11-11"), M::ExpiredOrders, 30);
    assert_eq!(
        ids(&exp),
        vec![
            "111-0000000-0000001",
            "111-0000000-0000002",
            "111-0000000-0000004",
            "111-0000000-0000005"
        ]
    );
    // As of 11-10 the cancellation of 2 (updated 11-12) has not happened yet
    // (SPEC §10.1), and its auto-cancel instant is still ahead.
    let exp = get(&measure(&[&text], "2026-11-10"), M::ExpiredOrders, 30);
    assert_eq!(ids(&exp), vec!["111-0000000-0000001"]);
}

#[test]
fn response_time_rules() {
    // E = 2026-11-21T00:00:00-08:00 = 2026-11-21T08:00:00Z.
    let text = format!(
        "{MESSAGES}\
         M1,,2026-11-15T10:00:00Z,2026-11-16T10:00:00Z,\n\
         M2,,2026-11-15T10:00:00Z,2026-11-16T10:00:01Z,\n\
         M3,,2026-11-20T08:00:00Z,,\n\
         M4,,2026-11-20T07:59:59Z,,\n\
         M5,,2026-11-15T10:00:00Z,,yes\n\
         M6,,2026-11-16T10:00:00Z,2026-11-16T12:00:00Z,no\n"
    );
    let m = model(&[&text]);
    let c = ctx(&m, "2026-11-20");
    let rt = response::response_time(&c, Scope::All, 7);
    // M1 exactly 24 h: on time; M2 late; M3 pending (exactly 24 h before E); M4 late; M5 excluded.
    assert_eq!(rt.total, 4);
    assert_eq!(ids(&rt), vec!["M2", "M4"]);
    let avg = rt.average_response_hours.flatten().expect("answered items");
    assert!(
        (avg - (24.0 + 24.0 + 1.0 / 3600.0 + 2.0) / 3.0).abs() < 1e-9,
        "{avg}"
    );
    let pending = pending_messages(&c);
    assert_eq!(
        pending
            .iter()
            .map(|p| p.message_id.as_str())
            .collect::<Vec<_>>(),
        vec!["M3"]
    );
    assert_eq!(
        c.cal.rfc3339(pending[0].answer_by),
        "2026-11-21T00:00:00-08:00"
    );
}

#[test]
fn messages_without_id_are_named_by_file_and_line() {
    let text = "received-at,responded-at\n2026-11-15T10:00:00Z,\n";
    let rt = get(&measure(&[text], "2026-11-20"), M::ResponseTime, 7);
    assert_eq!(ids(&rt), vec!["f0.txt:2"]);
}

#[test]
fn open_order_states() {
    // E = start of 2026-11-21. Ship-by 11-21 23:59:59 → due; 11-19 → late;
    // 2026-11-10 (Tue) + 7 business days = 11-19 → expired.
    let text = orders(&[
        order(
            "111-0000000-0000001",
            "2026-11-18",
            "Unshipped",
            "Merchant",
            "2026-11-21",
            "",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000002",
            "2026-11-17",
            "Unshipped",
            "Merchant",
            "2026-11-19",
            "",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000003",
            "2026-11-08",
            "Pending",
            "Merchant",
            "2026-11-10",
            "",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000004",
            "2026-11-08",
            "Shipped",
            "Merchant",
            "2026-11-10",
            "",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000005",
            "2026-11-08",
            "Unshipped",
            "Amazon",
            "2026-11-10",
            "",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000006",
            "2026-11-08",
            "Cancelled",
            "Merchant",
            "2026-11-10",
            "",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000007",
            "2026-11-08",
            "Unshipped",
            "Merchant",
            "",
            "",
            "",
            "",
            "",
        ),
        order(
            "111-0000000-0000008",
            "2026-11-08",
            "Unshipped",
            "Merchant",
            "2026-11-11",
            "",
            "",
            "",
            "",
        ),
    ]);
    let ships = format!("{SHIPMENTS}111-0000000-0000008\t2026-11-11\tUPS\t1Z0000000000000008\t\n");
    let m = model(&[&text, &ships]);
    let c = ctx(&m, "2026-11-20");
    let got: Vec<(String, OpenState)> = open_orders(&c)
        .into_iter()
        .map(|o| (o.order_id, o.state))
        .collect();
    assert_eq!(
        got,
        vec![
            ("111-0000000-0000001".to_string(), OpenState::Due),
            ("111-0000000-0000002".to_string(), OpenState::Late),
            ("111-0000000-0000003".to_string(), OpenState::Expired),
        ]
    );
    // 2026-11-10 + 7 business days is Thursday 11-19: E (11-21 00:00) is after its end.
    let o = &open_orders(&c)[2];
    assert_eq!(c.cal.rfc3339(o.auto_cancel_at), "2026-11-19T23:59:59-08:00");
}

#[test]
fn unknown_orders_are_ignored_by_order_metrics() {
    let text = orders(&[mfn("111-0000000-0000001", "2026-10-01")]);
    let claims = format!("{CLAIMS}222-0000000-0000002,a-to-z,2026-10-02,,\n");
    let odr = get(
        &measure(&[&text, &claims], "2026-11-20"),
        M::OrderDefectRate,
        60,
    );
    assert_eq!((odr.defects, odr.total), (0, 1));
}

/// SPEC §10.1: an audit as of A uses only what had happened by E. Each of
/// these counted before the look back was true.
#[test]
fn as_of_a_past_day_ignores_what_came_after_it() {
    let text = orders(&[
        // Negative feedback and an A-to-z claim dated after A.
        mfn("111-0000000-0000001", "2026-10-01T10:00:00-07:00"),
        mfn("111-0000000-0000002", "2026-10-01T10:00:00-07:00"),
        // Cancelled by the seller, the cancellation dated after A.
        order(
            "111-0000000-0000003",
            "2026-11-18T10:00:00-08:00",
            "Cancelled",
            "Merchant",
            "2026-11-19",
            "",
            "false",
            "seller",
            "2026-11-21T10:00:00-08:00",
        ),
        // Ship-by 11-19, confirmed on 11-22.
        order(
            "111-0000000-0000004",
            "2026-11-17T10:00:00-08:00",
            "Shipped",
            "Merchant",
            "2026-11-19",
            "",
            "",
            "",
            "",
        ),
        // Placed after A.
        mfn("111-0000000-0000005", "2026-11-21T00:00:00-08:00"),
    ]);
    let feedback =
        format!("{FEEDBACK}2026-11-21\t1\tbad\t\t111-0000000-0000001\tx@example.com\tfalse\n");
    let claims = format!("{CLAIMS}111-0000000-0000002,a-to-z,2026-11-25,,\n");
    let shipments = format!(
        "{SHIPMENTS}111-0000000-0000004\t2026-11-22T09:00:00-08:00\tUPS\t1ZXLS2H0UDP5WCW3N8\t\n"
    );
    let messages = format!(
        "{MESSAGES}M1,,2026-11-19T10:00:00-08:00,2026-11-21T09:00:00-08:00,false\nM2,,2026-11-21T01:00:00-08:00,,false\n"
    );
    let files = [text.as_str(), &feedback, &claims, &shipments, &messages];
    let then = measure(&files, "2026-11-20");
    let odr = get(&then, M::OrderDefectRate, 60);
    assert_eq!(
        (odr.defects, odr.total),
        (0, 2),
        "feedback and claim not yet dated"
    );
    let cr = get(&then, M::PreFulfillmentCancelRate, 7);
    assert_eq!(
        (cr.defects, cr.total),
        (0, 2),
        "not yet cancelled; 5 not yet placed"
    );
    let lsr = get(&then, M::LateShipmentRate, 10);
    assert_eq!(
        ids(&lsr),
        vec!["111-0000000-0000003", "111-0000000-0000004"]
    );
    assert!(matches!(lsr.items[1].why, Why::NotConfirmed { .. }));
    let vtr = get(&then, M::ValidTrackingRate, 30);
    assert_eq!(vtr.total, 0, "the package was confirmed after E");
    let rt = get(&then, M::ResponseTime, 7);
    assert_eq!(ids(&rt), vec!["M1"], "answered after E: no answer as of A");

    // Every one of them counts once its day has come.
    let later = measure(&files, "2026-11-25");
    let odr = get(&later, M::OrderDefectRate, 60);
    assert_eq!((odr.defects, odr.total), (2, 2));
    let cr = get(
        &measure(&files, "2026-11-22"),
        M::PreFulfillmentCancelRate,
        7,
    );
    assert_eq!((cr.defects, cr.total), (1, 3));
    let lsr = get(&later, M::LateShipmentRate, 10);
    assert_eq!(ids(&lsr), vec!["111-0000000-0000004"], "3 is cancelled now");
    assert!(matches!(lsr.items[0].why, Why::ConfirmedLate { .. }));
    assert_eq!(get(&later, M::ValidTrackingRate, 30).total, 1);
    let rt = get(&later, M::ResponseTime, 7);
    assert_eq!(ids(&rt), vec!["M1", "M2"], "answered 47 h late; M2 never");
}

#[test]
fn claims_to_answer() {
    // now = E = 2026-11-21T00:00:00-08:00. A-to-z: start of the claim day + 72 h;
    // chargeback: + 7 days. Only pending, open or empty statuses; dated in the
    // 60 days before now, or undated; any order, known or not.
    let text = format!(
        "{CLAIMS}\
         Z1,a-to-z,2026-11-19,pending,\n\
         Z1,a-to-z,2026-11-19,pending,\n\
         Z2,a-to-z,2026-11-17,open,\n\
         Z3,A-to-z Guarantee,2026-11-18,granted,\n\
         C1,chargeback,2026-11-15,,Item not received\n\
         C2,chargeback,2026-09-21,,fraud\n\
         C3,chargeback,2026-09-22,,\n\
         Z4,a-to-z,,open,\n\
         Z5,a-to-z,2026-11-22,open,\n\
         Z6,a-to-z,2026-11-18,denied,\n"
    );
    let m = model(&[&text]);
    let c = ctx(&m, "2026-11-20");
    type Row = (
        String,
        ClaimType,
        Option<String>,
        Option<String>,
        ClaimState,
    );
    let got: Vec<Row> = claims_due(&c)
        .into_iter()
        .map(|d| {
            (
                d.order_id,
                d.kind,
                d.claim_day.map(|x| x.to_string()),
                d.respond_by.map(|t| c.cal.rfc3339(t)),
                d.state,
            )
        })
        .collect();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        got,
        vec![
            // The first of the 60 days up to 2026-11-21; C2 is a day older.
            (
                "C3".into(),
                ClaimType::Chargeback,
                s("2026-09-22"),
                s("2026-09-29T00:00:00-07:00"),
                ClaimState::Overdue
            ),
            // 2026-11-17 + 72 h = 11-20 00:00: past at now.
            (
                "Z2".into(),
                ClaimType::AToZ,
                s("2026-11-17"),
                s("2026-11-20T00:00:00-08:00"),
                ClaimState::Overdue
            ),
            (
                "C1".into(),
                ClaimType::Chargeback,
                s("2026-11-15"),
                s("2026-11-22T00:00:00-08:00"),
                ClaimState::Due
            ),
            (
                "Z1".into(),
                ClaimType::AToZ,
                s("2026-11-19"),
                s("2026-11-22T00:00:00-08:00"),
                ClaimState::Due
            ),
            ("Z4".into(), ClaimType::AToZ, None, None, ClaimState::Due),
        ]
    );
    // A day later C3 is out of the 60 days, and Z5's day has come.
    let mut later = ctx(&m, "2026-11-20");
    later.now = c.cal.start_of(day("2026-11-22"));
    let ids: Vec<String> = claims_due(&later).into_iter().map(|d| d.order_id).collect();
    assert_eq!(ids, vec!["Z2", "C1", "Z1", "Z5", "Z4"]);
}
