//! Report kinds, their columns and aliases, and header detection (SPEC §2.1, §2.3).

use super::mapping::HeaderMapping;
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
    ReturnDate,
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
    Currency,
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
    /// Every canonical column name, each once, in field order.
    pub fn canonical_names() -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Field::ALL.iter().map(|f| f.name()).collect();
        let mut seen = Vec::new();
        names.retain(|n| {
            let new = !seen.contains(n);
            seen.push(*n);
            new
        });
        names
    }

    /// The canonical column name, for messages.
    pub fn name(self) -> &'static str {
        for kind in Kind::DETECTION_ORDER {
            if let Some(c) = kind.columns().iter().find(|c| c.field == self) {
                return c.name();
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
    /// The normalised header cells of the columns in use (column, name), to
    /// recognise a repeated header row; empty for a header read by position.
    pub names: Vec<(usize, String)>,
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
            // The sales channel is always read: it tells the order's
            // marketplace (SPEC §12.1).
            if d == Dimension::SalesChannel {
                continue;
            }
            if let (Some(f), false) = (dimension_field(d), wanted.contains(d)) {
                self.slots[f as usize] = None;
            }
        }
        // The currency tells the marketplace only where there is no sales
        // channel column (Amazon fills it in every row of its order
        // reports): not splitting up to it keeps wide exports fast.
        if self.has(Field::SalesChannel) {
            self.slots[Field::Currency as usize] = None;
        }
        // A column no longer read is not split: a repeated header is told
        // by the columns still read.
        let used = self.used_columns();
        self.names.retain(|(i, _)| used.binary_search(i).is_ok());
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

/// Whether a (normalised) header names a column of buyer data, whose values
/// are never quoted in any message (SPEC §15).
pub fn is_buyer_column(name: &str) -> bool {
    matches!(
        name,
        "buyer-name"
            | "buyer-email"
            | "buyer-phone-number"
            | "recipient-name"
            | "ship-phone-number"
            | "rater-email"
    ) || name.starts_with("ship-address-")
}

/// Whether a trimmed header cell names `alias` (an ASCII name) once
/// normalised as [`normalise`] does, without allocating.
fn names(cell: &str, alias: &str) -> bool {
    let normal = |c: char| match c {
        ' ' | '_' => '-',
        c => c.to_ascii_lowercase(),
    };
    if cell.is_ascii() {
        return cell.len() == alias.len()
            && cell
                .bytes()
                .zip(alias.bytes())
                .all(|(c, a)| normal(char::from(c)) == char::from(a));
    }
    let mut want = alias.chars();
    for c in cell.chars() {
        for l in normal(c).to_lowercase() {
            if want.next() != Some(l) {
                return false;
            }
        }
    }
    want.next().is_none()
}

/// Maps a header to `kind`, or names the first required column it lacks.
pub fn match_kind<I>(kind: Kind, cells: I) -> Result<ColumnMap, &'static str>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    match_kind_mapped(kind, cells, &HeaderMapping::default())
}

/// [`match_kind`], with the headers `--map` names read as their columns: a
/// mapped header is its column and no other. The cells are walked once and
/// only the names in use are kept, so a header of millions of cells costs
/// little more than its text.
pub fn match_kind_mapped<I>(
    kind: Kind,
    cells: I,
    mapping: &HeaderMapping,
) -> Result<ColumnMap, &'static str>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let mut slots = [None; Field::COUNT];
    let mut names_used = Vec::new();
    let mut width = 0;
    let lengths = kind
        .columns()
        .iter()
        .flat_map(|c| c.names.iter().map(|a| a.len()));
    let (shortest, longest) = (lengths.clone().min(), lengths.max());
    for (i, cell) in cells.into_iter().enumerate() {
        width = i + 1;
        let cell = cell.as_ref().trim();
        let mapped = if mapping.is_empty() {
            None
        } else {
            mapping.field_of(&normalise(cell))
        };
        let len = Some(cell.len());
        if mapped.is_none() && cell.is_ascii() && (len < shortest || len > longest) {
            // Of no alias's length: names no column (most cells of a wide header).
            continue;
        }
        let mut used = false;
        for c in kind.columns() {
            // When two columns name the same field, the leftmost is used.
            let slot = &mut slots[c.field as usize];
            let named = match mapped {
                Some(f) => f == c.field,
                None => c.names.iter().any(|a| names(cell, a)),
            };
            if slot.is_none() && named {
                *slot = Some(i);
                used = true;
            }
        }
        if used {
            names_used.push((i, normalise(cell)));
        }
    }
    for c in kind.columns() {
        if c.required && slots[c.field as usize].is_none() {
            return Err(c.name());
        }
    }
    Ok(ColumnMap {
        kind,
        width,
        slots,
        names: names_used,
    })
}

/// The first kind, in detection order, whose required columns are all present.
pub fn detect<I>(cells: I) -> Option<ColumnMap>
where
    I: IntoIterator + Clone,
    I::Item: AsRef<str>,
{
    detect_mapped(cells, &HeaderMapping::default())
}

/// [`detect`], with the headers `--map` names read as their columns.
pub fn detect_mapped<I>(cells: I, mapping: &HeaderMapping) -> Option<ColumnMap>
where
    I: IntoIterator + Clone,
    I::Item: AsRef<str>,
{
    Kind::DETECTION_ORDER
        .into_iter()
        .find_map(|k| match_kind_mapped(k, cells.clone(), mapping).ok())
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
    fn names_match_as_normalised() {
        for cell in [
            "Order ID",
            " order_id ",
            "ORDER-ID",
            "\u{3000}Order Id\u{a0}",
            // KELVIN SIGN lower-cases to `k`.
        ] {
            assert!(names(cell.trim(), "order-id"), "{cell:?}");
            assert_eq!(normalise(cell), "order-id");
        }
        assert!(names("Trac\u{212a}ing Number", "tracking-number"));
        assert_eq!(normalise("Trac\u{212a}ing Number"), "tracking-number");
        for cell in ["order-i", "order-idd", "order id x", "ordér-id", ""] {
            assert!(!names(cell.trim(), "order-id"), "{cell:?}");
            assert_ne!(normalise(cell), "order-id");
        }
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
    fn mapped_headers_are_read_as_their_columns() {
        let india = [
            "index",
            "Order ID",
            "Date",
            "Status",
            "Fulfilment",
            "Sales Channel ",
        ];
        assert_eq!(detect(&india), None);
        let mapping = HeaderMapping::new([
            ("date".to_string(), Field::PurchaseDate),
            ("status".to_string(), Field::OrderStatus),
            ("fulfilment".to_string(), Field::FulfillmentChannel),
        ]);
        let m = detect_mapped(&india, &mapping).unwrap();
        assert_eq!(m.kind, Kind::Orders);
        assert_eq!(m.get(Field::PurchaseDate), Some(2));
        assert_eq!(m.get(Field::OrderStatus), Some(3));
        assert_eq!(m.get(Field::FulfillmentChannel), Some(4));
        // The names stay the file's own (a repeated header is still one).
        assert!(m.names.contains(&(2, "date".to_string())));
        // A mapped header is its column and no other: `date` no longer
        // names a claim's date.
        let claims = ["order-id", "type", "date"];
        let m = match_kind_mapped(Kind::Claims, &claims, &mapping).unwrap();
        assert_eq!(m.get(Field::ClaimDate), None);
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
