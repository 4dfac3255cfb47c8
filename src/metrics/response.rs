//! Buyer-message response time (SPEC §4).

use super::{Context, Measured};
use crate::model::Message;
use crate::policy::{MetricId, Scope, RESPONSE_HOURS};

const LIMIT: i64 = RESPONSE_HOURS * 3600;

/// Unanswered and received 24 hours or less before E (and not after it).
pub fn is_pending(ctx: &Context<'_>, msg: &Message) -> bool {
    msg.responded.is_none()
        && msg.received <= ctx.evaluation
        && ctx.evaluation - msg.received <= LIMIT
}

/// `24 h 0 min 1 s`: exact enough to show why a reply just past 24 hours is late.
fn duration(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if s == 0 {
        format!("{h} h {m} min")
    } else {
        format!("{h} h {m} min {s} s")
    }
}

pub fn response_time(ctx: &Context<'_>, days: u32) -> Measured {
    let window = ctx.window(MetricId::ResponseTime, days);
    let mut m = Measured::new(MetricId::ResponseTime, Scope::All, window, ctx.as_of);
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
                (r - msg.received > LIMIT)
                    .then(|| format!("answered after {}", duration(r - msg.received)))
            }
            None => Some("never answered".to_string()),
        };
        m.count_on(day, || msg.id.to_string(), why);
    }
    m.average_response_hours =
        Some((answered > 0).then(|| seconds as f64 / 3600.0 / answered as f64));
    m
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn durations_keep_the_seconds_that_make_a_reply_late() {
        assert_eq!(duration(86_401), "24 h 0 min 1 s");
        assert_eq!(duration(30 * 3600 + 60), "30 h 1 min");
    }
}
