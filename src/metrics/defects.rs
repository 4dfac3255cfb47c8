//! Order defect rate: negative feedback, A-to-z claims, chargebacks (SPEC §4).

use super::{Components, Context, Item, Measured, Note, Why};
use crate::model::Channel;
use crate::policy::{MetricId, Scope};

pub fn order_defect_rate(ctx: &Context<'_>, scope: Scope, days: u32) -> Measured {
    let window = ctx.window(MetricId::OrderDefectRate, days);
    let mut m = Measured::new(MetricId::OrderDefectRate, scope, window, ctx.as_of);
    let mut components = Components::default();
    let want = if scope == Scope::Afn {
        Channel::Afn
    } else {
        Channel::Mfn
    };
    for (key, order) in &ctx.model.orders {
        let channel = if order.is_seller_fulfilled() {
            Channel::Mfn
        } else {
            Channel::Afn
        };
        let day = ctx.day(order.purchase());
        if channel != want || !m.wants(day) {
            continue;
        }
        let in_window = window.contains(day);
        let why = ctx.model.complaints.get(key).and_then(|c| {
            let counted = u64::from(in_window);
            components.negative_feedback += counted * u64::from(c.negative_feedback);
            components.a_to_z_claims += counted * u64::from(c.a_to_z);
            components.chargebacks += counted * u64::from(c.chargeback);
            (c.negative_feedback || c.a_to_z || c.chargeback).then_some(Why::Complaints {
                negative_feedback: c.negative_feedback.then_some(c.worst_rating),
                a_to_z_claim: c.a_to_z,
                chargeback: c.chargeback,
            })
        });
        m.count(ctx, day, Item::Order(*key), why);
    }
    m.components = Some(components);
    m
}

/// Feedback, claims and shipments naming orders absent from every orders
/// file; orders all inside the lag.
pub fn notes(ctx: &Context<'_>) -> Vec<Note> {
    let orphans: u64 = ctx
        .model
        .complaints
        .iter()
        .filter(|(k, _)| !ctx.model.knows(k))
        .map(|(_, c)| u64::from(c.rows))
        .sum();
    // Rows whose own channel says Amazon count nowhere (SPEC §2.5): they are
    // not missing from anything the metrics need.
    let ship_orphans = ctx
        .model
        .shipments
        .iter()
        .filter(|(k, s)| s.channel != Some(Channel::Afn) && !ctx.model.knows(k))
        .count() as u64;
    let mut out = Vec::new();
    if orphans > 0 {
        out.push(Note::OrphanComplaintRows(orphans));
    }
    if ship_orphans > 0 {
        out.push(Note::OrphanShipmentOrders(ship_orphans));
    }
    out.extend(all_in_lag(ctx));
    out
}

/// The order defect rate has orders, yet none in its window: every one was
/// placed after the window's last day, in the lag.
fn all_in_lag(ctx: &Context<'_>) -> Option<Note> {
    let metric = MetricId::OrderDefectRate;
    let window = ctx.window(metric, metric.policy().longest_window());
    let orders = ctx.model.orders.len() as u64;
    // Orders remembered by id only were placed long before any window.
    let all_after = orders > 0
        && ctx.model.dropped.is_empty()
        && ctx
            .model
            .orders
            .iter()
            .all(|(_, o)| ctx.day(o.purchase()) > window.to);
    all_after.then_some(Note::AllInLag {
        metric,
        orders,
        placed_after: window.to,
    })
}
