//! Pre-fulfillment cancel rate (SPEC §4).

use super::{Context, Item, Measured, Why};
use crate::policy::{MetricId, Scope};

pub fn pre_fulfillment_cancel_rate(ctx: &Context<'_>, scope: Scope, days: u32) -> Measured {
    let window = ctx.window(MetricId::PreFulfillmentCancelRate, days);
    let mut m = Measured::new(MetricId::PreFulfillmentCancelRate, scope, window, ctx.as_of);
    for (key, order) in &ctx.model.orders {
        let day = ctx.day(order.purchase());
        if !order.is_seller_fulfilled() || !m.wants(day) {
            continue;
        }
        let why = (order.is_cancelled() && !order.is_buyer_requested()).then(|| Why::Cancelled {
            by: order.cancelled_by(),
        });
        m.count(ctx, day, Item::Order(*key), why);
    }
    m
}
