//! What the feedback, claims and returns files say of one order, and the
//! claims still open.

use super::OrderKey;
use crate::calendar::Instant;

/// What the feedback and claims files say of one order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Complaints {
    /// Lowest rating of feedback that is not removed (0: none).
    pub worst_rating: u8,
    pub negative_feedback: bool,
    pub a_to_z: bool,
    pub chargeback: bool,
    /// Rows that named this order (feedback, claims, returns).
    pub rows: u32,
}

impl Complaints {
    pub(super) fn merge(&mut self, later: &Complaints) {
        self.rows += later.rows;
        self.worst_rating = match (self.worst_rating, later.worst_rating) {
            (0, r) | (r, 0) => r,
            (a, b) => a.min(b),
        };
        self.negative_feedback |= later.negative_feedback;
        self.a_to_z |= later.a_to_z;
        self.chargeback |= later.chargeback;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimType {
    AToZ,
    Chargeback,
}

/// A claim a claims file lists as not yet decided (status pending, open or
/// empty): something the seller may still have to answer (SPEC §9.1). A few
/// bytes each; the same claim read twice is listed once by the metrics layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OpenClaim {
    pub order: OrderKey,
    pub kind: ClaimType,
    /// The claim date; `None` when the file gives none.
    pub date: Option<Instant>,
}
