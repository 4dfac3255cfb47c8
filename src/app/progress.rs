//! A progress bar on standard error while large inputs are read (SPEC §9.5).

use std::io::{self, IsTerminal};

use crate::ingest;
use crate::text::sanitize;

/// Inputs larger than this in total get a progress bar (on a terminal only).
const PROGRESS_MIN_BYTES: u64 = 50 * 1024 * 1024;

/// A progress bar on standard error while large inputs are read, file by file.
/// Nothing at all unless standard error is a terminal, the inputs exceed
/// [`PROGRESS_MIN_BYTES`] and `--quiet` is off; cleared when dropped.
pub(super) struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    pub(super) fn start(specs: &[ingest::InputSpec], quiet: bool) -> Progress {
        let none = Progress { bar: None };
        if quiet || !io::stderr().is_terminal() {
            return none;
        }
        let total: u64 = specs.iter().map(Self::size).sum();
        if total <= PROGRESS_MIN_BYTES {
            return none;
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(total),
            indicatif::ProgressDrawTarget::stderr(),
        );
        let style = indicatif::ProgressStyle::with_template(
            "{spinner} reading {wide_msg} {bytes}/{total_bytes} [{bar:30}] {elapsed}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style.progress_chars("=> "));
        bar.enable_steady_tick(std::time::Duration::from_millis(150));
        Progress { bar: Some(bar) }
    }

    /// The size on disk (compressed for `.gz`; 0 for standard input).
    fn size(spec: &ingest::InputSpec) -> u64 {
        std::fs::metadata(&spec.path).map_or(0, |m| m.len())
    }

    pub(super) fn reading(&self, spec: &ingest::InputSpec) {
        if let Some(bar) = &self.bar {
            bar.set_message(sanitize(&spec.path.display().to_string()));
        }
    }

    pub(super) fn read(&self, spec: &ingest::InputSpec) {
        if let Some(bar) = &self.bar {
            bar.inc(Self::size(spec));
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
