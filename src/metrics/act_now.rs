//! What to do now: open orders at risk, messages due and claims to answer,
//! judged at [`Context::now`] (SPEC §9.1), not at E.

use super::{expired::auto_cancel_at, Context};
use chrono::NaiveDate;

use crate::calendar::{add_days, Instant};
use crate::model::ClaimType;
use crate::policy::{
    A_TO_Z_RESPONSE_HOURS, CHARGEBACK_RESPONSE_DAYS, OPEN_CLAIM_DAYS, RESPONSE_HOURS,
};

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
                // A reply after now is not known yet (SPEC §10.1).
                && m.responded.is_none_or(|r| r >= ctx.now)
        })
        .map(|m| PendingMessage {
            message_id: m.id.to_string(),
            answer_by: m.received + RESPONSE_HOURS * 3600,
        })
        .collect();
    out.sort_by(|a, b| a.message_id.cmp(&b.message_id));
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ClaimState {
    /// The deadline is still ahead (or unknown: the claim has no date).
    Due,
    /// Now is past the deadline.
    Overdue,
}

/// A claim to answer (SPEC §9.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimDue {
    pub order_id: String,
    pub kind: ClaimType,
    /// The claim's day in the zone; `None` when the file gives no date.
    pub claim_day: Option<NaiveDate>,
    /// The project's deadline to answer: 72 hours from the start of an
    /// A-to-z claim's day, 7 days for a chargeback; `None` without a date.
    pub respond_by: Option<Instant>,
    pub state: ClaimState,
}

/// The deadline to answer a claim of `kind` made on `day`.
pub fn respond_by(ctx: &Context<'_>, kind: ClaimType, day: NaiveDate) -> Instant {
    match kind {
        ClaimType::AToZ => ctx.cal.start_of(day) + A_TO_Z_RESPONSE_HOURS * 3600,
        ClaimType::Chargeback => ctx.cal.start_of(add_days(day, CHARGEBACK_RESPONSE_DAYS)),
    }
}

/// Claims not yet decided (status pending, open or empty), dated in the
/// [`OPEN_CLAIM_DAYS`] days up to now or undated, on any order (including
/// orders absent from the orders files). The same claim read twice is listed
/// once. Sorted by deadline (undated last), then order id.
pub fn claims_due(ctx: &Context<'_>) -> Vec<ClaimDue> {
    let mut claims = ctx.model.open_claims.clone();
    claims.sort_unstable();
    claims.dedup();
    // The 60 days before now: from the same time of day 60 calendar days
    // earlier (a claim dated at E − 60 days is in, one a day older is not).
    let today = ctx.cal.day_of(ctx.now);
    let since =
        ctx.cal.start_of(add_days(today, -OPEN_CLAIM_DAYS)) + (ctx.now - ctx.cal.start_of(today));
    let mut out: Vec<ClaimDue> = claims
        .into_iter()
        .filter(|c| c.date.is_none_or(|d| since <= d && d <= ctx.now))
        .map(|c| {
            let claim_day = c.date.map(|d| ctx.cal.day_of(d));
            let respond_by = claim_day.map(|day| respond_by(ctx, c.kind, day));
            ClaimDue {
                order_id: ctx.id(c.order),
                kind: c.kind,
                claim_day,
                respond_by,
                state: if respond_by.is_some_and(|r| ctx.now > r) {
                    ClaimState::Overdue
                } else {
                    ClaimState::Due
                },
            }
        })
        .collect();
    // Undated last; an order's A-to-z claim before its chargeback on a tie.
    out.sort_by(|a, b| {
        (a.respond_by.is_none(), a.respond_by, &a.order_id, a.kind).cmp(&(
            b.respond_by.is_none(),
            b.respond_by,
            &b.order_id,
            b.kind,
        ))
    });
    out
}
