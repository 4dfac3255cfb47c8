#!/usr/bin/env python3
"""Reference timing (and reference figures) for `sellerhealth` on an All Orders report, with DuckDB.

    python3 scripts/duckdb_bench.py target/bench-data/all-orders.txt [AS_OF] [--tz ZONE] [--threads N]

Computes, the way SPEC.md sections 3-4 define them:
  (a) the order defect rate denominators: distinct orders per channel (Amazon/AFN -> afn,
      Merchant/MFN/Seller/empty -> mfn) whose purchase day in the time zone is within the 60 days
      ending AS_OF - 14;
  (b) the pre-fulfillment cancel rate: among distinct seller-fulfilled orders purchased in the 7 days
      ending AS_OF, those cancelled (order-status Cancelled/Canceled) and not buyer-requested
      (is-buyer-requested-cancellation true/yes/y/1 on any row), over the total.
An order's channel and purchase date come from its rows (the generator writes them identically on
every row of an order); its status is cancelled when any row says so.

AS_OF defaults to 2026-11-20, the zone to America/Los_Angeles, threads to 2. The wall time covers
everything: connecting, reading and parsing the file, the query. The last line printed is JSON:
{"seconds": ..., "odr_total_mfn": ..., "odr_total_afn": ..., "cancel_defects": ..., "cancel_total": ...}
"""

import argparse
import datetime as dt
import json
import sys
import time

try:
    import duckdb
except ImportError:  # pragma: no cover
    sys.exit("duckdb_bench.py: the duckdb module is missing: pip install duckdb")

QUERY = """
WITH rows AS (
    SELECT
        trim("amazon-order-id") AS oid,
        CASE WHEN lower(trim(coalesce("fulfillment-channel", ''))) IN ('amazon', 'afn')
             THEN 'afn' ELSE 'mfn' END AS channel,
        CAST(timezone($tz, CAST(trim("purchase-date") AS TIMESTAMPTZ)) AS DATE) AS day,
        lower(trim(coalesce("order-status", ''))) IN ('cancelled', 'canceled') AS cancelled,
        lower(trim(coalesce("is-buyer-requested-cancellation", ''))) IN ('true', 'yes', 'y', '1')
            AS buyer_requested
    FROM read_csv($path, delim = '\t', quote = '', escape = '', header = true, all_varchar = true)
),
orders AS (
    SELECT oid, min(channel) AS channel, min(day) AS day,
           bool_or(cancelled) AS cancelled, bool_or(buyer_requested) AS buyer_requested,
           count(*) AS n
    FROM rows
    WHERE oid <> ''
    GROUP BY oid
)
SELECT
    count(*) FILTER (WHERE channel = 'mfn' AND day BETWEEN $odr_from AND $odr_to) AS odr_total_mfn,
    count(*) FILTER (WHERE channel = 'afn' AND day BETWEEN $odr_from AND $odr_to) AS odr_total_afn,
    count(*) FILTER (WHERE channel = 'mfn' AND day BETWEEN $cancel_from AND $as_of
                     AND cancelled AND NOT buyer_requested) AS cancel_defects,
    count(*) FILTER (WHERE channel = 'mfn' AND day BETWEEN $cancel_from AND $as_of) AS cancel_total,
    count(*) AS orders,
    sum(n) AS rows
FROM orders
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", help="All Orders report (tab-delimited, no quoting)")
    ap.add_argument("as_of", nargs="?", default="2026-11-20", help="as-of day, YYYY-MM-DD (default 2026-11-20)")
    ap.add_argument("--tz", default="America/Los_Angeles", help="time zone of the days (default America/Los_Angeles)")
    ap.add_argument("--threads", type=int, default=2, help="DuckDB threads (default 2)")
    args = ap.parse_args()

    as_of = dt.date.fromisoformat(args.as_of)
    params = {
        "path": args.path,
        "tz": args.tz,
        "odr_from": as_of - dt.timedelta(days=14 + 59),
        "odr_to": as_of - dt.timedelta(days=14),
        "cancel_from": as_of - dt.timedelta(days=6),
        "as_of": as_of,
    }

    start = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"SET threads = {int(args.threads)}")
    row = con.execute(QUERY, params).fetchone()
    seconds = time.perf_counter() - start
    con.close()

    odr_total_mfn, odr_total_afn, cancel_defects, cancel_total, orders, rows = row
    print(f"duckdb {duckdb.__version__}, threads={args.threads}, file {args.path}")
    print(f"as-of {as_of} ({args.tz}); {rows} rows, {orders} distinct orders in the file")
    print(f"order defect rate window {params['odr_from']} .. {params['odr_to']}: "
          f"total mfn {odr_total_mfn}, total afn {odr_total_afn}")
    rate = f"{cancel_defects / cancel_total:.4%}" if cancel_total else "n/a"
    print(f"pre-fulfillment cancel rate window {params['cancel_from']} .. {as_of}: "
          f"{cancel_defects} / {cancel_total} = {rate}")
    print(f"wall time {seconds:.3f} s")
    print(json.dumps({
        "seconds": round(seconds, 4),
        "odr_total_mfn": odr_total_mfn,
        "odr_total_afn": odr_total_afn,
        "cancel_defects": cancel_defects,
        "cancel_total": cancel_total,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
