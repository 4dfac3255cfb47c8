//! Remediation tips and plain-language metric explanations (SPEC §3–5).
//!
//! The tips are written in the project's own words from the seller guidance in
//! `../shared/GUIDANCE.md` (points G1–G31 and its "why it matters" paragraph). Every
//! guidance point is used by at least one tip, and every tip names the points it is
//! written from and the metrics it helps; the unit tests below hold that rule.
//!
//! [`explain`] describes how each metric is computed, exactly as SPEC §3–4 defines it,
//! for `sellerhealth explain METRIC`.

use serde::Serialize;

use crate::policy::MetricId;
// Short names for the metrics, to keep the tip table readable.
use MetricId::{
    ExpiredOrders as EXP, LateShipmentRate as LSR, OnTimeDeliveryRate as OTDR,
    OrderDefectRate as ODR, PreFulfillmentCancelRate as CR, ResponseTime as RT,
    ValidTrackingRate as VTR,
};

/// One remediation tip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Tip {
    /// Stable identifier (kebab-case).
    pub id: &'static str,
    /// The guidance points (`"G1"` … `"G31"`) the tip is written from.
    pub guidance: &'static [&'static str],
    /// The metrics the tip helps.
    pub metrics: &'static [MetricId],
    /// The tip as shown to the seller.
    pub text: &'static str,
}

/// Every tip, grouped loosely by theme. [`tips_for`] gives them per metric, most effective first.
pub const TIPS: &[Tip] = &[
    Tip {
        id: "a-to-z-claims",
        guidance: &["G1"],
        metrics: &[ODR],
        text: "Claims and chargebacks weigh most on the order defect rate, so work them first: \
               answer each A-to-z claim on its page before Amazon's deadline with tracking and \
               proof of delivery, and look for the pattern behind repeat claims (one SKU, one \
               carrier, one region) and fix it at the source.",
    },
    Tip {
        id: "refund-before-claim",
        guidance: &["G3"],
        metrics: &[ODR],
        text: "When an order has clearly gone wrong (lost in transit, arrived broken, wrong item \
               sent), refund or replace it on your own initiative as soon as you learn of it. A \
               refund you offer is not a defect; an A-to-z claim the buyer has to file is.",
    },
    Tip {
        id: "reply-within-24h",
        guidance: &["G2", "G13"],
        metrics: &[RT, ODR],
        text: "Reply to every buyer message within 24 hours, and keep that promise on Saturdays, \
               Sundays and public holidays too: arrange weekend cover (a colleague, a helpdesk \
               rota or push notifications in the Amazon Seller app). A fast answer keeps your \
               response-time score up and heads off negative feedback and claims.",
    },
    Tip {
        id: "accurate-listing",
        guidance: &["G4", "G5", "G10"],
        metrics: &[ODR],
        text: "Audit your listings against the goods on your shelf: title, bullet points and \
               photos must show exactly what you ship (model, size, colour, pack quantity), and \
               each offer's condition (New, Used - Very Good, Renewed...) must match what the \
               product detail page describes. \"Not as described\" is a leading cause of \
               negative feedback and claims.",
    },
    Tip {
        id: "negative-feedback-causes",
        guidance: &["G8"],
        metrics: &[ODR],
        text: "Read every 1- and 2-star feedback and label it as a listing problem (the item \
               differs from the page) or a fulfilment problem (late, damaged, wrong item). \
               Those two explain most negative feedback, so fix whichever keeps coming back. \
               Feedback that Amazon removes stops counting against you.",
    },
    Tip {
        id: "pack-with-care",
        guidance: &["G6"],
        metrics: &[ODR],
        text: "Pack for the journey (padding around fragile items, a box that survives \
               stacking, liquids sealed in a bag) and print the label from the shipping address \
               in the order details only. Never redirect a parcel to an address a buyer sends \
               by message: a package sent elsewhere leaves you unprotected if the buyer later \
               says it never arrived.",
    },
    Tip {
        id: "keep-buyers-informed",
        guidance: &["G7"],
        metrics: &[ODR, CR],
        text: "Keep sellable stock on hand for every active offer, and when an order will be \
               late or cannot be sent as ordered, message the buyer that same day with what \
               happened, the new date and the choices open to them. A buyer who hears from you \
               first is far less likely to leave negative feedback or open a claim.",
    },
    Tip {
        id: "stock-and-ship-on-time",
        guidance: &["G9"],
        metrics: &[LSR, ODR, CR, OTDR],
        text: "Give each SKU a reorder point that covers your restocking time, and dispatch \
               every order by its ship-by date. Running out and shipping late are what buyers \
               most often punish with low ratings, and they also drive up cancellations, late \
               shipments and late deliveries.",
    },
    Tip {
        id: "phone-number",
        guidance: &["G11"],
        metrics: &[ODR],
        text: "Check that the customer-service phone number in your Seller Central seller \
               information (and on any packing slip or insert) is correct and actually \
               answered; a buyer who cannot reach you turns to feedback or an A-to-z claim \
               instead.",
    },
    Tip {
        id: "courteous-replies",
        guidance: &["G12", "G15"],
        metrics: &[RT, ODR],
        text: "Keep messages to buyers polite, short and on point: acknowledge the issue, say \
               what you will do and by when, without boilerplate or blame. If you cannot settle \
               the matter in the first reply, answer within 24 hours anyway and say when you \
               will be back; the response-time clock stops at your first reply.",
    },
    Tip {
        id: "messages-reach-you",
        guidance: &["G14"],
        metrics: &[RT],
        text: "Make sure buyer messages actually reach you: add Amazon's messaging addresses to \
               your mail contacts or allow-list, look in the spam folder daily, and treat the \
               Buyer-Seller Messages page in Seller Central as the source of truth rather than \
               your inbox.",
    },
    Tip {
        id: "no-response-needed",
        guidance: &["G16"],
        metrics: &[RT],
        text: "When a message needs no answer (a thank-you, an automatic reply, a question \
               already settled), mark it \"No response needed\" in Buyer-Seller Messages; it \
               then drops out of the response-time count instead of ageing into a late reply.",
    },
    Tip {
        id: "confirm-by-ship-date",
        guidance: &["G17"],
        metrics: &[LSR, EXP, VTR],
        text: "Open Manage Orders each morning and confirm shipment, with carrier and tracking \
               number, for every order due that day. The late shipment rate is timed from the \
               confirmation, not from when the parcel left, so a package handed over on time \
               but confirmed after the ship-by date is still late; a prompt confirmation also \
               gives the buyer tracking straight away.",
    },
    Tip {
        id: "fix-late-causes",
        guidance: &["G18"],
        metrics: &[LSR],
        text: "List last month's late orders (sellerhealth audit --details) and trace each one \
               to the step that held it up: picking, packing, waiting for stock, a missed \
               carrier pickup, or orders placed over the weekend. Fix the step behind most of \
               them, for example with a later pickup, a daily order cut-off or a second packing \
               shift.",
    },
    Tip {
        id: "realistic-handling-time",
        guidance: &["G19"],
        metrics: &[LSR, OTDR],
        text: "If you regularly need longer than your handling time to dispatch, raise it in \
               your shipping settings (per SKU when only some items are slow). A ship-by date \
               you meet every time beats a quicker promise you keep missing, and it keeps the \
               delivery date buyers see honest.",
    },
    Tip {
        id: "buy-shipping",
        guidance: &["G20"],
        metrics: &[VTR, LSR, OTDR],
        text: "Buy postage and print labels through Amazon's Buy Shipping: the carrier and \
               tracking number reach Amazon automatically and the order is confirmed when the \
               label is bought, which protects your valid tracking and late shipment rates and \
               gives Amazon the carrier scans that on-time delivery is measured from.",
    },
    Tip {
        id: "peak-season",
        guidance: &["G21"],
        metrics: &[LSR, CR, OTDR, EXP],
        text: "Get ready for Prime Day, Black Friday to Cyber Monday and the December rush weeks \
               ahead: stock up, book extra packing help and carrier pickups, and lengthen \
               handling times for the busiest days if volume will outrun your team. Late, \
               cancelled and expired orders pile up in exactly those weeks.",
    },
    Tip {
        id: "cancel-only-on-request",
        guidance: &["G22"],
        metrics: &[CR],
        text: "Cancel an order only when the buyer asks for it, and have them request the \
               cancellation from their Amazon order page so the order carries the \
               buyer-requested flag. Every other cancellation you make counts against your \
               cancel rate, whatever the reason.",
    },
    Tip {
        id: "inventory-in-sync",
        guidance: &["G23"],
        metrics: &[CR, EXP, LSR],
        text: "Update your Amazon quantities the moment stock changes elsewhere (a sale on \
               another channel, a damaged unit, a supplier shortfall), and compare the count on \
               the shelf with Seller Central at least once a week, so Amazon never sells a unit \
               you cannot ship by its ship-by date.",
    },
    Tip {
        id: "check-prices",
        guidance: &["G24"],
        metrics: &[CR],
        text: "Check price changes before they go live (a misplaced decimal, the wrong \
               currency, a repricer rule with no floor) and set a minimum and maximum price on \
               each offer so an obvious typo deactivates the offer instead of selling out. \
               Orders taken at a wrong price end in cancellations that count against you.",
    },
    Tip {
        id: "cancel-early",
        guidance: &["G25"],
        metrics: &[CR, EXP, ODR],
        text: "If you truly cannot fill an order, cancel it as soon as you know (not on the \
               ship-by date, and never by letting it expire) and send the buyer a short \
               apology, with an alternative if you have one. An early, explained cancellation \
               still counts, but it spares the buyer the wait and the reason to leave \
               negative feedback.",
    },
    Tip {
        id: "avoid-expiry",
        guidance: &["G26"],
        metrics: &[EXP, CR],
        text: "Never leave an unshipped order to run out: Amazon cancels an order whose \
               shipment is still unconfirmed 7 business days after its ship-by date. The buyer \
               has waited more than a week for nothing, and the cancellation also lands on your \
               cancel rate. Ship and confirm, or cancel with an explanation, well before then.",
    },
    Tip {
        id: "manage-orders",
        guidance: &["G27", "G28"],
        metrics: &[EXP, LSR],
        text: "Work from Manage Orders, not from the \"Sold, ship now\" emails, which get \
               filtered, delayed or overlooked: clear the Unshipped tab every business day, and \
               give each order a visible status in your own process (picked, packed, labelled, \
               confirmed) so none can slip through between desk and dispatch.",
    },
    Tip {
        id: "vacation",
        guidance: &["G29"],
        metrics: &[EXP, CR, LSR],
        text: "Before a holiday, an illness or any stretch when nobody can run the account, set \
               your listings to inactive in Seller Central's vacation (listing status) settings \
               and reactivate them when you are back; orders that come in while no one is \
               watching end up late, cancelled or expired.",
    },
    Tip {
        id: "valid-tracking",
        guidance: &["G30"],
        metrics: &[VTR, OTDR],
        text: "Ship with a carrier Amazon integrates with; when confirming, pick it from the \
               list rather than \"Other\" and enter the tracking number exactly as the label \
               shows it, never a placeholder such as N/A or an order number. Tracking only \
               counts as valid once the carrier has scanned the parcel, so hand it over the \
               day you confirm.",
    },
    Tip {
        id: "transit-times",
        guidance: &["G31"],
        metrics: &[OTDR],
        text: "Set the transit times in your shipping templates to what your carrier really \
               achieves for each region, and choose a service fast enough for the delivery date \
               shown at checkout. A parcel that arrives after the promised date counts against \
               on-time delivery even when you shipped on time.",
    },
    Tip {
        id: "review-regularly",
        guidance: &["G18", "G28"],
        metrics: &[ODR, LSR, CR, VTR, OTDR, EXP, RT],
        text: "Run this audit every week (or daily from cron with audit --check) and review \
               your order handling as soon as a metric shows a warning, before it becomes a \
               breach. Healthy metrics keep the account in good standing, keep your offers in \
               front of new and returning buyers and keep their trust as competition grows, \
               and Amazon holds third-party sellers strictly to these targets.",
    },
];

/// Tip ids for a metric, most effective first. Must name exactly the tips whose `metrics`
/// include the metric (checked by the tests).
fn ranking(metric: MetricId) -> &'static [&'static str] {
    match metric {
        MetricId::OrderDefectRate => &[
            "a-to-z-claims",
            "refund-before-claim",
            "reply-within-24h",
            "accurate-listing",
            "negative-feedback-causes",
            "keep-buyers-informed",
            "stock-and-ship-on-time",
            "pack-with-care",
            "courteous-replies",
            "phone-number",
            "cancel-early",
            "review-regularly",
        ],
        MetricId::LateShipmentRate => &[
            "confirm-by-ship-date",
            "manage-orders",
            "fix-late-causes",
            "realistic-handling-time",
            "buy-shipping",
            "stock-and-ship-on-time",
            "inventory-in-sync",
            "peak-season",
            "vacation",
            "review-regularly",
        ],
        MetricId::PreFulfillmentCancelRate => &[
            "cancel-only-on-request",
            "inventory-in-sync",
            "check-prices",
            "stock-and-ship-on-time",
            "avoid-expiry",
            "keep-buyers-informed",
            "cancel-early",
            "peak-season",
            "vacation",
            "review-regularly",
        ],
        MetricId::ValidTrackingRate => &[
            "valid-tracking",
            "buy-shipping",
            "confirm-by-ship-date",
            "review-regularly",
        ],
        MetricId::OnTimeDeliveryRate => &[
            "transit-times",
            "valid-tracking",
            "buy-shipping",
            "realistic-handling-time",
            "stock-and-ship-on-time",
            "peak-season",
            "review-regularly",
        ],
        MetricId::ExpiredOrders => &[
            "avoid-expiry",
            "manage-orders",
            "confirm-by-ship-date",
            "vacation",
            "cancel-early",
            "inventory-in-sync",
            "peak-season",
            "review-regularly",
        ],
        MetricId::ResponseTime => &[
            "reply-within-24h",
            "messages-reach-you",
            "courteous-replies",
            "no-response-needed",
            "review-regularly",
        ],
    }
}

/// The tip with this id.
pub fn tip(id: &str) -> Option<&'static Tip> {
    TIPS.iter().find(|t| t.id == id)
}

/// The tips that help a metric, most effective first.
pub fn ranked_tips(metric: MetricId) -> Vec<&'static Tip> {
    let mut out: Vec<&'static Tip> = ranking(metric)
        .iter()
        .filter_map(|id| tip(id))
        .filter(|t| t.metrics.contains(&metric))
        .collect();
    // A tip for this metric that the ranking forgot still shows, after the ranked ones.
    for t in TIPS {
        if t.metrics.contains(&metric) && !out.iter().any(|o| o.id == t.id) {
            out.push(t);
        }
    }
    out
}

/// The tip texts for a metric, most effective first.
pub fn tips_for(metric: MetricId) -> Vec<&'static str> {
    ranked_tips(metric).into_iter().map(|t| t.text).collect()
}

/// The guidance points the tips are written from, `"G1"` … `"G31"`.
pub fn guidance_points() -> Vec<&'static str> {
    GUIDANCE_POINTS.to_vec()
}

const GUIDANCE_POINTS: [&str; 31] = [
    "G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8", "G9", "G10", "G11", "G12", "G13", "G14", "G15",
    "G16", "G17", "G18", "G19", "G20", "G21", "G22", "G23", "G24", "G25", "G26", "G27", "G28",
    "G29", "G30", "G31",
];

/// How a metric is computed, in plain language, for `sellerhealth explain METRIC`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Explanation {
    pub metric: MetricId,
    /// What the metric measures.
    pub what: &'static str,
    /// Which days it covers and by which date items are placed in it.
    pub window: &'static str,
    /// Which items count, what makes a defect, and what is left out.
    pub counts: &'static str,
    /// Amazon's target and how the status is decided.
    pub target: &'static str,
}

/// The plain-language description of a metric, exactly as SPEC §3–4 computes it.
pub fn explain(metric: MetricId) -> Explanation {
    let (what, window, counts, target) = match metric {
        MetricId::OrderDefectRate => (
            "The share of your orders that received a defect: negative feedback, an A-to-z \
             Guarantee claim or a chargeback. Seller-fulfilled (mfn) and Amazon-fulfilled (afn) \
             orders are measured separately.",
            "Orders by purchase day over the 60 days ending 14 days before the as-of day \
             (days A-73 to A-14, where A is --as-of, by default yesterday), which leaves buyers \
             time to leave feedback or file claims. A defect belongs to the order's purchase \
             day, not to the day the feedback or claim arrived.",
            "Total: distinct orders of the channel placed in the window, whatever their status. \
             An order is a defect when it has at least one of: feedback rated 1 or 2 that Amazon \
             has not removed; an A-to-z claim whose status is not denied, withdrawn or reversed \
             (a claim with no status counts, as does every returns-report row with A-to-Z Claim \
             = Y); a chargeback whose status is not denied, withdrawn or reversed and whose \
             reason does not mention fraud. An order with several defects counts once; each \
             component (negative feedback, A-to-z claims, chargebacks) also reports its own \
             count of distinct orders. Feedback and claims on orders missing from every orders \
             file cannot be placed in the window and are ignored with a warning.",
            "Below 1%. Bad when defects/total is 1% or more; warning when it reaches R x 1% \
             (R = --warn-at, default 0.75, so 0.75%); good otherwise. No data when no orders \
             were placed in the window. mfn and afn each get their own status.",
        ),
        MetricId::LateShipmentRate => (
            "The share of your seller-fulfilled orders whose shipment was confirmed after the \
             ship-by date (expected ship date), or is still unconfirmed after it has passed.",
            "Orders by ship-by day, in two windows: the 10 days and the 30 days ending on the \
             as-of day (days A-9 to A and A-29 to A, where A is --as-of, by default \
             yesterday). Open orders are judged at E, the start of the day after the as-of \
             day.",
            "Items: seller-fulfilled orders that are not cancelled and whose ship-by day is in \
             the window. The ship-by instant is latest-ship-date (a date alone means the end of \
             that day), else, with --handling-days N, the end of the N-th business day \
             (Monday-Friday) after the purchase day; orders with neither are left out and \
             counted in a warning. An order's confirmation instant is the latest confirmed-at \
             (else ship-date) among its shipment rows. Late: confirmed after the ship-by \
             instant, or with no shipment row, not Shipped, and E after the ship-by instant. A \
             Shipped order with no shipment row has no known confirmation time and is left out \
             with a warning.",
            "Below 4%. Bad when defects/total is 4% or more; warning when it reaches R x 4% \
             (R = --warn-at, default 0.75, so 3%); good otherwise. No data when no orders were \
             due in the window. Each window gets its own status.",
        ),
        MetricId::PreFulfillmentCancelRate => (
            "The share of your seller-fulfilled orders cancelled before shipment for any reason \
             other than the buyer's request, including orders Amazon cancelled because shipment \
             was never confirmed.",
            "Orders by purchase day over the 7 days ending on the as-of day (days A-6 to A, \
             where A is --as-of, by default yesterday).",
            "Total: seller-fulfilled orders placed in the window, whatever their status. \
             Defects: those cancelled (order-status Cancelled or Canceled, or any cancelled-by) \
             unless the buyer requested it (is-buyer-requested-cancellation true or \
             cancelled-by = buyer). Orders Amazon cancelled automatically count. \
             Amazon-fulfilled orders are not part of this metric.",
            "Below 2.5%. Bad when defects/total is 2.5% or more; warning when it reaches \
             R x 2.5% (R = --warn-at, default 0.75, so 1.875%); good otherwise. No data when no \
             seller-fulfilled orders were placed in the window.",
        ),
        MetricId::ValidTrackingRate => (
            "The share of your seller-fulfilled packages confirmed with a carrier and a \
             tracking number that is valid for that carrier.",
            "Packages by confirmation day over the 30 days ending on the as-of day (days A-29 \
             to A, where A is --as-of, by default yesterday). A package's confirmation day is \
             that of the latest confirmed-at (else ship-date) among its shipment rows.",
            "Items: packages of seller-fulfilled orders, that is distinct (order, normalised \
             tracking number) pairs among shipment rows; all rows of an order with a blank \
             tracking number are one package. Normalised: trimmed, upper-cased, spaces and \
             hyphens removed. The carrier is the first non-empty one among the package's rows \
             (the carrier name when the code is empty or Other). Valid when there is a carrier \
             and the number is 8-40 letters and digits, is not a placeholder (N/A, NA, NONE, \
             NULL, TBD, UNKNOWN, 0), is not one character repeated, and for these carriers \
             matches their format: UPS 1Z + 16 letters/digits; USPS 20-22 digits, or 2 letters \
             + 9 digits + 2 letters; FedEx 12, 15, 20 or 22 digits; Amazon, AMZL, Amazon \
             Logistics and Amazon Shipping TBA + 12 digits. Defects: packages without valid \
             tracking. Shipment rows for orders missing from the orders files still count \
             (seller-fulfilled unless their own fulfillment-channel says Amazon).",
            "At least 95%. Bad when (total - defects)/total is below 95%; warning when \
             defects/total reaches R x 5% (R = --warn-at, default 0.75, so 3.75% invalid, i.e. \
             96.25% valid or less); good otherwise. No data when no packages were confirmed in \
             the window.",
        ),
        MetricId::OnTimeDeliveryRate => (
            "The share of your tracked seller-fulfilled orders delivered by the delivery date \
             promised to the buyer.",
            "Orders by deliver-by day over the 14 days ending 7 days before the as-of day \
             (days A-20 to A-7, where A is --as-of, by default yesterday), which leaves time \
             for carrier delivery scans.",
            "Items: seller-fulfilled orders that are not cancelled, have at least one package \
             with valid tracking (as in the valid tracking rate), and whose deliver-by day \
             (latest-delivery-date of the order, else of its shipment rows) is in the window. \
             An order is on time when every one of its validly tracked packages was delivered \
             (the latest delivered-at among the package's rows) by the end of the deliver-by \
             day. Defects: all other orders, including those with a package never delivered. \
             Orders without valid tracking are left out. When no shipment file has a delivery \
             column the metric has no data.",
            "At least 90%. Bad when (total - defects)/total is below 90%; warning when \
             defects/total reaches R x 10% (R = --warn-at, default 0.75, so 7.5% late, i.e. \
             92.5% on time or less); good otherwise. No data when no orders fall in the \
             window.",
        ),
        MetricId::ExpiredOrders => (
            "Seller-fulfilled orders that Amazon cancelled automatically because shipment was \
             not confirmed within 7 business days after the ship-by date, or that have passed \
             that point without confirmation.",
            "Orders by purchase day over the 30 days ending on the as-of day (days A-29 to A, \
             where A is --as-of, by default yesterday). Open orders are judged at E, the start \
             of the day after the as-of day.",
            "Items: seller-fulfilled orders placed in the window. The auto-cancel instant is the \
             end of the 7th business day (Monday-Friday) after the ship-by day. Defects: orders \
             (a) with cancelled-by = amazon; (b) cancelled, not at the buyer's request, never \
             ship-confirmed (no shipment row and no Shipped status), and last updated at or \
             after the auto-cancel instant; or (c) neither cancelled nor ship-confirmed while E \
             is after the auto-cancel instant. An order with no ship-by date can be a defect \
             only by (a). Cancelled expired orders also count in the pre-fulfillment cancel \
             rate.",
            "None. Good with no expired orders, warning with any; this metric is never bad and \
             --warn-at does not apply. No data when no seller-fulfilled orders were placed in \
             the window.",
        ),
        MetricId::ResponseTime => (
            "The share of buyer messages you answered within 24 hours of receiving them, \
             weekends and holidays included.",
            "Messages by received day, in three windows: the 7, 30 and 90 days ending on the \
             as-of day (A is --as-of, by default yesterday). Unanswered messages are judged at \
             E, the start of the day after the as-of day.",
            "Items: messages received in the window, except those marked no-response-needed \
             and those still pending (unanswered and received 24 hours or less before E). \
             Late: answered more than 24 hours after receipt, or unanswered and received more \
             than 24 hours before E. Only the first response matters, so a holding reply in \
             time is on time. The metric also reports the average response time in hours over \
             answered messages.",
            "At least 90% answered within 24 hours. Bad when (total - defects)/total is below \
             90%; warning when defects/total reaches R x 10% (R = --warn-at, default 0.75, so \
             7.5% late); good otherwise. No data when no messages count in the window. Each \
             window gets its own status.",
        ),
    };
    Explanation {
        metric,
        what,
        window,
        counts,
        target,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn guidance_points_are_g1_to_g31_in_order() {
        let expected: Vec<String> = (1..=31).map(|n| format!("G{n}")).collect();
        assert_eq!(guidance_points(), expected);
    }

    #[test]
    fn every_guidance_point_is_used_by_some_tip() {
        let used: BTreeSet<&str> = TIPS
            .iter()
            .flat_map(|t| t.guidance.iter().copied())
            .collect();
        let missing: Vec<&str> = guidance_points()
            .into_iter()
            .filter(|g| !used.contains(g))
            .collect();
        assert!(
            missing.is_empty(),
            "guidance points with no tip: {missing:?}"
        );
    }

    #[test]
    fn every_referenced_guidance_point_exists() {
        let known = guidance_points();
        for t in TIPS {
            assert!(!t.guidance.is_empty(), "tip {} names no guidance", t.id);
            for g in t.guidance {
                assert!(known.contains(g), "tip {} names unknown guidance {g}", t.id);
            }
            let distinct: BTreeSet<&str> = t.guidance.iter().copied().collect();
            assert_eq!(
                distinct.len(),
                t.guidance.len(),
                "tip {} repeats guidance",
                t.id
            );
        }
    }

    #[test]
    fn every_tip_helps_some_metric_once() {
        for t in TIPS {
            assert!(!t.metrics.is_empty(), "tip {} helps no metric", t.id);
            let distinct: BTreeSet<MetricId> = t.metrics.iter().copied().collect();
            assert_eq!(
                distinct.len(),
                t.metrics.len(),
                "tip {} repeats a metric",
                t.id
            );
        }
    }

    #[test]
    fn every_metric_has_at_least_two_tips() {
        for m in MetricId::ALL {
            let tips = tips_for(m);
            assert!(tips.len() >= 2, "{} has {} tips", m.as_str(), tips.len());
        }
    }

    #[test]
    fn tip_texts_and_ids_are_present_and_unique() {
        let mut ids = BTreeSet::new();
        let mut texts = BTreeSet::new();
        for t in TIPS {
            assert!(!t.id.trim().is_empty());
            assert!(!t.text.trim().is_empty(), "tip {} has no text", t.id);
            assert!(ids.insert(t.id), "duplicate tip id {}", t.id);
            assert!(texts.insert(t.text), "duplicate text in tip {}", t.id);
        }
        assert!((20..=28).contains(&TIPS.len()), "{} tips", TIPS.len());
    }

    #[test]
    fn tip_texts_are_tidy_sentences() {
        for t in TIPS {
            assert!(
                t.text.ends_with('.'),
                "tip {} does not end a sentence",
                t.id
            );
            assert!(!t.text.contains("  "), "tip {} has a double space", t.id);
            assert!(
                !t.text.contains(['\n', '\t', '\\']),
                "tip {} has a control character",
                t.id
            );
            assert!(t.text.is_ascii(), "tip {} is not plain ASCII", t.id);
        }
    }

    #[test]
    fn ranking_names_exactly_the_tips_of_each_metric() {
        for m in MetricId::ALL {
            let ranked = ranking(m);
            let ranked_set: BTreeSet<&str> = ranked.iter().copied().collect();
            assert_eq!(
                ranked_set.len(),
                ranked.len(),
                "{} ranks a tip twice",
                m.as_str()
            );
            for id in ranked {
                assert!(tip(id).is_some(), "{} ranks unknown tip {id}", m.as_str());
            }
            let declared: BTreeSet<&str> = TIPS
                .iter()
                .filter(|t| t.metrics.contains(&m))
                .map(|t| t.id)
                .collect();
            assert_eq!(ranked_set, declared, "ranking of {} disagrees", m.as_str());
        }
    }

    #[test]
    fn tips_for_follows_the_ranking() {
        for m in MetricId::ALL {
            let want: Vec<&str> = ranking(m)
                .iter()
                .filter_map(|id| tip(id))
                .map(|t| t.text)
                .collect();
            assert_eq!(tips_for(m), want, "{}", m.as_str());
        }
        assert_eq!(
            ranked_tips(MetricId::LateShipmentRate)[0].id,
            "confirm-by-ship-date"
        );
        assert_eq!(
            ranked_tips(MetricId::ResponseTime)[0].id,
            "reply-within-24h"
        );
    }

    #[test]
    fn explanations_are_complete_for_every_metric() {
        for m in MetricId::ALL {
            let e = explain(m);
            assert_eq!(e.metric, m);
            for (field, text) in [
                ("what", e.what),
                ("window", e.window),
                ("counts", e.counts),
                ("target", e.target),
            ] {
                assert!(!text.trim().is_empty(), "{} {field} is empty", m.as_str());
                assert!(
                    !text.contains("  "),
                    "{} {field} has a double space",
                    m.as_str()
                );
            }
        }
    }

    #[test]
    fn explanations_state_the_spec_windows_and_targets() {
        let cases = [
            (
                MetricId::OrderDefectRate,
                "60 days",
                "14 days before",
                "Below 1%",
            ),
            (MetricId::LateShipmentRate, "10 days", "30 days", "Below 4%"),
            (
                MetricId::PreFulfillmentCancelRate,
                "7 days",
                "A-6",
                "Below 2.5%",
            ),
            (
                MetricId::ValidTrackingRate,
                "30 days",
                "A-29",
                "At least 95%",
            ),
            (
                MetricId::OnTimeDeliveryRate,
                "14 days",
                "7 days before",
                "At least 90%",
            ),
            (MetricId::ExpiredOrders, "30 days", "A-29", "None"),
            (
                MetricId::ResponseTime,
                "7, 30 and 90 days",
                "start of the day after",
                "At least 90%",
            ),
        ];
        for (m, w1, w2, target) in cases {
            let e = explain(m);
            assert!(e.window.contains(w1), "{} window lacks {w1}", m.as_str());
            assert!(e.window.contains(w2), "{} window lacks {w2}", m.as_str());
            assert!(e.target.starts_with(target), "{} target", m.as_str());
            assert!(
                e.target.contains("No data"),
                "{} lacks no-data rule",
                m.as_str()
            );
            if m != MetricId::ExpiredOrders {
                assert!(
                    e.target.contains("--warn-at"),
                    "{} lacks warning band",
                    m.as_str()
                );
            }
        }
    }
}
