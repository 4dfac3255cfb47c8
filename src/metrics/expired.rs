//! Expired orders: orders Amazon cancelled, or will, because shipment was
//! never confirmed (SPEC §4).

use super::{Context, Measured};
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

pub fn expired_orders(ctx: &Context<'_>) -> Measured {
    let window = ctx.window(MetricId::ExpiredOrders, 30);
    let mut m = Measured::new(MetricId::ExpiredOrders, Scope::Mfn, window, ctx.as_of);
    for (key, order) in &ctx.model.orders {
        let day = ctx.day(order.purchase());
        if !order.is_seller_fulfilled() || !m.wants(day) {
            continue;
        }
        let why = if order.cancelled_by() == Some(CancelledBy::Amazon) {
            Some("cancelled by Amazon".to_string())
        } else {
            let confirmed = ctx.ship_confirmed(*key, order);
            match auto_cancel_at(ctx, order) {
                Some(deadline) if !confirmed => {
                    if order.is_cancelled() {
                        (!order.is_buyer_requested()
                            && order.last_updated().is_some_and(|t| t >= deadline))
                        .then(|| format!("cancelled unconfirmed after {}", ctx.cal.short(deadline)))
                    } else {
                        (ctx.evaluation > deadline).then(|| {
                            format!(
                                "still unconfirmed; auto-cancel was due {}",
                                ctx.cal.short(deadline)
                            )
                        })
                    }
                }
                _ => None,
            }
        };
        m.count_on(day, || ctx.id(*key), why);
    }
    m
}
