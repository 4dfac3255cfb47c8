//! The metrics of SPEC §3–4: pure functions of the merged model, the as-of
//! day, the calendar and the policy. One file per metric family.

pub mod act_now;
pub mod asof;
pub mod breakdown;
pub mod cancellation;
pub mod defect;
pub mod defects;
pub mod delivery;
pub mod expired;
pub mod forecast;
pub mod response;
pub mod shipping;
pub mod status;
pub mod tracking;
pub mod trend;

#[cfg(test)]
mod properties;
#[cfg(test)]
pub mod testkit;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod trend_tests;

use chrono::NaiveDate;

use crate::calendar::{add_business_days, add_days, Calendar, DayIndex, Instant, Window};
use crate::model::{Dimensions, Model, Order, OrderKey};
use crate::policy::{MetricId, PlacedBy, Scope, POLICY};

pub use breakdown::{Breakdown, Group, Item};
pub use defect::{Defect, Note, TrackingProblem, Why};

/// The first purchase day any metric can need for `as_of`: the earliest first
/// day of the windows of metrics that place orders by purchase day, earlier
/// still when `--handling-days` lets an old order's ship-by fall in a window
/// placed by ship-by day. Orders placed before it are only remembered by id
/// (see [`Model::cutoff`]).
pub fn earliest_purchase_day(as_of: NaiveDate, handling_days: Option<u32>) -> NaiveDate {
    let reach = |placed_by: PlacedBy| {
        POLICY
            .iter()
            .filter(|p| p.placed_by == placed_by)
            .map(|p| i64::from(p.lag + p.longest_window() - 1))
            .max()
            .unwrap_or(0)
    };
    let by_purchase = reach(PlacedBy::PurchaseDay);
    // N business days span at most N·7/5 + 2 calendar days.
    let by_ship_by =
        handling_days.map_or(0, |n| reach(PlacedBy::ShipByDay) + i64::from(n) * 7 / 5 + 3);
    add_days(as_of, -by_purchase.max(by_ship_by))
}

/// What every metric is computed from.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub model: &'a Model,
    pub cal: Calendar,
    /// The as-of day A: the last day in every window.
    pub as_of: NaiveDate,
    /// E: the start of day A+1.
    pub evaluation: Instant,
    /// The instant at which what needs doing now is judged (SPEC §9.1):
    /// open orders, pending messages and claims to answer. E unless set.
    pub now: Instant,
    /// `--handling-days`: ship-by for orders that carry none.
    pub handling_days: Option<u32>,
    /// Day boundaries around the as-of day, for [`Context::day`].
    days: DayIndex,
    /// Threads the metrics may be computed on.
    pub threads: usize,
    /// `--by`: the dimensions each metric's items are grouped by (SPEC §13).
    pub by: Dimensions,
}

impl<'a> Context<'a> {
    pub fn new(
        model: &'a Model,
        cal: Calendar,
        as_of: NaiveDate,
        handling_days: Option<u32>,
    ) -> Self {
        let evaluation = cal.start_of(add_days(as_of, 1));
        // A year and a half either side covers every window and forecast.
        let days = DayIndex::new(cal, add_days(as_of, -550), 1100);
        Context {
            model,
            cal,
            as_of,
            evaluation,
            now: evaluation,
            handling_days,
            days,
            threads: 1,
            by: Dimensions::NONE,
        }
    }

    /// The window of `days` days of `metric`, lag included.
    pub fn window(&self, metric: MetricId, days: u32) -> Window {
        Window::ending(add_days(self.as_of, -i64::from(metric.policy().lag)), days)
    }

    pub fn day(&self, t: Instant) -> NaiveDate {
        self.days.day_of(t)
    }

    /// The ship-by instant: `latest-ship-date`, else the end of the N-th
    /// business day after the purchase day with `--handling-days N`.
    pub fn ship_by(&self, order: &Order) -> Option<Instant> {
        order.ship_by().or_else(|| {
            self.handling_days.map(|n| {
                self.cal
                    .end_of(add_business_days(self.day(order.purchase()), n))
            })
        })
    }

    /// The order id as text.
    pub fn id(&self, key: OrderKey) -> String {
        self.model.ids.name(key).into_owned()
    }
}

/// The order defect rate's components: distinct orders of each kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Components {
    pub negative_feedback: u64,
    pub a_to_z_claims: u64,
    pub chargebacks: u64,
}

/// A metric measured over one window and channel.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    pub metric: MetricId,
    pub scope: Scope,
    pub window: Window,
    pub defects: u64,
    pub total: u64,
    pub components: Option<Components>,
    /// Response time only: mean hours to first response over answered items.
    pub average_response_hours: Option<Option<f64>>,
    /// One per defect, sorted by id.
    pub items: Vec<Defect>,
    /// Items per day from the window's first day to the as-of day: (defects, total).
    /// The forecast slides the window over them.
    pub daily: Vec<(u64, u64)>,
    /// The as-of day the metric was measured for.
    pub as_of: NaiveDate,
    /// With `--by`: the window's items by each dimension that applies.
    pub breakdown: Vec<Breakdown>,
    /// The groups being counted (`--by` only), resolved into `breakdown`.
    tally: Option<Box<breakdown::Tally>>,
}

impl Measured {
    pub fn new(metric: MetricId, scope: Scope, window: Window, as_of: NaiveDate) -> Self {
        let reach = (as_of.max(window.to) - window.from).num_days() + 1;
        Measured {
            metric,
            scope,
            window,
            defects: 0,
            total: 0,
            components: None,
            average_response_hours: None,
            items: Vec::new(),
            daily: vec![(0, 0); usize::try_from(reach).unwrap_or(0)],
            as_of,
            breakdown: Vec::new(),
            tally: None,
        }
    }

    /// Counts one order or package of `day` ([`Measured::count_on`]), and
    /// with `--by` in each of its groups.
    pub fn count(&mut self, ctx: &Context<'_>, day: NaiveDate, item: Item<'_>, why: Option<Why>) {
        if !ctx.by.is_empty() && self.window.contains(day) {
            let metric = self.metric;
            self.tally
                .get_or_insert_with(|| Box::new(breakdown::Tally::new(metric, ctx.by)))
                .count(ctx, item, why.is_some());
        }
        self.count_on(day, || item.id(ctx), why);
    }

    /// Whether an item of `day` matters: in the window, or after it up to the as-of day.
    pub fn wants(&self, day: NaiveDate) -> bool {
        self.slot(day).is_some()
    }

    fn slot(&self, day: NaiveDate) -> Option<usize> {
        let i = usize::try_from((day - self.window.from).num_days()).ok()?;
        (i < self.daily.len()).then_some(i)
    }

    /// Counts one item of `day`, defective when `why` is given.
    pub fn count_on(&mut self, day: NaiveDate, id: impl FnOnce() -> String, why: Option<Why>) {
        let Some(i) = self.slot(day) else { return };
        self.daily[i].1 += 1;
        if why.is_some() {
            self.daily[i].0 += 1;
        }
        if self.window.contains(day) {
            self.total += 1;
            if let Some(why) = why {
                self.defects += 1;
                self.items.push(Defect { id: id(), why });
            }
        }
    }

    fn finish(mut self) -> Self {
        // Ids are unique within a metric; a stable sort keeps any tie in order.
        self.items.sort_by(|a, b| a.id.cmp(&b.id));
        self
    }
}

/// One metric over one channel and window, by the metric's rule.
pub fn measure(ctx: &Context<'_>, metric: MetricId, scope: Scope, days: u32) -> Measured {
    let mut m = measure_rule(ctx, metric, scope, days);
    if !ctx.by.is_empty() {
        let tally = m
            .tally
            .take()
            .map_or_else(|| breakdown::Tally::new(metric, ctx.by), |t| *t);
        m.breakdown = tally.resolve(ctx);
    }
    m
}

fn measure_rule(ctx: &Context<'_>, metric: MetricId, scope: Scope, days: u32) -> Measured {
    match metric {
        MetricId::OrderDefectRate => defects::order_defect_rate(ctx, scope, days),
        MetricId::LateShipmentRate => shipping::late_shipment_rate(ctx, scope, days),
        MetricId::PreFulfillmentCancelRate => {
            cancellation::pre_fulfillment_cancel_rate(ctx, scope, days)
        }
        MetricId::ValidTrackingRate => tracking::valid_tracking_rate(ctx, scope, days),
        MetricId::OnTimeDeliveryRate => delivery::on_time_delivery_rate(ctx, scope, days),
        MetricId::ExpiredOrders => expired::expired_orders(ctx, scope, days),
        MetricId::ResponseTime => response::response_time(ctx, scope, days),
    }
}

/// Every metric, channel and window of the policy, in the report's order (SPEC §5).
pub fn measure_all(ctx: &Context<'_>) -> Vec<Measured> {
    type Job<'c> = Box<dyn Fn() -> Measured + Send + Sync + 'c>;
    let mut jobs: Vec<Job<'_>> = Vec::new();
    for p in &POLICY {
        for &scope in p.channels {
            for &days in p.windows {
                jobs.push(Box::new(move || measure(ctx, p.id, scope, days)));
            }
        }
    }
    // Each metric is a pure function of the context: spread them over the
    // threads allowed, then put them back in the report's order.
    let threads = ctx.threads.clamp(1, jobs.len());
    let mut out: Vec<Option<Measured>> = Vec::new();
    if threads == 1 {
        out.extend(jobs.iter().map(|job| Some(job())));
    } else {
        out.resize_with(jobs.len(), || None);
        let jobs = &jobs;
        let done: Vec<Vec<(usize, Measured)>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    scope.spawn(move || {
                        (t..jobs.len())
                            .step_by(threads)
                            .map(|i| (i, jobs[i]()))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for (i, m) in done.into_iter().flatten() {
            out[i] = Some(m);
        }
    }
    out.into_iter().flatten().map(Measured::finish).collect()
}

/// What the metrics had to leave out, as facts for the report to word.
pub fn notes(ctx: &Context<'_>) -> Vec<Note> {
    let mut out = Vec::new();
    out.extend(shipping::notes(ctx));
    out.extend(defects::notes(ctx));
    out.extend(expired::notes(ctx));
    out
}
