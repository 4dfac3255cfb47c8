//! What to do today: open orders at risk and messages due.

use super::{expired::auto_cancel_at, response::is_pending, Context};
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
            o.is_seller_fulfilled()
                && ctx.exists(o)
                && !ctx.cancelled(o)
                && !ctx.ship_confirmed(**key, o)
        })
        .filter_map(|(key, o)| {
            let ship_by = ctx.ship_by(o)?;
            let auto_cancel = auto_cancel_at(ctx, o)?;
            let state = if ctx.evaluation > auto_cancel {
                OpenState::Expired
            } else if ctx.evaluation > ship_by {
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

pub fn pending_messages(ctx: &Context<'_>) -> Vec<PendingMessage> {
    let mut out: Vec<PendingMessage> = ctx
        .model
        .messages
        .iter()
        .filter(|m| !m.no_response_needed && is_pending(ctx, m))
        .map(|m| PendingMessage {
            message_id: m.id.to_string(),
            answer_by: m.received + RESPONSE_HOURS * 3600,
        })
        .collect();
    out.sort_by(|a, b| a.message_id.cmp(&b.message_id));
    out
}
