//! Remediation tips (SPEC §5), written in the project's own words from the
//! seller guidance in `../shared/GUIDANCE.md` (its points G1–G31 and its "why
//! it matters" paragraph). Every guidance point is used by at least one tip and
//! every tip names the points it is written from; which metrics a tip helps,
//! and in what order, is the `tips` list of each metric's policy entry. The
//! unit tests below hold these rules against the guidance file itself.

use crate::policy::MetricId;

/// One remediation tip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tip {
    /// Stable identifier (kebab-case).
    pub id: &'static str,
    /// The guidance points (`"G1"` … `"G31"`) the tip is written from.
    pub guidance: &'static [&'static str],
    /// The tip as shown to the seller.
    pub text: &'static str,
}

/// Every tip, grouped loosely by theme. [`tips_for`] gives them per metric, most effective first.
pub const TIPS: &[Tip] = &[
    Tip {
        id: "a-to-z-claims",
        guidance: &["G1"],
        text: "Claims and chargebacks weigh most on the order defect rate, so work them first: \
               answer each A-to-z claim on its page before Amazon's deadline with tracking and \
               proof of delivery, and look for the pattern behind repeat claims (one SKU, one \
               carrier, one region) and fix it at the source.",
    },
    Tip {
        id: "refund-before-claim",
        guidance: &["G3"],
        text: "When an order has clearly gone wrong (lost in transit, arrived broken, wrong item \
               sent), refund or replace it on your own initiative as soon as you learn of it. A \
               refund you offer is not a defect; an A-to-z claim the buyer has to file is.",
    },
    Tip {
        id: "reply-within-24h",
        guidance: &["G2", "G13"],
        text: "Reply to every buyer message within 24 hours, and keep that promise on Saturdays, \
               Sundays and public holidays too: arrange weekend cover (a colleague, a helpdesk \
               rota or push notifications in the Amazon Seller app). A fast answer keeps your \
               response-time score up and heads off negative feedback and claims.",
    },
    Tip {
        id: "accurate-listing",
        guidance: &["G4", "G5", "G10"],
        text: "Audit your listings against the goods on your shelf: title, bullet points and \
               photos must show exactly what you ship (model, size, colour, pack quantity), and \
               each offer's condition (New, Used - Very Good, Renewed...) must match what the \
               product detail page describes. \"Not as described\" is a leading cause of \
               negative feedback and claims.",
    },
    Tip {
        id: "negative-feedback-causes",
        guidance: &["G8"],
        text: "Read every 1- and 2-star feedback and label it as a listing problem (the item \
               differs from the page) or a fulfilment problem (late, damaged, wrong item). \
               Those two explain most negative feedback, so fix whichever keeps coming back. \
               Feedback that Amazon removes stops counting against you.",
    },
    Tip {
        id: "pack-with-care",
        guidance: &["G6"],
        text: "Pack for the journey (padding around fragile items, a box that survives \
               stacking, liquids sealed in a bag) and print the label from the shipping address \
               in the order details only. Never redirect a parcel to an address a buyer sends \
               by message: a package sent elsewhere leaves you unprotected if the buyer later \
               says it never arrived.",
    },
    Tip {
        id: "keep-buyers-informed",
        guidance: &["G7"],
        text: "Keep sellable stock on hand for every active offer, and when an order will be \
               late or cannot be sent as ordered, message the buyer that same day with what \
               happened, the new date and the choices open to them. A buyer who hears from you \
               first is far less likely to leave negative feedback or open a claim.",
    },
    Tip {
        id: "stock-and-ship-on-time",
        guidance: &["G9"],
        text: "Give each SKU a reorder point that covers your restocking time, and dispatch \
               every order by its ship-by date. Running out and shipping late are what buyers \
               most often punish with low ratings, and they also drive up cancellations, late \
               shipments and late deliveries.",
    },
    Tip {
        id: "phone-number",
        guidance: &["G11"],
        text: "Check that the customer-service phone number in your Seller Central seller \
               information (and on any packing slip or insert) is correct and actually \
               answered; a buyer who cannot reach you turns to feedback or an A-to-z claim \
               instead.",
    },
    Tip {
        id: "courteous-replies",
        guidance: &["G12", "G15"],
        text: "Keep messages to buyers polite, short and on point: acknowledge the issue, say \
               what you will do and by when, without boilerplate or blame. If you cannot settle \
               the matter in the first reply, answer within 24 hours anyway and say when you \
               will be back; the response-time clock stops at your first reply.",
    },
    Tip {
        id: "messages-reach-you",
        guidance: &["G14"],
        text: "Make sure buyer messages actually reach you: add Amazon's messaging addresses to \
               your mail contacts or allow-list, look in the spam folder daily, and treat the \
               Buyer-Seller Messages page in Seller Central as the source of truth rather than \
               your inbox.",
    },
    Tip {
        id: "no-response-needed",
        guidance: &["G16"],
        text: "When a message needs no answer (a thank-you, an automatic reply, a question \
               already settled), mark it \"No response needed\" in Buyer-Seller Messages; it \
               then drops out of the response-time count instead of ageing into a late reply.",
    },
    Tip {
        id: "confirm-by-ship-date",
        guidance: &["G17"],
        text: "Open Manage Orders each morning and confirm shipment, with carrier and tracking \
               number, for every order due that day. The late shipment rate is timed from the \
               confirmation, not from when the parcel left, so a package handed over on time \
               but confirmed after the ship-by date is still late; a prompt confirmation also \
               gives the buyer tracking straight away.",
    },
    Tip {
        id: "fix-late-causes",
        guidance: &["G18"],
        text: "List last month's late orders (sellerhealth audit --details) and trace each one \
               to the step that held it up: picking, packing, waiting for stock, a missed \
               carrier pickup, or orders placed over the weekend. Fix the step behind most of \
               them, for example with a later pickup, a daily order cut-off or a second packing \
               shift.",
    },
    Tip {
        id: "realistic-handling-time",
        guidance: &["G19"],
        text: "If you regularly need longer than your handling time to dispatch, raise it in \
               your shipping settings (per SKU when only some items are slow). A ship-by date \
               you meet every time beats a quicker promise you keep missing, and it keeps the \
               delivery date buyers see honest.",
    },
    Tip {
        id: "buy-shipping",
        guidance: &["G20"],
        text: "Buy postage and print labels through Amazon's Buy Shipping: the carrier and \
               tracking number reach Amazon automatically and the order is confirmed when the \
               label is bought, which protects your valid tracking and late shipment rates and \
               gives Amazon the carrier scans that on-time delivery is measured from.",
    },
    Tip {
        id: "peak-season",
        guidance: &["G21"],
        text: "Get ready for Prime Day, Black Friday to Cyber Monday and the December rush weeks \
               ahead: stock up, book extra packing help and carrier pickups, and lengthen \
               handling times for the busiest days if volume will outrun your team. Late, \
               cancelled and expired orders pile up in exactly those weeks.",
    },
    Tip {
        id: "cancel-only-on-request",
        guidance: &["G22"],
        text: "Cancel an order only when the buyer asks for it, and have them request the \
               cancellation from their Amazon order page so the order carries the \
               buyer-requested flag. Every other cancellation you make counts against your \
               cancel rate, whatever the reason.",
    },
    Tip {
        id: "inventory-in-sync",
        guidance: &["G23"],
        text: "Update your Amazon quantities the moment stock changes elsewhere (a sale on \
               another channel, a damaged unit, a supplier shortfall), and compare the count on \
               the shelf with Seller Central at least once a week, so Amazon never sells a unit \
               you cannot ship by its ship-by date.",
    },
    Tip {
        id: "check-prices",
        guidance: &["G24"],
        text: "Check price changes before they go live (a misplaced decimal, the wrong \
               currency, a repricer rule with no floor) and set a minimum and maximum price on \
               each offer so an obvious typo deactivates the offer instead of selling out. \
               Orders taken at a wrong price end in cancellations that count against you.",
    },
    Tip {
        id: "cancel-early",
        guidance: &["G25"],
        text: "If you truly cannot fill an order, cancel it as soon as you know (not on the \
               ship-by date, and never by letting it expire) and send the buyer a short \
               apology, with an alternative if you have one. An early, explained cancellation \
               still counts, but it spares the buyer the wait and the reason to leave \
               negative feedback.",
    },
    Tip {
        id: "avoid-expiry",
        guidance: &["G26"],
        text: "Never leave an unshipped order to run out: Amazon cancels an order whose \
               shipment is still unconfirmed 7 business days after its ship-by date. The buyer \
               has waited more than a week for nothing, and the cancellation also lands on your \
               cancel rate. Ship and confirm, or cancel with an explanation, well before then.",
    },
    Tip {
        id: "manage-orders",
        guidance: &["G27", "G28"],
        text: "Work from Manage Orders, not from the \"Sold, ship now\" emails, which get \
               filtered, delayed or overlooked: clear the Unshipped tab every business day, and \
               give each order a visible status in your own process (picked, packed, labelled, \
               confirmed) so none can slip through between desk and dispatch.",
    },
    Tip {
        id: "vacation",
        guidance: &["G29"],
        text: "Before a holiday, an illness or any stretch when nobody can run the account, set \
               your listings to inactive in Seller Central's vacation (listing status) settings \
               and reactivate them when you are back; orders that come in while no one is \
               watching end up late, cancelled or expired.",
    },
    Tip {
        id: "valid-tracking",
        guidance: &["G30"],
        text: "Ship with a carrier Amazon integrates with; when confirming, pick it from the \
               list rather than \"Other\" and enter the tracking number exactly as the label \
               shows it, never a placeholder such as N/A or an order number. Tracking only \
               counts as valid once the carrier has scanned the parcel, so hand it over the \
               day you confirm.",
    },
    Tip {
        id: "transit-times",
        guidance: &["G31"],
        text: "Set the transit times in your shipping templates to what your carrier really \
               achieves for each region, and choose a service fast enough for the delivery date \
               shown at checkout. A parcel that arrives after the promised date counts against \
               on-time delivery even when you shipped on time.",
    },
    Tip {
        id: "review-regularly",
        guidance: &["G18", "G28"],
        text: "Run this audit every week (or daily from cron with audit --check) and review \
               your order handling as soon as a metric shows a warning, before it becomes a \
               breach. Healthy metrics keep the account in good standing, keep your offers in \
               front of new and returning buyers and keep their trust as competition grows, \
               and Amazon holds third-party sellers strictly to these targets.",
    },
];

/// The tip with this id.
pub fn tip(id: &str) -> Option<&'static Tip> {
    TIPS.iter().find(|t| t.id == id)
}

/// The tips that help a metric, most effective first (its policy's `tips`).
pub fn ranked_tips(metric: MetricId) -> Vec<&'static Tip> {
    metric
        .policy()
        .tips
        .iter()
        .filter_map(|id| tip(id))
        .collect()
}

/// The tip texts for a metric, most effective first.
pub fn tips_for(metric: MetricId) -> Vec<&'static str> {
    ranked_tips(metric).into_iter().map(|t| t.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::POLICY;
    use std::collections::BTreeSet;

    /// The guidance points (`G1` …) of `../shared/GUIDANCE.md`, the source
    /// the tips are written from. CI always has the file beside the clone; a
    /// clone on its own skips these checks with a note, unless `CI` is set.
    fn guidance_points() -> Option<BTreeSet<String>> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/GUIDANCE.md");
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if std::env::var_os("CI").is_none() => {
                eprintln!("skipped: {path}: {e}");
                return None;
            }
            Err(e) => panic!("{path}: {e}"),
        };
        let points: BTreeSet<String> = text
            .lines()
            .filter_map(|l| l.strip_prefix("- G"))
            .filter_map(|rest| {
                let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
                (!n.is_empty()).then(|| format!("G{n}"))
            })
            .collect();
        assert!(points.len() >= 20, "{path}: only {} points", points.len());
        Some(points)
    }

    #[test]
    fn every_guidance_point_is_used_by_some_tip_and_no_tip_cites_an_unknown_one() {
        let Some(points) = guidance_points() else {
            return;
        };
        let used: BTreeSet<String> = TIPS
            .iter()
            .flat_map(|t| t.guidance.iter().map(|g| g.to_string()))
            .collect();
        let missing: Vec<&String> = points.difference(&used).collect();
        assert!(
            missing.is_empty(),
            "guidance points with no tip: {missing:?}"
        );
        let unknown: Vec<&String> = used.difference(&points).collect();
        assert!(unknown.is_empty(), "tips cite unknown points: {unknown:?}");
    }

    #[test]
    fn every_tip_cites_guidance_once_per_point() {
        for t in TIPS {
            assert!(!t.guidance.is_empty(), "tip {} names no guidance", t.id);
            let distinct: BTreeSet<&str> = t.guidance.iter().copied().collect();
            assert_eq!(distinct.len(), t.guidance.len(), "tip {} repeats", t.id);
        }
    }

    #[test]
    fn every_tip_helps_some_metric_and_every_policy_tip_exists() {
        let ranked: BTreeSet<&str> = POLICY.iter().flat_map(|p| p.tips.iter().copied()).collect();
        for t in TIPS {
            assert!(ranked.contains(t.id), "tip {} helps no metric", t.id);
        }
        for p in &POLICY {
            let distinct: BTreeSet<&str> = p.tips.iter().copied().collect();
            assert_eq!(distinct.len(), p.tips.len(), "{} ranks a tip twice", p.key);
            for id in p.tips {
                assert!(tip(id).is_some(), "{} ranks unknown tip {id}", p.key);
            }
            assert!(p.tips.len() >= 2, "{} has {} tips", p.key, p.tips.len());
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
            assert!(t.text.ends_with('.'), "tip {} ends no sentence", t.id);
            assert!(!t.text.contains("  "), "tip {} has a double space", t.id);
            assert!(
                !t.text.contains(['\n', '\t', '\\']),
                "tip {} has a control",
                t.id
            );
            assert!(t.text.is_ascii(), "tip {} is not plain ASCII", t.id);
        }
    }

    #[test]
    fn tips_follow_the_policy_ranking() {
        for m in MetricId::ALL {
            let want: Vec<&str> = m
                .policy()
                .tips
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
}
