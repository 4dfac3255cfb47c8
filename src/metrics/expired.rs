//! Expired orders: orders Amazon cancelled, or will, because shipment was
//! never confirmed (SPEC §4).

use super::{Context, Item, Measured, Note, Why};
use crate::calendar::{add_business_days, Instant};
use crate::model::{CancelledBy, Order};
use crate::policy::{MetricId, Scope, AUTO_CANCEL_BUSINESS_DAYS};

/// The end of the 7th business day after the ship-by day.
pub fn auto_cancel_at(ctx: &Context<'_>, order: &Order) -> Option<Instant> {
    let ship_by = ctx.ship_by(order)?;
    Some(ctx.cal.end_of(add_business_days(
        ctx.day(ship_by),
        AUTO_CANCEL_BUSINESS_DAYS,
    )))
}

pub fn expired_orders(ctx: &Context<'_>, scope: Scope, days: u32) -> Measured {
    let window = ctx.window(MetricId::ExpiredOrders, days);
    let mut m = Measured::new(MetricId::ExpiredOrders, scope, window, ctx.as_of);
    for (key, order) in &ctx.model.orders {
        let day = ctx.day(order.purchase());
        if !order.is_seller_fulfilled() || !m.wants(day) {
            continue;
        }
        let why = if order.cancelled_by() == Some(CancelledBy::Amazon) {
            Some(Why::CancelledByAmazon)
        } else {
            let confirmed = ctx.ship_confirmed(*key, order);
            match auto_cancel_at(ctx, order) {
                Some(deadline) if !confirmed => {
                    if order.is_cancelled() {
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
        m.count(ctx, day, Item::Order(*key), why);
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
                && o.is_cancelled()
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
