//! Typed values from one row of each kind (SPEC §2.2–2.3). A row that breaks a
//! rule gives a reason, and the reader skips it.

use super::date_hints::DateHints;
use super::header::{dimension_field, ColumnMap, Field, Kind};
use super::markets::Markets;
use super::values::{lookup, parse_bool, parse_rating, Role, ValueParser};
use crate::calendar::Instant;
use crate::ingest::records::Row;
use crate::model::{
    CancelledBy, Channel, ClaimType, Dimension, Dimensions, EventSpan, Message, Model, OrderMarket,
    OrderRow, ShipmentRow, StatusClass,
};

/// Why a row was skipped, in words (`purchase-date 'yesterday' is not a date`).
pub type Reason = String;

/// Where the values of parsed rows go: the model, or (reading a file on
/// several cores) a worker's rows sorted by the partition of their order.
pub trait Sink {
    /// An order row, and its values of the order dimensions `--by` asks for
    /// (kept only when the order is).
    fn order(&mut self, id: &str, row: OrderRow, values: &[(Dimension, &str)]);
    fn shipment(&mut self, id: &str, row: ShipmentRow);
    /// A feedback row, with its date (SPEC §10.1).
    fn feedback(&mut self, id: &str, rating: u8, removed: bool, date: Option<Instant>);
    /// A claim that counts or not, with its date if any (SPEC §10.1).
    fn claim(&mut self, id: &str, kind: ClaimType, counts: bool, date: Option<Instant>);
    /// A claim not decided yet (pending, open, empty), to answer.
    fn open_claim(&mut self, id: &str, kind: ClaimType, date: Option<Instant>);
    fn message(&mut self, message: Message);
}

pub use super::privacy::quote;

impl Sink for Model {
    fn order(&mut self, id: &str, row: OrderRow, values: &[(Dimension, &str)]) {
        let kept = self.add_order(id, row);
        if let Some(key) = kept.filter(|_| !values.is_empty()) {
            for &(d, v) in values {
                self.values.add(d, key, v);
            }
        }
    }

    fn shipment(&mut self, id: &str, row: ShipmentRow) {
        self.add_shipment(id, row);
    }

    fn feedback(&mut self, id: &str, rating: u8, removed: bool, date: Option<Instant>) {
        self.add_feedback(id, rating, removed, date);
    }

    fn claim(&mut self, id: &str, kind: ClaimType, counts: bool, date: Option<Instant>) {
        self.add_claim(id, kind, counts, date);
    }

    fn open_claim(&mut self, id: &str, kind: ClaimType, date: Option<Instant>) {
        self.add_open_claim(id, kind, date);
    }

    fn message(&mut self, message: Message) {
        self.add_message(message);
    }
}

/// Reads one row into the model.
#[derive(Clone, Copy)]
pub struct RowParser<'a> {
    pub map: &'a ColumnMap,
    /// The parser the value helpers use: [`RowParser::add`] sets it for
    /// each row to its marketplace's, from `markets`.
    pub values: ValueParser,
    pub markets: &'a Markets,
    /// The file's name in messages; a message without id is called `file:line`.
    pub source: &'a str,
    /// `--by`: the order dimensions kept per order.
    pub dimensions: Dimensions,
    /// Counts the dates that fail, by the date order that would read them.
    pub date_hints: &'a DateHints,
}

impl RowParser<'_> {
    /// A value of `field` quoted for a message; never a buyer column's value
    /// (one mapped onto `field` with `--map`).
    fn quote(&self, field: Field, v: &str) -> String {
        let header = self
            .map
            .get(field)
            .and_then(|i| self.map.names.iter().find(|(c, _)| *c == i))
            .map_or("", |(_, name)| name.as_str());
        if super::header::is_buyer_column(header) {
            return "(a value of a buyer column, not shown)".to_string();
        }
        quote(v)
    }

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
            None => {
                self.date_hints.failed(field, v, &self.values);
                Err(format!(
                    "{} {} is not a date",
                    field.name(),
                    self.quote(field, v)
                ))
            }
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
            .ok_or_else(|| format!("{} {} is not yes or no", field.name(), self.quote(field, v)))
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
                self.quote(Field::FulfillmentChannel, v)
            )),
        }
    }

    /// Checks the row and adds it to the model; a row added widens `events`
    /// by its event instants (SPEC §9.2).
    pub fn add(
        &self,
        row: &Row<'_>,
        line: u64,
        model: &mut impl Sink,
        events: &mut EventSpan,
    ) -> Result<(), Reason> {
        if row.len() > self.map.width {
            return Err(format!(
                "{} cells where the header has {}",
                row.len(),
                self.map.width
            ));
        }
        // Each row is read its marketplace's way (SPEC §12.1): an order row
        // by its own sales channel or currency, another by its order's.
        let market = match self.map.kind {
            Kind::Orders => self.markets.of_row(
                self.get(row, Field::SalesChannel),
                self.get(row, Field::Currency),
            ),
            _ => self.markets.of_order(self.get(row, Field::OrderId)),
        };
        let this = RowParser {
            values: self.markets.parser(market),
            ..*self
        };
        match self.map.kind {
            Kind::Orders => this.order(row, market, model, events),
            Kind::Shipments => this.shipment(row, model, events),
            Kind::Feedback => this.feedback(row, model, events),
            Kind::Claims => this.claim(row, model, events),
            Kind::Returns => this.returned(row, model, events),
            Kind::Messages => this.message(row, line, model, events),
            // Read as JSON, never as rows.
            Kind::Performance => Err("a performance report has no rows".to_string()),
        }
    }

    fn order(
        &self,
        row: &Row<'_>,
        market: OrderMarket,
        model: &mut impl Sink,
        events: &mut EventSpan,
    ) -> Result<(), Reason> {
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
                    self.quote(Field::CancelledBy, by)
                ))
            }
        };
        let last_updated = self.instant(row, Field::LastUpdated, Role::Event)?;
        events.see(purchase);
        events.see_opt(last_updated);
        // The order dimensions' values (at most six), read only for `--by`.
        let mut values = [(Dimension::Sku, ""); 6];
        let mut n = 0;
        for d in self.dimensions.iter() {
            if let (Some(field), Some(slot)) = (dimension_field(d), values.get_mut(n)) {
                *slot = (d, self.get(row, field));
                n += 1;
            }
        }
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
                market,
            },
            &values[..n],
        );
        Ok(())
    }

    fn shipment(
        &self,
        row: &Row<'_>,
        model: &mut impl Sink,
        events: &mut EventSpan,
    ) -> Result<(), Reason> {
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
        events.see(ship_date);
        events.see_opt(confirmed);
        events.see_opt(delivered);
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

    fn feedback(
        &self,
        row: &Row<'_>,
        model: &mut impl Sink,
        events: &mut EventSpan,
    ) -> Result<(), Reason> {
        let date = self.required_instant(row, Field::Date, Role::Event)?;
        let rating_text = self.required(row, Field::Rating)?;
        let rating = parse_rating(rating_text).ok_or_else(|| {
            format!(
                "rating {} is not a whole number from 1 to 5",
                self.quote(Field::Rating, rating_text)
            )
        })?;
        let id = self.required(row, Field::OrderId)?;
        let removed = self.boolean(row, Field::Removed)?.unwrap_or(false);
        events.see(date);
        model.feedback(id, rating, removed, Some(date));
        Ok(())
    }

    fn claim(
        &self,
        row: &Row<'_>,
        model: &mut impl Sink,
        events: &mut EventSpan,
    ) -> Result<(), Reason> {
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
                    self.quote(Field::ClaimType, type_text)
                ))
            }
        };
        let date = self.instant(row, Field::ClaimDate, Role::Event)?;
        let status = self.get(row, Field::ClaimStatus);
        // (voided, still open: to answer)
        const STATUSES: [(&str, (bool, bool)); 7] = [
            ("", (false, true)),
            ("pending", (false, true)),
            ("open", (false, true)),
            ("granted", (false, false)),
            ("denied", (true, false)),
            ("withdrawn", (true, false)),
            ("reversed", (true, false)),
        ];
        let (voided, open) = match lookup(status, &STATUSES) {
            Some(v) => v,
            None => {
                return Err(format!(
                    "claim-status {} is not pending, open, granted, denied, withdrawn or reversed",
                    self.quote(Field::ClaimStatus, status)
                ))
            }
        };
        // A chargeback for fraud is Amazon's liability, not the seller's defect.
        let fraud = kind == ClaimType::Chargeback
            && self
                .get(row, Field::Reason)
                .to_lowercase()
                .contains("fraud");
        events.see_opt(date);
        model.claim(id, kind, !voided && !fraud, date);
        if open {
            model.open_claim(id, kind, date);
        }
        Ok(())
    }

    /// A returns row. Its `A-to-Z Claim = Y` is a defect, but not a claim to
    /// answer: the returns report says neither the claim's date nor whether it
    /// is still open (see README, decisions).
    fn returned(
        &self,
        row: &Row<'_>,
        model: &mut impl Sink,
        events: &mut EventSpan,
    ) -> Result<(), Reason> {
        let id = self.required(row, Field::OrderId)?;
        // A date that cannot be read never costs the row: the claim is then
        // undated and counts on every day (SPEC §10.1).
        let returned = self.get(row, Field::ReturnDate);
        let date = if returned.is_empty() {
            None
        } else {
            self.values.instant(returned, Role::Event)
        };
        if self.boolean(row, Field::AToZClaim)? == Some(true) {
            model.claim(id, ClaimType::AToZ, true, date);
        }
        events.see_opt(date);
        Ok(())
    }

    fn message(
        &self,
        row: &Row<'_>,
        line: u64,
        model: &mut impl Sink,
        events: &mut EventSpan,
    ) -> Result<(), Reason> {
        let received = self.required_instant(row, Field::ReceivedAt, Role::Event)?;
        let responded = self.instant(row, Field::RespondedAt, Role::Event)?;
        if responded.is_some_and(|r| r < received) {
            return Err("responded-at is before received-at".to_string());
        }
        let no_response_needed = self.boolean(row, Field::NoResponseNeeded)?.unwrap_or(false);
        events.see(received);
        events.see_opt(responded);
        let id = match self.get(row, Field::MessageId) {
            "" => format!("{}:{line}", self.source).into_boxed_str(),
            id => id.into(),
        };
        model.message(Message {
            id,
            received,
            responded,
            no_response_needed,
            order: Some(crate::model::identity(self.get(row, Field::OrderId)))
                .filter(|id| !id.is_empty())
                .map(Box::from),
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

#[cfg(test)]
mod tests;
