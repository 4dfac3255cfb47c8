//! A buyer message, from a messages report.

use crate::calendar::Instant;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: Box<str>,
    pub received: Instant,
    pub responded: Option<Instant>,
    pub no_response_needed: bool,
}
