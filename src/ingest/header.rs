//! Report kinds, their columns and aliases, and header detection (SPEC §2.1, §2.3).

use crate::model::{Dimension, Dimensions};

/// The kinds of report, in the order detection tries them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Shipments,
    Returns,
    Orders,
    Feedback,
    Claims,
    Messages,
    /// Amazon's Account Health report: JSON, no columns (never detected by header).
    Performance,
}

impl Kind {
    pub const DETECTION_ORDER: [Kind; 6] = [
        Kind::Shipments,
        Kind::Returns,
        Kind::Orders,
        Kind::Feedback,
        Kind::Claims,
        Kind::Messages,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Shipments => "shipments",
            Kind::Returns => "returns",
            Kind::Orders => "orders",
            Kind::Feedback => "feedback",
            Kind::Claims => "claims",
            Kind::Messages => "messages",
            Kind::Performance => "performance",
        }
    }

    /// Columns of the kind: canonical field, accepted names (normalised), required.
    fn columns(self) -> &'static [(Field, &'static [&'static str], bool)] {
        use Field::*;
        match self {
            Kind::Orders => &[
                (OrderId, &["order-id", "amazon-order-id"], true),
                (PurchaseDate, &["purchase-date", "order-date"], true),
                (FulfillmentChannel, &["fulfillment-channel"], false),
                (OrderStatus, &["order-status"], false),
                (LatestShipDate, &["latest-ship-date", "promise-date"], false),
                (LatestDeliveryDate, &["latest-delivery-date"], false),
                (
                    BuyerRequested,
                    &[
                        "is-buyer-requested-cancellation",
                        "is-buyer-requested-cancel",
                    ],
                    false,
                ),
                (CancelledBy, &["cancelled-by"], false),
                (LastUpdated, &["last-updated-date"], false),
                // Read only for `--by` (SPEC §13): see `dimension_field`.
                (Sku, &["sku", "seller-sku", "merchant-sku"], false),
                (Asin, &["asin"], false),
                (ShipServiceLevel, &["ship-service-level"], false),
                (ShipState, &["ship-state"], false),
                (ShipCountry, &["ship-country"], false),
                (SalesChannel, &["sales-channel"], false),
            ],
            Kind::Shipments => &[
                (OrderId, &["order-id", "amazon-order-id"], true),
                (ShipDate, &["ship-date", "shipment-date"], true),
                (ConfirmedAt, &["confirmed-at", "confirmation-date"], false),
                (CarrierCode, &["carrier-code", "carrier"], false),
                (CarrierName, &["carrier-name"], false),
                (FulfillmentChannel, &["fulfillment-channel"], false),
                (TrackingNumber, &["tracking-number", "tracking-id"], false),
                (
                    DeliveredAt,
                    &["delivered-at", "delivery-date", "actual-delivery-date"],
                    false,
                ),
                (
                    LatestDeliveryDate,
                    &[
                        "latest-delivery-date",
                        "promised-delivery-date",
                        "estimated-arrival-date",
                    ],
                    false,
                ),
            ],
            Kind::Feedback => &[
                (Date, &["date"], true),
                (Rating, &["rating"], true),
                (OrderId, &["order-id", "amazon-order-id"], true),
                (Comments, &["comments"], false),
                (Response, &["response", "your-response"], false),
                (Removed, &["removed"], false),
            ],
            Kind::Claims => &[
                (OrderId, &["order-id", "amazon-order-id"], true),
                (ClaimType, &["claim-type", "type"], true),
                (ClaimDate, &["claim-date", "date"], false),
                (ClaimStatus, &["claim-status", "status"], false),
                (Reason, &["reason"], false),
            ],
            Kind::Returns => &[
                (OrderId, &["order-id", "amazon-order-id"], true),
                (AToZClaim, &["a-to-z-claim"], true),
            ],
            Kind::Messages => &[
                (ReceivedAt, &["received-at", "received", "created-at"], true),
                (
                    RespondedAt,
                    &["responded-at", "first-response-at", "replied-at"],
                    false,
                ),
                (MessageId, &["message-id", "thread-id", "ticket-id"], false),
                (OrderId, &["order-id", "amazon-order-id"], false),
                (NoResponseNeeded, &["no-response-needed"], false),
            ],
            Kind::Performance => &[],
        }
    }
}

/// Declares [`Field`] and [`Field::ALL`] from one list of names: adding a
/// field is adding its name to the list below, and [`Field::COUNT`] (the
/// size of [`ColumnMap`]'s slots) follows by itself.
macro_rules! fields {
    ($($field:ident),+ $(,)?) => {
        /// Every canonical field of every kind.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u8)]
        pub enum Field {
            $($field),+
        }

        impl Field {
            /// Every field, in declaration order: `Field::ALL[f as usize] == f`.
            pub const ALL: &'static [Field] = &[$(Field::$field),+];
            /// How many fields there are.
            pub const COUNT: usize = Field::ALL.len();
        }
    };
}

fields!(
    OrderId,
    PurchaseDate,
    FulfillmentChannel,
    OrderStatus,
    LatestShipDate,
    LatestDeliveryDate,
    BuyerRequested,
    CancelledBy,
    LastUpdated,
    ShipDate,
    ConfirmedAt,
    CarrierCode,
    CarrierName,
    TrackingNumber,
    DeliveredAt,
    Date,
    Rating,
    Comments,
    Response,
    Removed,
    ClaimType,
    ClaimDate,
    ClaimStatus,
    Reason,
    AToZClaim,
    ReceivedAt,
    RespondedAt,
    MessageId,
    NoResponseNeeded,
    Sku,
    Asin,
    ShipServiceLevel,
    ShipState,
    ShipCountry,
    SalesChannel,
);

/// The orders column of an order dimension (`None` for the carrier, a shipments value).
pub fn dimension_field(d: Dimension) -> Option<Field> {
    match d {
        Dimension::Sku => Some(Field::Sku),
        Dimension::Asin => Some(Field::Asin),
        Dimension::ShipServiceLevel => Some(Field::ShipServiceLevel),
        Dimension::ShipState => Some(Field::ShipState),
        Dimension::ShipCountry => Some(Field::ShipCountry),
        Dimension::SalesChannel => Some(Field::SalesChannel),
        Dimension::Carrier => None,
    }
}

impl Field {
    /// The canonical column name, for messages.
    pub fn name(self) -> &'static str {
        for kind in Kind::DETECTION_ORDER {
            if let Some(c) = kind.columns().iter().find(|c| c.0 == self) {
                return c.1[0];
            }
        }
        "?"
    }
}

/// Where each field of a kind sits in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    pub kind: Kind,
    /// Number of cells in the header; a longer row is malformed.
    pub width: usize,
    slots: [Option<usize>; Field::COUNT],
    /// The header's normalised cells, to recognise a repeated header row.
    pub names: Vec<String>,
}

impl ColumnMap {
    pub fn get(&self, field: Field) -> Option<usize> {
        self.slots[field as usize]
    }

    /// The columns any field of the kind is read from.
    pub fn used_columns(&self) -> Vec<usize> {
        let mut c: Vec<usize> = self.slots.iter().flatten().copied().collect();
        c.sort_unstable();
        c.dedup();
        c
    }

    pub fn has(&self, field: Field) -> bool {
        self.get(field).is_some()
    }

    /// Leaves the columns of the order dimensions not in `wanted` unread
    /// (neither split nor parsed: `--by` costs nothing when not given).
    pub fn keep_dimensions(&mut self, wanted: Dimensions) {
        for d in Dimension::ALL {
            if let (Some(f), false) = (dimension_field(d), wanted.contains(d)) {
                self.slots[f as usize] = None;
            }
        }
    }
}

/// `Order ID` = `order-id` = `order_id`: trimmed, lower-cased, space and `_` to `-`.
pub fn normalise(cell: &str) -> String {
    cell.trim()
        .chars()
        .map(|c| match c {
            ' ' | '_' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect::<String>()
        .to_lowercase()
}

/// Maps a header to `kind`, or names the first required column it lacks.
pub fn match_kind(kind: Kind, cells: &[&str]) -> Result<ColumnMap, &'static str> {
    let names: Vec<String> = cells.iter().map(|c| normalise(c)).collect();
    let mut slots = [None; Field::COUNT];
    for (field, aliases, _) in kind.columns() {
        // When two columns name the same field, the leftmost is used.
        slots[*field as usize] = names.iter().position(|n| aliases.contains(&n.as_str()));
    }
    for (field, aliases, required) in kind.columns() {
        if *required && slots[*field as usize].is_none() {
            return Err(aliases[0]);
        }
    }
    Ok(ColumnMap {
        kind,
        width: cells.len(),
        slots,
        names,
    })
}

/// The first kind, in detection order, whose required columns are all present.
pub fn detect(cells: &[&str]) -> Option<ColumnMap> {
    Kind::DETECTION_ORDER
        .into_iter()
        .find_map(|k| match_kind(k, cells).ok())
}

/// The feedback report read by position: `Date, Rating, Comments, Your Response,
/// Order ID, Rater Email` and an optional seventh `removed` (SPEC §2.3).
pub fn feedback_by_position(width: usize) -> ColumnMap {
    let mut slots = [None; Field::COUNT];
    slots[Field::Date as usize] = Some(0);
    slots[Field::Rating as usize] = Some(1);
    slots[Field::Comments as usize] = Some(2);
    slots[Field::Response as usize] = Some(3);
    slots[Field::OrderId as usize] = Some(4);
    if width >= 7 {
        slots[Field::Removed as usize] = Some(6);
    }
    ColumnMap {
        kind: Kind::Feedback,
        width,
        slots,
        names: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_normalised() {
        assert_eq!(normalise(" Order ID "), "order-id");
        assert_eq!(normalise("order_id"), "order-id");
        assert_eq!(normalise("A-to-Z Claim"), "a-to-z-claim");
    }

    #[test]
    fn detection_order_prefers_shipments_and_returns() {
        // Amazon Fulfilled Shipments carries purchase-date too.
        let afs = [
            "amazon-order-id",
            "purchase-date",
            "shipment-date",
            "carrier",
            "tracking-number",
        ];
        assert_eq!(detect(&afs).map(|m| m.kind), Some(Kind::Shipments));
        // The returns report's `Order date` is an alias of purchase-date.
        let returns = [
            "Order ID",
            "Order date",
            "Return request date",
            "A-to-Z Claim",
        ];
        assert_eq!(detect(&returns).map(|m| m.kind), Some(Kind::Returns));
        let orders = ["order-id", "order-item-id", "purchase-date", "promise-date"];
        let m = detect(&orders).unwrap();
        assert_eq!(m.kind, Kind::Orders);
        assert_eq!(m.get(Field::LatestShipDate), Some(3));
        let feedback = [
            "Date",
            "Rating",
            "Comments",
            "Your Response",
            "Order ID",
            "Rater Email",
        ];
        let m = detect(&feedback).unwrap();
        assert_eq!(m.kind, Kind::Feedback);
        assert_eq!(m.get(Field::Response), Some(3));
        assert_eq!(
            detect(&["order-id", "type", "status"]).map(|m| m.kind),
            Some(Kind::Claims)
        );
        assert_eq!(
            detect(&["ticket-id", "created-at"]).map(|m| m.kind),
            Some(Kind::Messages)
        );
        assert_eq!(detect(&["sku", "price"]), None);
    }

    #[test]
    fn leftmost_duplicate_column_wins() {
        let m = match_kind(Kind::Orders, &["order-id", "purchase-date", "order-date"]).unwrap();
        assert_eq!(m.get(Field::PurchaseDate), Some(1));
        let m = match_kind(
            Kind::Orders,
            &["order-date", "amazon-order-id", "purchase-date"],
        )
        .unwrap();
        assert_eq!(m.get(Field::PurchaseDate), Some(0));
    }

    #[test]
    fn every_field_has_a_slot_and_a_column() {
        for (i, &field) in Field::ALL.iter().enumerate() {
            // The slot index `field as usize` is in range and no other field's.
            assert_eq!(field as usize, i, "{field:?}");
            // A field no kind reads would never be filled.
            assert_ne!(field.name(), "?", "{field:?} is in no kind's columns");
        }
    }

    #[test]
    fn dimension_columns_are_read_only_when_asked_for() {
        let header = [
            "order-id",
            "purchase-date",
            "seller-sku",
            "asin",
            "ship-state",
        ];
        let mut m = match_kind(Kind::Orders, &header).unwrap();
        assert_eq!(m.get(Field::Sku), Some(2));
        m.keep_dimensions(Dimensions::NONE.with(Dimension::Asin));
        assert_eq!(m.get(Field::Sku), None);
        assert_eq!(m.get(Field::Asin), Some(3));
        assert_eq!(m.get(Field::ShipState), None);
        assert_eq!(m.used_columns(), [0, 1, 3]);
    }

    #[test]
    fn missing_required_column_is_named() {
        assert_eq!(
            match_kind(Kind::Shipments, &["order-id", "carrier"]),
            Err("ship-date")
        );
    }
}
