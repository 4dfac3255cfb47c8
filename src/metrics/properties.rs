//! Property tests: invariants that hold for any report set.

use proptest::prelude::*;

use super::testkit::*;
use super::*;
use crate::policy::Target;

#[derive(Debug, Clone)]
struct Spec {
    day: u32,
    hour: u32,
    afn: bool,
    status: u8,
    ship_by_days: Option<u32>,
    buyer: bool,
    confirm_hours: Option<u32>,
    valid_tracking: bool,
    delivered_hours: Option<u32>,
    rating: Option<u8>,
    claim: Option<u8>,
    items: u8,
    /// Two bits per item: its SKU in [`SKUS`].
    skus: u8,
    /// The shipment row's carrier in [`CARRIERS`].
    carrier: u8,
}

/// SKUs (blank: unknown), ship states and carriers the generated rows use.
const SKUS: [&str; 4] = ["", "MUG", "CUP", "BOWL"];
const STATES: [&str; 3] = ["CA", "NY", ""];
const CARRIERS: [&str; 3] = ["UPS", "USPS", ""];

fn spec() -> impl Strategy<Value = Spec> {
    (
        (
            0u32..110,
            0u32..24,
            any::<bool>(),
            0u8..4,
            proptest::option::of(0u32..6),
            any::<bool>(),
        ),
        (
            proptest::option::of(0u32..200),
            any::<bool>(),
            proptest::option::of(0u32..300),
            proptest::option::of(1u8..6),
            proptest::option::of(0u8..4),
            1u8..3,
        ),
        (any::<u8>(), 0u8..3),
    )
        .prop_map(
            |(
                (day, hour, afn, status, ship_by_days, buyer),
                (confirm_hours, valid_tracking, delivered_hours, rating, claim, items),
                (skus, carrier),
            )| Spec {
                day,
                hour,
                afn,
                status,
                ship_by_days,
                buyer,
                confirm_hours,
                valid_tracking,
                delivered_hours,
                rating,
                claim,
                items,
                skus,
                carrier,
            },
        )
}

const BASE: i64 = 1_755_000_000; // 2025-08-12, some 100 days before the as-of day below.
const AS_OF: &str = "2025-11-15";

fn ts(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.to_rfc3339())
        .unwrap_or_default()
}

struct Rows {
    orders: Vec<String>,
    /// Per orders row: its `sku` and `ship-state` cells (`\tMUG\tCA`).
    dimensions: Vec<String>,
    shipments: Vec<String>,
    feedback: Vec<String>,
    claims: Vec<String>,
}

fn rows(specs: &[Spec]) -> Rows {
    let mut r = Rows {
        orders: Vec::new(),
        dimensions: Vec::new(),
        shipments: Vec::new(),
        feedback: Vec::new(),
        claims: Vec::new(),
    };
    for (i, s) in specs.iter().enumerate() {
        let id = format!("111-0000000-{:07}", i + 1);
        let purchase = BASE + i64::from(s.day) * 86_400 + i64::from(s.hour) * 3600;
        let status = ["Shipped", "Unshipped", "Cancelled", "Pending"][usize::from(s.status)];
        let channel = if s.afn { "Amazon" } else { "Merchant" };
        let ship_by = s
            .ship_by_days
            .map(|d| ts(purchase + i64::from(d) * 86_400))
            .unwrap_or_default();
        let deliver_by = s
            .ship_by_days
            .map(|d| ts(purchase + i64::from(d + 4) * 86_400))
            .unwrap_or_default();
        let buyer = if s.buyer { "true" } else { "false" };
        for item in 0..s.items {
            r.dimensions.push(format!(
                "\t{}\t{}",
                sku_of(s, item).unwrap_or(""),
                STATES[(s.hour % 3) as usize]
            ));
            r.orders.push(order(
                &id,
                &ts(purchase),
                status,
                channel,
                &ship_by,
                &deliver_by,
                buyer,
                "",
                "",
            ));
        }
        if let Some(h) = s.confirm_hours {
            let tracking = if s.valid_tracking {
                format!("1Z{:016}", i + 1)
            } else {
                "N/A".to_string()
            };
            let delivered = s
                .delivered_hours
                .map(|d| ts(purchase + i64::from(h + d) * 3600))
                .unwrap_or_default();
            r.shipments.push(format!(
                "{id}\t{}\t{}\t{tracking}\t{delivered}\n",
                ts(purchase + i64::from(h) * 3600),
                CARRIERS[usize::from(s.carrier)]
            ));
        }
        if let Some(rating) = s.rating {
            r.feedback
                .push(format!("11/14/25\t{rating}\tc\t\t{id}\tx@example.com\t\n"));
        }
        if let Some(c) = s.claim {
            let (kind, status) = [
                ("a-to-z", ""),
                ("chargeback", "granted"),
                ("a-to-z", "denied"),
                ("chargeback", ""),
            ][usize::from(c)];
            r.claims.push(format!("{id},{kind},2025-11-01,{status},\n"));
        }
    }
    r
}

fn texts(r: &Rows) -> Vec<String> {
    let join = |h: &str, rows: &[String]| format!("{h}{}", rows.concat());
    vec![
        join(ORDERS, &r.orders),
        join(SHIPMENTS, &r.shipments),
        join(FEEDBACK, &r.feedback),
        join(CLAIMS, &r.claims),
    ]
}

/// The SKU of an order's `item`-th row (`None`: blank).
fn sku_of(s: &Spec, item: u8) -> Option<&'static str> {
    Some(SKUS[usize::from((s.skus >> (2 * item)) & 3)]).filter(|k| !k.is_empty())
}

/// The files with `sku` and `ship-state` columns, keeping only the orders
/// rows of the orders `keep` admits and the shipment rows `keep_shipment` admits.
fn texts_with_dimensions(
    r: &Rows,
    specs: &[Spec],
    keep: impl Fn(usize) -> bool,
    keep_shipment: impl Fn(usize) -> bool,
) -> Vec<String> {
    let header = format!("{}\tsku\tship-state\n", ORDERS.trim_end());
    let mut orders = header;
    let mut row = 0;
    for (i, s) in specs.iter().enumerate() {
        for _ in 0..s.items {
            if keep(i) {
                orders.push_str(r.orders[row].strip_suffix('\n').unwrap_or(&r.orders[row]));
                orders.push_str(&r.dimensions[row]);
                orders.push('\n');
            }
            row += 1;
        }
    }
    let shipments: String = r
        .shipments
        .iter()
        .filter(|line| {
            let id = line.split('\t').next().unwrap_or("");
            let i: usize = id[12..].parse().unwrap_or(0);
            keep_shipment(i - 1)
        })
        .cloned()
        .collect();
    let mut files = texts(r);
    files[0] = orders;
    files[1] = format!("{SHIPMENTS}{shipments}");
    files
}

fn audit(files: &[String]) -> (Vec<Measured>, Vec<act_now::OpenOrder>) {
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    let m = model(&refs);
    let c = ctx(&m, AS_OF);
    (measure_all(&c), act_now::open_orders(&c))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn counts_are_consistent_and_rates_within_bounds(specs in proptest::collection::vec(spec(), 0..60)) {
        let (measured, _) = audit(&texts(&rows(&specs)));
        prop_assert_eq!(measured.len(), 11);
        for m in &measured {
            prop_assert!(m.defects <= m.total, "{:?}", m.metric);
            prop_assert_eq!(m.items.len() as u64, m.defects);
            if let Some(c) = m.components {
                prop_assert!(c.negative_feedback <= m.defects && c.a_to_z_claims <= m.defects && c.chargebacks <= m.defects);
                prop_assert!(c.negative_feedback + c.a_to_z_claims + c.chargebacks >= m.defects);
            }
        }
    }

    #[test]
    fn row_order_and_file_split_do_not_matter(
        specs in proptest::collection::vec(spec(), 1..50),
        seed in any::<u64>(),
        split in 0usize..50,
    ) {
        let r = rows(&specs);
        let base = audit(&texts(&r));
        // Shuffle every file's rows with a simple deterministic permutation.
        let shuffle = |v: &[String]| {
            let mut v = v.to_vec();
            let mut x = seed | 1;
            for i in (1..v.len()).rev() {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                v.swap(i, (x % (i as u64 + 1)) as usize);
            }
            v
        };
        let shuffled = Rows { orders: shuffle(&r.orders), dimensions: r.dimensions.clone(), shipments: shuffle(&r.shipments), feedback: shuffle(&r.feedback), claims: shuffle(&r.claims) };
        let mut files = texts(&shuffled);
        // Split the orders over two files, and put the feedback first.
        let cut = split.min(shuffled.orders.len());
        files[0] = format!("{ORDERS}{}", shuffled.orders[..cut].concat());
        files.push(format!("{ORDERS}{}", shuffled.orders[cut..].concat()));
        files.swap(0, 2);
        prop_assert_eq!(audit(&files), base);
    }

    #[test]
    fn a_defect_free_order_never_raises_a_below_metric(specs in proptest::collection::vec(spec(), 0..50), day in 60u32..110) {
        let before = audit(&texts(&rows(&specs))).0;
        let mut more = specs.clone();
        more.push(Spec {
            day, hour: 12, afn: false, status: 0, ship_by_days: Some(2), buyer: false, confirm_hours: Some(1),
            valid_tracking: true, delivered_hours: Some(24), rating: Some(5), claim: None, items: 1,
            skus: 0, carrier: 0,
        });
        let after = audit(&texts(&rows(&more))).0;
        for (b, a) in before.iter().zip(&after) {
            if matches!(b.metric.policy().target, Target::Below(_)) {
                // a.defects / a.total <= b.defects / b.total
                prop_assert!(u128::from(a.defects) * u128::from(b.total) <= u128::from(b.defects) * u128::from(a.total) || b.total == 0,
                    "{:?} {}/{} -> {}/{}", b.metric, b.defects, b.total, a.defects, a.total);
                prop_assert!(a.defects <= b.defects);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Each group of each breakdown is exactly the metric measured over the
    /// group's own orders (or packages): a direct count, from the generated truth.
    #[test]
    fn breakdown_groups_equal_direct_counts(specs in proptest::collection::vec(spec(), 0..40)) {
        use crate::model::Dimension;
        let r = rows(&specs);
        let all = |_: usize| true;
        let files = texts_with_dimensions(&r, &specs, all, all);
        let refs: Vec<&str> = files.iter().map(String::as_str).collect();
        let m = model(&refs);
        let mut c = ctx(&m, AS_OF);
        c.by = [Dimension::Sku, Dimension::ShipState, Dimension::Carrier].into_iter().collect();
        let measured = measure_all(&c);
        // The truth: each order's values, from the specs.
        let skus = |i: usize| -> Vec<&str> {
            let mut v: Vec<&str> = (0..specs[i].items).filter_map(|k| sku_of(&specs[i], k)).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let state = |i: usize| Some(STATES[(specs[i].hour % 3) as usize]).filter(|s| !s.is_empty());
        let carrier = |i: usize| Some(CARRIERS[usize::from(specs[i].carrier)]).filter(|s| !s.is_empty());
        let shipped = |i: usize| specs[i].confirm_hours.is_some();
        for mt in &measured {
            let policy = mt.metric.policy();
            let days = mt.window.days;
            for b in &mt.breakdown {
                let keys: Vec<Option<&str>> = match b.dimension {
                    Dimension::Sku => vec![None, Some("MUG"), Some("CUP"), Some("BOWL")],
                    Dimension::ShipState => vec![None, Some("CA"), Some("NY")],
                    _ => vec![None, Some("UPS"), Some("USPS")],
                };
                for key in keys {
                    let member = |i: usize| match b.dimension {
                        Dimension::Sku => match key {
                            None => skus(i).is_empty(),
                            Some(k) => skus(i).contains(&k),
                        },
                        Dimension::ShipState => state(i) == key,
                        _ => shipped(i) && carrier(i) == key,
                    };
                    // Valid tracking is by package: keep the group's shipment rows
                    // and every order; the others keep the group's orders.
                    let by_package = mt.metric == crate::policy::MetricId::ValidTrackingRate;
                    let direct_files = if by_package {
                        texts_with_dimensions(&r, &specs, all, member)
                    } else {
                        texts_with_dimensions(&r, &specs, member, all)
                    };
                    let refs: Vec<&str> = direct_files.iter().map(String::as_str).collect();
                    let dm = model(&refs);
                    let direct = measure(&ctx(&dm, AS_OF), policy.id, mt.scope, days);
                    let group = b.groups.iter().find(|g| g.key.as_deref() == key);
                    let got = group.map_or((0, 0), |g| (g.defects, g.total));
                    prop_assert_eq!(got, (direct.defects, direct.total),
                        "{:?} {:?} {} by {:?} = {:?}", mt.metric, mt.scope, days, b.dimension, key);
                    if let Some(g) = group {
                        prop_assert!(g.total > 0);
                    }
                }
                prop_assert!(b.groups.windows(2).all(|w| w[0].defects >= w[1].defects));
                let sum: u64 = b.groups.iter().map(|g| g.total).sum();
                if b.dimension == Dimension::Sku {
                    prop_assert!(sum >= mt.total);
                } else {
                    prop_assert_eq!(sum, mt.total);
                }
            }
        }
    }
}
