//! Reading every input of a run once: Amazon's reports first (their windows
//! may reach back before ours), then the report files, with the reader's
//! cutoffs set from the first day the run needs.

use crate::calendar::Calendar;
use crate::cli::AuditConfig;
use crate::ingest::mapping::HeaderMapping;
use crate::ingest::values::ValueParser;
use crate::ingest::{self, InputError, ReadOptions};
use crate::metrics;
use crate::model::{InputSummary, Model, ReadWarning};
use crate::reconcile;

use super::earliest_received_day;
use super::progress::Progress;

/// What reading the inputs gave.
pub(super) struct Read {
    pub(super) model: Model,
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
    let options = ReadOptions {
        values: match config.date_order {
            Some(order) => ValueParser::with_date_order(cal, order),
            None => ValueParser::new(cal, config.marketplace.date_order()),
        },
        mapping: HeaderMapping::new(config.mapping.iter().cloned()),
        fallback: config
            .encoding
            .unwrap_or_else(|| config.marketplace.fallback_encoding()),
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
    let progress = Progress::start(&specs, config.quiet);
    for spec in &specs {
        progress.reading(spec);
        if let Some(summary) =
            ingest::read_input(spec, &options, parallel, &mut model, &mut warnings)?
        {
            inputs.push(summary);
        }
        progress.read(spec);
    }
    drop(progress);
    Ok(Read {
        model,
        inputs,
        warnings,
    })
}
