//! `--map HEADER=COLUMN` (SPEC §15): read the column whose header is HEADER
//! as the canonical COLUMN in every input, before the kind is detected.

use super::header::{normalise, Field};

/// The header names to read as canonical columns, HEADER normalised as header
/// cells are (`Order Date` = `order-date`). Empty: headers are read as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderMapping {
    pairs: Vec<(String, Field)>,
}

impl HeaderMapping {
    pub fn new(pairs: impl IntoIterator<Item = (String, Field)>) -> Self {
        HeaderMapping {
            pairs: pairs.into_iter().collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The field a normalised header cell is mapped to; the last `--map` of
    /// the same HEADER wins, as a later option overrides an earlier one.
    pub fn field_of(&self, normalised: &str) -> Option<Field> {
        self.pairs
            .iter()
            .rev()
            .find(|(h, _)| h == normalised)
            .map(|(_, f)| *f)
    }
}

/// Parses one `HEADER=COLUMN`: HEADER is normalised, COLUMN must be a
/// canonical column name (the message lists them all).
pub fn parse_pair(s: &str) -> Result<(String, Field), String> {
    let Some((header, column)) = s.rsplit_once('=') else {
        return Err(format!(
            "'{}' is not HEADER=COLUMN (e.g. --map Date=purchase-date)",
            crate::text::sanitize(s)
        ));
    };
    let header = normalise(header);
    if header.is_empty() {
        return Err("the HEADER of --map HEADER=COLUMN is empty".to_string());
    }
    let wanted = normalise(column);
    match Field::ALL.iter().find(|f| f.name() == wanted) {
        Some(&field) => Ok((header, field)),
        None => Err(format!(
            "'{}' is not a column sellerhealth reads; COLUMN is one of: {} (see `sellerhealth columns`)",
            crate::text::sanitize(column.trim()),
            Field::canonical_names().join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_normalised_and_checked() {
        assert_eq!(
            parse_pair("Date=purchase-date"),
            Ok(("date".to_string(), Field::PurchaseDate))
        );
        assert_eq!(
            parse_pair(" Order Date = Purchase_Date"),
            Ok(("order-date".to_string(), Field::PurchaseDate))
        );
        // A header holding `=` keeps it: the last `=` separates.
        assert_eq!(
            parse_pair("a=b=order-status"),
            Ok(("a=b".to_string(), Field::OrderStatus))
        );
        let err = parse_pair("Date=purchase-day").unwrap_err();
        assert!(err.contains("'purchase-day' is not a column"), "{err}");
        assert!(err.contains("purchase-date, fulfillment-channel"), "{err}");
        assert!(parse_pair("Date").is_err());
        assert!(parse_pair("=order-id").is_err());
    }

    #[test]
    fn the_last_mapping_of_a_header_wins() {
        let m = HeaderMapping::new([
            ("date".to_string(), Field::ClaimDate),
            ("date".to_string(), Field::PurchaseDate),
        ]);
        assert_eq!(m.field_of("date"), Some(Field::PurchaseDate));
        assert_eq!(m.field_of("status"), None);
    }
}
