#!/usr/bin/env bash
# Fuzzes every target in fuzz/ for SECONDS each (default 60), one after another
# and one process at a time (libFuzzer's -fork=1: a single worker, restarted
# after a crash so that a known bug does not end the run).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); runs on the stable toolchain
# without a sanitizer (the crate forbids unsafe code), with debug assertions
# and overflow checks on. New corpus entries go to fuzz/corpus/<target>/ (not
# committed), crashes and logs to fuzz/artifacts/; the seeds are fuzz/seeds/,
# the minimised crashes found so far fuzz/regressions/.
#
#   scripts/fuzz.sh            # 60 s per target
#   scripts/fuzz.sh 600        # 10 minutes per target
#   TARGETS="dates" scripts/fuzz.sh 30
#
# Exit status 1 when a target left a new crash, timeout or OOM in fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
targets="${TARGETS:-reader dates rows}"
cargo fuzz build --sanitizer none --release --debug-assertions
bin="fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release"
status=0
for t in $targets; do
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    log="fuzz/artifacts/$t.log"
    before=$(find "fuzz/artifacts/$t" -type f | wc -l)
    echo "== $t: ${seconds}s (log: $log)"
    "$bin/$t" "fuzz/corpus/$t" "fuzz/seeds/$t" \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
        -artifact_prefix="fuzz/artifacts/$t/" >"$log" 2>&1 || status=1
    grep -aE '^#[0-9]+: cov:' "$log" | tail -1 || true
    after=$(find "fuzz/artifacts/$t" -type f | wc -l)
    if [ "$after" -gt "$before" ]; then
        echo "!! $t: $((after - before)) new crash/timeout/oom input(s) in fuzz/artifacts/$t/"
        status=1
    fi
done
exit "$status"
