#!/usr/bin/env bash
# Benchmark of `sellerhealth audit` on a large synthetic All Orders report, against DuckDB.
#
#   scripts/bench.sh [ORDERS] [SEED]        (defaults: 2500000 5, about 3.1 M rows / 820 MB)
#
# 1. builds release: `cargo build --release` and the generator example (falls back to compiling the
#    std-only generator with rustc when the crate does not build);
# 2. generates target/bench-data/all-orders.txt with examples/gen_reports.rs unless the data there
#    was made with the same arguments and the same generator source;
# 3. runs, in the same run, `sellerhealth audit --format json --as-of 2026-11-20 --orders FILE`
#    BENCH_RUNS times (default 3) under /usr/bin/time -v on every core (--threads $(nproc)), then
#    on one (--threads 1), then scripts/duckdb_bench.py as many times, then `cat FILE > /dev/null`
#    (the floor: reading the file from the page cache);
# 4. checks sellerhealth's order defect rate totals and cancel counts against DuckDB's, and
#    DuckDB's against the generator's ground truth (target/bench-data/gen.log);
# 5. times `sellerhealth --help` (HELP_RUNS times, default 20);
# 6. prints the machine, a summary table and, last, one JSON line with the figures.
#
# Environment: BENCH_RUNS (3), HELP_RUNS (20), SELLERHEALTH (binary to time instead of
# target/release/sellerhealth), CARGO_TARGET_DIR. Exit code 2 when sellerhealth could not be
# built or failed (the DuckDB figures are printed all the same), 3 when its figures differ from
# DuckDB's or cannot be compared.
#
# The file is read once before timing so every run finds it in the page cache.
set -uo pipefail

ORDERS=${1:-2500000}
SEED=${2:-5}
RUNS=${BENCH_RUNS:-3}
HELP_RUNS=${HELP_RUNS:-20}
AS_OF=2026-11-20

cd "$(dirname "$0")/.." || exit 1
TARGET=${CARGO_TARGET_DIR:-target}
DATA=$TARGET/bench-data
FILE=$DATA/all-orders.txt
BIN=${SELLERHEALTH:-$TARGET/release/sellerhealth}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sellerhealth-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

say() { printf '%s\n' "$*"; }
hr() { say "------------------------------------------------------------------------"; }
die() { say "bench.sh: $*" >&2; exit 1; }

case $ORDERS in '' | *[!0-9]*) die "ORDERS must be a number (got '$ORDERS')" ;; esac
case $SEED in '' | *[!0-9]*) die "SEED must be a number (got '$SEED')" ;; esac

# --- machine -----------------------------------------------------------------------------------
hr
say "machine : $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
say "date    : $(date -u +%Y-%m-%dT%H:%M:%SZ)"
say "commit  : $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src Cargo.toml 2>/dev/null || echo ' (src modified)')"
say "rustc   : $(rustc --version 2>/dev/null || echo missing)"
say "load    : $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews timings)"
hr

# --- tools -------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
    say "installing GNU time (/usr/bin/time missing)"
    { apt-get update -qq && apt-get install -y -qq time; } >"$TMP/apt.log" 2>&1 ||
        { cat "$TMP/apt.log" >&2; die "could not install GNU time (apt-get install -y time)"; }
fi
if ! python3 -c 'import duckdb' 2>/dev/null; then
    say "installing duckdb (pip install duckdb)"
    python3 -m pip install -q duckdb >"$TMP/pip.log" 2>&1 ||
        { tail -5 "$TMP/pip.log" >&2; say "WARNING: duckdb could not be installed; DuckDB rows will be n/a"; }
fi

# --- build -------------------------------------------------------------------------------------
SH_OK=1 # a fresh binary that has not failed
say "building: cargo build --release"
if ! cargo build --release --quiet 2>"$TMP/build.log"; then
    SH_OK=0
    say "ERROR: 'cargo build --release' failed; sellerhealth rows will be n/a. Last lines:"
    tail -15 "$TMP/build.log" | sed 's/^/    /'
fi
if [ "$SH_OK" = 1 ] && [ ! -x "$BIN" ]; then
    SH_OK=0
    say "ERROR: $BIN is missing after the build; sellerhealth rows will be n/a"
fi
SH_BUILT=$SH_OK

GEN=$TARGET/release/examples/gen_reports
say "building: cargo build --release --example gen_reports"
if ! cargo build --release --quiet --example gen_reports 2>"$TMP/build-gen.log"; then
    # The example links the crate's library, which may not build while src/ is in progress;
    # the generator itself uses only std, so compile it alone.
    GEN=$TARGET/bench-tools/gen_reports
    mkdir -p "$TARGET/bench-tools"
    say "  (the crate does not build; compiling the generator alone with rustc -O)"
    rustc -O --edition 2021 examples/gen_reports.rs -o "$GEN" 2>"$TMP/rustc-gen.log" ||
        { cat "$TMP/rustc-gen.log" >&2; die "cannot build examples/gen_reports.rs"; }
fi

# --- data --------------------------------------------------------------------------------------
STAMP="orders=$ORDERS seed=$SEED generator=$(sha256sum examples/gen_reports.rs | cut -c1-16)"
if [ -f "$FILE" ] && [ -f "$DATA/.stamp" ] && [ "$(cat "$DATA/.stamp")" = "$STAMP" ]; then
    say "data    : $FILE already generated ($STAMP)"
else
    say "data    : generating $FILE ($STAMP)"
    rm -rf "$DATA"
    mkdir -p "$DATA"
    if ! "$GEN" --orders "$ORDERS" --seed "$SEED" "$DATA" 2>"$DATA/gen.log"; then
        cat "$DATA/gen.log" >&2
        rm -f "$FILE"
        die "the generator failed"
    fi
    printf '%s\n' "$STAMP" >"$DATA/.stamp"
fi
sed 's/^/    /' "$DATA/gen.log"
cat "$FILE" >/dev/null # into the page cache
BYTES=$(stat -c %s "$FILE")
ROWS=$(($(wc -l <"$FILE") - 1))
MB=$(awk -v b="$BYTES" 'BEGIN {printf "%.1f", b / 1e6}')
hr

# --- sellerhealth ------------------------------------------------------------------------------
# seconds from GNU time's "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23"
elapsed_of() {
    awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0
        for (i = 1; i <= n; i++) s = s * 60 + p[i]
        printf "%.2f", s }' "$1"
}
rss_kb_of() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
min_of() { awk 'NF {if (m == "" || $1 + 0 < m + 0) m = $1} END {print (m == "" ? "" : m)}'; }

THREADS=$(nproc)
SH_TIMES=""
SH_RSS=""
SH_JSON=""
if [ "$SH_OK" = 1 ]; then
    for i in $(seq 1 "$RUNS"); do
        t0=$(date +%s%N)
        /usr/bin/time -v -o "$TMP/time.$i" \
            "$BIN" audit --format json --as-of "$AS_OF" --threads "$THREADS" --orders "$FILE" >"$TMP/out.$i.json" 2>"$TMP/err.$i"
        rc=$?
        t1=$(date +%s%N)
        if [ "$rc" -ne 0 ]; then
            say "sellerhealth run $i: FAILED with exit code $rc. Standard error (last lines):"
            tail -10 "$TMP/err.$i" | sed 's/^/    /'
            grep -q 'Command terminated by signal' "$TMP/time.$i" && grep 'signal' "$TMP/time.$i" | sed 's/^/    /'
            SH_OK=0
            break
        fi
        # wall time from the nanosecond clock (GNU time's own figure has 10 ms steps)
        t=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
        kb=$(rss_kb_of "$TMP/time.$i")
        say "sellerhealth ($THREADS threads) run $i: $t s (GNU time: $(elapsed_of "$TMP/time.$i") s), peak RSS $((kb / 1024)) MiB"
        if [ "$i" = 1 ] && ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))["metrics"]' "$TMP/out.$i.json" 2>/dev/null; then
            say "WARNING: sellerhealth's output is not the documented JSON report ($(wc -c <"$TMP/out.$i.json") bytes); its timing may mean nothing"
        fi
        SH_TIMES="$SH_TIMES $t"
        SH_RSS="$SH_RSS $kb"
        SH_JSON="$TMP/out.$i.json"
    done
else
    say "sellerhealth: skipped (not built)"
fi

# one thread: the same report (checked), for the speed-up
SH1_TIMES=""
SH1_RSS=""
if [ "$SH_OK" = 1 ]; then
    for i in $(seq 1 "$RUNS"); do
        t0=$(date +%s%N)
        /usr/bin/time -v -o "$TMP/time1.$i" \
            "$BIN" audit --format json --as-of "$AS_OF" --threads 1 --orders "$FILE" >"$TMP/out1.$i.json" 2>"$TMP/err1.$i"
        rc=$?
        t1=$(date +%s%N)
        if [ "$rc" -ne 0 ]; then
            say "sellerhealth (1 thread) run $i: FAILED with exit code $rc"
            SH_OK=0
            break
        fi
        if ! cmp -s "$TMP/out1.$i.json" "$SH_JSON"; then
            say "sellerhealth (1 thread) run $i: MISMATCH: its report differs from the $THREADS-thread one"
            SH_OK=0
        fi
        t=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
        kb=$(rss_kb_of "$TMP/time1.$i")
        say "sellerhealth (1 thread) run $i: $t s, peak RSS $((kb / 1024)) MiB"
        SH1_TIMES="$SH1_TIMES $t"
        SH1_RSS="$SH1_RSS $kb"
    done
fi

# --- DuckDB ------------------------------------------------------------------------------------
DK_TIMES=""
DK_RSS=""
DK_JSON=""
if python3 -c 'import duckdb' 2>/dev/null; then
    for i in $(seq 1 "$RUNS"); do
        if ! /usr/bin/time -v -o "$TMP/dtime.$i" \
            python3 scripts/duckdb_bench.py "$FILE" "$AS_OF" >"$TMP/duck.$i" 2>"$TMP/duckerr.$i"; then
            say "duckdb run $i: FAILED:"
            tail -10 "$TMP/duckerr.$i" | sed 's/^/    /'
            break
        fi
        line=$(tail -1 "$TMP/duck.$i")
        t=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["seconds"])' "$line")
        kb=$(rss_kb_of "$TMP/dtime.$i")
        say "duckdb run $i: $t s (query incl. reading), peak RSS $((kb / 1024)) MiB"
        DK_TIMES="$DK_TIMES $t"
        DK_RSS="$DK_RSS $kb"
        DK_JSON="$line"
    done
else
    say "duckdb: skipped (module missing)"
fi

# --- cross-check -------------------------------------------------------------------------------
CHECK="n/a"
if [ -n "$SH_JSON" ] && [ -n "$DK_JSON" ]; then
    CHECK=$(python3 - "$SH_JSON" "$DK_JSON" <<'EOF'
import json, sys
try:
    report = json.load(open(sys.argv[1]))
    ref = json.loads(sys.argv[2])
    def metric(mid, channel):
        for m in report.get("metrics", []):
            if m.get("metric") == mid and m.get("channel") == channel:
                return m
        return {}
    mfn = metric("order_defect_rate", "mfn")
    afn = metric("order_defect_rate", "afn")
    cr = metric("pre_fulfillment_cancel_rate", "mfn")
    got = {"odr_total_mfn": mfn.get("total"), "odr_total_afn": afn.get("total"),
           "cancel_defects": cr.get("defects"), "cancel_total": cr.get("total")}
    bad = [f"{k} sellerhealth={got[k]} duckdb={ref[k]}" for k in got if got[k] != ref[k]]
    print("MATCH (ODR totals mfn/afn, cancel defects/total)" if not bad else "MISMATCH: " + "; ".join(bad))
except Exception as e:  # the output is not the documented JSON
    print(f"cannot compare: {type(e).__name__}: {e}")
EOF
)
fi

# the generator's own ground truth (printed to gen.log) against DuckDB's figures
if [ -n "$DK_JSON" ]; then
    TRUTH=$(python3 - "$DATA/gen.log" "$DK_JSON" "$AS_OF" <<'EOF'
import json, re, sys
log = open(sys.argv[1]).read()
m = re.search(r"expected for --as-of (\S+) \(America/Los_Angeles\): (.*)", log)
if not m or m.group(1) != sys.argv[3]:
    print("n/a")
else:
    truth = {k: int(v) for k, v in (kv.split("=") for kv in m.group(2).split())}
    ref = json.loads(sys.argv[2])
    bad = [f"{k} generator={v} duckdb={ref.get(k)}" for k, v in truth.items() if ref.get(k) != v]
    print("MATCH" if not bad else "MISMATCH: " + "; ".join(bad))
EOF
)
else
    TRUTH="n/a"
fi

# --- --help ------------------------------------------------------------------------------------
HELP_MS="n/a"
HELP_LINE="n/a"
if [ "$SH_BUILT" = 1 ]; then
    if "$BIN" --help >/dev/null 2>&1; then
        total=0
        for _ in $(seq 1 "$HELP_RUNS"); do
            t0=$(date +%s%N)
            "$BIN" --help >/dev/null 2>&1
            t1=$(date +%s%N)
            total=$((total + t1 - t0))
        done
        HELP_MS=$(awk -v n="$total" -v r="$HELP_RUNS" 'BEGIN {printf "%.2f", n / r / 1e6}')
        HELP_LINE="mean $HELP_MS ms over $HELP_RUNS runs"
    else
        HELP_LINE="FAILED (exit $?)"
    fi
fi

# --- the floor: cat ----------------------------------------------------------------------------
CAT_TIMES=""
for i in $(seq 1 "$RUNS"); do
    t0=$(date +%s%N)
    cat "$FILE" >/dev/null
    t1=$(date +%s%N)
    CAT_TIMES="$CAT_TIMES $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')"
done
say "cat > /dev/null: best of$CAT_TIMES s"

# --- summary -----------------------------------------------------------------------------------
SH_BEST=$(printf '%s\n' $SH_TIMES | min_of)
SH1_BEST=$(printf '%s\n' $SH1_TIMES | min_of)
CAT_BEST=$(printf '%s\n' $CAT_TIMES | min_of)
SH1_RSS_MIB=$(printf '%s\n' $SH1_RSS | awk 'NF {if ($1 > m) m = $1} END {if (m) printf "%.1f", m / 1024}')
DK_BEST=$(printf '%s\n' $DK_TIMES | min_of)
SH_RSS_MIB=$(printf '%s\n' $SH_RSS | awk 'NF {if ($1 > m) m = $1} END {if (m) printf "%.1f", m / 1024}')
DK_RSS_MIB=$(printf '%s\n' $DK_RSS | awk 'NF {if ($1 > m) m = $1} END {if (m) printf "%.1f", m / 1024}')
rate() { # bytes-or-rows, seconds, divisor, format
    [ -n "$2" ] && awk -v x="$1" -v s="$2" -v d="$3" -v f="$4" 'BEGIN {if (s > 0) printf f, x / d / s; else print "n/a"}'
}
SH_MBS=$(rate "$BYTES" "$SH_BEST" 1e6 "%.1f")
SH_ROWS=$(rate "$ROWS" "$SH_BEST" 1 "%.0f")
DK_MBS=$(rate "$BYTES" "$DK_BEST" 1e6 "%.1f")
DK_ROWS=$(rate "$ROWS" "$DK_BEST" 1 "%.0f")
RATIO=""
[ -n "$SH_BEST" ] && [ -n "$DK_BEST" ] && RATIO=$(awk -v a="$SH_BEST" -v b="$DK_BEST" 'BEGIN {printf "%.3f", a / b}')
SPEEDUP=""
[ -n "$SH_BEST" ] && [ -n "$SH1_BEST" ] && SPEEDUP=$(awk -v a="$SH1_BEST" -v b="$SH_BEST" 'BEGIN {printf "%.2f", a / b}')
na() { [ -n "$1" ] && printf '%s' "$1" || printf 'n/a'; }

hr
say "file    : $FILE  $MB MB ($BYTES bytes), $ROWS rows, $ORDERS orders, seed $SEED"
say "as-of   : $AS_OF (America/Los_Angeles); best of $RUNS runs, page cache warm"
printf '%-22s %10s %10s %12s %14s\n' "" "best s" "MB/s" "rows/s" "peak RSS MiB"
printf '%-22s %10s %10s %12s %14s\n' "sellerhealth ($THREADS thr)" "$(na "$SH_BEST")" "$(na "$SH_MBS")" "$(na "$SH_ROWS")" "$(na "$SH_RSS_MIB")"
printf '%-22s %10s %10s %12s %14s\n' "sellerhealth (1 thr)" "$(na "$SH1_BEST")" "$(na "$(rate "$BYTES" "$SH1_BEST" 1e6 "%.1f")")" "$(na "$(rate "$ROWS" "$SH1_BEST" 1 "%.0f")")" "$(na "$SH1_RSS_MIB")"
printf '%-22s %10s %10s %12s %14s\n' "duckdb (2 threads)" "$(na "$DK_BEST")" "$(na "$DK_MBS")" "$(na "$DK_ROWS")" "$(na "$DK_RSS_MIB")"
printf '%-22s %10s %10s\n' "cat > /dev/null" "$(na "$CAT_BEST")" "$(na "$(rate "$BYTES" "$CAT_BEST" 1e6 "%.1f")")"
say "ratio sellerhealth/duckdb (best wall): $(na "$RATIO")"
say "speed-up $THREADS threads over 1 (best wall): $(na "$SPEEDUP")"
say "sellerhealth --help   : $HELP_LINE"
say "sellerhealth = duckdb : $CHECK"
say "duckdb = generator    : $TRUTH (generator's ground truth in $DATA/gen.log)"
[ -n "$DK_JSON" ] && say "duckdb figures        : $DK_JSON (last run)"
hr
python3 - "$MB" "$ROWS" "$ORDERS" "$SEED" "$(na "$SH_BEST")" "$(na "$SH_RSS_MIB")" "$(na "$DK_BEST")" "$(na "$RATIO")" "$HELP_MS" "$(na "$SH1_BEST")" "$(na "$SPEEDUP")" "$(na "$CAT_BEST")" <<'EOF'
import json, sys
def num(s):
    try:
        return float(s)
    except ValueError:
        return None
a = sys.argv[1:]
print(json.dumps({"file_mb": num(a[0]), "rows": int(a[1]), "orders": int(a[2]), "seed": int(a[3]),
                  "sellerhealth_best_s": num(a[4]), "sellerhealth_peak_rss_mib": num(a[5]),
                  "duckdb_best_s": num(a[6]), "ratio": num(a[7]), "help_mean_ms": num(a[8]),
                  "sellerhealth_1_thread_best_s": num(a[9]), "speedup": num(a[10]), "cat_best_s": num(a[11])}))
EOF
[ "$SH_OK" = 1 ] || exit 2
case $CHECK in MATCH*) ;; *) exit 3 ;; esac
