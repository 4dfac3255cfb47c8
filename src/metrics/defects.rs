//! Order defect rate: negative feedback, A-to-z claims, chargebacks (SPEC §4).

use chrono::NaiveDate;

use super::{Components, Context, Item, Measured, Note, Why};
use crate::calendar::Instant;
use crate::model::{Channel, Order, OrderKey};
use crate::policy::{MetricId, Scope};

/// The channel an order's defects count in.
pub fn channel_of(scope: Scope) -> Channel {
    if scope == Scope::Afn {
        Channel::Afn
    } else {
        Channel::Mfn
    }
}

/// One order of `channel` as of the context's day: its purchase day and,
/// when defective, why.
pub fn item(
    ctx: &Context<'_>,
    key: OrderKey,
    order: &Order,
    channel: Channel,
    wants: impl Fn(NaiveDate) -> bool,
) -> Option<(NaiveDate, Option<Why>)> {
    let own = if order.is_seller_fulfilled() {
        Channel::Mfn
    } else {
        Channel::Afn
    };
    if own != channel || !ctx.exists(order) {
        return None;
    }
    let day = ctx.day(order.purchase());
    if !wants(day) {
        return None;
    }
    let why = ctx
        .complaints(key)
        .filter(|c| c.any())
        .map(|c| Why::Complaints {
            negative_feedback: c.negative_feedback,
            a_to_z_claim: c.a_to_z,
            chargeback: c.chargeback,
        });
    Some((day, why))
}

/// The instants at which [`item`] can change for this order.
pub fn changes(ctx: &Context<'_>, key: OrderKey, order: &Order, out: &mut Vec<Instant>) {
    ctx.changes(key, order, out);
}

pub fn order_defect_rate(ctx: &Context<'_>, scope: Scope, days: u32) -> Measured {
    let window = ctx.window(MetricId::OrderDefectRate, days);
    let mut m = Measured::new(MetricId::OrderDefectRate, scope, window, ctx.as_of);
    let mut components = Components::default();
    let channel = channel_of(scope);
    for (key, order) in &ctx.model.orders {
        let Some((day, why)) = item(ctx, *key, order, channel, |d| m.wants(d)) else {
            continue;
        };
        if let (
            true,
            Some(Why::Complaints {
                negative_feedback,
                a_to_z_claim,
                chargeback,
            }),
        ) = (window.contains(day), &why)
        {
            components.negative_feedback += u64::from(negative_feedback.is_some());
            components.a_to_z_claims += u64::from(*a_to_z_claim);
            components.chargebacks += u64::from(*chargeback);
        }
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
