//! On-time delivery rate (SPEC §4).

use super::{tracking, Context, Item, Measured, Why};
use crate::policy::{MetricId, Scope};

pub fn on_time_delivery_rate(ctx: &Context<'_>, scope: Scope, days: u32) -> Measured {
    let window = ctx.window(MetricId::OnTimeDeliveryRate, days);
    let mut m = Measured::new(MetricId::OnTimeDeliveryRate, scope, window, ctx.as_of);
    if !ctx.model.has_delivery_column {
        // No delivery scans at all: the metric has no data.
        return m;
    }
    for (key, order) in &ctx.model.orders {
        if !order.is_seller_fulfilled() || order.is_cancelled() {
            continue;
        }
        let Some(shipments) = ctx.model.shipments.get(key) else {
            continue;
        };
        let Some(deliver_by) = order.deliver_by().or(shipments.deliver_by) else {
            continue;
        };
        let day = ctx.day(deliver_by);
        if !m.wants(day) {
            continue;
        }
        let deadline = ctx.cal.end_of(day);
        let mut tracked = shipments
            .packages
            .iter()
            .filter(|p| tracking::is_valid(p))
            .peekable();
        if tracked.peek().is_none() {
            continue;
        }
        let mut why = None;
        for p in tracked {
            match p.delivered {
                Some(t) if t <= deadline => {}
                Some(t) => {
                    why = Some(Why::DeliveredLate {
                        delivered: t,
                        promised_by: day,
                    });
                    break;
                }
                None => {
                    why = Some(Why::NoDeliveryScan { promised_by: day });
                    break;
                }
            }
        }
        m.count(ctx, day, Item::Order(*key), why);
    }
    m
}
