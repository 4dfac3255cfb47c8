//! Pre-fulfillment cancel rate (SPEC §4).

use chrono::NaiveDate;

use super::{Context, Item, Measured, Why};
use crate::calendar::Instant;
use crate::model::{Order, OrderKey};
use crate::policy::{MetricId, Scope};

/// One order as of the context's day: its purchase day and, when a
/// cancellation of the seller's, why.
pub fn item(
    ctx: &Context<'_>,
    order: &Order,
    wants: impl Fn(NaiveDate) -> bool,
) -> Option<(NaiveDate, Option<Why>)> {
    if !order.is_seller_fulfilled() || !ctx.exists(order) {
        return None;
    }
    let day = ctx.day(order.purchase());
    if !wants(day) {
        return None;
    }
    let why = (ctx.cancelled(order) && !order.is_buyer_requested()).then(|| Why::Cancelled {
        by: order.cancelled_by(),
    });
    Some((day, why))
}

/// The instants at which [`item`] can change for this order.
pub fn changes(ctx: &Context<'_>, key: OrderKey, order: &Order, out: &mut Vec<Instant>) {
    ctx.changes(key, order, out);
}

pub fn pre_fulfillment_cancel_rate(ctx: &Context<'_>, scope: Scope, days: u32) -> Measured {
    let window = ctx.window(MetricId::PreFulfillmentCancelRate, days);
    let mut m = Measured::new(MetricId::PreFulfillmentCancelRate, scope, window, ctx.as_of);
    for (key, order) in &ctx.model.orders {
        if let Some((day, why)) = item(ctx, order, |d| m.wants(d)) {
            m.count(ctx, day, Item::Order(*key), why);
        }
    }
    m
}
