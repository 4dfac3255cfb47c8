//! Recovery forecast: the metric for each coming day as its window slides past
//! the as-of day, if nothing new goes wrong.

use chrono::NaiveDate;

use super::Measured;
use crate::calendar::{add_days, Window};

/// The projected counts of one coming day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Projected {
    pub date: NaiveDate,
    pub defects: u64,
    pub total: u64,
}

/// Projects `m` for each day after `as_of` until its whole window has moved
/// past `as_of` (window length plus lag). Items already known keep their
/// defects; coming days add defect-free items at the window's current
/// average daily volume, kept as an exact fraction: by the k-th day after the
/// as-of day in the window, ⌊k·total/days⌋ items have been added.
pub fn project(m: &Measured) -> Vec<Projected> {
    let as_of = m.as_of;
    let days = i64::from(m.window.days);
    let lag = i64::from(m.metric.policy().lag);
    let known_from = m.window.from;
    (1..=days + lag)
        .map(|k| {
            let date = add_days(as_of, k);
            let window = Window::ending(add_days(date, -lag), m.window.days);
            let (mut defects, mut total) = (0u64, 0u64);
            for (i, (d, t)) in m.daily.iter().enumerate() {
                let day = add_days(known_from, i as i64);
                if window.contains(day) && day <= as_of {
                    defects += d;
                    total += t;
                }
            }
            // Days of the window after the as-of day get clean items.
            let future_days = (k - lag).clamp(0, days) as u64;
            total += future_days * m.total / u64::from(m.window.days.max(1));
            Projected {
                date,
                defects,
                total,
            }
        })
        .collect()
}

/// The window's average daily volume as an exact fraction: `items` over `days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Volume {
    pub items: u64,
    pub days: u32,
}

/// The average number of items a day in the current window.
pub fn daily_volume(m: &Measured) -> Volume {
    Volume {
        items: m.total,
        days: m.window.days.max(1),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::super::*;
    use super::*;
    use crate::policy::MetricId;

    #[test]
    fn defects_age_out_on_a_known_day() {
        // Cancel rate, 7-day window 11-14 … 11-20: ten orders a day, one seller
        // cancellation on 11-15.
        let mut text = ORDERS.to_string();
        let mut n = 0;
        for day in 14..=20 {
            for _ in 0..10 {
                n += 1;
                let status = if day == 15 && n % 10 == 1 {
                    "Cancelled"
                } else {
                    "Shipped"
                };
                text.push_str(&order(
                    &format!("111-0000000-{n:07}"),
                    &format!("2026-11-{day}T12:00:00-08:00"),
                    status,
                    "Merchant",
                    "",
                    "",
                    "",
                    "",
                    "",
                ));
            }
        }
        let model = model(&[&text]);
        let c = ctx(&model, "2026-11-20");
        let m = cancellation::pre_fulfillment_cancel_rate(&c, crate::policy::Scope::Mfn, 7);
        assert_eq!((m.defects, m.total), (1, 70));
        let p = project(&m);
        assert_eq!(p.len(), 7);
        // 11-21: window 11-15 … 11-21: 60 known + 10 clean; the defect still in.
        assert_eq!(
            p[0],
            Projected {
                date: day("2026-11-21"),
                defects: 1,
                total: 70
            }
        );
        // 11-22: window 11-16 … 11-22: the 11-15 cancellation has aged out.
        assert_eq!(
            p[1],
            Projected {
                date: day("2026-11-22"),
                defects: 0,
                total: 70
            }
        );
        assert_eq!(
            p[6],
            Projected {
                date: day("2026-11-27"),
                defects: 0,
                total: 70
            }
        );
    }

    #[test]
    fn coming_days_add_an_exact_fraction_of_the_daily_volume() {
        // Cancel rate, 7-day window: 3 orders on 11-20, so 3/7 a day: by the
        // k-th coming day ⌊3k/7⌋ clean orders have come in, never 0.4 a day
        // rounded down to none.
        let mut text = ORDERS.to_string();
        for n in 1..=3 {
            text.push_str(&order(
                &format!("111-0000000-{n:07}"),
                "2026-11-20T12:00:00-08:00",
                "Shipped",
                "Merchant",
                "",
                "",
                "",
                "",
                "",
            ));
        }
        let model = model(&[&text]);
        let c = ctx(&model, "2026-11-20");
        let m = cancellation::pre_fulfillment_cancel_rate(&c, crate::policy::Scope::Mfn, 7);
        assert_eq!(daily_volume(&m), Volume { items: 3, days: 7 });
        let added: Vec<u64> = project(&m)
            .iter()
            .map(|p| p.total - if p.date <= day("2026-11-26") { 3 } else { 0 })
            .collect();
        assert_eq!(added, vec![0, 0, 1, 1, 2, 2, 3]);
    }

    #[test]
    fn orders_in_the_lag_enter_the_window_with_their_defects() {
        // ODR window 09-08 … 11-06; an order of 11-10 with a claim enters on day 11-10 + 14.
        let text = format!(
            "{ORDERS}{}{}",
            order(
                "111-0000000-0000001",
                "2026-10-01",
                "Shipped",
                "Merchant",
                "",
                "",
                "",
                "",
                ""
            ),
            order(
                "111-0000000-0000002",
                "2026-11-10",
                "Shipped",
                "Merchant",
                "",
                "",
                "",
                "",
                ""
            )
        );
        let claims = format!("{CLAIMS}111-0000000-0000002,a-to-z,2026-11-12,,\n");
        let model = model(&[&text, &claims]);
        let c = ctx(&model, "2026-11-20");
        let m = defects::order_defect_rate(&c, crate::policy::Scope::Mfn, 60);
        assert_eq!(
            (m.metric, m.defects, m.total),
            (MetricId::OrderDefectRate, 0, 1)
        );
        let p = project(&m);
        assert_eq!(p.len(), 74);
        let on = |d: &str| p.iter().find(|x| x.date == day(d)).copied().unwrap();
        assert_eq!(on("2026-11-23").defects, 0, "window ends 11-09");
        assert_eq!(
            on("2026-11-24").defects,
            1,
            "window ends 11-10: the claim counts"
        );
        assert_eq!(on("2026-11-24").total, 2);
    }
}
