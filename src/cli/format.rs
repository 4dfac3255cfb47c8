//! The output formats, and the one `-o FILE`'s extension picks (SPEC §9.4).

use std::ffi::OsStr;
use std::path::Path;

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
    Html,
}

/// The format `-o FILE` asks for when neither `--format` nor `--json` is
/// given: by FILE's extension, in any letter case (SPEC §9.4).
pub fn format_for_path(path: &Path) -> Format {
    let ext = path
        .extension()
        .and_then(OsStr::to_str)
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("json") => Format::Json,
        Some("csv") => Format::Csv,
        Some("md" | "markdown") => Format::Markdown,
        Some("html" | "htm") => Format::Html,
        _ => Format::Table,
    }
}
