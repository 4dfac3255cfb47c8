//! Order defect rate: negative feedback, A-to-z claims, chargebacks (SPEC §4).

use super::{Components, Context, Measured};
use crate::model::Channel;
use crate::policy::{MetricId, Scope};

pub fn order_defect_rate(ctx: &Context<'_>, scope: Scope) -> Measured {
    let window = ctx.window(MetricId::OrderDefectRate, 60);
    let mut m = Measured::new(MetricId::OrderDefectRate, scope, window, ctx.as_of);
    let mut components = Components::default();
    let want = if scope == Scope::Afn {
        Channel::Afn
    } else {
        Channel::Mfn
    };
    for (key, order) in &ctx.model.orders {
        let channel = if order.is_seller_fulfilled() {
            Channel::Mfn
        } else {
            Channel::Afn
        };
        let day = ctx.day(order.purchase());
        if channel != want || !m.wants(day) {
            continue;
        }
        let in_window = window.contains(day);
        let mut reasons = Vec::new();
        if let Some(c) = ctx.model.complaints.get(key) {
            let counted = u64::from(in_window);
            if c.negative_feedback {
                components.negative_feedback += counted;
                reasons.push(format!("negative feedback ({}★)", c.worst_rating));
            }
            if c.a_to_z {
                components.a_to_z_claims += counted;
                reasons.push("A-to-z claim".to_string());
            }
            if c.chargeback {
                components.chargebacks += counted;
                reasons.push("chargeback".to_string());
            }
        }
        let why = (!reasons.is_empty()).then(|| reasons.join(", "));
        m.count_on(day, || ctx.id(*key), why);
    }
    m.components = Some(components);
    m
}

/// Feedback and claims naming orders absent from every orders file.
pub fn warnings(ctx: &Context<'_>) -> Vec<String> {
    let orphans: u64 = ctx
        .model
        .complaints
        .iter()
        .filter(|(k, _)| !ctx.model.knows(k))
        .map(|(_, c)| u64::from(c.rows))
        .sum();
    let ship_orphans = ctx
        .model
        .shipments
        .keys()
        .filter(|k| !ctx.model.knows(k))
        .count();
    let mut out = Vec::new();
    if orphans > 0 {
        out.push(format!(
            "{orphans} feedback, claim or return rows name orders absent from every orders file; they cannot be placed in a window and were ignored"
        ));
    }
    if ship_orphans > 0 {
        out.push(format!(
            "{ship_orphans} orders in shipment files are absent from every orders file; their packages count only toward the valid tracking rate"
        ));
    }
    out
}
