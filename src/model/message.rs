//! A buyer message, from a messages report.

use crate::calendar::Instant;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: Box<str>,
    pub received: Instant,
    pub responded: Option<Instant>,
    pub no_response_needed: bool,
    /// The order it names, if any: the message goes to the audit of that
    /// order's marketplace (SPEC §12.1). Messages are few (only those in a
    /// window are kept), so the id is kept as text.
    pub order: Option<Box<str>>,
}
