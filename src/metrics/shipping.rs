//! Late shipment rate (SPEC §4).

use chrono::NaiveDate;

use super::asof::Confirmation;
use super::{Context, Item, Measured, Note, Why};
use crate::calendar::Instant;
use crate::model::{Order, OrderKey};
use crate::policy::{MetricId, Scope};

/// One order as of the context's day: its ship-by day and, when late, why;
/// `None` when the rule leaves it out or `wants` does not want its day.
pub fn item(
    ctx: &Context<'_>,
    key: OrderKey,
    order: &Order,
    wants: impl Fn(NaiveDate) -> bool,
) -> Option<(NaiveDate, Option<Why>)> {
    if !order.is_seller_fulfilled() || !ctx.exists(order) || ctx.cancelled(order) {
        return None;
    }
    let ship_by = ctx.ship_by(order)?;
    let day = ctx.day(ship_by);
    if !wants(day) {
        return None;
    }
    let why = match ctx.confirmation(key, order) {
        Confirmation::At(confirmed) => (confirmed > ship_by).then_some(Why::ConfirmedLate {
            confirmed,
            due: ship_by,
        }),
        // Shipped without a shipment row: confirmation time unknown, left out.
        Confirmation::Unknown => return None,
        Confirmation::No => {
            (ctx.evaluation > ship_by).then_some(Why::NotConfirmed { due: ship_by })
        }
    };
    Some((day, why))
}

/// The instants at which [`item`] can change for this order.
pub fn changes(ctx: &Context<'_>, key: OrderKey, order: &Order, out: &mut Vec<Instant>) {
    ctx.changes(key, order, out);
    out.extend(ctx.ship_by(order));
}

pub fn late_shipment_rate(ctx: &Context<'_>, scope: Scope, days: u32) -> Measured {
    let window = ctx.window(MetricId::LateShipmentRate, days);
    let mut m = Measured::new(MetricId::LateShipmentRate, scope, window, ctx.as_of);
    for (key, order) in &ctx.model.orders {
        if let Some((day, why)) = item(ctx, *key, order, |d| m.wants(d)) {
            m.count(ctx, day, Item::Order(*key), why);
        }
    }
    m
}

/// Orders the late shipment rate had to leave out, over its longest window.
pub fn notes(ctx: &Context<'_>) -> Vec<Note> {
    let longest = MetricId::LateShipmentRate.policy().longest_window();
    let window = ctx.window(MetricId::LateShipmentRate, longest);
    let (mut unknown_confirmation, mut no_ship_by) = (0u64, 0u64);
    for (key, order) in &ctx.model.orders {
        if !order.is_seller_fulfilled() || !ctx.exists(order) || ctx.cancelled(order) {
            continue;
        }
        match ctx.ship_by(order) {
            Some(ship_by) => {
                if window.contains(ctx.day(ship_by))
                    && ctx.confirmation(*key, order) == Confirmation::Unknown
                {
                    unknown_confirmation += 1;
                }
            }
            None => {
                if window.contains(ctx.day(order.purchase())) {
                    no_ship_by += 1;
                }
            }
        }
    }
    let mut out = Vec::new();
    if unknown_confirmation > 0 {
        out.push(Note::UnknownConfirmation(unknown_confirmation));
    }
    if no_ship_by > 0 {
        out.push(Note::NoShipBy {
            orders: no_ship_by,
            days: longest,
        });
    }
    out
}
