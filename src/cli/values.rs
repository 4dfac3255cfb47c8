//! Values of options, checked where clap reads them: each bad value is one
//! clear usage error (exit 3).

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use crate::calendar::Instant;
use crate::model::Dimension;
use crate::policy::{MetricId, Ratio};

pub(super) fn parse_metric(s: &str) -> Result<MetricId, String> {
    MetricId::parse(s).ok_or_else(|| {
        let ids: Vec<&str> = MetricId::ALL.iter().map(|m| m.as_str()).collect();
        format!("'{s}' is not a metric: one of {}", ids.join(", "))
    })
}

pub(super) fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date of the form YYYY-MM-DD"))
}

/// `--now` as given: an instant, or a wall-clock time in the zone in force
/// (known only once `--tz`/`--marketplace` are read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NowArg {
    Instant(Instant),
    Local(NaiveDateTime),
}

pub(super) fn parse_now(s: &str) -> Result<NowArg, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(NowArg::Instant(t.timestamp()));
    }
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .map(NowArg::Local)
        .map_err(|_| {
            format!(
                "'{s}' is not an instant: give RFC 3339 (2026-11-21T09:30:00-08:00) or \
                 YYYY-MM-DDTHH:MM in the time zone in force (2026-11-21T09:30)"
            )
        })
}

/// `--require`: the metrics that must have data under `--check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Required(pub Vec<MetricId>);

pub(super) fn parse_require(s: &str) -> Result<Required, String> {
    if s.trim().eq_ignore_ascii_case("all") {
        return Ok(Required(MetricId::ALL.to_vec()));
    }
    let mut out = Vec::new();
    for name in s.split(',') {
        match MetricId::parse(name) {
            Some(m) if !out.contains(&m) => out.push(m),
            Some(_) => {}
            None => {
                let ids: Vec<&str> = MetricId::ALL.iter().map(|m| m.as_str()).collect();
                return Err(format!(
                    "'{}' is not a metric: give all, or some of {} (or their aliases, see \
                     sellerhealth explain), separated by commas",
                    crate::text::sanitize(name),
                    ids.join(", ")
                ));
            }
        }
    }
    Ok(Required(out))
}

/// `--max-age`: a number of days, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaxAge(pub Option<u32>);

pub(super) fn parse_max_age(s: &str) -> Result<MaxAge, String> {
    if s.eq_ignore_ascii_case("off") {
        return Ok(MaxAge(None));
    }
    s.parse::<u32>()
        .ok()
        .filter(|&d| d <= 3650)
        .map(|d| MaxAge(Some(d)))
        .ok_or_else(|| format!("'{s}' is not a number of days from 0 to 3650, or off"))
}

pub(super) fn parse_tz(s: &str) -> Result<Tz, String> {
    s.parse::<Tz>()
        .map_err(|_| format!("'{s}' is not an IANA time zone name (e.g. UTC, America/New_York)"))
}

pub(super) fn parse_warn_at(s: &str) -> Result<Ratio, String> {
    match Ratio::parse_decimal(s) {
        Some(r) if r.num > 0 && r.num <= r.den => Ok(r),
        _ => Err(format!(
            "'{s}' is not a decimal with 0 < R <= 1 (e.g. 0.75)"
        )),
    }
}

pub(super) fn parse_dimension(s: &str) -> Result<Dimension, String> {
    Dimension::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Dimension::ALL.iter().map(|d| d.name()).collect();
        format!("'{s}' is not a dimension (one of {})", names.join(", "))
    })
}

pub(super) fn parse_encoding(s: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(s.trim().as_bytes())
        .ok_or_else(|| format!("'{s}' is not an encoding label"))
}
