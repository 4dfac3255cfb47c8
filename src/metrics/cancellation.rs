//! Pre-fulfillment cancel rate (SPEC §4).

use super::{Context, Measured};
use crate::model::CancelledBy;
use crate::policy::{MetricId, Scope};

pub fn pre_fulfillment_cancel_rate(ctx: &Context<'_>) -> Measured {
    let window = ctx.window(MetricId::PreFulfillmentCancelRate, 7);
    let mut m = Measured::new(MetricId::PreFulfillmentCancelRate, Scope::Mfn, window);
    for (key, order) in &ctx.model.orders {
        if !order.is_seller_fulfilled() || !window.contains(ctx.day(order.purchase)) {
            continue;
        }
        let why = (order.is_cancelled() && !order.is_buyer_requested()).then(|| {
            match order.cancelled_by {
                Some(CancelledBy::Amazon) => "cancelled by Amazon (never confirmed)",
                Some(CancelledBy::Seller) => "cancelled by the seller",
                _ => "cancelled, not at the buyer's request",
            }
            .to_string()
        });
        m.count(|| ctx.id(*key), why);
    }
    m
}
