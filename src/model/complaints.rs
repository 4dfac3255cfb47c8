//! What the feedback, claims and returns files say of one order, and the
//! claims still open.

use super::OrderKey;
use crate::calendar::Instant;

/// When an event became known: the earliest dated row, [`Since::UNDATED`]
/// when a row carries no date (it counts on every day), [`Since::NEVER`]
/// without any row (SPEC §10.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Since(pub Instant);

impl Since {
    pub const NEVER: Since = Since(Instant::MAX);
    pub const UNDATED: Since = Since(Instant::MIN);

    pub fn of(date: Option<Instant>) -> Since {
        Since(date.unwrap_or(Instant::MIN))
    }

    /// Whether a row had been seen before the instant `e`.
    pub fn before(self, e: Instant) -> bool {
        self != Since::NEVER && self.0 < e
    }

    /// The dated instant, when there is one: the moment it becomes known.
    pub fn dated(self) -> Option<Instant> {
        (self != Since::NEVER && self != Since::UNDATED).then_some(self.0)
    }

    pub fn any(self) -> bool {
        self != Since::NEVER
    }
}

impl Default for Since {
    fn default() -> Self {
        Since::NEVER
    }
}

/// What the feedback and claims files say of one order: for each kind of
/// defect, since when it is known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Complaints {
    /// Feedback rated 1, and rated 2, that is not removed.
    pub rated_1: Since,
    pub rated_2: Since,
    pub a_to_z: Since,
    pub chargeback: Since,
    /// Rows that named this order (feedback, claims, returns).
    pub rows: u32,
}

impl Complaints {
    pub(super) fn merge(&mut self, later: &Complaints) {
        self.rows += later.rows;
        self.rated_1 = self.rated_1.min(later.rated_1);
        self.rated_2 = self.rated_2.min(later.rated_2);
        self.a_to_z = self.a_to_z.min(later.a_to_z);
        self.chargeback = self.chargeback.min(later.chargeback);
    }

    /// The instants at which what is known of the order changes.
    pub fn changes(&self) -> impl Iterator<Item = Instant> {
        [self.rated_1, self.rated_2, self.a_to_z, self.chargeback]
            .into_iter()
            .filter_map(Since::dated)
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
