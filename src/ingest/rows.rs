//! Typed values from one row of each kind (SPEC §2.2–2.3). A row that breaks a
//! rule gives a reason, and the reader skips it.

use super::header::{ColumnMap, Field, Kind};
use super::values::{lookup, parse_bool, parse_rating, Role, ValueParser};
use crate::calendar::Instant;
use crate::ingest::records::Row;
use crate::model::{
    CancelledBy, Channel, ClaimType, Message, Model, OrderRow, ShipmentRow, StatusClass,
};

/// Why a row was skipped, in words (`purchase-date 'yesterday' is not a date`).
pub type Reason = String;

/// Where the values of parsed rows go: the model, or (reading a file on
/// several cores) a worker's rows sorted by the partition of their order.
pub trait Sink {
    fn order(&mut self, id: &str, row: OrderRow);
    fn shipment(&mut self, id: &str, row: ShipmentRow);
    fn feedback(&mut self, id: &str, rating: u8, removed: bool);
    fn claim(&mut self, id: &str, kind: ClaimType, counts: bool);
    fn message(&mut self, message: Message);
}

impl Sink for Model {
    fn order(&mut self, id: &str, row: OrderRow) {
        self.add_order(id, row);
    }

    fn shipment(&mut self, id: &str, row: ShipmentRow) {
        self.add_shipment(id, row);
    }

    fn feedback(&mut self, id: &str, rating: u8, removed: bool) {
        self.add_feedback(id, rating, removed);
    }

    fn claim(&mut self, id: &str, kind: ClaimType, counts: bool) {
        self.add_claim(id, kind, counts);
    }

    fn message(&mut self, message: Message) {
        self.add_message(message);
    }
}

/// Reads one row into the model.
pub struct RowParser<'a> {
    pub map: &'a ColumnMap,
    pub values: ValueParser,
    /// The file's name in messages; a message without id is called `file:line`.
    pub source: &'a str,
}

impl RowParser<'_> {
    fn get<'r>(&self, row: &Row<'r>, field: Field) -> &'r str {
        match self.map.get(field) {
            Some(i) => row.cell(i),
            None => "",
        }
    }

    fn required<'r>(&self, row: &Row<'r>, field: Field) -> Result<&'r str, Reason> {
        let v = self.get(row, field);
        if v.is_empty() {
            Err(format!("{} is empty", field.name()))
        } else {
            Ok(v)
        }
    }

    fn instant(&self, row: &Row<'_>, field: Field, role: Role) -> Result<Option<Instant>, Reason> {
        let v = self.get(row, field);
        if v.is_empty() {
            return Ok(None);
        }
        match self.values.instant(v, role) {
            Some(t) => Ok(Some(t)),
            None => Err(format!("{} {} is not a date", field.name(), quote(v))),
        }
    }

    fn required_instant(&self, row: &Row<'_>, field: Field, role: Role) -> Result<Instant, Reason> {
        self.required(row, field)?;
        self.instant(row, field, role)?
            .ok_or_else(|| format!("{} is empty", field.name()))
    }

    fn boolean(&self, row: &Row<'_>, field: Field) -> Result<Option<bool>, Reason> {
        let v = self.get(row, field);
        if v.is_empty() {
            return Ok(None);
        }
        parse_bool(v)
            .map(Some)
            .ok_or_else(|| format!("{} {} is not yes or no", field.name(), quote(v)))
    }

    fn channel(&self, row: &Row<'_>) -> Result<Option<Channel>, Reason> {
        let v = self.get(row, Field::FulfillmentChannel);
        if v.is_empty() {
            return Ok(None);
        }
        const CHANNELS: [(&str, Channel); 5] = [
            ("Merchant", Channel::Mfn),
            ("Amazon", Channel::Afn),
            ("MFN", Channel::Mfn),
            ("AFN", Channel::Afn),
            ("Seller", Channel::Mfn),
        ];
        match lookup(v, &CHANNELS) {
            Some(c) => Ok(Some(c)),
            None => Err(format!(
                "fulfillment-channel {} is not Amazon, AFN, Merchant, MFN or Seller",
                quote(v)
            )),
        }
    }

    /// Checks the row and adds it to the model.
    pub fn add(&self, row: &Row<'_>, line: u64, model: &mut impl Sink) -> Result<(), Reason> {
        if row.len() > self.map.width {
            return Err(format!(
                "{} cells where the header has {}",
                row.len(),
                self.map.width
            ));
        }
        match self.map.kind {
            Kind::Orders => self.order(row, model),
            Kind::Shipments => self.shipment(row, model),
            Kind::Feedback => self.feedback(row, model),
            Kind::Claims => self.claim(row, model),
            Kind::Returns => self.returned(row, model),
            Kind::Messages => self.message(row, line, model),
        }
    }

    fn order(&self, row: &Row<'_>, model: &mut impl Sink) -> Result<(), Reason> {
        let id = self.required(row, Field::OrderId)?;
        let purchase = self.required_instant(row, Field::PurchaseDate, Role::Event)?;
        let channel = self.channel(row)?;
        let status = status_class(self.get(row, Field::OrderStatus));
        let ship_by = self.instant(row, Field::LatestShipDate, Role::Deadline)?;
        let deliver_by = self.instant(row, Field::LatestDeliveryDate, Role::Deadline)?;
        let buyer_requested = self.boolean(row, Field::BuyerRequested)?;
        let by = self.get(row, Field::CancelledBy);
        const BY: [(&str, Option<CancelledBy>); 4] = [
            ("", None),
            ("buyer", Some(CancelledBy::Buyer)),
            ("seller", Some(CancelledBy::Seller)),
            ("amazon", Some(CancelledBy::Amazon)),
        ];
        let cancelled_by = match lookup(by, &BY) {
            Some(c) => c,
            None => {
                return Err(format!(
                    "cancelled-by {} is not buyer, seller or amazon",
                    quote(by)
                ))
            }
        };
        let last_updated = self.instant(row, Field::LastUpdated, Role::Event)?;
        model.order(
            id,
            OrderRow {
                purchase,
                channel,
                status,
                ship_by,
                deliver_by,
                buyer_requested,
                cancelled_by,
                last_updated,
            },
        );
        Ok(())
    }

    fn shipment(&self, row: &Row<'_>, model: &mut impl Sink) -> Result<(), Reason> {
        let id = self.required(row, Field::OrderId)?;
        let ship_date = self.required_instant(row, Field::ShipDate, Role::Event)?;
        let confirmed = self.instant(row, Field::ConfirmedAt, Role::Event)?;
        let channel = self.channel(row)?;
        let delivered = self.instant(row, Field::DeliveredAt, Role::Event)?;
        let deliver_by = self.instant(row, Field::LatestDeliveryDate, Role::Deadline)?;
        let code = self.get(row, Field::CarrierCode);
        let name = self.get(row, Field::CarrierName);
        // The code, or the name when the code is empty or `Other`.
        let carrier = if code.is_empty() || code.eq_ignore_ascii_case("other") {
            name
        } else {
            code
        };
        model.shipment(
            id,
            ShipmentRow {
                instant: confirmed.unwrap_or(ship_date),
                carrier: (!carrier.is_empty()).then(|| carrier.into()),
                channel,
                tracking: normalise_tracking(self.get(row, Field::TrackingNumber)).into(),
                delivered,
                deliver_by,
            },
        );
        Ok(())
    }

    fn feedback(&self, row: &Row<'_>, model: &mut impl Sink) -> Result<(), Reason> {
        self.required_instant(row, Field::Date, Role::Event)?;
        let rating_text = self.required(row, Field::Rating)?;
        let rating = parse_rating(rating_text).ok_or_else(|| {
            format!(
                "rating {} is not a whole number from 1 to 5",
                quote(rating_text)
            )
        })?;
        let id = self.required(row, Field::OrderId)?;
        let removed = self.boolean(row, Field::Removed)?.unwrap_or(false);
        model.feedback(id, rating, removed);
        Ok(())
    }

    fn claim(&self, row: &Row<'_>, model: &mut impl Sink) -> Result<(), Reason> {
        let id = self.required(row, Field::OrderId)?;
        let type_text = self.required(row, Field::ClaimType)?;
        const TYPES: [(&str, ClaimType); 5] = [
            ("a-to-z", ClaimType::AToZ),
            ("atoz", ClaimType::AToZ),
            ("a-to-z guarantee", ClaimType::AToZ),
            ("az", ClaimType::AToZ),
            ("chargeback", ClaimType::Chargeback),
        ];
        let kind = match lookup(type_text, &TYPES) {
            Some(k) => k,
            None => {
                return Err(format!(
                    "claim-type {} is not a-to-z or chargeback",
                    quote(type_text)
                ))
            }
        };
        self.instant(row, Field::ClaimDate, Role::Event)?;
        let status = self.get(row, Field::ClaimStatus);
        const STATUSES: [(&str, bool); 7] = [
            ("", false),
            ("pending", false),
            ("open", false),
            ("granted", false),
            ("denied", true),
            ("withdrawn", true),
            ("reversed", true),
        ];
        let voided = match lookup(status, &STATUSES) {
            Some(v) => v,
            None => {
                return Err(format!(
                    "claim-status {} is not pending, open, granted, denied, withdrawn or reversed",
                    quote(status)
                ))
            }
        };
        // A chargeback for fraud is Amazon's liability, not the seller's defect.
        let fraud = kind == ClaimType::Chargeback
            && self
                .get(row, Field::Reason)
                .to_lowercase()
                .contains("fraud");
        model.claim(id, kind, !voided && !fraud);
        Ok(())
    }

    fn returned(&self, row: &Row<'_>, model: &mut impl Sink) -> Result<(), Reason> {
        let id = self.required(row, Field::OrderId)?;
        if self.boolean(row, Field::AToZClaim)? == Some(true) {
            model.claim(id, ClaimType::AToZ, true);
        }
        Ok(())
    }

    fn message(&self, row: &Row<'_>, line: u64, model: &mut impl Sink) -> Result<(), Reason> {
        let received = self.required_instant(row, Field::ReceivedAt, Role::Event)?;
        let responded = self.instant(row, Field::RespondedAt, Role::Event)?;
        if responded.is_some_and(|r| r < received) {
            return Err("responded-at is before received-at".to_string());
        }
        let no_response_needed = self.boolean(row, Field::NoResponseNeeded)?.unwrap_or(false);
        let id = match self.get(row, Field::MessageId) {
            "" => format!("{}:{line}", self.source).into_boxed_str(),
            id => id.into(),
        };
        model.message(Message {
            id,
            received,
            responded,
            no_response_needed,
        });
        Ok(())
    }
}

/// `Cancelled`/`Canceled`, values starting with `Shipped`, anything else.
pub fn status_class(s: &str) -> StatusClass {
    if s.is_empty() {
        StatusClass::Absent
    } else if s.eq_ignore_ascii_case("cancelled") || s.eq_ignore_ascii_case("canceled") {
        StatusClass::Cancelled
    } else if s
        .as_bytes()
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"shipped"))
    {
        StatusClass::Shipped
    } else {
        StatusClass::Other
    }
}

/// Trimmed, upper-cased, spaces and `-` removed (SPEC §4).
pub fn normalise_tracking(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// A cell value quoted for a message: control characters removed, length capped.
pub fn quote(v: &str) -> String {
    if may_be_personal(v) {
        // A shifted row can put a buyer's e-mail, name or phone in a date column.
        return "(a value not shown: it may be buyer data)".to_string();
    }
    let mut s: String = v.chars().filter(|c| !c.is_control()).take(40).collect();
    if v.chars().count() > 40 {
        s.push('…');
    }
    format!("'{s}'")
}

/// Whether a cell looks like an e-mail address, a phone number, or a name or
/// address: never quoted in messages.
fn may_be_personal(v: &str) -> bool {
    if v.contains('@') {
        return true;
    }
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let phone_like = v
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if digits >= 7 && phone_like && (v.starts_with('+') || v.starts_with('(') || v.contains(' ')) {
        return true;
    }
    // Names and street addresses: two or more capitalised words ("Pat Buyer",
    // "31 Wrenfield Mews"); "next tuesday" stays quotable.
    v.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2 && w.chars().next().is_some_and(char::is_uppercase))
        .count()
        >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_classes() {
        assert_eq!(status_class("Cancelled"), StatusClass::Cancelled);
        assert_eq!(status_class("canceled"), StatusClass::Cancelled);
        assert_eq!(
            status_class("Shipped - Delivered to Buyer"),
            StatusClass::Shipped
        );
        assert_eq!(status_class("PartiallyShipped"), StatusClass::Other);
        assert_eq!(status_class(""), StatusClass::Absent);
    }

    #[test]
    fn tracking_is_normalised() {
        assert_eq!(normalise_tracking(" 1z-999 aa1 "), "1Z999AA1");
    }

    #[test]
    fn personal_looking_values_are_never_quoted() {
        for v in [
            "pat@example.com",
            "(415) 555-0178",
            "+1 206-555-0143",
            "Pat Buyer",
            "31 Wrenfield Mews",
        ] {
            assert!(!quote(v).contains(v), "{v}");
        }
        for v in [
            "yesterday",
            "2026-13-01",
            "1999-11-16T18:00:00+00:00",
            "20.10.26",
            "Drone",
            "01-Oct-2026",
        ] {
            assert_eq!(quote(v), format!("'{v}'"));
        }
    }

    #[test]
    fn status_with_a_multibyte_character_does_not_panic() {
        assert_eq!(status_class("Shippe\u{e9}"), StatusClass::Other);
        assert_eq!(status_class("\u{e5}\u{e5}\u{e5}\u{e5}"), StatusClass::Other);
    }

    #[test]
    fn quoted_values_lose_control_characters() {
        assert_eq!(quote("a\x1b[31mb"), "'a[31mb'");
        assert!(quote(&"x".repeat(100)).ends_with("…'"));
    }
}
