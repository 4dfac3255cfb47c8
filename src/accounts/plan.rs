//! Which marketplaces one account's inputs are audited as (SPEC §12.1):
//! never two marketplaces in one set of numbers.

use crate::marketplace::Marketplace;
use crate::model::{Model, OrderMarket};

/// How many orders each marketplace holds (every order read, also those
/// remembered by id only).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarketCounts {
    /// By [`Marketplace::index`].
    pub known: [u64; 23],
    pub unknown: u64,
    pub non_amazon: u64,
}

impl MarketCounts {
    pub fn of(model: &Model) -> MarketCounts {
        let mut c = MarketCounts::default();
        let markets = model
            .orders
            .iter()
            .map(|(_, o)| o.market())
            .chain(model.dropped.iter().map(|(_, d)| d.market));
        for market in markets {
            match market {
                OrderMarket::Amazon(m) => {
                    if let Some(n) = c.known.get_mut(m.index()) {
                        *n += 1;
                    }
                }
                OrderMarket::Unknown => c.unknown += 1,
                OrderMarket::NonAmazon => c.non_amazon += 1,
            }
        }
        c
    }

    /// The marketplaces with orders, in the order of SPEC §1.
    pub fn found(&self) -> Vec<Marketplace> {
        Marketplace::ALL
            .into_iter()
            .filter(|m| self.known.get(m.index()).is_some_and(|&n| n > 0))
            .collect()
    }
}

/// The audits of one set of inputs, and where each order goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarketPlan {
    /// In the order of SPEC §1; never empty.
    pub audits: Vec<Marketplace>,
    /// Where orders of no known marketplace go (an index into `audits`).
    unknown_to: usize,
    /// With `--marketplace`: orders of other marketplaces, left out.
    pub left_out: Vec<(Marketplace, u64)>,
    /// `Non-Amazon` (multi-channel fulfilment) orders, left out.
    pub non_amazon: u64,
}

impl MarketPlan {
    /// `chosen`: `--marketplace`. Without it each marketplace found is
    /// audited; orders of no known marketplace join the only one found, or
    /// US when none or several are found.
    pub fn new(chosen: Option<Marketplace>, counts: &MarketCounts) -> MarketPlan {
        let found = counts.found();
        let (audits, unknown_to, left_out) = match chosen {
            Some(c) => {
                let others = found
                    .iter()
                    .filter(|&&m| m != c)
                    .map(|&m| (m, counts.known.get(m.index()).copied().unwrap_or(0)))
                    .collect();
                (vec![c], 0, others)
            }
            None => {
                let mut audits = found.clone();
                let home = if found.len() == 1 {
                    found[0]
                } else {
                    Marketplace::Us
                };
                if audits.is_empty() || (counts.unknown > 0 && !audits.contains(&home)) {
                    audits.push(home);
                    audits.sort();
                }
                let unknown_to = audits.iter().position(|&m| m == home).unwrap_or(0);
                (audits, unknown_to, Vec::new())
            }
        };
        MarketPlan {
            audits,
            unknown_to,
            left_out,
            non_amazon: counts.non_amazon,
        }
    }

    /// The audit an order of `market` goes to; `None`: left out.
    pub fn route(&self, market: OrderMarket) -> Option<usize> {
        match market {
            OrderMarket::Unknown => Some(self.unknown_to),
            OrderMarket::NonAmazon => None,
            OrderMarket::Amazon(m) => self.audits.iter().position(|&a| a == m),
        }
    }

    /// Whether the model must be split (or orders left out of it).
    pub fn splits(&self) -> bool {
        self.audits.len() > 1 || self.non_amazon > 0 || !self.left_out.is_empty()
    }

    /// The first marketplace audited: rows of orders in no orders file go
    /// with it.
    pub fn first(&self) -> Marketplace {
        self.audits.first().copied().unwrap_or(Marketplace::Us)
    }

    /// Splits the model read into one model per audit, in `audits` order.
    pub fn split(&self, model: Model) -> Vec<Model> {
        if !self.splits() {
            return vec![model];
        }
        model.split_by_market(self.audits.len(), |m| self.route(m), 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Marketplace::*;

    fn counts(known: &[(Marketplace, u64)], unknown: u64, non_amazon: u64) -> MarketCounts {
        let mut c = MarketCounts {
            unknown,
            non_amazon,
            ..MarketCounts::default()
        };
        for &(m, n) in known {
            c.known[m.index()] = n;
        }
        c
    }

    #[test]
    fn each_marketplace_found_is_its_own_audit_in_spec_order() {
        let p = MarketPlan::new(None, &counts(&[(Mx, 3), (Us, 5), (Ca, 2)], 0, 0));
        assert_eq!(p.audits, vec![Us, Ca, Mx]);
        assert_eq!(p.route(OrderMarket::Amazon(Mx)), Some(2));
        assert_eq!(p.route(OrderMarket::Unknown), Some(0));
        assert!(p.splits());
    }

    #[test]
    fn unknown_orders_join_the_only_marketplace_or_us() {
        let only = MarketPlan::new(None, &counts(&[(Uk, 3)], 4, 0));
        assert_eq!(only.audits, vec![Uk]);
        assert_eq!(only.route(OrderMarket::Unknown), Some(0));
        assert!(!only.splits());
        let several = MarketPlan::new(None, &counts(&[(Uk, 3), (De, 1)], 4, 0));
        assert_eq!(several.audits, vec![Us, Uk, De]);
        assert_eq!(several.route(OrderMarket::Unknown), Some(0));
        let several_known = MarketPlan::new(None, &counts(&[(Uk, 3), (De, 1)], 0, 0));
        assert_eq!(several_known.audits, vec![Uk, De]);
        let none = MarketPlan::new(None, &counts(&[], 7, 0));
        assert_eq!(none.audits, vec![Us]);
        assert!(!none.splits());
        let empty = MarketPlan::new(None, &MarketCounts::default());
        assert_eq!(empty.audits, vec![Us]);
    }

    #[test]
    fn a_chosen_marketplace_leaves_the_others_out_and_counts_them() {
        let p = MarketPlan::new(Some(Ca), &counts(&[(Us, 5), (Ca, 2), (Mx, 1)], 3, 2));
        assert_eq!(p.audits, vec![Ca]);
        assert_eq!(p.left_out, vec![(Us, 5), (Mx, 1)]);
        assert_eq!(p.non_amazon, 2);
        assert_eq!(p.route(OrderMarket::Amazon(Us)), None);
        assert_eq!(p.route(OrderMarket::Unknown), Some(0));
        assert_eq!(p.route(OrderMarket::NonAmazon), None);
        let absent = MarketPlan::new(Some(Jp), &counts(&[], 3, 0));
        assert_eq!(absent.audits, vec![Jp]);
        assert!(!absent.splits());
    }
}
