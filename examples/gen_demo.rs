//! Writes the hand-designed demo report set `fixtures/demo/` (about 60 orders, US marketplace,
//! America/Los_Angeles, meant for `sellerhealth audit --as-of 2026-11-20 fixtures/demo`).
//!
//! ```text
//! rustc --edition 2021 -O examples/gen_demo.rs -o /tmp/gen_demo && /tmp/gen_demo fixtures/demo
//! cargo run --example gen_demo -- fixtures/demo
//! ```
//!
//! Every order below is written by hand to exercise one or more rules of SPEC.md §3–4 (the `label` of each
//! order is the name `fixtures/README.md` uses for it); only identifiers (order ids, order-item ids,
//! tracking numbers) come from a tiny deterministic PRNG (SplitMix64), so the output is the same bytes on
//! every run. Standard library only. All local times are America/Los_Angeles wall-clock times; the files
//! show them in several offsets (`+00:00`, `Z`, `-07:00`/`-08:00`) as Amazon's reports do.
//!
//! The expected audit result is NOT computed here: `scripts/expected_demo.py` derives it independently
//! from the written files. The generator prints `label<TAB>order-id` for every order on standard output.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::PathBuf;

// ------------------------------------------------------------------------------------------ calendar

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// 0 = Sunday … 6 = Saturday
fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// Day of month of the n-th Sunday of a month.
fn nth_sunday(y: i64, m: i64, n: i64) -> i64 {
    let first = days_from_civil(y, m, 1);
    let to_sunday = (7 - weekday(first)) % 7;
    1 + to_sunday + 7 * (n - 1)
}

/// UTC offset in seconds of America/Los_Angeles at a UTC instant (US rule since 2007).
fn la_offset(instant: i64) -> i64 {
    let (y, _, _) = civil_from_days(instant.div_euclid(86_400));
    // DST from the second Sunday of March 02:00 PST (10:00 UTC) to the first Sunday of November
    // 02:00 PDT (09:00 UTC).
    let start = days_from_civil(y, 3, nth_sunday(y, 3, 2)) * 86_400 + 10 * 3600;
    let end = days_from_civil(y, 11, nth_sunday(y, 11, 1)) * 86_400 + 9 * 3600;
    if instant >= start && instant < end {
        -7 * 3600
    } else {
        -8 * 3600
    }
}

/// `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DD` (midnight), Los Angeles wall clock -> UTC instant.
fn local(s: &str) -> i64 {
    let n = |a: usize, b: usize| -> i64 { s.get(a..b).and_then(|t| t.parse().ok()).unwrap_or(0) };
    let (y, m, d) = (n(0, 4), n(5, 7), n(8, 10));
    let (h, mi, se) = (n(11, 13), n(14, 16), n(17, 19));
    let wall = days_from_civil(y, m, d) * 86_400 + h * 3600 + mi * 60 + se;
    // The offset in force at the wall time (all fixture times avoid the DST changeover hours).
    let guess = wall + 8 * 3600;
    wall - la_offset(guess)
}

/// End (23:59:59) of a Los Angeles day given as `YYYY-MM-DD`.
fn end_of_day(date: &str) -> i64 {
    local(&format!("{date} 23:59:59"))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fmt {
    /// `2026-11-07T07:30:00+00:00` (Amazon's usual form)
    Utc,
    /// `2026-11-07T07:30:00Z`
    Z,
    /// `2026-11-06T23:30:00-08:00`
    Local,
    /// `2026-11-06` (the Los Angeles day)
    DateOnly,
}

fn fmt(instant: i64, f: Fmt) -> String {
    let off = match f {
        Fmt::Utc | Fmt::Z => 0,
        Fmt::Local | Fmt::DateOnly => la_offset(instant),
    };
    let t = instant + off;
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let sod = t.rem_euclid(86_400);
    let (h, mi, s) = (sod / 3600, sod % 3600 / 60, sod % 60);
    let date = format!("{y:04}-{m:02}-{d:02}");
    match f {
        Fmt::Utc => format!("{date}T{h:02}:{mi:02}:{s:02}+00:00"),
        Fmt::Z => format!("{date}T{h:02}:{mi:02}:{s:02}Z"),
        Fmt::Local => {
            let oh = -off / 3600;
            format!("{date}T{h:02}:{mi:02}:{s:02}-{oh:02}:00")
        }
        Fmt::DateOnly => date,
    }
}

/// `M/D/YY` for the US feedback report.
fn us_date(date: &str) -> String {
    let n =
        |a: usize, b: usize| -> i64 { date.get(a..b).and_then(|t| t.parse().ok()).unwrap_or(0) };
    format!("{}/{}/{:02}", n(5, 7), n(8, 10), n(0, 4) % 100)
}

/// `DD-Mon-YYYY` for the returns report.
fn dmy_mon(instant: i64) -> String {
    const MON: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let t = instant + la_offset(instant);
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let mon = MON.get((m - 1) as usize).copied().unwrap_or("Jan");
    format!("{d:02}-{mon}-{y}")
}

// ------------------------------------------------------------------------------------------ PRNG

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
    fn alnum(&mut self, n: usize) -> String {
        const A: &[u8] = b"0123456789ABCDEFGHJKLMNPRSTVWXYZ";
        (0..n)
            .map(|_| char::from(A[self.below(A.len() as u64) as usize]))
            .collect()
    }
    fn letters(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'A' + self.below(26) as u8))
            .collect()
    }
}

// ------------------------------------------------------------------------------------------ model

struct Product {
    name: &'static str,
    sku: &'static str,
    asin: &'static str,
    price: &'static str,
    tax: &'static str,
}

const PRODUCTS: [Product; 6] = [
    Product {
        name: "Personalized Photo Mug 11 oz",
        sku: "SKU-MUG-01",
        asin: "B07K1FNN7M",
        price: "19.99",
        tax: "1.20",
    },
    Product {
        name: "\"Deluxe\" Mug 11 oz",
        sku: "SKU-MUG-DLX",
        asin: "B0CDLXMUG1",
        price: "24.99",
        tax: "1.50",
    },
    Product {
        name: "Throw Pillow Insert 12\" x 18\", White",
        sku: "SKU-PIL-12",
        asin: "B074K5MDLW",
        price: "14.99",
        tax: "0.90",
    },
    Product {
        name: "USB-C Cable 10 ft",
        sku: "SKU-USB-10",
        asin: "B08L5WSCQ3",
        price: "9.99",
        tax: "0.60",
    },
    Product {
        name: "Classic Bucket Hat, Cotton",
        sku: "SKU-HAT-02",
        asin: "B09HAT0202",
        price: "17.50",
        tax: "1.05",
    },
    Product {
        name: "Stainless Steel Tumbler 20 oz",
        sku: "SKU-TUM-20",
        asin: "B0TUMBLR20",
        price: "22.00",
        tax: "1.32",
    },
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Carrier {
    Ups,
    Usps,
    /// USPS with an S10 number (2 letters + 9 digits + 2 letters)
    UspsS10,
    FedEx,
    /// carrier-code written `FEDEX` (carriers compare case-insensitively)
    FedExUpper,
    Amazon,
    Dhl,
    /// carrier-code `Other`, carrier-name `OnTrac`
    OnTrac,
    /// no carrier code and no carrier name (tracking looks like USPS)
    Missing,
}

impl Carrier {
    fn code(self) -> &'static str {
        match self {
            Carrier::Ups => "UPS",
            Carrier::Usps | Carrier::UspsS10 => "USPS",
            Carrier::FedEx => "FedEx",
            Carrier::FedExUpper => "FEDEX",
            Carrier::Amazon => "Amazon",
            Carrier::Dhl => "DHL",
            Carrier::OnTrac => "Other",
            Carrier::Missing => "",
        }
    }
    fn name(self) -> &'static str {
        match self {
            Carrier::OnTrac => "OnTrac",
            _ => "",
        }
    }
    fn method(self) -> &'static str {
        match self {
            Carrier::Ups | Carrier::FedEx | Carrier::FedExUpper => "Ground",
            Carrier::Usps | Carrier::UspsS10 | Carrier::Missing => "Priority Mail",
            Carrier::Amazon => "Standard",
            Carrier::Dhl | Carrier::OnTrac => "Standard",
        }
    }
    fn tracking(self, r: &mut SplitMix) -> String {
        match self {
            Carrier::Ups => format!("1Z{}{}", r.alnum(6), r.digits(10)),
            Carrier::Usps | Carrier::Missing => format!("9400{}", r.digits(18)),
            Carrier::UspsS10 => format!("{}{}US", r.letters(2), r.digits(9)),
            Carrier::FedEx | Carrier::FedExUpper => r.digits(12),
            Carrier::Amazon => format!("TBA{}", r.digits(12)),
            Carrier::Dhl => r.digits(10),
            Carrier::OnTrac => format!("C{}", r.digits(14)),
        }
    }
}

#[derive(Clone, Copy)]
enum Deliv {
    /// delivered at this Los Angeles wall time, written with this offset style
    At(&'static str, Fmt),
    /// a row in deliveries.csv with an empty delivered-at (still in transit / lost)
    InTransit,
    /// no row in deliveries.csv at all
    NoRow,
}

struct Row {
    item: Option<usize>,
    ship: &'static str,
    fmt: Fmt,
    /// tracking written lower-case with spaces (`1z 4f5 …`), normalises to the same number
    spaced: bool,
    no_carrier: bool,
    /// written at the end of ship-confirm.txt instead of next to the order's other rows
    at_end: bool,
}

struct Pkg {
    carrier: Carrier,
    tracking: Option<&'static str>,
    rows: Vec<Row>,
    deliv: Deliv,
}

impl Pkg {
    fn new(carrier: Carrier, ship: &'static str) -> Pkg {
        Pkg {
            carrier,
            tracking: None,
            rows: vec![Row {
                item: None,
                ship,
                fmt: Fmt::Local,
                spaced: false,
                no_carrier: false,
                at_end: false,
            }],
            deliv: Deliv::NoRow,
        }
    }
    fn item(mut self, i: usize) -> Pkg {
        if let Some(r) = self.rows.first_mut() {
            r.item = Some(i);
        }
        self
    }
    fn date_only(mut self) -> Pkg {
        if let Some(r) = self.rows.first_mut() {
            r.fmt = Fmt::DateOnly;
        }
        self
    }
    /// a second row for the same box: another item, written later in the file, tracking spaced,
    /// no carrier on the row
    fn split(mut self, item: usize, ship: &'static str) -> Pkg {
        self.rows.push(Row {
            item: Some(item),
            ship,
            fmt: Fmt::Local,
            spaced: true,
            no_carrier: true,
            at_end: true,
        });
        self
    }
    fn tracking(mut self, t: &'static str) -> Pkg {
        self.tracking = Some(t);
        self
    }
    fn deliv(mut self, at: &'static str) -> Pkg {
        self.deliv = Deliv::At(at, Fmt::Local);
        self
    }
    fn deliv_z(mut self, at: &'static str) -> Pkg {
        self.deliv = Deliv::At(at, Fmt::Z);
        self
    }
    fn in_transit(mut self) -> Pkg {
        self.deliv = Deliv::InTransit;
        self
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BuyerReq {
    No,
    /// `true` on the second item row only (true from any row wins)
    SecondRow,
}

struct Order {
    label: &'static str,
    afn: bool,
    purchase: &'static str,
    pfmt: Fmt,
    status: &'static str,
    items: Vec<usize>,
    ship_by: Option<&'static str>,
    deliver_by: Option<&'static str>,
    in_report: bool,
    last_updated: Option<(&'static str, Fmt)>,
    buyer_req: BuyerReq,
    pkgs: Vec<Pkg>,
}

fn mfn(
    label: &'static str,
    purchase: &'static str,
    pfmt: Fmt,
    status: &'static str,
    items: &[usize],
) -> Order {
    Order {
        label,
        afn: false,
        purchase,
        pfmt,
        status,
        items: items.to_vec(),
        ship_by: None,
        deliver_by: None,
        in_report: true,
        last_updated: None,
        buyer_req: BuyerReq::No,
        pkgs: Vec::new(),
    }
}

fn afn(
    label: &'static str,
    purchase: &'static str,
    pfmt: Fmt,
    status: &'static str,
    items: &[usize],
) -> Order {
    Order {
        afn: true,
        in_report: false,
        ..mfn(label, purchase, pfmt, status, items)
    }
}

impl Order {
    fn by(mut self, ship_by: &'static str, deliver_by: &'static str) -> Order {
        self.ship_by = Some(ship_by);
        self.deliver_by = Some(deliver_by);
        self
    }
    fn pkg(mut self, p: Pkg) -> Order {
        self.pkgs.push(p);
        self
    }
    fn updated(mut self, at: &'static str, f: Fmt) -> Order {
        self.last_updated = Some((at, f));
        self
    }
    fn not_in_report(mut self) -> Order {
        self.in_report = false;
        self
    }
    fn buyer_req_second_row(mut self) -> Order {
        self.buyer_req = BuyerReq::SecondRow;
        self
    }
}

// ------------------------------------------------------------------------------------------ the data

fn orders() -> Vec<Order> {
    use Carrier::*;
    use Fmt::*;
    vec![
        // --- order defect rate: old seller-fulfilled orders (window 2026-09-08 .. 2026-11-06)
        mfn("A0", "2026-09-07 23:10:00", Utc, "Shipped", &[0])
            .by("2026-09-09", "2026-09-14")
            .pkg(Pkg::new(Usps, "2026-09-08 14:00").deliv("2026-09-11 12:00")),
        mfn("A1", "2026-09-08 00:30:00", Utc, "Shipped", &[3])
            .by("2026-09-10", "2026-09-15")
            .pkg(Pkg::new(Ups, "2026-09-09 11:00").deliv("2026-09-14 16:00")),
        mfn(
            "A2",
            "2026-09-15 10:00:00",
            Utc,
            "Shipped - Delivered to Buyer",
            &[2],
        )
        .by("2026-09-17", "2026-09-22")
        .pkg(Pkg::new(FedEx, "2026-09-16 13:00").deliv("2026-09-21 10:00")),
        mfn("A3", "2026-09-20 13:00:00", Local, "Shipped", &[0, 4])
            .by("2026-09-22", "2026-09-26")
            .pkg(Pkg::new(Amazon, "2026-09-21 15:00").deliv("2026-09-24 18:00")),
        mfn("A5", "2026-10-01 11:00:00", Utc, "Shipped", &[5])
            .by("2026-10-05", "2026-10-09")
            .pkg(Pkg::new(Usps, "2026-10-02 16:00").deliv("2026-10-08 11:00")),
        mfn(
            "A9",
            "2026-10-10 09:30:00",
            Utc,
            "Shipped - Delivered to Buyer",
            &[0],
        )
        .by("2026-10-13", "2026-10-17")
        .pkg(Pkg::new(Ups, "2026-10-12 10:00").deliv("2026-10-16 14:00")),
        mfn("OLD", "2026-10-01 08:00:00", Utc, "Unshipped", &[4]).by("2026-10-05", "2026-10-10"),
        // --- fulfilled by Amazon
        afn("F1", "2026-09-10 12:00:00", Utc, "Shipped", &[0]),
        afn(
            "F2",
            "2026-09-18 15:00:00",
            Utc,
            "Shipped - Delivered to Buyer",
            &[2],
        ),
        afn("F3", "2026-10-02 10:00:00", Z, "Shipped", &[3]),
        afn("F4", "2026-10-20 19:00:00", Utc, "Shipped", &[1, 0, 5]),
        afn("F5", "2026-10-28 08:00:00", Utc, "Shipped", &[4]),
        afn("F6", "2026-11-15 11:00:00", Utc, "Shipping", &[2]),
        afn("F7", "2026-11-20 09:00:00", Utc, "Pending", &[1]),
        afn("F8", "2026-11-16 14:00:00", Utc, "Cancelled", &[3]),
        // --- shipped seller-fulfilled orders, late October .. mid November
        mfn("B1", "2026-10-16 10:00:00", Utc, "Shipped", &[3])
            .by("2026-10-20", "2026-10-24")
            .pkg(Pkg::new(Usps, "2026-10-19 15:00").tracking("0000000000000")),
        mfn("B2", "2026-10-20 09:00:00", Utc, "Shipped", &[0])
            .by("2026-10-22", "2026-10-26")
            .pkg(Pkg::new(Ups, "2026-10-22 09:00").deliv("2026-10-25 12:00")),
        mfn("B4", "2026-10-22 08:00:00", Utc, "Shipped", &[5])
            .by("2026-10-26", "2026-10-30")
            .pkg(Pkg::new(Usps, "2026-10-23 12:00").in_transit()),
        mfn("E3", "2026-10-23 09:00:00", Utc, "Cancelled", &[4])
            .by("2026-10-27", "2026-10-31")
            .updated("2026-11-05 23:59:58", Local),
        mfn("B5", "2026-10-23 18:00:00", Utc, "Shipped", &[0])
            .by("2026-10-27", "2026-10-31")
            .pkg(Pkg::new(Amazon, "2026-10-26 10:00").deliv("2026-10-31 11:00")),
        mfn("E2", "2026-10-26 09:00:00", Utc, "Cancelled", &[2])
            .by("2026-10-28", "2026-11-01")
            .updated("2026-11-06 23:59:59", Utc),
        mfn("B6", "2026-10-26 14:00:00", Utc, "Shipped", &[3])
            .by("2026-10-28", "2026-11-01")
            .pkg(Pkg::new(Ups, "2026-10-27 11:00").deliv("2026-10-31 13:00")),
        mfn("B7", "2026-10-27 10:00:00", Utc, "Shipped", &[0])
            .by("2026-10-29", "2026-11-02")
            .pkg(Pkg::new(Usps, "2026-10-30 10:00").deliv("2026-11-02 12:00")),
        mfn("B8", "2026-10-28 11:00:00", Local, "Shipped", &[5])
            .by("2026-10-30", "2026-11-03")
            .pkg(Pkg::new(OnTrac, "2026-10-29 14:00").deliv("2026-11-02 15:00")),
        mfn("B9", "2026-10-29 16:00:00", Utc, "Shipped", &[4])
            .by("2026-11-02", "2026-11-06")
            .pkg(
                Pkg::new(FedEx, "2026-10-30")
                    .date_only()
                    .deliv("2026-11-04 10:00"),
            ),
        mfn("B10", "2026-10-30 09:00:00", Utc, "Shipped", &[2])
            .by("2026-11-03", "2026-11-07")
            .pkg(Pkg::new(Dhl, "2026-11-02 09:30").deliv("2026-11-06 16:00")),
        mfn("B23", "2026-10-30 13:00:00", Utc, "Shipped", &[0])
            .by("2026-11-03", "2026-11-08")
            .pkg(Pkg::new(Ups, "2026-11-02 12:00").deliv("2026-11-05 11:00")),
        mfn("B11", "2026-10-31 10:00:00", Utc, "Shipped", &[3])
            .by("2026-11-03", "2026-11-07")
            .pkg(Pkg::new(Amazon, "2026-11-02 15:00").deliv("2026-11-05 17:00")),
        mfn("B12", "2026-11-02 09:00:00", Utc, "Shipped", &[1])
            .by("2026-11-04", "2026-11-08")
            .pkg(Pkg::new(FedExUpper, "2026-11-03 10:00").deliv("2026-11-06 12:00")),
        mfn("B22", "2026-11-02 15:00:00", Utc, "Shipped", &[5])
            .by("2026-11-04", "2026-11-09")
            .pkg(Pkg::new(UspsS10, "2026-11-03 16:00").deliv("2026-11-07 10:00")),
        mfn("B13", "2026-11-02 17:00:00", Utc, "Shipped", &[4])
            .by("2026-11-04", "2026-11-08")
            .pkg(Pkg::new(Usps, "2026-11-03 11:00").tracking("N/A")),
        mfn("B14", "2026-11-03 10:00:00", Utc, "Shipped", &[0, 3])
            .by("2026-11-05", "2026-11-09")
            .pkg(
                Pkg::new(Ups, "2026-11-04 10:00")
                    .item(0)
                    .deliv("2026-11-08 13:00"),
            )
            .pkg(
                Pkg::new(Usps, "2026-11-06 09:00")
                    .item(1)
                    .deliv("2026-11-09 15:00"),
            ),
        mfn("B15", "2026-11-03 12:00:00", Utc, "Shipped", &[2, 4])
            .by("2026-11-05", "2026-11-09")
            .pkg(
                Pkg::new(Ups, "2026-11-04 09:00")
                    .item(0)
                    .split(1, "2026-11-04 09:05")
                    .deliv("2026-11-08 12:00"),
            ),
        mfn("B16", "2026-11-04 08:00:00", Utc, "Shipped", &[5, 0])
            .by("2026-11-06", "2026-11-10")
            .pkg(Pkg::new(Missing, "2026-11-05 10:00").item(0))
            .pkg(
                Pkg::new(Usps, "2026-11-05 10:10")
                    .item(1)
                    .deliv("2026-11-09 11:00"),
            ),
        mfn("B17", "2026-11-04 10:00:00", Utc, "Shipped", &[3])
            .by("2026-11-06", "2026-11-10")
            .pkg(Pkg::new(Ups, "2026-11-05 14:00").deliv("2026-11-11 10:00")),
        mfn("B21", "2026-11-04 16:00:00", Utc, "Shipped", &[0])
            .by("2026-11-06", "2026-11-11")
            .pkg(Pkg::new(Amazon, "2026-11-05 16:00").deliv("2026-11-09 19:00")),
        mfn("B18", "2026-11-05 09:00:00", Utc, "Shipped", &[2])
            .by("2026-11-09", "2026-11-12")
            .pkg(Pkg::new(Usps, "2026-11-06 13:00").in_transit()),
        mfn("B20", "2026-11-05 11:00:00", Utc, "Shipped", &[4])
            .by("2026-11-09", "2026-11-13")
            .pkg(Pkg::new(FedEx, "2026-11-06 15:00").deliv("2026-11-12 14:00")),
        mfn("B19", "2026-11-06 10:00:00", Local, "Shipped", &[1])
            .by("2026-11-10", "2026-11-13")
            .pkg(Pkg::new(Ups, "2026-11-09 09:00").deliv("2026-11-13 09:00")),
        mfn("A11", "2026-11-06 23:30:00", Utc, "Shipped", &[0])
            .by("2026-11-10", "2026-11-13")
            .pkg(Pkg::new(Usps, "2026-11-09 11:00").deliv("2026-11-12 16:00")),
        mfn("A12", "2026-11-07 00:20:00", Utc, "Shipped", &[3])
            .by("2026-11-10", "2026-11-13")
            .pkg(Pkg::new(Amazon, "2026-11-09 12:00").deliv_z("2026-11-13 23:30:00")),
        mfn("B24", "2026-11-07 10:00:00", Utc, "Shipped", &[5])
            .by("2026-11-10", "2026-11-14")
            .pkg(Pkg::new(Ups, "2026-11-09 14:00").deliv("2026-11-16 12:00")),
        mfn(
            "B25",
            "2026-11-09 10:00:00",
            Utc,
            "Shipped - Delivered to Buyer",
            &[2],
        )
        .by("2026-11-11", "2026-11-15"),
        mfn("B26", "2026-11-12 09:00:00", Utc, "Shipped", &[4])
            .not_in_report()
            .pkg(Pkg::new(Usps, "2026-11-13 10:00").deliv("2026-11-17 12:00")),
        // --- the last ten days: late shipments, open orders, cancellations
        mfn("X1", "2026-11-09 09:00:00", Utc, "Unshipped", &[0]).by("2026-11-11", "2026-11-16"),
        mfn("X2", "2026-11-10 12:00:00", Local, "Unshipped", &[3]).by("2026-11-12", "2026-11-17"),
        mfn("C3", "2026-11-10 15:00:00", Utc, "Shipped", &[5])
            .by("2026-11-12", "2026-11-16")
            .pkg(
                Pkg::new(FedEx, "2026-11-12")
                    .date_only()
                    .deliv("2026-11-15 13:00"),
            ),
        mfn("C2", "2026-11-11 10:00:00", Utc, "Shipped", &[4])
            .by("2026-11-13", "2026-11-17")
            .pkg(Pkg::new(Usps, "2026-11-13 23:59:59").deliv("2026-11-17 10:00")),
        mfn("S4", "2026-11-11 14:00:00", Utc, "Shipped", &[2])
            .by("2026-11-13", "2026-11-17")
            .pkg(Pkg::new(Ups, "2026-11-12 11:00").deliv("2026-11-16 15:00")),
        mfn("C1L", "2026-11-12 10:00:00", Utc, "Shipped", &[0])
            .by("2026-11-16", "2026-11-20")
            .pkg(Pkg::new(Ups, "2026-11-17 10:00").deliv("2026-11-19 16:00")),
        mfn("C3B", "2026-11-13 23:30:00", Z, "Cancelled", &[1])
            .by("2026-11-17", "2026-11-21")
            .updated("2026-11-14 07:30:00", Z),
        mfn("S1", "2026-11-14 00:05:00", Utc, "Shipped", &[3])
            .by("2026-11-17", "2026-11-21")
            .pkg(Pkg::new(Amazon, "2026-11-16 11:00").deliv("2026-11-19 14:00")),
        mfn("C1", "2026-11-16 10:00:00", Utc, "Cancelled", &[5])
            .by("2026-11-18", "2026-11-23")
            .updated("2026-11-16 12:00:00", Utc),
        mfn(
            "X3",
            "2026-11-16 13:00:00",
            Utc,
            "PartiallyShipped",
            &[0, 2],
        )
        .by("2026-11-18", "2026-11-23")
        .pkg(Pkg::new(Usps, "2026-11-17 15:00").item(0)),
        mfn("C2B", "2026-11-17 09:00:00", Utc, "Cancelled", &[4, 3])
            .by("2026-11-19", "2026-11-24")
            .updated("2026-11-17 11:00:00", Utc)
            .buyer_req_second_row(),
        mfn("S2", "2026-11-17 11:00:00", Utc, "Shipped", &[0])
            .by("2026-11-19", "2026-11-24")
            .pkg(Pkg::new(Ups, "2026-11-18 10:00").in_transit()),
        mfn("S3", "2026-11-18 08:00:00", Utc, "Shipped", &[2])
            .by("2026-11-20", "2026-11-25")
            .pkg(Pkg::new(Amazon, "2026-11-19 09:00").in_transit()),
        mfn("X6", "2026-11-18 15:00:00", Utc, "Unshipped", &[1]).by("2026-11-20", "2026-11-25"),
        mfn("X4", "2026-11-19 10:00:00", Utc, "Shipping", &[5]).by("2026-11-23", "2026-11-27"),
        mfn("X7", "2026-11-19 18:00:00", Local, "Unshipped", &[0, 3])
            .by("2026-11-23", "2026-11-27"),
        mfn("X5", "2026-11-20 23:50:00", Z, "Pending", &[2]).by("2026-11-24", "2026-11-30"),
    ]
}

/// (order label, date M/D/YY source, rating, comments, response, removed)
const FEEDBACK: &[(&str, &str, u8, &str, &str, &str)] = &[
    ("A1", "2026-09-16", 5, "Great mug, fast shipping", "", ""),
    ("A0", "2026-09-20", 1, "Never arrived", "", ""),
    (
        "F1",
        "2026-09-15",
        1,
        "Box crushed by the courier",
        "",
        "true",
    ),
    (
        "A2",
        "2026-09-24",
        1,
        "Arrived broken",
        "Sorry! A replacement is on its way.",
        "",
    ),
    ("F2", "2026-09-25", 5, "As described", "", ""),
    ("A3", "2026-10-01", 2, "Hat runs small", "", ""),
    (
        "F4",
        "2026-10-30",
        5,
        "Love the \"Deluxe\" mug",
        "",
        "false",
    ),
    ("B9", "2026-11-08", 3, "OK", "", ""),
    ("B19", "2026-11-16", 5, "Perfect", "Thank you!", ""),
    ("A11", "2026-11-18", 2, "Slow to ship", "", ""),
    ("A12", "2026-11-19", 1, "Wrong colour", "", ""),
];

/// (order label, claim-type, claim-date, claim-status, reason) -- reason is written verbatim (CSV)
const CLAIMS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "A3",
        "a-to-z",
        "2026-10-05",
        "granted",
        "Item not as described",
    ),
    (
        "A5",
        "chargeback",
        "2026-10-20",
        "",
        "\"Item not received, tracking stalled\"",
    ),
    (
        "F3",
        "chargeback",
        "2026-10-12",
        "granted",
        "Fraudulent card use",
    ),
    (
        "B5",
        "a-to-z",
        "2026-11-04",
        "denied",
        "Buyer says not received; carrier confirmed delivery",
    ),
    (
        "B6",
        "A-to-z Guarantee",
        "2026-11-05",
        "withdrawn",
        "Buyer withdrew after refund",
    ),
    (
        "B8",
        "atoz",
        "2026-11-06",
        "reversed",
        "Seller appeal granted",
    ),
];

/// (order label, A-to-Z Claim, return request date, reason)
const RETURNS: &[(&str, &str, &str, &str)] = &[
    ("A9", "Y", "2026-10-20 10:00", "CR-DEFECTIVE"),
    ("B10", "N", "2026-11-09 09:00", "CR-UNWANTED_ITEM"),
];

/// (message-id, order label or "", received (LA wall time), received format, responded, responded format,
/// no-response-needed)
#[allow(clippy::type_complexity)]
const MESSAGES: &[(&str, &str, &str, Fmt, &str, Fmt, &str)] = &[
    (
        "M0001",
        "A1",
        "2026-08-22 23:00:00",
        Fmt::Local,
        "2026-08-24 10:00:00",
        Fmt::Local,
        "false",
    ),
    (
        "M0002",
        "A0",
        "2026-08-23 00:00:00",
        Fmt::Local,
        "2026-08-23 06:00:00",
        Fmt::Local,
        "false",
    ),
    (
        "M0003",
        "A2",
        "2026-09-23 10:00:00",
        Fmt::Z,
        "2026-09-25 09:00:00",
        Fmt::Z,
        "false",
    ),
    (
        "M0004",
        "A5",
        "2026-10-05 08:00:00",
        Fmt::Local,
        "2026-10-05 09:30:00",
        Fmt::Local,
        "false",
    ),
    (
        "M0005",
        "B2",
        "2026-10-22 00:30:00",
        Fmt::Local,
        "2026-10-22 08:00:00",
        Fmt::Local,
        "false",
    ),
    (
        "M0006",
        "B7",
        "2026-10-30 09:00:00",
        Fmt::Local,
        "2026-10-30 17:00:00",
        Fmt::Local,
        "false",
    ),
    (
        "M0007",
        "B17",
        "2026-11-11 12:00:00",
        Fmt::Local,
        "2026-11-12 08:00:00",
        Fmt::Local,
        "false",
    ),
    (
        "M0008",
        "C1L",
        "2026-11-10 08:00:00",
        Fmt::Local,
        "2026-11-11 08:00:01",
        Fmt::Local,
        "false",
    ),
    (
        "M0009",
        "B18",
        "2026-11-13 23:59:59",
        Fmt::Z,
        "2026-11-15 06:00:00",
        Fmt::Z,
        "false",
    ),
    (
        "M0010",
        "S1",
        "2026-11-14 00:00:00",
        Fmt::Local,
        "2026-11-14 01:00:00",
        Fmt::Local,
        "false",
    ),
    (
        "M0011",
        "X3",
        "2026-11-15 09:00:00",
        Fmt::Local,
        "2026-11-15 14:00:00",
        Fmt::Local,
        "false",
    ),
    (
        "M0012",
        "C1",
        "2026-11-16 10:00:00",
        Fmt::Local,
        "2026-11-16 10:45:00",
        Fmt::Local,
        "false",
    ),
    (
        "M0013",
        "C2B",
        "2026-11-17 08:00:00",
        Fmt::Local,
        "",
        Fmt::Local,
        "true",
    ),
    (
        "M0014",
        "S2",
        "2026-11-17 13:00:00",
        Fmt::Local,
        "2026-11-18 09:00:00",
        Fmt::Local,
        "false",
    ),
    (
        "M0015",
        "X6",
        "2026-11-18 09:15:00",
        Fmt::Local,
        "2026-11-19 09:15:00",
        Fmt::Z,
        "false",
    ),
    (
        "M0016",
        "",
        "2026-11-18 20:00:00",
        Fmt::Local,
        "2026-11-19 08:00:00",
        Fmt::Local,
        "",
    ),
    (
        "M0017",
        "X1",
        "2026-11-19 10:00:00",
        Fmt::Local,
        "2026-11-19 12:30:00",
        Fmt::Local,
        "false",
    ),
    (
        "M0018",
        "X2",
        "2026-11-19 23:59:59",
        Fmt::Local,
        "",
        Fmt::Local,
        "false",
    ),
    (
        "M0019",
        "X7",
        "2026-11-20 00:00:00",
        Fmt::Local,
        "",
        Fmt::Local,
        "false",
    ),
    (
        "M0020",
        "X4",
        "2026-11-20 15:00:00",
        Fmt::Local,
        "",
        Fmt::Local,
        "false",
    ),
    (
        "M0021",
        "S3",
        "2026-11-20 10:00:00",
        Fmt::Local,
        "2026-11-20 11:30:00",
        Fmt::Local,
        "false",
    ),
    (
        "M0022",
        "B24",
        "2026-11-16 16:00:00",
        Fmt::Local,
        "2026-11-17 09:00:00",
        Fmt::Local,
        "false",
    ),
];

// ------------------------------------------------------------------------------------------ writing

const ALL_ORDERS_HEADER: &str = "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\torder-channel\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\titem-promotion-discount\tship-promotion-discount\tship-city\tship-state\tship-postal-code\tship-country\tpromotion-ids\tcpf\tis-business-order\tpurchase-order-number\tprice-designation\tsignature-confirmation-recommended\tis-buyer-requested-cancellation";

const ORDER_REPORT_HEADER: &str = "order-id\torder-item-id\tpurchase-date\tpayments-date\tbuyer-email\tbuyer-name\tbuyer-phone-number\tsku\tproduct-name\tquantity-purchased\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\tship-service-level\trecipient-name\tship-address-1\tship-address-2\tship-address-3\tship-city\tship-state\tship-postal-code\tship-country\tship-phone-number\titem-promotion-discount\titem-promotion-id\tship-promotion-discount\tship-promotion-id\tdelivery-start-date\tdelivery-end-date\tdelivery-time-zone\tdelivery-Instructions\tsales-channel\tearliest-ship-date\tlatest-ship-date\tearliest-delivery-date\tlatest-delivery-date\tis-business-order\tpurchase-order-number\tprice-designation\tis-prime\ttax-collection-model\ttax-collection-responsible-party";

const SHIP_CONFIRM_HEADER: &str =
    "order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\ttracking-number\tship-method";

const FEEDBACK_HEADER: &str =
    "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\tremoved";

const RETURNS_HEADER: &str = "Order ID\tOrder date\tReturn request date\tReturn request status\tAmazon RMA ID\tMerchant RMA ID\tLabel type\tLabel cost\tCurrency code\tReturn carrier\tTracking ID\tLabel to be paid by\tA-to-Z Claim\tIs prime\tASIN\tMerchant SKU\tItem Name\tReturn quantity\tReturn Reason\tIn policy\tReturn type\tResolution\tInvoice number\tReturn delivery date\tOrder Amount\tOrder quantity\tSafeT Action reason\tSafeT claim id\tSafeT claim state\tSafeT claim creation time\tSafeT claim reimbursement amount\tRefunded Amount";

fn item_status(order_status: &str, pkgs: &[Pkg], item_index: usize) -> &'static str {
    match order_status {
        "Cancelled" => "Cancelled",
        "Pending" | "Unshipped" | "Shipping" => "Unshipped",
        "PartiallyShipped" => {
            let shipped = pkgs
                .iter()
                .flat_map(|p| p.rows.iter())
                .any(|r| r.item == Some(item_index));
            if shipped {
                "Shipped"
            } else {
                "Unshipped"
            }
        }
        _ => "Shipped",
    }
}

struct Ids {
    order: Vec<String>,
    items: Vec<Vec<String>>,
    tracking: Vec<Vec<String>>,
}

fn make_ids(orders: &[Order]) -> Ids {
    let mut r = SplitMix(0x5E11_E7A1_2026_1120);
    let mut ids = Ids {
        order: Vec::new(),
        items: Vec::new(),
        tracking: Vec::new(),
    };
    for o in orders {
        let prefix = 111 + r.below(4);
        ids.order
            .push(format!("{prefix}-{}-{}", r.digits(7), r.digits(7)));
        ids.items
            .push(o.items.iter().map(|_| r.digits(14)).collect());
        ids.tracking.push(
            o.pkgs
                .iter()
                .map(|p| match p.tracking {
                    Some(t) => t.to_string(),
                    None => p.carrier.tracking(&mut r),
                })
                .collect(),
        );
    }
    ids
}

fn spaced_lower(t: &str) -> String {
    // "1ZAB12CD3456789012" -> "1z ab1 2cd 34 5678 9012"
    let lower = t.to_ascii_lowercase();
    let groups = [2usize, 3, 3, 2, 4, 4];
    let mut out = String::new();
    let mut pos = 0;
    for g in groups {
        if pos >= lower.len() {
            break;
        }
        let end = (pos + g).min(lower.len());
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(lower.get(pos..end).unwrap_or(""));
        pos = end;
    }
    if pos < lower.len() {
        out.push_str(lower.get(pos..).unwrap_or(""));
    }
    out
}

fn run(out: &PathBuf) -> io::Result<()> {
    let orders = orders();
    let ids = make_ids(&orders);
    let by_label: HashMap<&str, usize> = orders
        .iter()
        .enumerate()
        .map(|(i, o)| (o.label, i))
        .collect();
    let id_of = |label: &str| -> String {
        by_label
            .get(label)
            .and_then(|&i| ids.order.get(i))
            .cloned()
            .unwrap_or_default()
    };
    fs::create_dir_all(out)?;

    // all-orders.txt
    let mut all = String::from(ALL_ORDERS_HEADER);
    all.push('\n');
    for (oi, o) in orders.iter().enumerate() {
        let p = local(o.purchase);
        let last = match o.last_updated {
            Some((t, f)) => fmt(local(t), f),
            None => {
                let latest_ship = o
                    .pkgs
                    .iter()
                    .flat_map(|k| k.rows.iter())
                    .map(|r| local(r.ship))
                    .max();
                match (latest_ship, o.status) {
                    (Some(s), _) => fmt(s + 2 * 3600, Fmt::Utc),
                    (None, s) if s.starts_with("Shipped") => fmt(p + 2 * 86_400, Fmt::Utc),
                    (None, _) => fmt(p + 3600, Fmt::Utc),
                }
            }
        };
        let channel = if o.afn { "Amazon" } else { "Merchant" };
        for (ii, &pi) in o.items.iter().enumerate() {
            let prod = &PRODUCTS[pi];
            let buyer_req = match o.buyer_req {
                BuyerReq::SecondRow if ii == 1 => "true",
                _ => "false",
            };
            let (price, tax) = if o.status == "Cancelled" {
                ("", "")
            } else {
                (prod.price, prod.tax)
            };
            let _ = writeln!(
                all,
                "{id}\t\t{pd}\t{last}\t{st}\t{channel}\tAmazon.com\t{och}\tStandard\t{name}\t{sku}\t{asin}\t{ist}\t1\tUSD\t{price}\t{tax}\t0.00\t0.00\t\t\t\t\tSPRINGFIELD\tIL\t62701\tUS\t\t\tfalse\t\t\tfalse\t{buyer_req}",
                id = ids.order[oi],
                pd = fmt(p, o.pfmt),
                st = o.status,
                och = if o.afn { "" } else { "WebsiteOrderChannel" },
                name = prod.name,
                sku = prod.sku,
                asin = prod.asin,
                ist = item_status(o.status, &o.pkgs, ii),
            );
        }
    }
    fs::write(out.join("all-orders.txt"), all)?;

    // order-report.txt (seller-fulfilled orders with their ship-by / deliver-by dates)
    let mut rep = String::from(ORDER_REPORT_HEADER);
    rep.push('\n');
    for (oi, o) in orders.iter().enumerate() {
        if !o.in_report {
            continue;
        }
        let p = local(o.purchase);
        let (Some(sb), Some(db)) = (o.ship_by, o.deliver_by) else {
            continue;
        };
        let lsd = end_of_day(sb);
        let led = end_of_day(db);
        for (ii, &pi) in o.items.iter().enumerate() {
            let prod = &PRODUCTS[pi];
            let _ = writeln!(
                rep,
                "{id}\t{item}\t{pd}\t{pd}\tbuyer@marketplace.amazon.com\tPat Buyer\t\t{sku}\t{name}\t1\tUSD\t{price}\t{tax}\t0.00\t0.00\tStandard\tPat Buyer\t1 Main St\t\t\tSPRINGFIELD\tIL\t62701\tUS\t\t\t\t\t\t\t\t\t\tAmazon.com\t{esd}\t{lsd}\t{edd}\t{led}\tfalse\t\t\tfalse\t\t",
                id = ids.order[oi],
                item = ids.items[oi][ii],
                pd = fmt(p, Fmt::Local),
                sku = prod.sku,
                name = prod.name,
                price = prod.price,
                tax = prod.tax,
                esd = fmt(p, Fmt::Utc),
                lsd = fmt(lsd, Fmt::Utc),
                edd = fmt(lsd + 86_400, Fmt::Utc),
                led = fmt(led, Fmt::Utc),
            );
        }
    }
    fs::write(out.join("order-report.txt"), rep)?;

    // ship-confirm.txt and deliveries.csv
    let mut ship = String::from(SHIP_CONFIRM_HEADER);
    ship.push('\n');
    let mut tail = String::new();
    let mut deliv = String::from("order-id,ship-date,carrier-code,tracking-number,delivered-at\n");
    for (oi, o) in orders.iter().enumerate() {
        for (pi, p) in o.pkgs.iter().enumerate() {
            let tracking = &ids.tracking[oi][pi];
            for r in &p.rows {
                let (item, qty) = match r.item {
                    Some(i) => (ids.items[oi][i].as_str(), "1"),
                    None => ("", ""),
                };
                let (code, name) = if r.no_carrier {
                    ("", "")
                } else {
                    (p.carrier.code(), p.carrier.name())
                };
                let t = if r.spaced {
                    spaced_lower(tracking)
                } else {
                    tracking.clone()
                };
                let line = format!(
                    "{}\t{item}\t{qty}\t{}\t{code}\t{name}\t{t}\t{}\n",
                    ids.order[oi],
                    fmt(local(r.ship), r.fmt),
                    p.carrier.method()
                );
                if r.at_end {
                    tail.push_str(&line);
                } else {
                    ship.push_str(&line);
                }
            }
            // the carrier export: one row per package, the latest ship-date as the seller entered it
            let last_row = p.rows.iter().max_by_key(|r| local(r.ship));
            let ship_date = last_row
                .map(|r| fmt(local(r.ship), r.fmt))
                .unwrap_or_default();
            let delivered = match p.deliv {
                Deliv::At(t, f) => Some(fmt(local(t), f)),
                Deliv::InTransit => Some(String::new()),
                Deliv::NoRow => None,
            };
            if let Some(d) = delivered {
                let code = if p.carrier == Carrier::OnTrac {
                    "OnTrac"
                } else {
                    p.carrier.code()
                };
                let _ = writeln!(deliv, "{},{ship_date},{code},{tracking},{d}", ids.order[oi]);
            }
        }
    }
    ship.push_str(&tail);
    fs::write(out.join("ship-confirm.txt"), ship)?;
    fs::write(out.join("deliveries.csv"), deliv)?;

    // feedback.txt
    let mut fb = String::from(FEEDBACK_HEADER);
    fb.push('\n');
    for (label, date, rating, comments, response, removed) in FEEDBACK {
        let _ = writeln!(
            fb,
            "{}\t{rating}\t{comments}\t{response}\t{}\tx{}@marketplace.amazon.com\t{removed}",
            us_date(date),
            id_of(label),
            label.to_ascii_lowercase()
        );
    }
    fs::write(out.join("feedback.txt"), fb)?;

    // claims.csv
    let mut cl = String::from("order-id,claim-type,claim-date,claim-status,reason\n");
    for (label, kind, date, status, reason) in CLAIMS {
        let _ = writeln!(cl, "{},{kind},{date},{status},{reason}", id_of(label));
    }
    fs::write(out.join("claims.csv"), cl)?;

    // returns.txt
    let mut ret = String::from(RETURNS_HEADER);
    ret.push('\n');
    for (label, atoz, requested, reason) in RETURNS {
        let Some(&oi) = by_label.get(label) else {
            continue;
        };
        let o = &orders[oi];
        let prod = &PRODUCTS[o.items.first().copied().unwrap_or(0)];
        let _ = writeln!(
            ret,
            "{id}\t{od}\t{rd}\tApproved\tD{rma}\t\tAmazonPrePaidLabel\t5.10\tUSD\tUPS\t1Z999AA10123456784\tSeller\t{atoz}\tN\t{asin}\t{sku}\t{name}\t1\t{reason}\tY\tC-Returns\tStandardRefund\t\t\t{price}\t1\t\t\t\t\t\t{price}",
            id = ids.order[oi],
            od = dmy_mon(local(o.purchase)),
            rd = dmy_mon(local(requested)),
            rma = &ids.items[oi][0][..8.min(ids.items[oi][0].len())],
            asin = prod.asin,
            sku = prod.sku,
            name = prod.name,
            price = prod.price,
        );
    }
    fs::write(out.join("returns.txt"), ret)?;

    // messages.csv
    let mut msg = String::from("message-id,order-id,received-at,responded-at,no-response-needed\n");
    for (mid, label, rec, rf, resp, pf, nrn) in MESSAGES {
        let order = if label.is_empty() {
            String::new()
        } else {
            id_of(label)
        };
        let resp = if resp.is_empty() {
            String::new()
        } else {
            fmt(local(resp), *pf)
        };
        let _ = writeln!(msg, "{mid},{order},{},{resp},{nrn}", fmt(local(rec), *rf));
    }
    fs::write(out.join("messages.csv"), msg)?;

    for (i, o) in orders.iter().enumerate() {
        println!("{}\t{}", o.label, ids.order[i]);
    }
    Ok(())
}

fn main() -> io::Result<()> {
    let out = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("fixtures/demo"));
    run(&out)
}
