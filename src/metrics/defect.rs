//! What makes an item a defect, and what the metrics had to leave out: typed
//! facts. The report puts them into words.

use chrono::NaiveDate;

use crate::calendar::Instant;
use crate::model::CancelledBy;
use crate::policy::MetricId;

/// One defective item: its id and what makes it a defect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defect {
    pub id: String,
    pub why: Why,
}

/// Why an item is a defect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Order defect rate: what the order received (at least one is set).
    Complaints {
        /// The lowest rating, when the order has negative feedback.
        negative_feedback: Option<u8>,
        a_to_z_claim: bool,
        chargeback: bool,
    },
    /// Late shipment: confirmed after the ship-by instant.
    ConfirmedLate {
        confirmed: Instant,
        due: Instant,
    },
    /// Late shipment: no confirmation and the ship-by instant has passed.
    NotConfirmed {
        due: Instant,
    },
    /// Pre-fulfillment cancellation, and by whom when known.
    Cancelled {
        by: Option<CancelledBy>,
    },
    /// A package without valid tracking.
    Tracking(TrackingProblem),
    /// A tracked package delivered after the deliver-by day.
    DeliveredLate {
        delivered: Instant,
        promised_by: NaiveDate,
    },
    /// A tracked package never delivered.
    NoDeliveryScan {
        promised_by: NaiveDate,
    },
    /// Expired: `cancelled-by` says Amazon.
    CancelledByAmazon,
    /// Expired: cancelled without confirmation after the auto-cancel instant.
    CancelledUnconfirmedAfter {
        deadline: Instant,
    },
    /// Expired: still unconfirmed past the auto-cancel instant.
    UnconfirmedPastAutoCancel {
        deadline: Instant,
    },
    /// Response time: the first reply came this many seconds after the message.
    AnsweredAfter {
        seconds: i64,
    },
    NeverAnswered,
}

/// Why a package's tracking is not valid (SPEC §4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrackingProblem {
    NoCarrier,
    NoNumber,
    /// A placeholder such as `N/A` (the normalised number).
    Placeholder(Box<str>),
    /// One character repeated.
    Repeated,
    /// Not 8 to 40 letters and digits.
    Malformed,
    /// Not of the carrier's format (the carrier as read).
    NotCarrierFormat(Box<str>),
}

/// What the metrics had to leave out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Feedback, claim or return rows naming orders absent from every orders file.
    OrphanComplaintRows(u64),
    /// Orders in shipment files absent from every orders file.
    OrphanShipmentOrders(u64),
    /// Shipped seller-fulfilled orders without a shipment row (late shipment rate).
    UnknownConfirmation(u64),
    /// Seller-fulfilled orders placed in the last `days` days with no ship-by date.
    NoShipBy { orders: u64, days: u32 },
    /// Cancelled seller-fulfilled orders placed in the expired-orders window
    /// (`days` days) with no ship-by date and no `cancelled-by`: expired
    /// orders cannot tell Amazon's automatic cancellations among them.
    CancelledWithoutShipBy { orders: u64, days: u32 },
    /// A metric placed by purchase day has no data because each of the
    /// `orders` orders read was placed after its window's last day
    /// (`placed_after`), inside its lag.
    AllInLag {
        metric: MetricId,
        orders: u64,
        placed_after: NaiveDate,
    },
}
