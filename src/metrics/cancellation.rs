//! Pre-fulfillment cancel rate (SPEC §4).

use super::{Context, Measured};
use crate::model::CancelledBy;
use crate::policy::{MetricId, Scope};

pub fn pre_fulfillment_cancel_rate(ctx: &Context<'_>) -> Measured {
    let window = ctx.window(MetricId::PreFulfillmentCancelRate, 7);
    let mut m = Measured::new(
        MetricId::PreFulfillmentCancelRate,
        Scope::Mfn,
        window,
        ctx.as_of,
    );
    for (key, order) in &ctx.model.orders {
        let day = ctx.day(order.purchase());
        if !order.is_seller_fulfilled() || !m.wants(day) {
            continue;
        }
        let why = (order.is_cancelled() && !order.is_buyer_requested()).then(|| {
            match order.cancelled_by() {
                Some(CancelledBy::Amazon) => "cancelled by Amazon (never confirmed)",
                Some(CancelledBy::Seller) => "cancelled by the seller",
                _ => "cancelled, not at the buyer's request",
            }
            .to_string()
        });
        m.count_on(day, || ctx.id(*key), why);
    }
    m
}
