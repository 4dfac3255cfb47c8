//! Buyer-message response time (SPEC §4).

use chrono::NaiveDate;

use super::{Context, Measured, Why};
use crate::calendar::Instant;
use crate::model::Message;
use crate::policy::{MetricId, Scope, RESPONSE_HOURS};

const LIMIT: i64 = RESPONSE_HOURS * 3600;

/// Unanswered as of A and received 24 hours or less before E.
pub fn is_pending(ctx: &Context<'_>, msg: &Message) -> bool {
    ctx.received(msg) && ctx.response(msg).is_none() && ctx.evaluation - msg.received <= LIMIT
}

/// One message as of the context's day: its received day and, when late,
/// why. `None` when not received by E, needing no response, or pending.
pub fn item(
    ctx: &Context<'_>,
    msg: &Message,
    wants: impl Fn(NaiveDate) -> bool,
) -> Option<(NaiveDate, Option<Why>)> {
    if msg.no_response_needed || !ctx.received(msg) {
        return None;
    }
    let day = ctx.day(msg.received);
    if !wants(day) || is_pending(ctx, msg) {
        return None;
    }
    let why = match ctx.response(msg) {
        Some(r) => (r - msg.received > LIMIT).then_some(Why::AnsweredAfter {
            seconds: r - msg.received,
        }),
        None => Some(Why::NeverAnswered),
    };
    Some((day, why))
}

/// The instants at which [`item`] can change for this message.
pub fn changes(msg: &Message, out: &mut Vec<Instant>) {
    out.push(msg.received);
    out.push(msg.received.saturating_add(LIMIT));
    out.extend(msg.responded);
}

pub fn response_time(ctx: &Context<'_>, scope: Scope, days: u32) -> Measured {
    let window = ctx.window(MetricId::ResponseTime, days);
    let mut m = Measured::new(MetricId::ResponseTime, scope, window, ctx.as_of);
    let (mut answered, mut seconds) = (0u64, 0i64);
    for msg in &ctx.model.messages {
        let Some((day, why)) = item(ctx, msg, |d| m.wants(d)) else {
            continue;
        };
        if let (true, Some(r)) = (window.contains(day), ctx.response(msg)) {
            answered += 1;
            seconds += r - msg.received;
        }
        m.count_on(day, || msg.id.to_string(), why);
    }
    m.average_response_hours =
        Some((answered > 0).then(|| seconds as f64 / 3600.0 / answered as f64));
    m
}
