//! Where the defects are (SPEC §13): each metric's items grouped by the
//! dimensions of `--by`. Groups are counted as the rule counts its items
//! ([`super::Measured::count`]), from the same decisions, so a group's
//! defects and total are exactly what a direct count over its items gives.

use rustc_hash::FxHashMap;

use super::{tracking, Context};
use crate::model::{Dimension, Dimensions, OrderKey, Package};
use crate::policy::MetricId;

/// What a rule counts: an order, or one package of an order.
#[derive(Debug, Clone, Copy)]
pub enum Item<'m> {
    Order(OrderKey),
    Package(OrderKey, &'m Package),
}

impl Item<'_> {
    /// The item's id in `items` (`order` or `order:tracking`).
    pub fn id(&self, ctx: &Context<'_>) -> String {
        match self {
            Item::Order(key) => ctx.id(*key),
            Item::Package(key, p) => format!("{}:{}", ctx.id(*key), p.tracking),
        }
    }
}

/// Whether `metric` is broken down by `d`: order dimensions apply to the
/// metrics of orders, the carrier to valid tracking and on-time delivery.
pub fn applies(metric: MetricId, d: Dimension) -> bool {
    match d {
        Dimension::Carrier => matches!(
            metric,
            MetricId::ValidTrackingRate | MetricId::OnTimeDeliveryRate
        ),
        _ => matches!(
            metric,
            MetricId::OrderDefectRate
                | MetricId::LateShipmentRate
                | MetricId::PreFulfillmentCancelRate
                | MetricId::OnTimeDeliveryRate
                | MetricId::ExpiredOrders
        ),
    }
}

/// One group: the dimension's value (`None`: unknown), its defects and items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub key: Option<String>,
    pub defects: u64,
    pub total: u64,
}

/// A metric's items by one dimension: every group, most defects first, then
/// by key (the unknown group last among equals).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    pub dimension: Dimension,
    pub groups: Vec<Group>,
}

/// Value id (`None`: unknown) → (defects, total).
type Counts = FxHashMap<Option<u32>, (u64, u64)>;

/// Group counts while a metric is measured: per dimension, value id (order
/// dimensions: the model's; carrier: [`Tally::carriers`]) → (defects, total).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tally {
    dims: Vec<(Dimension, Counts)>,
    carriers: FxHashMap<Box<str>, u32>,
}

impl Tally {
    /// The tally of the dimensions of `wanted` that apply to `metric`.
    pub fn new(metric: MetricId, wanted: Dimensions) -> Tally {
        Tally {
            dims: wanted
                .iter()
                .filter(|d| applies(metric, *d))
                .map(|d| (d, FxHashMap::default()))
                .collect(),
            carriers: FxHashMap::default(),
        }
    }

    /// Counts an item in the window in each of its groups.
    pub fn count(&mut self, ctx: &Context<'_>, item: Item<'_>, defective: bool) {
        let Tally { dims, carriers } = self;
        for (d, groups) in dims.iter_mut() {
            let mut add = |key: Option<u32>| {
                let g = groups.entry(key).or_default();
                g.0 += u64::from(defective);
                g.1 += 1;
            };
            match (*d, item) {
                (Dimension::Carrier, Item::Package(_, p)) => add(carrier_id(carriers, p)),
                (Dimension::Carrier, Item::Order(key)) => {
                    // Once in the group of each carrier among its validly tracked packages.
                    let mut seen: Vec<Option<u32>> = Vec::new();
                    let packages = ctx.model.shipments.get(&key).map(|s| &s.packages[..]);
                    for p in packages.unwrap_or_default() {
                        if tracking::is_valid(p) {
                            let id = carrier_id(carriers, p);
                            if !seen.contains(&id) {
                                seen.push(id);
                                add(id);
                            }
                        }
                    }
                    if seen.is_empty() {
                        add(None);
                    }
                }
                (d, Item::Order(key) | Item::Package(key, _)) => {
                    let mut any = false;
                    for v in ctx.model.values.ids(d, &key) {
                        any = true;
                        add(Some(v));
                    }
                    if !any {
                        add(None);
                    }
                }
            }
        }
    }

    /// The groups with their values' text, sorted.
    pub fn resolve(self, ctx: &Context<'_>) -> Vec<Breakdown> {
        let mut carrier_names: Vec<&str> = vec![""; self.carriers.len()];
        for (name, &i) in &self.carriers {
            if let Some(slot) = carrier_names.get_mut(i as usize) {
                *slot = name;
            }
        }
        self.dims
            .iter()
            .map(|(d, groups)| {
                let mut groups: Vec<Group> = groups
                    .iter()
                    .map(|(key, &(defects, total))| Group {
                        key: key.map(|v| match d {
                            Dimension::Carrier => {
                                carrier_names.get(v as usize).copied().unwrap_or("").into()
                            }
                            _ => ctx.model.values.name(*d, v).into(),
                        }),
                        defects,
                        total,
                    })
                    .collect();
                sort(&mut groups);
                Breakdown {
                    dimension: *d,
                    groups,
                }
            })
            .collect()
    }
}

/// Most defects first, then by key, the unknown group last among equals.
pub fn sort(groups: &mut [Group]) {
    groups.sort_by(|a, b| {
        b.defects
            .cmp(&a.defects)
            .then_with(|| a.key.is_none().cmp(&b.key.is_none()))
            .then_with(|| a.key.cmp(&b.key))
    });
}

/// The package's carrier as valid tracking reads it (trimmed; none when blank).
fn carrier_id(carriers: &mut FxHashMap<Box<str>, u32>, p: &Package) -> Option<u32> {
    let name = p
        .carrier
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())?;
    if let Some(&i) = carriers.get(name) {
        return Some(i);
    }
    let i = carriers.len() as u32;
    carriers.insert(name.into(), i);
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testkit::{ctx, model, ORDERS};
    use crate::metrics::{measure, Measured};
    use crate::policy::Scope;

    fn by(dims: &[Dimension]) -> Dimensions {
        dims.iter().copied().collect()
    }

    fn groups(m: &Measured, d: Dimension) -> Vec<(Option<&str>, u64, u64)> {
        m.breakdown
            .iter()
            .find(|b| b.dimension == d)
            .map(|b| {
                b.groups
                    .iter()
                    .map(|g| (g.key.as_deref(), g.defects, g.total))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn dimensions_apply_as_the_spec_says() {
        assert!(applies(MetricId::OnTimeDeliveryRate, Dimension::Carrier));
        assert!(applies(MetricId::OnTimeDeliveryRate, Dimension::Sku));
        assert!(applies(MetricId::ValidTrackingRate, Dimension::Carrier));
        assert!(!applies(MetricId::ValidTrackingRate, Dimension::Sku));
        assert!(!applies(MetricId::OrderDefectRate, Dimension::Carrier));
        assert!(!applies(MetricId::ResponseTime, Dimension::Sku));
    }

    #[test]
    fn an_order_with_two_skus_counts_once_in_each_and_unknown_is_null() {
        // Three seller orders purchased in the cancel-rate window; the first
        // has two SKUs (two rows) and is cancelled by the seller.
        let header = ORDERS.trim_end().to_string() + "\tsku\tship-state\n";
        let row = |id: &str, status: &str, sku: &str, state: &str| {
            format!(
                "{id}\t2026-11-18T10:00:00-08:00\t{status}\tMerchant\t\t\t\t\t\t{sku}\t{state}\n"
            )
        };
        let text = header
            + &row("111-0000000-0000001", "Cancelled", "MUG", "CA")
            + &row("111-0000000-0000001", "Cancelled", "CUP", "")
            + &row("111-0000000-0000002", "Shipped", "MUG", "ca")
            + &row("111-0000000-0000003", "Shipped", "", "");
        let m = model(&[&text]);
        let mut c = ctx(&m, "2026-11-20");
        c.by = by(&[Dimension::Sku, Dimension::ShipState, Dimension::Carrier]);
        let cancel = measure(&c, MetricId::PreFulfillmentCancelRate, Scope::Mfn, 7);
        assert_eq!((cancel.defects, cancel.total), (1, 3));
        assert_eq!(
            groups(&cancel, Dimension::Sku),
            [(Some("CUP"), 1, 1), (Some("MUG"), 1, 2), (None, 0, 1)]
        );
        assert_eq!(
            groups(&cancel, Dimension::ShipState),
            [(Some("CA"), 1, 1), (Some("ca"), 0, 1), (None, 0, 1)]
        );
        // The carrier does not apply to the cancel rate.
        assert_eq!(cancel.breakdown.len(), 2);
        // Without --by: nothing.
        let plain = measure(
            &ctx(&m, "2026-11-20"),
            MetricId::PreFulfillmentCancelRate,
            Scope::Mfn,
            7,
        );
        assert!(plain.breakdown.is_empty());
    }
}
