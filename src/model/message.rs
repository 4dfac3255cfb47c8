//! A buyer message, from a messages report.

use crate::calendar::Instant;

use super::OrderMarket;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: Box<str>,
    pub received: Instant,
    pub responded: Option<Instant>,
    pub no_response_needed: bool,
    /// The marketplace of its order, when the row names an order read
    /// earlier in a run that holds several marketplaces (SPEC §12.1).
    pub market: OrderMarket,
}
