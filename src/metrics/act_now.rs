//! What to do now: open orders at risk, messages due and claims to answer,
//! judged at [`Context::now`] (SPEC §9.1), not at E.

use super::{expired::auto_cancel_at, Context};
use crate::calendar::Instant;
use crate::policy::RESPONSE_HOURS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum OpenState {
    /// Ship-by still ahead.
    Due,
    /// Past ship-by: already counts as late.
    Late,
    /// Past the auto-cancel instant.
    Expired,
}

/// A seller-fulfilled order not cancelled, not shipped and with no shipment row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenOrder {
    pub order_id: String,
    pub state: OpenState,
    pub ship_by: Instant,
    pub auto_cancel_at: Instant,
}

pub fn open_orders(ctx: &Context<'_>) -> Vec<OpenOrder> {
    let mut out: Vec<OpenOrder> = ctx
        .model
        .orders
        .iter()
        .filter(|(key, o)| {
            o.is_seller_fulfilled() && !o.is_cancelled() && !ctx.ship_confirmed(**key, o)
        })
        .filter_map(|(key, o)| {
            let ship_by = ctx.ship_by(o)?;
            let auto_cancel = auto_cancel_at(ctx, o)?;
            let state = if ctx.now > auto_cancel {
                OpenState::Expired
            } else if ctx.now > ship_by {
                OpenState::Late
            } else {
                OpenState::Due
            };
            Some(OpenOrder {
                order_id: ctx.id(*key),
                state,
                ship_by,
                auto_cancel_at: auto_cancel,
            })
        })
        .collect();
    out.sort_by(|a, b| a.order_id.cmp(&b.order_id));
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingMessage {
    pub message_id: String,
    pub answer_by: Instant,
}

/// Unanswered messages received in the 24 hours up to now (SPEC §4's
/// pending messages, judged at now instead of E).
pub fn pending_messages(ctx: &Context<'_>) -> Vec<PendingMessage> {
    let limit = RESPONSE_HOURS * 3600;
    let mut out: Vec<PendingMessage> = ctx
        .model
        .messages
        .iter()
        .filter(|m| {
            !m.no_response_needed
                && m.received <= ctx.now
                && ctx.now - m.received <= limit
                && m.responded.is_none()
        })
        .map(|m| PendingMessage {
            message_id: m.id.to_string(),
            answer_by: m.received + RESPONSE_HOURS * 3600,
        })
        .collect();
    out.sort_by(|a, b| a.message_id.cmp(&b.message_id));
    out
}
