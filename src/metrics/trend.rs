//! Every metric on every day from `from` to `to` (SPEC §10.2), in one pass
//! over the model: counting, not repeating.
//!
//! An item's state as of day D (in the window or not, defect or not) is what
//! its rule's `item` function says with the [`Context`] of D. That state
//! changes only on the days at which an instant the rule compares with E
//! becomes known (the rule's `changes`), so each item is evaluated once per
//! such stretch of days; while its state holds, the days D at which it is in
//! a window of N days are an interval (its placing day p plus the lag, up to
//! N−1 days later), added as +1/−1 into difference arrays. A running sum
//! then gives every day's counts. Day D of a trend therefore equals
//! `audit --as-of D` by construction; `trend_equals_audit` checks it.

use chrono::NaiveDate;

use super::{cancellation, defects, delivery, expired, response, shipping, tracking, Context};
use crate::calendar::{add_days, Calendar, Instant, Window};
use crate::model::Model;
use crate::policy::{MetricId, Scope, POLICY};

/// One metric, channel and window on each day of a trend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub metric: MetricId,
    pub scope: Scope,
    pub days: u32,
    /// One per day from the trend's first day: the window, defects, total.
    pub points: Vec<Point>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub window: Window,
    pub defects: u64,
    pub total: u64,
}

/// Every series of the policy, in the report's order, for the days
/// `from` ..= `to` (`from` ≤ `to`).
pub fn trend(
    model: &Model,
    cal: Calendar,
    from: NaiveDate,
    to: NaiveDate,
    handling_days: Option<u32>,
) -> Vec<Series> {
    let n = usize::try_from((to - from).num_days() + 1)
        .unwrap_or(0)
        .max(1);
    let ctxs: Vec<Context<'_>> = (0..n)
        .map(|i| Context::new(model, cal, add_days(from, i as i64), handling_days))
        .collect();
    let mut out = Vec::new();
    for p in &POLICY {
        for &scope in p.channels {
            let mut acc = Acc::new(p.id, from, n);
            collect(&ctxs, p.id, scope, &mut acc);
            out.extend(acc.finish(scope));
        }
    }
    out
}

/// The difference arrays of one metric and channel, one pair per window.
struct Acc {
    metric: MetricId,
    from: NaiveDate,
    n: usize,
    lag: i64,
    longest: i64,
    windows: &'static [u32],
    /// Per window: (defects, total) differences, n + 1 long.
    diff: Vec<(Vec<i64>, Vec<i64>)>,
    /// Scratch: the change days of the current item, as day offsets.
    cuts: Vec<usize>,
    instants: Vec<Instant>,
}

impl Acc {
    fn new(metric: MetricId, from: NaiveDate, n: usize) -> Acc {
        let p = metric.policy();
        Acc {
            metric,
            from,
            n,
            lag: i64::from(p.lag),
            longest: i64::from(p.longest_window()),
            windows: p.windows,
            diff: p
                .windows
                .iter()
                .map(|_| (vec![0; n + 1], vec![0; n + 1]))
                .collect(),
            cuts: Vec::new(),
            instants: Vec::new(),
        }
    }

    /// Adds one item: `eval` gives its placing day and whether it is a
    /// defect as of a day's context; `self.instants` holds its changes.
    fn add(
        &mut self,
        ctxs: &[Context<'_>],
        eval: impl Fn(&Context<'_>, &dyn Fn(NaiveDate) -> bool) -> Option<(NaiveDate, bool)>,
    ) {
        let Some(first) = ctxs.first() else { return };
        self.cuts.clear();
        self.cuts.push(0);
        for &t in &self.instants {
            // Known from the day that holds it on: t < E(D) ⟺ day(t) ≤ D.
            let i = (first.day(t) - self.from).num_days();
            if i > 0 && i < self.n as i64 {
                self.cuts.push(i as usize);
            }
        }
        self.cuts.sort_unstable();
        self.cuts.dedup();
        let (from, lag, n, longest) = (self.from, self.lag, self.n as i64, self.longest);
        let reaches = move |p: NaiveDate| {
            let first = (p - from).num_days() + lag;
            first < n && first + longest > 0
        };
        for (s, &a) in self.cuts.iter().enumerate() {
            let b = self.cuts.get(s + 1).map_or(self.n, |&next| next) - 1;
            let Some((p, defect)) = eval(&ctxs[a], &reaches) else {
                continue;
            };
            let start = (p - self.from).num_days() + self.lag;
            for (k, &days) in self.windows.iter().enumerate() {
                let lo = start.max(a as i64);
                let hi = (start + i64::from(days) - 1).min(b as i64);
                if lo > hi {
                    continue;
                }
                let (d, t) = &mut self.diff[k];
                let (lo, hi) = (lo as usize, hi as usize + 1);
                t[lo] += 1;
                t[hi] -= 1;
                if defect {
                    d[lo] += 1;
                    d[hi] -= 1;
                }
            }
        }
    }

    fn finish(self, scope: Scope) -> Vec<Series> {
        let lag = self.lag;
        let (from, n, metric) = (self.from, self.n, self.metric);
        self.windows
            .iter()
            .zip(self.diff)
            .map(|(&days, (d, t))| {
                let (mut dr, mut tr) = (0i64, 0i64);
                let points = (0..n)
                    .map(|i| {
                        dr += d[i];
                        tr += t[i];
                        let day = add_days(from, i as i64);
                        Point {
                            window: Window::ending(add_days(day, -lag), days),
                            defects: dr.max(0) as u64,
                            total: tr.max(0) as u64,
                        }
                    })
                    .collect();
                Series {
                    metric,
                    scope,
                    days,
                    points,
                }
            })
            .collect()
    }
}

/// Feeds every item of one metric and channel into `acc`.
fn collect(ctxs: &[Context<'_>], metric: MetricId, scope: Scope, acc: &mut Acc) {
    let Some(ctx) = ctxs.first() else { return };
    let model = ctx.model;
    let flag = |r: Option<(NaiveDate, Option<super::Why>)>| r.map(|(d, why)| (d, why.is_some()));
    match metric {
        MetricId::ValidTrackingRate => {
            for (key, shipments) in &model.shipments {
                if !tracking::counts(ctx, *key, shipments) {
                    continue;
                }
                for p in &shipments.packages {
                    acc.instants.clear();
                    tracking::changes(p, &mut acc.instants);
                    acc.add(ctxs, |c, w| flag(tracking::item(c, p, w)));
                }
            }
        }
        MetricId::ResponseTime => {
            for msg in &model.messages {
                acc.instants.clear();
                response::changes(msg, &mut acc.instants);
                acc.add(ctxs, |c, w| flag(response::item(c, msg, w)));
            }
        }
        _ => {
            let channel = defects::channel_of(scope);
            for (key, order) in &model.orders {
                let key = *key;
                acc.instants.clear();
                let out = &mut acc.instants;
                match metric {
                    MetricId::OrderDefectRate => defects::changes(ctx, key, order, out),
                    MetricId::LateShipmentRate => shipping::changes(ctx, key, order, out),
                    MetricId::PreFulfillmentCancelRate => {
                        cancellation::changes(ctx, key, order, out)
                    }
                    MetricId::OnTimeDeliveryRate => delivery::changes(ctx, key, order, out),
                    MetricId::ExpiredOrders => expired::changes(ctx, key, order, out),
                    MetricId::ValidTrackingRate | MetricId::ResponseTime => {}
                }
                acc.add(ctxs, |c, w| {
                    flag(match metric {
                        MetricId::OrderDefectRate => defects::item(c, key, order, channel, w),
                        MetricId::LateShipmentRate => shipping::item(c, key, order, w),
                        MetricId::PreFulfillmentCancelRate => cancellation::item(c, order, w),
                        MetricId::OnTimeDeliveryRate => delivery::item(c, key, order, w),
                        MetricId::ExpiredOrders => expired::item(c, key, order, w),
                        MetricId::ValidTrackingRate | MetricId::ResponseTime => None,
                    })
                });
            }
        }
    }
}
