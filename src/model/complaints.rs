//! What the feedback, claims and returns files say of one order.

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimType {
    AToZ,
    Chargeback,
}
