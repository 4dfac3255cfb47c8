//! Expired orders: orders Amazon cancelled, or will, because shipment was
//! never confirmed (SPEC §4).

use chrono::NaiveDate;

use super::{Context, Item, Measured, Note, Why};
use crate::calendar::{add_business_days, Instant};
use crate::model::{CancelledBy, Order, OrderKey};
use crate::policy::{MetricId, Scope, AUTO_CANCEL_BUSINESS_DAYS};

/// The end of the 7th business day after the ship-by day.
pub fn auto_cancel_at(ctx: &Context<'_>, order: &Order) -> Option<Instant> {
    let ship_by = ctx.ship_by(order)?;
    Some(ctx.cal.end_of(add_business_days(
        ctx.day(ship_by),
        AUTO_CANCEL_BUSINESS_DAYS,
    )))
}

/// One order as of the context's day: its purchase day and, when expired, why.
pub fn item(
    ctx: &Context<'_>,
    key: OrderKey,
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
    let why = if ctx.cancelled_by(order) == Some(CancelledBy::Amazon) {
        Some(Why::CancelledByAmazon)
    } else {
        let confirmed = ctx.ship_confirmed(key, order);
        match auto_cancel_at(ctx, order) {
            Some(deadline) if !confirmed => {
                if ctx.cancelled(order) {
                    (!order.is_buyer_requested()
                        && order.last_updated().is_some_and(|t| t >= deadline))
                    .then_some(Why::CancelledUnconfirmedAfter { deadline })
                } else {
                    (ctx.evaluation > deadline)
                        .then_some(Why::UnconfirmedPastAutoCancel { deadline })
                }
            }
            _ => None,
        }
    };
    Some((day, why))
}

/// The instants at which [`item`] can change for this order.
pub fn changes(ctx: &Context<'_>, key: OrderKey, order: &Order, out: &mut Vec<Instant>) {
    ctx.changes(key, order, out);
    out.extend(auto_cancel_at(ctx, order));
}

pub fn expired_orders(ctx: &Context<'_>, scope: Scope, days: u32) -> Measured {
    let window = ctx.window(MetricId::ExpiredOrders, days);
    let mut m = Measured::new(MetricId::ExpiredOrders, scope, window, ctx.as_of);
    for (key, order) in &ctx.model.orders {
        if let Some((day, why)) = item(ctx, *key, order, |d| m.wants(d)) {
            m.count(ctx, day, Item::Order(*key), why);
        }
    }
    m
}

/// Cancelled seller-fulfilled orders in the longest window with neither a
/// ship-by date nor a `cancelled-by`: whether Amazon cancelled them for want
/// of a confirmation cannot be told (All Orders exports carry no ship-by).
pub fn notes(ctx: &Context<'_>) -> Vec<Note> {
    let days = MetricId::ExpiredOrders.policy().longest_window();
    let window = ctx.window(MetricId::ExpiredOrders, days);
    let orders = ctx
        .model
        .orders
        .iter()
        .filter(|(_, o)| {
            o.is_seller_fulfilled()
                && ctx.exists(o)
                && ctx.cancelled(o)
                && o.cancelled_by().is_none()
                && ctx.ship_by(o).is_none()
                && window.contains(ctx.day(o.purchase()))
        })
        .count() as u64;
    if orders == 0 {
        return Vec::new();
    }
    vec![Note::CancelledWithoutShipBy { orders, days }]
}
