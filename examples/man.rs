//! Writes the manual pages of `sellerhealth` (one per subcommand) with clap_mangen.
//!
//! ```text
//! cargo run --example man -- target/man        # sellerhealth.1, sellerhealth-audit.1, …
//! man target/man/sellerhealth-audit.1
//! cargo run --example man                      # the main page on standard output
//! ```
//!
//! The pages come from the same clap definitions as `--help`, so they cannot
//! drift from the program.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use sellerhealth::cli::Cli;

fn main() -> ExitCode {
    let cmd = Cli::command();
    let result = match std::env::args_os().nth(1) {
        Some(dir) => std::fs::create_dir_all(&dir)
            .and_then(|()| clap_mangen::generate_to(cmd, &dir))
            .map(|()| eprintln!("manual pages written to {}", dir.to_string_lossy())),
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut out)
                .and_then(|()| std::io::stdout().lock().write_all(&out))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("man: {e}");
            ExitCode::FAILURE
        }
    }
}
