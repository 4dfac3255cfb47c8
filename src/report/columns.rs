//! `sellerhealth columns [KIND]`: every kind's columns, aliases, required
//! marks and meanings, in words. The table itself is the reader's
//! (`ingest::header`); the caller hands it over as [`KindColumns`].

use crate::text::wrap;

/// One kind of report and its columns, as the reader knows them.
#[derive(Debug, Clone)]
pub struct KindColumns {
    pub kind: &'static str,
    pub columns: Vec<ColumnDoc>,
}

/// One column: its names (the first canonical), whether required, its meaning.
#[derive(Debug, Clone)]
pub struct ColumnDoc {
    pub names: &'static [&'static str],
    pub required: bool,
    pub meaning: &'static str,
}

/// What each kind is, and which Amazon reports are of it.
fn about(kind: &str) -> &'static str {
    match kind {
        "orders" => "one row per order or order item; rows sharing an order-id are one order. Amazon's All Orders report, the Order Report (new orders) and Unshipped Orders are of this kind",
        "shipments" => "one row per ship confirmation, package or shipped item: the shipping confirmation upload, Amazon Fulfilled Shipments, carrier exports with delivery dates",
        "feedback" => "Amazon's seller feedback report (Date, Rating, Comments, Your Response, Order ID, Rater Email, and an optional removed). A translated header is read by position when the first data cell is a date and the second a rating",
        "claims" => "A-to-z Guarantee claims and chargebacks, in sellerhealth's own format (Amazon offers no download)",
        "returns" => "Amazon's returns report, read as claims: a row whose A-to-Z Claim is Y is an A-to-z claim on its order",
        "messages" => "buyer messages and your first response, in sellerhealth's own format with aliases for common helpdesk exports",
        _ => "",
    }
}

/// The text of `sellerhealth columns`, for `kinds` (one or all).
pub fn columns_text(kinds: &[KindColumns]) -> String {
    let mut out = String::new();
    for (i, k) in kinds.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&wrap(
            &format!("{}: {}.", k.kind, about(k.kind)),
            100,
            "",
            "  ",
        ));
        for c in &k.columns {
            let mut head = c.names.first().copied().unwrap_or("?").to_string();
            let mut marks = Vec::new();
            if c.required {
                marks.push("required".to_string());
            }
            if c.names.len() > 1 {
                marks.push(format!("also {}", c.names[1..].join(", ")));
            }
            if !marks.is_empty() {
                head.push_str(&format!(" ({})", marks.join("; ")));
            }
            out.push_str(&wrap(
                &format!("{head}: {}", c.meaning),
                100,
                "  ",
                "      ",
            ));
        }
    }
    out.push_str(
        "\nHeader cells are matched trimmed, in any case, with spaces and _ read as - (Order ID = order-id).\n\
         Other columns are ignored. Read a column under another name with --map HEADER=COLUMN.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_show_names_marks_and_meanings() {
        let t = columns_text(&[KindColumns {
            kind: "orders",
            columns: vec![ColumnDoc {
                names: &["purchase-date", "order-date"],
                required: true,
                meaning: "when the order was placed",
            }],
        }]);
        assert!(t.starts_with("orders: one row per order"), "{t}");
        assert!(
            t.contains("  purchase-date (required; also order-date): when the order was placed\n"),
            "{t}"
        );
    }
}
