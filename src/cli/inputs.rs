//! The inputs of `audit` and `trend`, in the order given on the command line.

use std::path::PathBuf;

use clap::ArgMatches;

use super::AuditArgs;
use crate::ingest::header::Kind;

/// Positional paths and `--orders FILE`-style inputs, in command-line order
/// (the first non-empty value of a field wins, so the order matters).
pub(super) fn ordered_inputs(m: &ArgMatches, a: &AuditArgs) -> Vec<(PathBuf, Option<Kind>)> {
    let groups: [(&str, &Vec<PathBuf>, Option<Kind>); 7] = [
        ("paths", &a.paths, None),
        ("orders", &a.orders, Some(Kind::Orders)),
        ("shipments", &a.shipments, Some(Kind::Shipments)),
        ("feedback", &a.feedback, Some(Kind::Feedback)),
        ("claims", &a.claims, Some(Kind::Claims)),
        ("messages", &a.messages, Some(Kind::Messages)),
        ("performance", &a.performance, Some(Kind::Performance)),
    ];
    let mut all: Vec<(usize, PathBuf, Option<Kind>)> = Vec::new();
    for (id, values, kind) in groups {
        let indices: Vec<usize> = m.indices_of(id).map(|i| i.collect()).unwrap_or_default();
        for (n, path) in values.iter().enumerate() {
            let index = indices.get(n).copied().unwrap_or(usize::MAX);
            all.push((index, path.clone(), kind));
        }
    }
    all.sort_by_key(|(i, _, _)| *i);
    all.into_iter().map(|(_, p, k)| (p, k)).collect()
}
