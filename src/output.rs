//! Writing the report: to standard output, or to `-o FILE` (SPEC §9.4), and
//! what a closed standard output means (SPEC §6).
//!
//! `-o FILE` behaves as shell redirection would where that is safe, and is
//! atomic where redirection is not:
//! - FILE, when it exists, must be a regular file (after following symlinks):
//!   a device, FIFO, socket or directory is refused and left as it was;
//! - a symlink is written through: the file it leads to is replaced, the link
//!   stays a link;
//! - the report goes to a temporary file in the folder of the file replaced,
//!   which is then renamed over it, so a reader never sees half a report;
//! - a new file gets mode 0666 less the umask; a replaced file keeps its
//!   permissions (and, where the process may, its owner and group).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};

/// Symlinks followed before giving up, as the kernel's own limit (`ELOOP`).
const MAX_LINKS: usize = 40;

/// Writes `bytes` to standard output. A closed standard output (the reader
/// went away, as `| head` does) is not an error: there is nobody left to
/// tell, and the exit code must still report the run (SPEC §6).
pub fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// The file `-o` writes: `given` with every symlink followed, and its
/// metadata when it exists (always a regular file).
#[derive(Debug)]
struct Target {
    path: PathBuf,
    existing: Option<fs::Metadata>,
}

/// Follows `given` through symlinks to the file to write; refuses a target
/// that exists and is not a regular file, before anything is written.
fn resolve(given: &Path) -> Result<Target> {
    let shown = given.display();
    let mut path = given.to_path_buf();
    for _ in 0..=MAX_LINKS {
        let meta = match fs::symlink_metadata(&path) {
            Ok(m) => m,
            // A new file, or a dangling link whose target is created (as `>` would).
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Target {
                    path,
                    existing: None,
                })
            }
            Err(e) => return Err(e).with_context(|| format!("{shown}: cannot write")),
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let link = fs::read_link(&path).with_context(|| format!("{shown}: cannot write"))?;
            // A relative link is relative to the folder holding the link.
            path = match path.parent() {
                Some(dir) => dir.join(link),
                None => link,
            };
            continue;
        }
        if kind.is_file() {
            return Ok(Target {
                path,
                existing: Some(meta),
            });
        }
        let through = if path == given {
            String::new()
        } else {
            format!("leads to {}, which ", path.display())
        };
        if kind.is_dir() {
            bail!("{shown}: {through}is a directory; name a file for -o to write");
        }
        bail!(
            "{shown}: {through}is {}, not a regular file; -o replaces only regular files \
             (to write into it, redirect standard output instead: > {shown})",
            describe(&kind)
        );
    }
    bail!("{shown}: cannot write: too many levels of symbolic links")
}

/// What a file that is neither a regular file nor a directory is, in words.
fn describe(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    let _ = kind;
    "a special file"
}

/// Refuses `-o given` early, before any input is read, when it names
/// something that is not a regular file. [`write_file`] checks again.
pub fn check(given: &Path) -> Result<()> {
    resolve(given).map(|_| ())
}

/// Writes the report to `given` (SPEC §9.4): through symlinks, only over a
/// regular file, atomically, with the permissions shell redirection gives.
pub fn write_file(given: &Path, bytes: &[u8]) -> Result<()> {
    let target = resolve(given)?;
    let dir = match target.path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".sellerhealth-");
    #[cfg(unix)]
    if target.existing.is_none() {
        // Created with 0666: the kernel takes the umask off, as for `>`.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).with_context(|| {
        format!(
            "{}: cannot create a temporary file in {}",
            given.display(),
            dir.display()
        )
    })?;
    tmp.write_all(bytes)
        .with_context(|| format!("{}: cannot write", given.display()))?;
    if let Some(existing) = &target.existing {
        keep_owner_and_mode(tmp.as_file(), existing)
            .with_context(|| format!("{}: cannot keep its permissions", given.display()))?;
    }
    tmp.as_file().sync_all().ok();
    tmp.persist(&target.path)
        .map_err(|e| e.error)
        .with_context(|| format!("{}: cannot write", given.display()))?;
    Ok(())
}

/// Gives the new file the permissions of the one it replaces, and its owner
/// and group where the process may (root may; others keep what they can).
#[cfg(unix)]
fn keep_owner_and_mode(file: &fs::File, existing: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::{fchown, MetadataExt, PermissionsExt};
    let now = file.metadata()?;
    if (now.uid(), now.gid()) != (existing.uid(), existing.gid())
        && fchown(file, Some(existing.uid()), Some(existing.gid())).is_err()
    {
        let _ = fchown(file, None, Some(existing.gid()));
    }
    // Permission bits and sticky bit; set-user/group-ID are dropped, as the
    // kernel drops them when an ordinary process writes to such a file.
    // Set after the owner: changing the owner may clear bits.
    let mode = existing.permissions().mode() & 0o1777;
    file.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &fs::File, existing: &fs::Metadata) -> io::Result<()> {
    file.set_permissions(existing.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn links_are_followed_to_the_file_they_lead_to() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir(d.join("sub")).unwrap();
        fs::write(d.join("sub/real.txt"), "x").unwrap();
        symlink("sub/real.txt", d.join("one")).unwrap();
        symlink("../one", d.join("sub/two")).unwrap();
        let t = resolve(&d.join("sub/two")).unwrap();
        assert_eq!(
            fs::canonicalize(&t.path).unwrap(),
            fs::canonicalize(d.join("sub/real.txt")).unwrap()
        );
        assert!(t.existing.is_some_and(|m| m.is_file()));
        // A dangling link leads to a file to create.
        symlink("sub/new.txt", d.join("dangling")).unwrap();
        let t = resolve(&d.join("dangling")).unwrap();
        assert_eq!(t.path, d.join("sub/new.txt"));
        assert!(t.existing.is_none());
        // A new file is itself.
        let t = resolve(&d.join("fresh.json")).unwrap();
        assert_eq!(t.path, d.join("fresh.json"));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_loop_and_a_directory_are_refused_untouched() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        symlink("b", d.join("a")).unwrap();
        symlink("a", d.join("b")).unwrap();
        let err = format!("{:#}", write_file(&d.join("a"), b"report").unwrap_err());
        assert!(err.contains("too many levels of symbolic links"), "{err}");
        assert!(fs::symlink_metadata(d.join("a"))
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(fs::symlink_metadata(d.join("b"))
            .unwrap()
            .file_type()
            .is_symlink());
        let err = format!("{:#}", write_file(d, b"report").unwrap_err());
        assert!(err.contains("is a directory"), "{err}");
        let mut names: Vec<_> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["a", "b"], "no temporary file left");
    }
}
