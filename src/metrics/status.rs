//! Statuses and headroom, decided with exact integer arithmetic (SPEC §4).

use crate::policy::{Ratio, Target};

/// A metric's standing against its target; ordered from least to most urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    NoData,
    Good,
    Warning,
    Bad,
}

/// `a/b >= c/d` for non-negative integers, without rounding.
fn ge(a: u128, b: u128, c: u128, d: u128) -> bool {
    a * d >= c * b
}

/// The status of `defects` among `total` items against `target`, with the
/// warning band at `warn` of the limit.
pub fn status(target: Target, defects: u64, total: u64, warn: Ratio) -> Status {
    if total == 0 {
        return Status::NoData;
    }
    let (d, n) = (u128::from(defects), u128::from(total));
    let (wn, wd) = (u128::from(warn.num), u128::from(warn.den));
    match target {
        Target::Below(t) => {
            let (tn, td) = (u128::from(t.num), u128::from(t.den));
            if ge(d, n, tn, td) {
                Status::Bad
            } else if ge(d, n, wn * tn, wd * td) {
                Status::Warning
            } else {
                Status::Good
            }
        }
        Target::AtLeast(t) => {
            let (tn, td) = (u128::from(t.num), u128::from(t.den));
            if !ge(n - d, n, tn, td) {
                Status::Bad
            } else if ge(d, n, wn * (td - tn), wd * td) {
                Status::Warning
            } else {
                Status::Good
            }
        }
        Target::Zero => {
            if defects == 0 {
                Status::Good
            } else {
                Status::Warning
            }
        }
    }
}

/// How far a metric is from changing sides (the act-now issue, item 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Headroom {
    /// Bad now: this many more defect-free items make it not bad.
    CleanItemsToRecover(u64),
    /// Not bad now: this many more defects among the same items make it bad.
    DefectsToBreach(u64),
}

/// Headroom of a `below` or `at_least` metric with items; `None` otherwise.
pub fn headroom(target: Target, defects: u64, total: u64, warn: Ratio) -> Option<Headroom> {
    if total == 0 {
        return None;
    }
    let (d, n) = (u128::from(defects), u128::from(total));
    let bad = status(target, defects, total, warn) == Status::Bad;
    let m = match target {
        Target::Below(t) => {
            let (tn, td) = (u128::from(t.num), u128::from(t.den));
            if bad {
                // Not bad when d·td < tn·(n+m): n+m > d·td/tn.
                let need = (d * td) / tn + 1;
                Headroom::CleanItemsToRecover(to_u64(need.saturating_sub(n).max(1)))
            } else {
                // Bad when (d+k)·td >= tn·n.
                let need = (tn * n).div_ceil(td);
                Headroom::DefectsToBreach(to_u64(need.saturating_sub(d).max(1)))
            }
        }
        Target::AtLeast(t) => {
            let (tn, td) = (u128::from(t.num), u128::from(t.den));
            if bad {
                // Not bad when (n+m−d)·td >= tn·(n+m): (n+m)(td−tn) >= d·td.
                let gap = td - tn;
                if gap == 0 {
                    return None;
                }
                let need = (d * td).div_ceil(gap);
                Headroom::CleanItemsToRecover(to_u64(need.saturating_sub(n).max(1)))
            } else {
                // Bad when (n−d−k)·td < tn·n: d+k > n − tn·n/td.
                let ok_max = n - (tn * n).div_ceil(td); // largest defect count still not bad
                Headroom::DefectsToBreach(to_u64((ok_max + 1).saturating_sub(d).max(1)))
            }
        }
        Target::Zero => return None,
    };
    Some(m)
}

fn to_u64(v: u128) -> u64 {
    u64::try_from(v).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::DEFAULT_WARN_AT as W;

    const ODR: Target = Target::Below(Ratio::new(1, 100));
    const VTR: Target = Target::AtLeast(Ratio::new(95, 100));
    const RT: Target = Target::AtLeast(Ratio::new(90, 100));

    #[test]
    fn below_target_boundaries() {
        assert_eq!(status(ODR, 1, 100, W), Status::Bad, "exactly 1% is bad");
        assert_eq!(status(ODR, 1, 101, W), Status::Warning);
        assert_eq!(
            status(ODR, 3, 400, W),
            Status::Warning,
            "0.75% is the warning edge"
        );
        assert_eq!(status(ODR, 3, 401, W), Status::Good);
        assert_eq!(status(ODR, 0, 0, W), Status::NoData);
    }

    #[test]
    fn at_least_target_boundaries() {
        assert_eq!(
            status(VTR, 5, 100, W),
            Status::Warning,
            "exactly 95% is not bad"
        );
        assert_eq!(status(VTR, 6, 100, W), Status::Bad);
        assert_eq!(status(VTR, 3, 100, W), Status::Good, "3% < 0.75 × 5%");
        assert_eq!(
            status(VTR, 15, 400, W),
            Status::Warning,
            "3.75% is the warning edge"
        );
        assert_eq!(status(RT, 1, 11, W), Status::Warning);
    }

    #[test]
    fn zero_target() {
        assert_eq!(status(Target::Zero, 0, 5, W), Status::Good);
        assert_eq!(status(Target::Zero, 1, 5, W), Status::Warning);
    }

    #[test]
    fn headroom_at_exact_thresholds() {
        // 3 defects in 412 orders: 2 more reach 5/412 >= 1%.
        assert_eq!(headroom(ODR, 3, 412, W), Some(Headroom::DefectsToBreach(2)));
        // 5 in 400 is bad; 101 clean orders make 5/501 < 1% (5/500 is still 1%).
        assert_eq!(
            headroom(ODR, 5, 400, W),
            Some(Headroom::CleanItemsToRecover(101))
        );
        assert_eq!(
            headroom(ODR, 3, 147, W),
            Some(Headroom::CleanItemsToRecover(154))
        );
        assert_eq!(headroom(VTR, 1, 80, W), Some(Headroom::DefectsToBreach(4)));
        assert_eq!(
            headroom(RT, 4, 24, W),
            Some(Headroom::CleanItemsToRecover(16))
        );
        assert_eq!(headroom(RT, 1, 11, W), Some(Headroom::DefectsToBreach(1)));
        assert_eq!(headroom(Target::Zero, 1, 11, W), None);
        assert_eq!(headroom(ODR, 0, 0, W), None);
    }

    #[test]
    fn headroom_agrees_with_status_by_brute_force() {
        for target in [ODR, VTR, RT, Target::Below(Ratio::new(25, 1000))] {
            for n in 1..120u64 {
                for d in 0..=n {
                    match headroom(target, d, n, W) {
                        Some(Headroom::CleanItemsToRecover(m)) => {
                            assert_ne!(status(target, d, n + m, W), Status::Bad);
                            if m > 1 {
                                assert_eq!(status(target, d, n + m - 1, W), Status::Bad);
                            }
                        }
                        Some(Headroom::DefectsToBreach(k)) => {
                            assert!(d + k <= n || k == 1, "{d}+{k} of {n}");
                            assert_eq!(
                                status(target, (d + k).min(n), n, W) == Status::Bad,
                                d + k <= n
                            );
                            if k > 1 {
                                assert_ne!(status(target, d + k - 1, n, W), Status::Bad);
                            }
                        }
                        None => panic!("no headroom for {d}/{n}"),
                    }
                }
            }
        }
    }
}
