//! Buyer-message response time (SPEC §4).

use super::{Context, Measured, Why};
use crate::model::Message;
use crate::policy::{MetricId, Scope, RESPONSE_HOURS};

const LIMIT: i64 = RESPONSE_HOURS * 3600;

/// Unanswered and received 24 hours or less before E (and not after it).
pub fn is_pending(ctx: &Context<'_>, msg: &Message) -> bool {
    msg.responded.is_none()
        && msg.received <= ctx.evaluation
        && ctx.evaluation - msg.received <= LIMIT
}

pub fn response_time(ctx: &Context<'_>, scope: Scope, days: u32) -> Measured {
    let window = ctx.window(MetricId::ResponseTime, days);
    let mut m = Measured::new(MetricId::ResponseTime, scope, window, ctx.as_of);
    let (mut answered, mut seconds) = (0u64, 0i64);
    for msg in &ctx.model.messages {
        let day = ctx.day(msg.received);
        if msg.no_response_needed || !m.wants(day) || is_pending(ctx, msg) {
            continue;
        }
        let why = match msg.responded {
            Some(r) => {
                if window.contains(day) {
                    answered += 1;
                    seconds += r - msg.received;
                }
                (r - msg.received > LIMIT).then_some(Why::AnsweredAfter {
                    seconds: r - msg.received,
                })
            }
            None => Some(Why::NeverAnswered),
        };
        m.count_on(day, || msg.id.to_string(), why);
    }
    m.average_response_hours =
        Some((answered > 0).then(|| seconds as f64 / 3600.0 / answered as f64));
    m
}
