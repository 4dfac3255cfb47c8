//! Late shipment rate (SPEC §4).

use super::{Context, Item, Measured, Note, Why};
use crate::model::StatusClass;
use crate::policy::{MetricId, Scope};

pub fn late_shipment_rate(ctx: &Context<'_>, scope: Scope, days: u32) -> Measured {
    let window = ctx.window(MetricId::LateShipmentRate, days);
    let mut m = Measured::new(MetricId::LateShipmentRate, scope, window, ctx.as_of);
    for (key, order) in &ctx.model.orders {
        if !order.is_seller_fulfilled() || order.is_cancelled() {
            continue;
        }
        let Some(ship_by) = ctx.ship_by(order) else {
            continue;
        };
        let day = ctx.day(ship_by);
        if !m.wants(day) {
            continue;
        }
        let why = match ctx.model.shipments.get(key) {
            Some(s) => (s.confirmed > ship_by).then_some(Why::ConfirmedLate {
                confirmed: s.confirmed,
                due: ship_by,
            }),
            // Shipped without a shipment row: confirmation time unknown, left out.
            None if order.status() == StatusClass::Shipped => continue,
            None => (ctx.evaluation > ship_by).then_some(Why::NotConfirmed { due: ship_by }),
        };
        m.count(ctx, day, Item::Order(*key), why);
    }
    m
}

/// Orders the late shipment rate had to leave out, over its longest window.
pub fn notes(ctx: &Context<'_>) -> Vec<Note> {
    let longest = MetricId::LateShipmentRate.policy().longest_window();
    let window = ctx.window(MetricId::LateShipmentRate, longest);
    let (mut unknown_confirmation, mut no_ship_by) = (0u64, 0u64);
    for (key, order) in &ctx.model.orders {
        if !order.is_seller_fulfilled() || order.is_cancelled() {
            continue;
        }
        match ctx.ship_by(order) {
            Some(ship_by) => {
                if window.contains(ctx.day(ship_by))
                    && order.status() == StatusClass::Shipped
                    && !ctx.model.shipments.contains_key(key)
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
