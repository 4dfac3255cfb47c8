//! On-time delivery rate (SPEC §4).

use chrono::NaiveDate;

use super::{tracking, Context, Item, Measured, Why};
use crate::calendar::Instant;
use crate::model::{Order, OrderKey};
use crate::policy::{MetricId, Scope};

/// One order as of the context's day: its deliver-by day and, when not
/// delivered on time, why. `None` when the rule leaves it out (cancelled,
/// no package with valid tracking known at E, no deliver-by).
pub fn item(
    ctx: &Context<'_>,
    key: OrderKey,
    order: &Order,
    wants: impl Fn(NaiveDate) -> bool,
) -> Option<(NaiveDate, Option<Why>)> {
    if !ctx.model.has_delivery_column
        || !order.is_seller_fulfilled()
        || !ctx.exists(order)
        || ctx.cancelled(order)
    {
        return None;
    }
    let shipments = ctx.model.shipments.get(&key)?;
    let deliver_by = order.deliver_by().or(shipments.deliver_by)?;
    let day = ctx.day(deliver_by);
    if !wants(day) {
        return None;
    }
    let deadline = ctx.cal.end_of(day);
    let mut tracked = ctx
        .packages(key)
        .filter(|p| tracking::invalid_reason_of(p.carrier, p.tracking).is_none())
        .peekable();
    tracked.peek()?;
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
    Some((day, why))
}

/// The instants at which [`item`] can change for this order.
pub fn changes(ctx: &Context<'_>, key: OrderKey, order: &Order, out: &mut Vec<Instant>) {
    ctx.changes(key, order, out);
}

pub fn on_time_delivery_rate(ctx: &Context<'_>, scope: Scope, days: u32) -> Measured {
    let window = ctx.window(MetricId::OnTimeDeliveryRate, days);
    let mut m = Measured::new(MetricId::OnTimeDeliveryRate, scope, window, ctx.as_of);
    if !ctx.model.has_delivery_column {
        // No delivery scans at all: the metric has no data.
        return m;
    }
    for (key, order) in &ctx.model.orders {
        if let Some((day, why)) = item(ctx, *key, order, |d| m.wants(d)) {
            m.count(ctx, day, Item::Order(*key), why);
        }
    }
    m
}
