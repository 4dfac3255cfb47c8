//! The reader's one column table: for each kind of report, its columns, the
//! header names each is read from, whether it is required, and what it means.
//! The reader, `sellerhealth columns` and `docs/inputs.md` all follow it.

use super::header::{Field, Kind};

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

    /// The kind named `name` (`orders`, `shipments`, …).
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::DETECTION_ORDER
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// The kind's columns: the one table the reader, `sellerhealth columns`
    /// and the documentation use.
    pub fn columns(self) -> &'static [Column] {
        use Field::*;
        const ORDER_ID: Column = col(
            OrderId,
            &["order-id", "amazon-order-id"],
            true,
            "the order's identifier",
        );
        match self {
            Kind::Orders => {
                const C: &[Column] = &[
                ORDER_ID,
                col(
                    PurchaseDate,
                    &["purchase-date", "order-date"],
                    true,
                    "when the order was placed",
                ),
                col(
                    FulfillmentChannel,
                    &["fulfillment-channel"],
                    false,
                    "Amazon or AFN: fulfilled by Amazon; Merchant, MFN or Seller: seller-fulfilled (absent: seller-fulfilled)",
                ),
                col(
                    OrderStatus,
                    &["order-status"],
                    false,
                    "Cancelled/Canceled, or a value starting with Shipped; other values are open orders",
                ),
                col(
                    LatestShipDate,
                    &["latest-ship-date", "promise-date"],
                    false,
                    "the ship-by deadline",
                ),
                col(
                    LatestDeliveryDate,
                    &["latest-delivery-date"],
                    false,
                    "the deliver-by date promised to the buyer",
                ),
                col(
                    BuyerRequested,
                    &[
                        "is-buyer-requested-cancellation",
                        "is-buyer-requested-cancel",
                    ],
                    false,
                    "yes when the buyer asked to cancel through Amazon",
                ),
                col(
                    CancelledBy,
                    &["cancelled-by"],
                    false,
                    "buyer, seller or amazon (Amazon's automatic cancellation of an unconfirmed order)",
                ),
                col(
                    LastUpdated,
                    &["last-updated-date"],
                    false,
                    "when the order last changed (tells when a cancellation happened)",
                ),
                // Read only for `--by` (SPEC §13): see `dimension_field`.
                col(
                    Sku,
                    &["sku", "seller-sku", "merchant-sku"],
                    false,
                    "the item's SKU (read for --by sku)",
                ),
                col(Asin, &["asin"], false, "the item's ASIN (read for --by asin)"),
                col(
                    ShipServiceLevel,
                    &["ship-service-level"],
                    false,
                    "Standard, Expedited, … (read for --by ship-service-level)",
                ),
                col(
                    ShipState,
                    &["ship-state"],
                    false,
                    "the buyer's state or region (read for --by ship-state)",
                ),
                col(
                    ShipCountry,
                    &["ship-country"],
                    false,
                    "the buyer's country (read for --by ship-country)",
                ),
                col(
                    SalesChannel,
                    &["sales-channel"],
                    false,
                    "Amazon.com, Amazon.ca, …: the order's marketplace; Non-Amazon: a multi-channel fulfilment order, left out",
                ),
                col(
                    Currency,
                    &["currency"],
                    false,
                    "the order's marketplace in a file without a sales-channel column (CAD, GBP, JPY, …; not USD or EUR)",
                ),
                ];
                C
            }
            Kind::Shipments => {
                const C: &[Column] = &[
                    ORDER_ID,
                    col(
                        ShipDate,
                        &["ship-date", "shipment-date"],
                        true,
                        "the date and time entered as shipped",
                    ),
                    col(
                        ConfirmedAt,
                        &["confirmed-at", "confirmation-date"],
                        false,
                        "when the ship confirmation reached Amazon (absent: ship-date)",
                    ),
                    col(
                        CarrierCode,
                        &["carrier-code", "carrier"],
                        false,
                        "the carrier",
                    ),
                    col(
                        CarrierName,
                        &["carrier-name"],
                        false,
                        "the carrier's name, used when carrier-code is empty or Other",
                    ),
                    col(
                        FulfillmentChannel,
                        &["fulfillment-channel"],
                        false,
                        "as for orders; AFN rows are Amazon's own shipments and count nowhere",
                    ),
                    col(
                        TrackingNumber,
                        &["tracking-number", "tracking-id"],
                        false,
                        "the package's tracking number",
                    ),
                    col(
                        DeliveredAt,
                        &["delivered-at", "delivery-date", "actual-delivery-date"],
                        false,
                        "carrier-confirmed delivery (empty: not delivered)",
                    ),
                    col(
                        LatestDeliveryDate,
                        &[
                            "latest-delivery-date",
                            "promised-delivery-date",
                            "estimated-arrival-date",
                        ],
                        false,
                        "the deliver-by date, when the orders files lack it",
                    ),
                ];
                C
            }
            Kind::Feedback => {
                const C: &[Column] = &[
                    col(Date, &["date"], true, "when the feedback was left"),
                    col(Rating, &["rating"], true, "a whole number from 1 to 5"),
                    col(
                        OrderId,
                        &["order-id", "amazon-order-id"],
                        true,
                        "the order the feedback is about",
                    ),
                    col(
                        Comments,
                        &["comments"],
                        false,
                        "the buyer's words (never shown)",
                    ),
                    col(
                        Response,
                        &["response", "your-response"],
                        false,
                        "your public reply",
                    ),
                    col(
                        Removed,
                        &["removed"],
                        false,
                        "yes when Amazon removed or struck the feedback through",
                    ),
                ];
                C
            }
            Kind::Claims => {
                const C: &[Column] = &[
                ORDER_ID,
                col(
                    ClaimType,
                    &["claim-type", "type"],
                    true,
                    "a-to-z (also atoz, a-to-z guarantee, az) or chargeback",
                ),
                col(
                    ClaimDate,
                    &["claim-date", "date"],
                    false,
                    "when the claim was filed",
                ),
                col(
                    ClaimStatus,
                    &["claim-status", "status"],
                    false,
                    "pending or open, granted, denied, withdrawn, reversed (denied, withdrawn and reversed claims do not count)",
                ),
                col(
                    Reason,
                    &["reason"],
                    false,
                    "free text; a chargeback for fraud is Amazon's liability and does not count",
                ),
                ];
                C
            }
            Kind::Returns => {
                const C: &[Column] = &[
                ORDER_ID,
                col(
                    AToZClaim,
                    &["a-to-z-claim"],
                    true,
                    "Y when the return came with an A-to-z claim (read as a claim on the order)",
                ),
                col(
                    ReturnDate,
                    &["return-request-date", "return-date"],
                    false,
                    "when the return was requested (dates its A-to-z claim; counts for freshness)",
                ),
                ];
                C
            }
            Kind::Messages => {
                const C: &[Column] = &[
                    col(
                        ReceivedAt,
                        &["received-at", "received", "created-at"],
                        true,
                        "when the buyer's message arrived",
                    ),
                    col(
                        RespondedAt,
                        &["responded-at", "first-response-at", "replied-at"],
                        false,
                        "your first response (empty: not answered)",
                    ),
                    col(
                        MessageId,
                        &["message-id", "thread-id", "ticket-id"],
                        false,
                        "the message's identifier, shown in details (else file:line)",
                    ),
                    col(
                        OrderId,
                        &["order-id", "amazon-order-id"],
                        false,
                        "the order the message is about",
                    ),
                    col(
                        NoResponseNeeded,
                        &["no-response-needed"],
                        false,
                        "yes when you marked the message as needing no response",
                    ),
                ];
                C
            }
            // Amazon's Account Health report is JSON: no columns.
            Kind::Performance => &[],
        }
    }
}

/// One column of a kind: the field it fills, the header names it is read
/// from (normalised; the first is the canonical name), whether a file of the
/// kind must have it, and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub field: Field,
    pub names: &'static [&'static str],
    pub required: bool,
    pub meaning: &'static str,
}

impl Column {
    /// The canonical name.
    pub fn name(&self) -> &'static str {
        self.names.first().copied().unwrap_or("?")
    }
}

const fn col(
    field: Field,
    names: &'static [&'static str],
    required: bool,
    meaning: &'static str,
) -> Column {
    Column {
        field,
        names,
        required,
        meaning,
    }
}
