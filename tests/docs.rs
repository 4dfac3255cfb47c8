//! The user documentation in `docs/` (SPEC §15, issue 14) says what the
//! program does: every column the reader knows is in docs/inputs.md, the
//! policy's windows and targets are those of docs/metrics.md, and no link in
//! the repository's documents points outside it (public web pages aside).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use sellerhealth::ingest::header::Kind;
use sellerhealth::policy::{Target, POLICY};
use sellerhealth::text::percent_number;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The table rows of one `### kind` section of docs/inputs.md: (column, aliases, required).
fn documented(inputs: &str, kind: &str) -> Vec<(String, Vec<String>, bool)> {
    let start = inputs
        .find(&format!("\n### {kind}\n"))
        .unwrap_or_else(|| panic!("no section for {kind}"));
    let section = &inputs[start + 1..];
    let end = section[4..].find("\n### ").map_or(section.len(), |e| e + 4);
    section[..end]
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let name = cells[1].trim_matches('`').to_string();
            let aliases = cells[2]
                .split(',')
                .map(|a| a.trim().trim_matches('`').to_string())
                .filter(|a| !a.is_empty())
                .collect();
            (name, aliases, cells[3].contains("required"))
        })
        .collect()
}

#[test]
fn every_column_the_reader_knows_is_documented_and_no_other() {
    let inputs = read("docs/inputs.md");
    for kind in Kind::DETECTION_ORDER {
        let want: Vec<(String, Vec<String>, bool)> = kind
            .columns()
            .iter()
            .map(|c| {
                (
                    c.name().to_string(),
                    c.names[1..].iter().map(|a| a.to_string()).collect(),
                    c.required,
                )
            })
            .collect();
        assert_eq!(documented(&inputs, kind.as_str()), want, "{kind:?}");
    }
}

#[test]
fn the_documented_windows_and_targets_are_the_policys() {
    let metrics = read("docs/metrics.md");
    for p in &POLICY {
        let windows: Vec<String> = p.windows.iter().map(u32::to_string).collect();
        let ends = match p.lag {
            0 => "A".to_string(),
            lag => format!("{lag} days before A"),
        };
        let target = match p.target {
            Target::Below(r) => format!("below {}", percent_number(r.as_f64())),
            Target::AtLeast(r) => format!("at least {}", percent_number(r.as_f64())),
            Target::Zero => "none".to_string(),
        };
        let row = format!(
            "| {} | `{}` | {} | {ends} | {target} |",
            p.name,
            p.key,
            windows.join(", ")
        );
        assert!(metrics.contains(&row), "docs/metrics.md lacks:\n{row}");
    }
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if !name.starts_with('.') && name != "target" {
                markdown_files(&path, out);
            }
        } else if name.ends_with(".md") {
            out.push(path);
        }
    }
}

#[test]
fn no_link_points_outside_the_repository() {
    let root = root().canonicalize().unwrap();
    let mut files = Vec::new();
    markdown_files(&root, &mut files);
    assert!(files.iter().any(|f| f.ends_with("docs/README.md")));
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for (i, _) in text.match_indices("](") {
            let rest = &text[i + 2..];
            let target = &rest[..rest.find(')').unwrap_or(rest.len())];
            if target.starts_with("https://")
                || target.starts_with("http://")
                || target.starts_with('#')
            {
                continue;
            }
            let path = target.split('#').next().unwrap();
            let resolved = file.parent().unwrap().join(path);
            let resolved = resolved
                .canonicalize()
                .unwrap_or_else(|_| panic!("{}: link to a missing file: {target}", file.display()));
            assert!(
                resolved.starts_with(&root),
                "{}: link outside the repository: {target}",
                file.display()
            );
        }
    }
}

#[test]
fn the_readme_points_to_the_docs() {
    let readme = read("README.md");
    for doc in [
        "docs/README.md",
        "docs/inputs.md",
        "docs/metrics.md",
        "docs/output.md",
        "docs/choices.md",
    ] {
        assert!(
            readme.contains(&format!("]({doc})")),
            "README lacks a link to {doc}"
        );
    }
}
