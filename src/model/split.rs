//! Splitting a model: by partition of the order id (reading one file on
//! several cores) and by marketplace (SPEC §12.1: never mix marketplaces).

use rustc_hash::FxHashMap;

use super::{
    Complaints, Dropped, Model, OpenClaim, Order, OrderIds, OrderKey, OrderMarket, Shipments,
};

impl Model {
    /// Moves the orders, shipments, complaints, open claims and `--by` values
    /// into `parts` models, each holding the orders of one partition
    /// ([`OrderIds::partition`]) with the same cutoffs; what is not keyed by
    /// order (messages, Amazon's reports) stays here. Rows
    /// read afterwards into the partition of their order, then
    /// [`Model::absorb_disjoint`] back, merge exactly as if read into this
    /// model.
    pub fn split_by_order(&mut self, parts: usize) -> Vec<Model> {
        let parts = parts.max(1);
        self.split_with(parts, |ids, key| Some(ids.partition(key, parts)))
    }

    /// Moves what is keyed by order into `parts` models by `part_of` (`None`:
    /// left out); messages and Amazon's reports stay here.
    fn split_with(
        &mut self,
        parts: usize,
        part_of: impl Fn(&OrderIds, OrderKey) -> Option<usize>,
    ) -> Vec<Model> {
        let mut out: Vec<Model> = (0..parts)
            .map(|_| Model {
                cutoff: self.cutoff,
                message_cutoff: self.message_cutoff,
                ..Model::default()
            })
            .collect();
        let ids = std::mem::take(&mut self.ids);
        let orders = std::mem::take(&mut self.orders);
        let dropped = std::mem::take(&mut self.dropped);
        let shipments = std::mem::take(&mut self.shipments);
        let complaints = std::mem::take(&mut self.complaints);
        let values = std::mem::take(&mut self.values);
        let open_claims = std::mem::take(&mut self.open_claims);
        let mut place = |key: OrderKey| {
            let p = part_of(&ids, key)?;
            let part = out.get_mut(p)?;
            Some((p, part.ids.adopt(&ids, key)))
        };
        let mut moved_orders: Vec<Vec<(OrderKey, Order)>> = vec![Vec::new(); parts];
        for (k, o) in orders.into_shards().into_iter().flatten() {
            let Some((p, k)) = place(k) else { continue };
            moved_orders[p].push((k, o));
        }
        let mut moved_dropped: Vec<Vec<(OrderKey, Dropped)>> = vec![Vec::new(); parts];
        for (k, s) in dropped.into_shards().into_iter().flatten() {
            let Some((p, k)) = place(k) else { continue };
            moved_dropped[p].push((k, s));
        }
        let mut moved_shipments: Vec<Vec<(OrderKey, Shipments)>> = vec![Vec::new(); parts];
        for (k, s) in shipments {
            let Some((p, k)) = place(k) else { continue };
            moved_shipments[p].push((k, s));
        }
        let mut moved_complaints: Vec<Vec<(OrderKey, Complaints)>> = vec![Vec::new(); parts];
        for (k, c) in complaints {
            let Some((p, k)) = place(k) else { continue };
            moved_complaints[p].push((k, c));
        }
        let mut moved_claims: Vec<Vec<OpenClaim>> = vec![Vec::new(); parts];
        for c in open_claims {
            let Some((p, order)) = place(c.order) else {
                continue;
            };
            moved_claims[p].push(OpenClaim { order, ..c });
        }
        values.each(|dim, key, value| {
            if let Some(part) = part_of(&ids, key).and_then(|p| out.get_mut(p)) {
                let key = part.ids.adopt(&ids, key);
                part.values.add(dim, key, value);
            }
        });
        for (p, part) in out.iter_mut().enumerate() {
            for (k, o) in std::mem::take(&mut moved_orders[p]) {
                part.orders.insert_new(k, o);
            }
            for (k, s) in std::mem::take(&mut moved_dropped[p]) {
                part.dropped.insert_new(k, s);
            }
            part.shipments
                .extend(std::mem::take(&mut moved_shipments[p]));
            part.complaints
                .extend(std::mem::take(&mut moved_complaints[p]));
            part.open_claims = std::mem::take(&mut moved_claims[p]);
        }
        out
    }

    /// One model per audit (SPEC §12.1): each order goes to `route(its
    /// marketplace)` (`None`: left out, with its shipments, feedback and
    /// claims); rows of orders not kept (in no orders file, or remembered by
    /// id only) and messages of no known marketplace go to `unattached`.
    /// Amazon's reports and the delivery-column flag go to every model.
    pub fn split_by_market(
        mut self,
        parts: usize,
        route: impl Fn(OrderMarket) -> Option<usize>,
        unattached: usize,
    ) -> Vec<Model> {
        // Only the orders that do not go with the rows of no order: in a
        // North America export, those of Canada and Mexico.
        let routes: FxHashMap<OrderKey, Option<usize>> = self
            .orders
            .iter()
            .map(|(k, o)| (*k, route(o.market())))
            .filter(|(_, r)| *r != Some(unattached))
            .collect();
        // A message goes with the order it names, kept or remembered by id.
        let messages: Vec<(OrderMarket, super::Message)> = std::mem::take(&mut self.messages)
            .into_iter()
            .map(|m| {
                let key = m.order.as_deref().and_then(|id| self.ids.find(id));
                let market = key.map_or(OrderMarket::Unknown, |k| {
                    self.orders.get(&k).map_or_else(
                        || {
                            self.dropped
                                .get(&k)
                                .map_or(OrderMarket::Unknown, |d| d.market)
                        },
                        Order::market,
                    )
                });
                (market, m)
            })
            .collect();
        // Orders remembered by id only all go with the rows of no order: with
        // packed ids their keys stay as they are, and the table moves whole
        // rather than being rebuilt (it holds most of a long export).
        let dropped = self
            .ids
            .all_packed()
            .then(|| std::mem::take(&mut self.dropped));
        let mut out = self.split_with(parts.max(1), |_, key| {
            routes.get(&key).copied().unwrap_or(Some(unattached))
        });
        if let (Some(dropped), Some(part)) = (dropped, out.get_mut(unattached)) {
            part.dropped = dropped;
        }
        for (market, m) in messages {
            let part = match market {
                OrderMarket::Unknown => Some(unattached),
                market => route(market),
            };
            if let Some(part) = part.and_then(|p| out.get_mut(p)) {
                part.add_message(m);
            }
        }
        for part in &mut out {
            part.amazon.clone_from(&self.amazon);
            part.has_delivery_column = self.has_delivery_column;
        }
        out
    }
}
