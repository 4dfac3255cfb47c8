//! For a file of no known kind: the closest kind and what it lacks
//! (SPEC §15), so the error can say which column to name with `--map`.

use super::header::{normalise, Kind};
use super::mapping::HeaderMapping;

/// The kind a header comes closest to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closest {
    pub kind: Kind,
    /// Its required columns the header lacks (canonical names).
    pub missing: Vec<&'static str>,
    /// The header's cells, normalised (personal-looking ones left out).
    pub found: Vec<String>,
    /// A header cell that may be the first missing column (`date` for
    /// `purchase-date`).
    pub perhaps: Option<String>,
}

/// The closest kind to any of `lines` (each a line's cells): fewest required
/// columns missing, then the most cells read or resembling a column (a cell
/// resembling a missing required one counts twice), then detection order.
/// `None` when no line has a cell any kind reads.
pub fn closest(lines: &[Vec<String>], mapping: &HeaderMapping) -> Option<Closest> {
    let mut best: Option<(usize, usize, Closest)> = None;
    for cells in lines {
        let names: Vec<String> = cells.iter().map(|c| normalise(c)).collect();
        for kind in Kind::DETECTION_ORDER {
            let (missing_count, score, candidate) = judge(kind, &names, mapping);
            if score == 0 {
                continue;
            }
            let better = match &best {
                None => true,
                Some((m, s, _)) => missing_count < *m || (missing_count == *m && score > *s),
            };
            if better {
                best = Some((missing_count, score, candidate));
            }
        }
    }
    best.map(|(_, _, c)| c)
}

fn judge(kind: Kind, names: &[String], mapping: &HeaderMapping) -> (usize, usize, Closest) {
    let columns = kind.columns();
    let reads = |n: &str, i: usize| match mapping.field_of(n) {
        Some(f) => f == columns[i].field,
        None => columns[i].names.contains(&n),
    };
    let present: Vec<bool> = (0..columns.len())
        .map(|i| names.iter().any(|n| reads(n, i)))
        .collect();
    let missing: Vec<&'static str> = columns
        .iter()
        .zip(&present)
        .filter(|(c, p)| c.required && !**p)
        .map(|(c, _)| c.name())
        .collect();
    let mut score = present.iter().filter(|p| **p).count();
    let mut perhaps = None;
    let mut hinted = present.clone();
    for n in names {
        if (0..columns.len()).any(|i| reads(n, i)) || n.is_empty() {
            continue;
        }
        // `date` resembles `purchase-date`, `status` `order-status`.
        let Some(i) = (0..columns.len()).find(|&i| {
            !hinted[i]
                && columns[i].names.iter().any(|a| {
                    a.rsplit('-').next() == Some(n.as_str()) || a.ends_with(&format!("-{n}"))
                })
        }) else {
            continue;
        };
        hinted[i] = true;
        if columns[i].required {
            score += 2;
            if perhaps.is_none() && missing.first() == Some(&columns[i].name()) {
                perhaps = Some(n.clone());
            }
        } else {
            score += 1;
        }
    }
    let found = names
        .iter()
        .filter(|n| !n.is_empty() && !super::privacy::may_be_personal(n))
        .map(|n| crate::text::sanitize(&n.chars().take(40).collect::<String>()))
        .collect();
    (
        missing.len(),
        score,
        Closest {
            kind,
            missing,
            found,
            perhaps,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn the_india_sale_report_is_closest_to_orders() {
        let l = line(&[
            "index",
            "Order ID",
            "Date",
            "Status",
            "Fulfilment",
            "Sales Channel ",
            "SKU",
        ]);
        let c = closest(&[l], &HeaderMapping::default()).unwrap();
        assert_eq!(c.kind, Kind::Orders);
        assert_eq!(c.missing, vec!["purchase-date"]);
        assert_eq!(c.perhaps.as_deref(), Some("date"));
        assert_eq!(&c.found[..4], ["index", "order-id", "date", "status"]);
    }

    #[test]
    fn a_shipping_export_without_ship_date_is_closest_to_shipments() {
        let l = line(&["order-id", "carrier", "tracking-number", "shipped-on"]);
        let c = closest(&[l], &HeaderMapping::default()).unwrap();
        assert_eq!(c.kind, Kind::Shipments);
        assert_eq!(c.missing, vec!["ship-date"]);
    }

    #[test]
    fn nothing_known_is_no_kind() {
        let l = line(&["just", "some notes"]);
        assert_eq!(closest(&[l], &HeaderMapping::default()), None);
        let l = line(&["pat@example.com", "Pat Buyer"]);
        assert_eq!(closest(&[l], &HeaderMapping::default()), None);
    }
}
