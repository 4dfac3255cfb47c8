//! Reading every input of a run once: Amazon's reports first (their windows
//! may reach back before ours), then the report files, with the reader's
//! cutoffs set from the first day the run needs.

use crate::accounts::plan::{MarketCounts, MarketPlan};
use crate::calendar::Calendar;
use crate::cli::AuditConfig;
use crate::ingest::header::Kind;
use crate::ingest::mapping::HeaderMapping;
use crate::ingest::values::ValueParser;
use crate::ingest::{self, InputError, Markets, ReadOptions};
use crate::marketplace::Marketplace;
use crate::metrics;
use crate::model::{InputSummary, Model, ReadWarning};
use crate::reconcile;

use super::earliest_received_day;
use super::progress::Progress;

/// What reading the inputs gave.
pub(super) struct Read {
    /// One model per marketplace audited, in the order of SPEC §1.
    pub(super) models: Vec<(Marketplace, Model)>,
    pub(super) inputs: Vec<InputSummary>,
    pub(super) warnings: Vec<ReadWarning>,
}

/// Reads every input once, keeping the orders the windows of every day from
/// `first_day` to the as-of day need.
pub(super) fn read_inputs(
    config: &AuditConfig,
    first_day: chrono::NaiveDate,
) -> Result<Read, InputError> {
    let cal = Calendar::new(config.tz);
    let configured = config.marketplace.unwrap_or(Marketplace::Us);
    let values = match config.date_order {
        Some(order) => ValueParser::with_date_order(cal, order),
        None => ValueParser::new(cal, configured.date_order()),
    };
    let mut options = ReadOptions {
        values,
        markets: Markets::new(values, configured, config.tz_given, config.date_order),
        mapping: HeaderMapping::new(config.mapping.iter().cloned()),
        fallback: config
            .encoding
            .unwrap_or_else(|| configured.fallback_encoding()),
        strict: config.strict,
        dimensions: config.by,
    };
    let mut warnings = Vec::new();
    let specs = ingest::expand(&config.inputs, &mut warnings)?;
    // `-o` must never replace an input with the report.
    if let Some(out) = config
        .output
        .as_ref()
        .and_then(|o| std::fs::canonicalize(o).ok())
    {
        if specs
            .iter()
            .any(|s| std::fs::canonicalize(&s.path).is_ok_and(|p| p == out))
        {
            return Err(InputError::Other {
                path: crate::ingest::display_path(&out),
                reason:
                    "is one of the inputs; the report would replace it (choose another -o file)"
                        .to_string(),
            });
        }
    }
    if specs.is_empty() {
        let names: Vec<String> = config
            .inputs
            .iter()
            .map(|(p, _)| p.display().to_string())
            .collect();
        return Err(InputError::Other {
            path: names.join(", "),
            reason: "no report files to audit".to_string(),
        });
    }
    // Amazon's own reports first: their windows may reach before ours, and
    // orders that old must then be kept.
    let mut inputs = Vec::new();
    let mut amazon = Model::default();
    let (performance, specs): (Vec<_>, Vec<_>) =
        specs.into_iter().partition(ingest::looks_like_performance);
    for spec in &performance {
        let parallel = ingest::Parallel::NONE;
        if let Some(summary) =
            ingest::read_input(spec, &options, parallel, &mut amazon, &mut warnings)?
        {
            inputs.push(summary);
        }
    }
    // Each marketplace's windows end at the end of the as-of day in its own
    // zone: unless one zone is set for all, a day more is kept.
    let first_day = if config.marketplace.is_none() && config.tz_given.is_none() {
        crate::calendar::add_days(first_day, -1)
    } else {
        first_day
    };
    let mut earliest = metrics::earliest_purchase_day(first_day, config.handling_days);
    if let Some(first) = reconcile::earliest_day(&amazon.amazon) {
        earliest = earliest.min(first);
    }
    let mut model = Model::with_cutoff(Some(cal.start_of(earliest)));
    model.amazon = std::mem::take(&mut amazon.amazon);
    // Messages received before every window that counts them are dropped.
    model.message_cutoff = Some(cal.start_of(earliest_received_day(first_day)));
    let parallel = ingest::Parallel {
        threads: config.threads,
        min_bytes: config.parallel_min_bytes,
    };
    // Orders first (SPEC §12.1): every other row is then read the way of its
    // order's marketplace. Summaries and warnings keep the order given.
    let (first, later): (Vec<_>, Vec<_>) = specs.iter().enumerate().partition(|(_, spec)| {
        matches!(ingest::peek_kind(spec, &options), Some(Kind::Orders) | None)
    });
    let progress = Progress::start(&specs, config.quiet);
    let mut read: Vec<(usize, Option<InputSummary>, Vec<ReadWarning>)> = Vec::new();
    let mut plan = None;
    for (n, (i, spec)) in first.iter().chain(later.iter()).enumerate() {
        if n == first.len() {
            plan = Some(settle(config, &mut options, &model));
        }
        progress.reading(spec);
        let mut own = Vec::new();
        let summary = ingest::read_input(spec, &options, parallel, &mut model, &mut own)?;
        read.push((*i, summary, own));
        progress.read(spec);
    }
    drop(progress);
    let plan = plan.unwrap_or_else(|| settle(config, &mut options, &model));
    read.sort_by_key(|(i, _, _)| *i);
    for (_, summary, own) in read {
        inputs.extend(summary);
        warnings.extend(own);
    }
    if plan.non_amazon > 0 {
        warnings.push(ReadWarning::NonAmazonOrders {
            orders: plan.non_amazon,
        });
    }
    if !plan.left_out.is_empty() {
        warnings.push(ReadWarning::OtherMarketplaces {
            audited: plan.first().code(),
            left_out: plan.left_out.iter().map(|&(m, n)| (m.code(), n)).collect(),
        });
    }
    let models = plan.audits.iter().copied().zip(plan.split(model)).collect();
    Ok(Read {
        models,
        inputs,
        warnings,
    })
}

/// Once the orders are read: which marketplaces are audited, and how every
/// other row is read.
fn settle(config: &AuditConfig, options: &mut ReadOptions, model: &Model) -> MarketPlan {
    let counts = MarketCounts::of(model);
    let plan = MarketPlan::new(config.marketplace, &counts);
    options
        .markets
        .settle(model, plan.first(), counts.found().len() > 1);
    plan
}
