//! The layers look down only (README, "Architecture"): each module of `src/`
//! may name only the modules below it. This test reads the sources, finds
//! every `crate::…` path outside test code, and fails on one that looks up or
//! sideways, naming the file and line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What each top-level module may use. Leaves use nothing of the crate.
const ALLOWED: &[(&str, &[&str])] = &[
    (
        "app",
        &[
            "cli",
            "accounts",
            "output",
            "history",
            "report",
            "reconcile",
            "advice",
            "metrics",
            "ingest",
            "model",
            "calendar",
            "policy",
            "marketplace",
            "text",
        ],
    ),
    (
        "cli",
        &[
            "ingest",
            "model",
            "calendar",
            "policy",
            "marketplace",
            "text",
        ],
    ),
    ("output", &["text"]),
    ("accounts", &["model", "policy", "marketplace", "text"]),
    (
        "reconcile",
        &["metrics", "model", "calendar", "policy", "marketplace"],
    ),
    (
        "history",
        &[
            "report",
            "reconcile",
            "advice",
            "metrics",
            "model",
            "calendar",
            "policy",
            "marketplace",
            "text",
        ],
    ),
    (
        "report",
        &[
            "reconcile",
            "advice",
            "metrics",
            "model",
            "calendar",
            "policy",
            "marketplace",
            "text",
        ],
    ),
    ("advice", &["policy"]),
    ("metrics", &["model", "calendar", "policy", "marketplace"]),
    (
        "ingest",
        &["model", "calendar", "policy", "marketplace", "text"],
    ),
    ("model", &["calendar", "policy", "marketplace"]),
    ("calendar", &[]),
    ("policy", &[]),
    ("marketplace", &[]),
    ("text", &[]),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The lines of a file that are not test code: an inline `#[cfg(test)] mod`
/// and everything after it is left out.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim() == "#[cfg(test)]"
            && lines
                .get(i + 1)
                .is_some_and(|next| next.trim_start().starts_with("mod ") && next.ends_with('{'))
        {
            break;
        }
        out.push((i + 1, *line));
    }
    out
}

/// Files that hold test-only modules (`#[cfg(test)] mod name;` in their parent).
fn test_only_files(src: &Path, files: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for pair in lines.windows(2) {
            let declared = pair[1].trim();
            if pair[0].trim() != "#[cfg(test)]" || !declared.ends_with(';') {
                continue;
            }
            let Some(name) = declared
                .trim_start_matches("pub ")
                .strip_prefix("mod ")
                .map(|n| n.trim_end_matches(';'))
            else {
                continue;
            };
            let dir = match file.file_name().and_then(|n| n.to_str()) {
                Some("mod.rs") | Some("lib.rs") => file.parent().unwrap().to_path_buf(),
                _ => file.with_extension(""),
            };
            out.push(dir.join(format!("{name}.rs")));
            out.push(dir.join(name).join("mod.rs"));
        }
    }
    out.retain(|p| p.starts_with(src));
    out
}

/// The top-level module a file belongs to (`src/report/table.rs` → `report`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// Every `crate::name` in a line of code (comments aside).
fn crate_paths(line: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or("");
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.push(name);
        }
        rest = after;
    }
    out
}

/// Every (file:line, from, to) that names a module `from` may not use.
fn violations(src: &Path) -> Vec<String> {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let tests = test_only_files(src, &files);
    let mut out = Vec::new();
    for file in &files {
        let module = module_of(src, file);
        if matches!(module.as_str(), "lib" | "main") || tests.contains(file) {
            continue;
        }
        let Some(may) = allowed.get(module.as_str()) else {
            out.push(format!(
                "{}: module `{module}` has no place in the layers (add it to ALLOWED)",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in code_lines(&text) {
            for used in crate_paths(line) {
                if used != module && !may.contains(&used.as_str()) {
                    out.push(format!(
                        "{}:{n}: `{module}` uses `{used}`, which is not below it",
                        file.display()
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn modules_only_use_the_layers_below_them() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&src);
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
}

#[test]
fn the_check_sees_a_module_that_looks_up() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("metrics")).unwrap();
    std::fs::write(
        src.join("metrics/mod.rs"),
        "use crate::model::Model;\n#[cfg(test)]\nmod testkit;\nfn f() { crate::report::x(); }\n\
         #[cfg(test)]\nmod tests {\n use crate::app::x;\n}\n",
    )
    .unwrap();
    std::fs::write(src.join("metrics/testkit.rs"), "use crate::ingest::x;\n").unwrap();
    std::fs::write(src.join("text.rs"), "// crate::app in a comment\n").unwrap();
    let found = violations(src);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].ends_with("metrics/mod.rs:4: `metrics` uses `report`, which is not below it"));
}
