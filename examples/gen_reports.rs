//! Deterministic generator of synthetic Seller Central reports, for benchmarking `sellerhealth`.
//!
//! ```text
//! cargo run --release --example gen_reports -- --orders 2500000 --seed 5 OUT/
//! cargo run --release --example gen_reports -- --orders 20000 --seed 5 --all-kinds OUT/
//! ```
//!
//! Writes `OUT/all-orders.txt`, an All Orders report (tab-delimited, no quoting, the exact header of
//! Amazon's report). With `--all-kinds` it also writes `OUT/ship-confirm.txt` (shipping confirmation
//! upload), `OUT/order-report.txt` (Order Report with ship-by and deliver-by dates), `OUT/feedback.txt`
//! (seller feedback report, US `M/D/YY` dates) and `OUT/messages.csv` (buyer messages).
//!
//! Orders are placed in the 120 days ending 2026-11-21T00:00:00Z (the end of 2026-11-20 UTC), so the
//! natural as-of day is 2026-11-20 in America/Los_Angeles. About 20% are fulfilled by Amazon, about
//! 2.6% are cancelled (45% of those at the buyer's request), about 18% have several items (one row
//! each). Rows average about 260 bytes: 2.5 M orders give about 3.1 M rows and 800 MB.
//!
//! The output depends only on the arguments: same arguments, same bytes. `all-orders.txt` is the same
//! with or without `--all-kinds` (the extra files draw from their own random streams). Standard library
//! only; the PRNG is SplitMix64. At the end it prints to standard error the figures the audit must find
//! for as-of 2026-11-20 (America/Los_Angeles): the order defect rate denominators and the
//! pre-fulfillment cancel rate counts.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;
/// Days of purchases generated, ending at `end_instant()`.
const SPAN_DAYS: i64 = 120;
/// The as-of day the expected figures are computed for (America/Los_Angeles).
const AS_OF: (i64, u32, u32) = (2026, 11, 20);

// ---------------------------------------------------------------------------------------------
// PRNG

/// SplitMix64: tiny, fast, and good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..hi` (`hi` > `lo`).
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo) as u64) as i64
    }

    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Derives an independent seed from two values.
fn mix(a: u64, b: u64) -> u64 {
    let mut r = Rng::new(a ^ b.wrapping_mul(0xD605_BBB5_8C8A_BBFD));
    r.next_u64();
    r.next_u64()
}

// ---------------------------------------------------------------------------------------------
// Calendar (proleptic Gregorian, days since 1970-01-01)

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// 0 = Monday … 6 = Sunday.
fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// UTC offset of America/Los_Angeles at a UTC instant (US rules since 2007).
fn la_offset(t: i64) -> i64 {
    let (y, _, _) = civil_from_days(t.div_euclid(DAY));
    let mar1 = days_from_civil(y, 3, 1);
    let second_sunday_mar = mar1 + (6 - weekday(mar1)).rem_euclid(7) + 7;
    let nov1 = days_from_civil(y, 11, 1);
    let first_sunday_nov = nov1 + (6 - weekday(nov1)).rem_euclid(7);
    let dst_start = second_sunday_mar * DAY + 10 * HOUR; // 02:00 PST
    let dst_end = first_sunday_nov * DAY + 9 * HOUR; // 02:00 PDT
    if t >= dst_start && t < dst_end {
        -7 * HOUR
    } else {
        -8 * HOUR
    }
}

/// The America/Los_Angeles calendar day of an instant.
fn la_day(t: i64) -> i64 {
    (t + la_offset(t)).div_euclid(DAY)
}

/// 23:59:59 of an America/Los_Angeles day, as a UTC instant.
fn la_end_of_day(day: i64) -> i64 {
    let local = (day + 1) * DAY - 1;
    let pdt = local + 7 * HOUR;
    if la_offset(pdt) == -7 * HOUR {
        pdt
    } else {
        local + 8 * HOUR
    }
}

/// The `n`-th business day (Monday–Friday) after `day` (n = 0: `day` itself).
fn add_business_days(mut day: i64, n: u32) -> i64 {
    for _ in 0..n {
        day += 1;
        while weekday(day) >= 5 {
            day += 1;
        }
    }
    day
}

/// 2026-11-21T00:00:00Z: the end of the generated purchase span.
fn end_instant() -> i64 {
    days_from_civil(2026, 11, 21) * DAY
}

// ---------------------------------------------------------------------------------------------
// Formatting into a byte buffer

fn push_num(buf: &mut Vec<u8>, mut n: u64) {
    let mut tmp = [0u8; 20];
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&tmp[i..]);
}

/// `n` zero-padded to `width` digits.
fn push_padded(buf: &mut Vec<u8>, mut n: u64, width: usize) {
    let start = buf.len();
    buf.resize(start + width, b'0');
    let mut i = start + width;
    while i > start {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// Cents as `12.34` (negative as `-12.34`).
fn push_money(buf: &mut Vec<u8>, cents: i64) {
    if cents < 0 {
        buf.push(b'-');
    }
    let c = cents.unsigned_abs();
    push_num(buf, c / 100);
    buf.push(b'.');
    push_padded(buf, c % 100, 2);
}

fn push_date(buf: &mut Vec<u8>, day: i64) {
    let (y, m, d) = civil_from_days(day);
    push_padded(buf, y as u64, 4);
    buf.push(b'-');
    push_padded(buf, u64::from(m), 2);
    buf.push(b'-');
    push_padded(buf, u64::from(d), 2);
}

enum Zone {
    /// `+00:00`
    Utc,
    /// `Z`
    Zulu,
    /// America/Los_Angeles, `-07:00` / `-08:00`
    LosAngeles,
}

/// RFC 3339 instant at one-second precision.
fn push_instant(buf: &mut Vec<u8>, t: i64, zone: &Zone) {
    let off = match zone {
        Zone::Utc | Zone::Zulu => 0,
        Zone::LosAngeles => la_offset(t),
    };
    let local = t + off;
    push_date(buf, local.div_euclid(DAY));
    let s = local.rem_euclid(DAY) as u64;
    buf.push(b'T');
    push_padded(buf, s / 3600, 2);
    buf.push(b':');
    push_padded(buf, s / 60 % 60, 2);
    buf.push(b':');
    push_padded(buf, s % 60, 2);
    match zone {
        Zone::Zulu => buf.push(b'Z'),
        _ => {
            buf.push(if off < 0 { b'-' } else { b'+' });
            let a = off.unsigned_abs();
            push_padded(buf, a / 3600, 2);
            buf.push(b':');
            push_padded(buf, a / 60 % 60, 2);
        }
    }
}

/// US feedback report date: `M/D/YY`.
fn push_us_date(buf: &mut Vec<u8>, day: i64) {
    let (y, m, d) = civil_from_days(day);
    push_num(buf, u64::from(m));
    buf.push(b'/');
    push_num(buf, u64::from(d));
    buf.push(b'/');
    push_padded(buf, (y % 100) as u64, 2);
}

fn push_alnum(buf: &mut Vec<u8>, rng: &mut Rng, n: usize) {
    const CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    for _ in 0..n {
        buf.push(*rng.pick(CHARS));
    }
}

fn push_digits(buf: &mut Vec<u8>, rng: &mut Rng, n: usize) {
    for _ in 0..n {
        buf.push(b'0' + rng.below(10) as u8);
    }
}

// ---------------------------------------------------------------------------------------------
// Identifiers: affine permutations of 0..10^14, so every order (and item) gets a distinct id.

const TEN14: u128 = 100_000_000_000_000;

fn order_id(i: u64, prefix: u64, salt: u64) -> [u8; 19] {
    let n = (u128::from(i) * 73_939_133_871_237 + u128::from(salt)) % TEN14;
    let mut id = [b'-'; 19];
    let mut v = n as u64;
    for k in (12..19).rev() {
        id[k] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    for k in (4..11).rev() {
        id[k] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    id[0] = b'1';
    id[1] = b'1';
    id[2] = b'1' + prefix as u8;
    id
}

fn push_order_item_id(buf: &mut Vec<u8>, i: u64, item: u64, salt: u64) {
    let n =
        ((u128::from(i) * 8 + u128::from(item)) * 29_497_513_910_653 + u128::from(salt)) % TEN14;
    push_padded(buf, n as u64, 14);
}

// ---------------------------------------------------------------------------------------------
// Catalog

struct Product {
    name: String,
    sku: String,
    asin: String,
    price_cents: i64,
}

const BRANDS: &[&str] = &[
    "Zenvo",
    "Homelux",
    "KitchenCraft Pro",
    "Pure Harbor",
    "Trailmark",
    "NovaTech",
    "Lumen & Oak",
    "BrightNest",
    "Everpeak Outdoors",
    "SunnyPaws",
    "Urban Loom",
    "Ironwood Supply Co.",
    "Blue Fjord",
    "Maple Row",
    "Vantix",
    "Coral Bay Living",
    "Stonecrest",
    "Northwind Gear",
    "Petal & Pine",
    "Quantum Kitchen",
];

/// (noun, sku code, sizes)
const NOUNS: &[(&str, &str, &[&str])] = &[
    ("Water Bottle", "WTR", &["17 oz", "25 oz", "32 oz", "40 oz"]),
    ("Personalized Photo Mug", "MUG", &["11 oz", "15 oz"]),
    (
        "Throw Pillow Insert",
        "PIL",
        &["12\" x 18\"", "18\" x 18\"", "20\" x 20\""],
    ),
    ("USB-C Cable", "CBL", &["3 ft", "6 ft", "10 ft", "2-Pack"]),
    ("Silicone Baking Mat", "BAK", &["Half Sheet", "Set of 3"]),
    ("Yoga Mat with Strap", "YOG", &["1/4\"", "1/2\""]),
    ("LED Desk Lamp", "LMP", &["Dimmable", "USB"]),
    ("Bamboo Cutting Board", "CUT", &["3-Piece", "Large"]),
    ("Dog Chew Toy", "DOG", &["Small", "Medium", "Large"]),
    ("\"Classic\" Bucket Hat, Cotton", "HAT", &["S/M", "L/XL"]),
    (
        "Memory Foam Bath Mat",
        "BTH",
        &["17\" x 24\"", "20\" x 32\""],
    ),
    ("Cast Iron Skillet", "SKL", &["8 in", "10.25 in", "12 in"]),
    ("Meal Prep Containers", "MPC", &["10-Pack", "5-Pack"]),
    ("Wireless Earbuds", "EAR", &["Bluetooth 5.3", "IPX7"]),
    ("iPhone 15 Case", "PHC", &["Clear", "Matte"]),
    ("Microfiber Cloths", "MFC", &["12-Pack", "24-Pack"]),
    ("Ceramic Plant Pot", "POT", &["4 in", "6 in", "Set of 3"]),
    ("Resistance Bands Set", "RSB", &["5 Levels", "Heavy"]),
    ("Blackout Curtains", "CUR", &["52\" x 63\"", "52\" x 84\""]),
    ("Kids' Art Kit", "ART", &["150 Pcs", "208 Pcs"]),
    ("Soy Candle, Lavender", "CND", &["8 oz", "14 oz"]),
    ("Milk Frother", "FRO", &["Handheld", "Rechargeable"]),
    ("String Lights", "STR", &["25 ft", "48 ft"]),
    ("Compression Socks", "SOC", &["S/M", "L/XL", "3 Pairs"]),
];

const COLORS: &[(&str, &str)] = &[
    ("Black", "BK"),
    ("White", "WH"),
    ("Navy", "NV"),
    ("Gray", "GY"),
    ("Sage Green", "SG"),
    ("Pink", "PK"),
    ("Natural", "NT"),
    ("Red", "RD"),
    ("Teal", "TL"),
    ("Beige", "BG"),
];

fn build_catalog(rng: &mut Rng, n: usize) -> Vec<Product> {
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let brand = *rng.pick(BRANDS);
        let (noun, ncode, sizes) = *rng.pick(NOUNS);
        let size = *rng.pick(sizes);
        let (color, ccode) = *rng.pick(COLORS);
        let mut name = String::new();
        if rng.chance(50) {
            name.push_str(brand);
            name.push(' ');
        }
        name.push_str(noun);
        name.push_str(", ");
        name.push_str(size);
        if rng.chance(200) {
            name.push_str(", ");
            name.push_str(color);
        }
        let sku = format!("{ncode}-{k:04}-{ccode}");
        let mut asin = b"B0".to_vec();
        push_alnum(&mut asin, rng, 8);
        let dollars = rng.range(6, 90);
        let cents = *rng.pick(&[99, 99, 99, 49, 95, 0]);
        out.push(Product {
            name,
            sku,
            asin: String::from_utf8_lossy(&asin).into_owned(),
            price_cents: dollars * 100 + cents,
        });
    }
    out
}

/// (city, state, postal code, tax rate in basis points)
const CITIES: &[(&str, &str, &str, i64)] = &[
    ("NEW YORK", "NY", "10001", 888),
    ("BROOKLYN", "NY", "11201", 888),
    ("LOS ANGELES", "CA", "90012", 950),
    ("SAN DIEGO", "CA", "92101", 775),
    ("SAN JOSE", "CA", "95113", 938),
    ("SACRAMENTO", "CA", "95814", 875),
    ("CHICAGO", "IL", "60601", 1025),
    ("SPRINGFIELD", "IL", "62701", 975),
    ("HOUSTON", "TX", "77002", 825),
    ("DALLAS", "TX", "75201", 825),
    ("AUSTIN", "TX", "78701", 825),
    ("SAN ANTONIO", "TX", "78205", 825),
    ("PHOENIX", "AZ", "85004", 860),
    ("TUCSON", "AZ", "85701", 870),
    ("PHILADELPHIA", "PA", "19103", 800),
    ("PITTSBURGH", "PA", "15222", 700),
    ("JACKSONVILLE", "FL", "32202", 750),
    ("MIAMI", "FL", "33130", 700),
    ("ORLANDO", "FL", "32801", 650),
    ("TAMPA", "FL", "33602", 750),
    ("COLUMBUS", "OH", "43215", 750),
    ("CLEVELAND", "OH", "44114", 800),
    ("CHARLOTTE", "NC", "28202", 725),
    ("RALEIGH", "NC", "27601", 725),
    ("INDIANAPOLIS", "IN", "46204", 700),
    ("SEATTLE", "WA", "98101", 1035),
    ("SPOKANE", "WA", "99201", 910),
    ("DENVER", "CO", "80202", 881),
    ("BOSTON", "MA", "02108", 625),
    ("NASHVILLE", "TN", "37203", 925),
    ("DETROIT", "MI", "48226", 600),
    ("PORTLAND", "OR", "97204", 0),
    ("LAS VEGAS", "NV", "89101", 838),
    ("MEMPHIS", "TN", "38103", 975),
    ("LOUISVILLE", "KY", "40202", 600),
    ("BALTIMORE", "MD", "21202", 600),
    ("MILWAUKEE", "WI", "53202", 560),
    ("ALBUQUERQUE", "NM", "87102", 788),
    ("ATLANTA", "GA", "30303", 890),
    ("KANSAS CITY", "MO", "64106", 885),
    ("OMAHA", "NE", "68102", 700),
    ("MINNEAPOLIS", "MN", "55401", 903),
    ("SALT LAKE CITY", "UT", "84101", 775),
    ("RICHMOND", "VA", "23219", 600),
    ("NEW ORLEANS", "LA", "70112", 945),
    ("BOISE", "ID", "83702", 600),
    ("ANCHORAGE", "AK", "99501", 0),
    ("HONOLULU", "HI", "96813", 450),
    ("BURLINGTON", "VT", "05401", 700),
    ("WILMINGTON", "DE", "19801", 0),
];

const PROMOTIONS: &[&str] = &[
    "US Core Free Shipping Promotion A3K2QF7RZ8XW1M",
    "Subscribe and Save Promotion V2 5b7e1f0c-2a9d-4e61-8c1f-7d3a2b9e6f40",
    "Lightning Deal 8f2c4a1e-33b7-4f0e-9a6d-2c5b8e7f1d09",
    "PLM-Coupon-0d4e9b7a-51c2-48f3-a6e0-9b1c3d5f7a28",
];

const COMMENTS_GOOD: &[&str] = &[
    "Great product, arrived quickly. Would buy again!",
    "Exactly as described and well packaged.",
    "Fast shipping, item works perfectly.",
    "Good seller, quick delivery.",
    "Very happy with this purchase, thank you!",
];

const COMMENTS_MEDIUM: &[&str] = &[
    "Item was ok but took a while to arrive.",
    "Product fine, packaging was a bit damaged.",
    "Not quite what I expected but it works.",
];

const COMMENTS_BAD: &[&str] = &[
    "Item arrived late and damaged.",
    "Never received my order; no reply from the seller.",
    "Wrong color sent, still waiting for a refund.",
    "Product stopped working after two days. \"New\" my foot.",
    "Package was empty when it arrived.",
];

const RESPONSES: &[&str] = &[
    "We are sorry for the trouble; a replacement has been sent.",
    "Refund issued. Please contact us through Buyer-Seller Messaging.",
    "Thank you for your feedback, we have reached out to help.",
];

// ---------------------------------------------------------------------------------------------
// Generation

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Pending,
    Unshipped,
    Shipped,
    Delivered,
    Cancelled,
}

impl Status {
    fn order_status(self) -> &'static [u8] {
        match self {
            Status::Pending => b"Pending",
            Status::Unshipped => b"Unshipped",
            Status::Shipped => b"Shipped",
            Status::Delivered => b"Shipped - Delivered to Buyer",
            Status::Cancelled => b"Cancelled",
        }
    }

    /// As in Amazon's sample report: only cancelled items carry an item status.
    fn item_status(self) -> &'static [u8] {
        match self {
            Status::Cancelled => b"Cancelled",
            _ => b"",
        }
    }

    fn shipped(self) -> bool {
        matches!(self, Status::Shipped | Status::Delivered)
    }
}

struct Args {
    orders: u64,
    seed: u64,
    all_kinds: bool,
    out: PathBuf,
}

const USAGE: &str = "usage: gen_reports [--orders N] [--seed S] [--all-kinds] OUT_DIR
  --orders N    number of orders (default 2500000; about 1.24 rows and 320 bytes per order)
  --seed S      random seed (default 5); the output depends only on the arguments
  --all-kinds   also write ship-confirm.txt, order-report.txt, feedback.txt and messages.csv
Writes OUT_DIR/all-orders.txt (Amazon All Orders report, tab-delimited, no quoting).";

fn parse_args() -> Result<Args, String> {
    let mut orders = 2_500_000u64;
    let mut seed = 5u64;
    let mut all_kinds = false;
    let mut out = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--orders" | "--seed" => {
                let v = it.next().ok_or_else(|| format!("{a} needs a value"))?;
                let n: u64 = v
                    .replace('_', "")
                    .parse()
                    .map_err(|_| format!("{a}: '{v}' is not a number"))?;
                if a == "--orders" {
                    orders = n;
                } else {
                    seed = n;
                }
            }
            "--all-kinds" => all_kinds = true,
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => {
                if out.replace(PathBuf::from(s)).is_some() {
                    return Err("only one output directory".into());
                }
            }
        }
    }
    let out = out.ok_or_else(|| "missing OUT_DIR".to_string())?;
    if orders >= 100_000_000 {
        return Err("--orders must be below 100000000".into());
    }
    Ok(Args {
        orders,
        seed,
        all_kinds,
        out,
    })
}

struct Sink {
    w: BufWriter<File>,
    rows: u64,
    bytes: u64,
}

impl Sink {
    fn create(dir: &Path, name: &str, header: &str) -> io::Result<Sink> {
        let path = dir.join(name);
        let f = File::create(&path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        let mut s = Sink {
            w: BufWriter::with_capacity(8 << 20, f),
            rows: 0,
            bytes: 0,
        };
        s.w.write_all(header.as_bytes())?;
        s.w.write_all(b"\n")?;
        s.bytes = header.len() as u64 + 1;
        Ok(s)
    }

    fn row(&mut self, line: &[u8]) -> io::Result<()> {
        self.rows += 1;
        self.bytes += line.len() as u64;
        self.w.write_all(line)
    }

    fn finish(mut self) -> io::Result<(u64, u64)> {
        self.w.flush()?;
        Ok((self.rows, self.bytes))
    }
}

const ALL_ORDERS_HEADER: &str = "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\torder-channel\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\titem-promotion-discount\tship-promotion-discount\tship-city\tship-state\tship-postal-code\tship-country\tpromotion-ids\tcpf\tis-business-order\tpurchase-order-number\tprice-designation\tsignature-confirmation-recommended\tis-buyer-requested-cancellation";
const SHIP_CONFIRM_HEADER: &str =
    "order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\ttracking-number\tship-method";
const ORDER_REPORT_HEADER: &str =
    "order-id\torder-item-id\tpurchase-date\tlatest-ship-date\tlatest-delivery-date";
const FEEDBACK_HEADER: &str = "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email";
const MESSAGES_HEADER: &str = "message-id,order-id,received-at,responded-at,no-response-needed";

/// The extra report files of `--all-kinds`.
struct Extras {
    ship: Sink,
    order_report: Sink,
    feedback: Sink,
    messages: Sink,
    next_message: u64,
}

/// Counts the audit must reproduce for as-of 2026-11-20 in America/Los_Angeles.
#[derive(Default)]
struct Expected {
    odr_total_mfn: u64,
    odr_total_afn: u64,
    cancel_defects: u64,
    cancel_total: u64,
    cancelled: u64,
    afn: u64,
    multi_item: u64,
}

struct Item {
    product: usize,
    qty: i64,
}

fn run(args: &Args) -> io::Result<()> {
    let started = Instant::now();
    fs::create_dir_all(&args.out)?;
    let mut catalog_rng = Rng::new(mix(args.seed, 1));
    let catalog = build_catalog(&mut catalog_rng, 1500);
    let mut rng = Rng::new(mix(args.seed, 2));
    let extra_seed = mix(args.seed, 3);
    let id_salt = mix(args.seed, 4) % (TEN14 as u64);
    let item_salt = mix(args.seed, 5) % (TEN14 as u64);

    let end = end_instant();
    let start = end - SPAN_DAYS * DAY;
    let as_of = days_from_civil(AS_OF.0, AS_OF.1, AS_OF.2);
    let (odr_from, odr_to) = (as_of - 14 - 59, as_of - 14);
    let cancel_from = as_of - 6;

    let mut orders = Sink::create(&args.out, "all-orders.txt", ALL_ORDERS_HEADER)?;
    let mut extras = if args.all_kinds {
        Some(Extras {
            ship: Sink::create(&args.out, "ship-confirm.txt", SHIP_CONFIRM_HEADER)?,
            order_report: Sink::create(&args.out, "order-report.txt", ORDER_REPORT_HEADER)?,
            feedback: Sink::create(&args.out, "feedback.txt", FEEDBACK_HEADER)?,
            messages: Sink::create(&args.out, "messages.csv", MESSAGES_HEADER)?,
            next_message: 1,
        })
    } else {
        None
    };
    let mut exp = Expected::default();
    let mut line: Vec<u8> = Vec::with_capacity(4096);
    let mut items: Vec<Item> = Vec::with_capacity(8);

    for i in 0..args.orders {
        // --- the order (main stream: everything that shows in all-orders.txt) ---
        let id = order_id(i, rng.below(4), id_salt);
        let afn = rng.chance(200);
        let t = start + rng.below((SPAN_DAYS * DAY) as u64) as i64;
        let n_items = match rng.below(100) {
            0..=81 => 1,
            82..=94 => 2,
            95..=98 => 3,
            _ => 4,
        };
        let cancelled = rng.chance(26);
        let buyer_requested = cancelled && rng.chance(450);
        let handling_days = if rng.chance(700) { 1 } else { 2 };
        let ship_by = la_end_of_day(add_business_days(la_day(t), handling_days));
        // When the order would be shipped (seller-fulfilled: 4% after the ship-by deadline,
        // 0.3% never), if that is before the report was taken.
        let ship_at = if afn {
            Some(t + rng.range(2 * HOUR, 30 * HOUR))
        } else if rng.chance(3) {
            None
        } else if rng.chance(40) {
            Some(ship_by + rng.range(HOUR, 3 * DAY))
        } else {
            Some(t + rng.range(HOUR / 2, (ship_by - t).max(HOUR)))
        };
        let ship_at = ship_at.filter(|&s| s < end);
        let status = if cancelled {
            Status::Cancelled
        } else if let Some(s) = ship_at {
            if s + 4 * DAY < end && rng.chance(150) {
                Status::Delivered
            } else {
                Status::Shipped
            }
        } else if end - t < 12 * HOUR && rng.chance(300) {
            Status::Pending
        } else {
            Status::Unshipped
        };
        let updated = match status {
            Status::Shipped => ship_at.map_or(t, |s| s + rng.range(60, 2 * HOUR)),
            Status::Delivered => ship_at.map_or(t, |s| s + rng.range(2 * DAY, 4 * DAY)),
            Status::Pending | Status::Unshipped => t + rng.range(60, HOUR),
            Status::Cancelled => {
                if buyer_requested {
                    t + rng.range(10 * 60, DAY)
                } else if !afn && rng.chance(400) {
                    // automatically cancelled by Amazon: never confirmed
                    ship_by + rng.range(10 * DAY, 12 * DAY)
                } else {
                    t + rng.range(HOUR, 2 * DAY)
                }
            }
        };
        let updated = updated.min(end).max(t + 1);
        let service: &[u8] = match rng.below(100) {
            0..=64 => b"Standard",
            65..=84 => b"Expedited",
            85..=93 => b"SecondDay",
            94..=97 => b"NextDay",
            _ => b"FreeEconomy",
        };
        let city = rng.pick(CITIES);
        let business = rng.chance(60);
        let po = business && rng.chance(400);
        let signature = rng.chance(15);
        let promo = if rng.chance(60) {
            Some(rng.below(PROMOTIONS.len() as u64) as usize)
        } else {
            None
        };
        items.clear();
        for _ in 0..n_items {
            // popular products sell more: squared uniform index
            let u = rng.below(catalog.len() as u64);
            let product = (u * u / catalog.len() as u64) as usize;
            let qty = match rng.below(100) {
                0..=89 => 1,
                90..=97 => 2,
                _ => 3,
            };
            items.push(Item { product, qty });
        }

        // --- expected figures ---
        let day = la_day(t);
        if afn {
            exp.afn += 1;
        }
        if cancelled {
            exp.cancelled += 1;
        }
        if n_items > 1 {
            exp.multi_item += 1;
        }
        if (odr_from..=odr_to).contains(&day) {
            if afn {
                exp.odr_total_afn += 1;
            } else {
                exp.odr_total_mfn += 1;
            }
        }
        if !afn && (cancel_from..=as_of).contains(&day) {
            exp.cancel_total += 1;
            if cancelled && !buyer_requested {
                exp.cancel_defects += 1;
            }
        }

        // --- all-orders.txt rows ---
        for (k, it) in items.iter().enumerate() {
            let p = &catalog[it.product];
            line.clear();
            line.extend_from_slice(&id);
            line.extend_from_slice(b"\t\t");
            push_instant(&mut line, t, &Zone::Utc);
            line.push(b'\t');
            push_instant(&mut line, updated, &Zone::Utc);
            line.push(b'\t');
            line.extend_from_slice(status.order_status());
            line.extend_from_slice(if afn { b"\tAmazon" } else { b"\tMerchant" });
            line.extend_from_slice(b"\tAmazon.com\tWebsiteOrderChannel\t");
            line.extend_from_slice(service);
            line.push(b'\t');
            line.extend_from_slice(p.name.as_bytes());
            line.push(b'\t');
            line.extend_from_slice(p.sku.as_bytes());
            line.push(b'\t');
            line.extend_from_slice(p.asin.as_bytes());
            line.push(b'\t');
            line.extend_from_slice(status.item_status());
            line.push(b'\t');
            push_num(&mut line, it.qty as u64);
            line.extend_from_slice(b"\tUSD\t");
            let price = p.price_cents * it.qty;
            // Amazon leaves the price of pending seller-fulfilled orders blank.
            if status != Status::Pending || afn {
                push_money(&mut line, price);
                line.push(b'\t');
                push_money(&mut line, (price * city.3 + 5000) / 10000);
            } else {
                line.push(b'\t');
            }
            line.push(b'\t');
            let shipping = if afn || k > 0 || service == b"Standard" || service == b"FreeEconomy" {
                0
            } else if service == b"Expedited" {
                599
            } else {
                1299
            };
            push_money(&mut line, shipping);
            line.push(b'\t');
            push_money(&mut line, (shipping * city.3 + 5000) / 10000);
            line.extend_from_slice(b"\t\t\t");
            let discount = match promo {
                Some(1) => price / 20,
                Some(2) => price / 5,
                Some(3) => 300.min(price),
                _ => 0,
            };
            if promo.is_some() {
                push_money(&mut line, -discount);
                line.push(b'\t');
                push_money(&mut line, if promo == Some(0) { -shipping } else { 0 });
            } else {
                line.push(b'\t');
            }
            line.push(b'\t');
            line.extend_from_slice(city.0.as_bytes());
            line.push(b'\t');
            line.extend_from_slice(city.1.as_bytes());
            line.push(b'\t');
            line.extend_from_slice(city.2.as_bytes());
            line.extend_from_slice(b"\tUS\t");
            if let Some(pi) = promo {
                line.extend_from_slice(PROMOTIONS[pi].as_bytes());
            }
            line.extend_from_slice(b"\t\t");
            line.extend_from_slice(if business { b"true\t" } else { b"false\t" });
            if po {
                line.extend_from_slice(b"PO-");
                push_padded(&mut line, i % 1_000_000, 6);
            }
            line.push(b'\t');
            if business {
                line.extend_from_slice(b"BusinessPrice");
            }
            line.extend_from_slice(if signature { b"\ttrue" } else { b"\tfalse" });
            line.extend_from_slice(if buyer_requested {
                b"\ttrue\n"
            } else {
                b"\tfalse\n"
            });
            orders.row(&line)?;
        }

        // --- the other reports (own stream per order, so all-orders.txt does not depend on them) ---
        if let Some(x) = extras.as_mut() {
            let mut r = Rng::new(mix(extra_seed, i));
            if !afn {
                let deliver_by = la_end_of_day(la_day(ship_by) + r.range(2, 7));
                for k in 0..items.len() {
                    line.clear();
                    line.extend_from_slice(&id);
                    line.push(b'\t');
                    push_order_item_id(&mut line, i, k as u64, item_salt);
                    line.push(b'\t');
                    push_instant(&mut line, t, &Zone::LosAngeles);
                    line.push(b'\t');
                    push_instant(&mut line, ship_by, &Zone::Utc);
                    line.push(b'\t');
                    push_instant(&mut line, deliver_by, &Zone::Utc);
                    line.push(b'\n');
                    x.order_report.row(&line)?;
                }
                if let (true, Some(s)) = (status.shipped(), ship_at) {
                    // One package for the whole order, or one per item.
                    let per_item = items.len() > 1 && r.chance(150);
                    let mut tracking: Vec<u8> = Vec::with_capacity(32);
                    let mut carrier: &[u8] = b"";
                    for (k, it) in items.iter().enumerate() {
                        if k == 0 || per_item {
                            tracking.clear();
                            match r.below(100) {
                                0..=39 => {
                                    carrier = b"UPS\t\t";
                                    tracking.extend_from_slice(b"1Z");
                                    push_alnum(&mut tracking, &mut r, 16);
                                }
                                40..=74 => {
                                    carrier = b"USPS\t\t";
                                    tracking.extend_from_slice(b"9");
                                    push_digits(&mut tracking, &mut r, 21);
                                }
                                _ => {
                                    carrier = b"Amazon\t\t";
                                    tracking.extend_from_slice(b"TBA");
                                    push_digits(&mut tracking, &mut r, 12);
                                }
                            }
                        }
                        line.clear();
                        line.extend_from_slice(&id);
                        line.push(b'\t');
                        push_order_item_id(&mut line, i, k as u64, item_salt);
                        line.push(b'\t');
                        push_num(&mut line, it.qty as u64);
                        line.push(b'\t');
                        push_instant(&mut line, s, &Zone::LosAngeles);
                        line.push(b'\t');
                        line.extend_from_slice(carrier);
                        line.extend_from_slice(&tracking);
                        line.extend_from_slice(match carrier {
                            b"UPS\t\t" => b"\tUPS Ground\n".as_slice(),
                            b"USPS\t\t" => b"\tUSPS Ground Advantage\n".as_slice(),
                            _ => b"\tAmazon Shipping Ground\n".as_slice(),
                        });
                        x.ship.row(&line)?;
                    }
                }
            }
            // Feedback on ~1% of orders (only what was left by the as-of day).
            if r.chance(12) {
                let fday = la_day(ship_at.unwrap_or(t)) + r.range(2, 30);
                if fday <= as_of {
                    let rating: u64 = match r.below(100) {
                        0..=69 => 5,
                        70..=81 => 4,
                        82..=87 => 3,
                        88..=91 => 2,
                        _ => 1,
                    };
                    line.clear();
                    push_us_date(&mut line, fday);
                    line.push(b'\t');
                    push_num(&mut line, rating);
                    line.push(b'\t');
                    let comments = match rating {
                        5 | 4 => COMMENTS_GOOD,
                        3 => COMMENTS_MEDIUM,
                        _ => COMMENTS_BAD,
                    };
                    line.extend_from_slice(r.pick(comments).as_bytes());
                    line.push(b'\t');
                    if rating <= 2 && r.chance(500) {
                        line.extend_from_slice(r.pick(RESPONSES).as_bytes());
                    }
                    line.push(b'\t');
                    line.extend_from_slice(&id);
                    line.push(b'\t');
                    push_alnum(&mut line, &mut r, 14);
                    let n = line.len();
                    line[n - 14..].make_ascii_lowercase();
                    line.extend_from_slice(b"@marketplace.amazon.com\n");
                    x.feedback.row(&line)?;
                }
            }
            // Buyer messages on ~2% of orders.
            if r.chance(20) {
                let received = t + r.range(10 * 60, 14 * DAY);
                if received < end {
                    let no_response_needed = r.chance(50);
                    let responded = match r.below(100) {
                        _ if no_response_needed => None,
                        0..=3 => None,
                        4..=11 => Some(received + r.range(25 * HOUR, 72 * HOUR)),
                        12..=15 => Some(received + r.range(20 * HOUR, 24 * HOUR)),
                        _ => Some(received + r.range(5 * 60, 20 * HOUR)),
                    }
                    .filter(|&x| x < end);
                    line.clear();
                    line.push(b'M');
                    push_padded(&mut line, x.next_message, 9);
                    x.next_message += 1;
                    line.push(b',');
                    line.extend_from_slice(&id);
                    line.push(b',');
                    push_instant(&mut line, received, &Zone::Zulu);
                    line.push(b',');
                    if let Some(at) = responded {
                        push_instant(&mut line, at, &Zone::Zulu);
                    }
                    line.extend_from_slice(if no_response_needed {
                        b",true\n"
                    } else {
                        b",false\n"
                    });
                    x.messages.row(&line)?;
                }
            }
        }
    }

    let (rows, bytes) = orders.finish()?;
    eprintln!(
        "all-orders.txt: {} orders, {rows} rows, {bytes} bytes ({:.1} MB, {:.1} bytes/row); {} AFN, {} multi-item, {} cancelled",
        args.orders,
        bytes as f64 / 1e6,
        bytes as f64 / rows.max(1) as f64,
        exp.afn,
        exp.multi_item,
        exp.cancelled
    );
    if let Some(x) = extras {
        for (name, sink) in [
            ("ship-confirm.txt", x.ship),
            ("order-report.txt", x.order_report),
            ("feedback.txt", x.feedback),
            ("messages.csv", x.messages),
        ] {
            let (rows, bytes) = sink.finish()?;
            eprintln!("{name}: {rows} rows, {bytes} bytes");
        }
    }
    let (y, m, d) = civil_from_days(as_of);
    eprintln!(
        "expected for --as-of {y:04}-{m:02}-{d:02} (America/Los_Angeles): odr_total_mfn={} odr_total_afn={} cancel_defects={} cancel_total={}",
        exp.odr_total_mfn, exp.odr_total_afn, exp.cancel_defects, exp.cancel_total
    );
    eprintln!("generated in {:.2} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            if msg.is_empty() {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            eprintln!("gen_reports: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_reports: {e}");
            ExitCode::FAILURE
        }
    }
}
