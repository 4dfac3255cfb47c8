#!/usr/bin/env python3
"""Builds fixtures/marketplaces/ from fixtures/demo/ (SPEC §12.1 tests).

ca/ and mx/ are each one marketplace's reports alone (US alone is the demo
set itself): ca/ the same orders under other ids on Amazon.ca (CAD, feedback dates
day/month/year); mx/ half of them on Amazon.com.mx (MXN). mixed/ is what a
North America unified account exports: one All Orders file, one order report,
one ship-confirm file and so on holding the three marketplaces' rows, plus
three Non-Amazon (multi-channel fulfilment) orders shipped late without
valid tracking; feedback stays one file per marketplace, as Seller Central
gives it. Auditing mixed/ must give each marketplace the numbers of its
folder alone (tests/marketplaces.rs).

Messages that name no order go with the first marketplace audited (US), so
ca/ and mx/ leave them out.

    python3 scripts/make_marketplaces.py
"""
import os
import re

ROOT = os.path.join(os.path.dirname(__file__), "..", "fixtures")
DEMO = os.path.join(ROOT, "demo")
OUT = os.path.join(ROOT, "marketplaces")
FILES = [
    "all-orders.txt",
    "order-report.txt",
    "ship-confirm.txt",
    "deliveries.csv",
    "claims.csv",
    "returns.txt",
    "messages.csv",
    "feedback.txt",
]
ID = re.compile(r"\b11([1-4])-(\d{7})-(\d{7})\b")


def lines(name):
    with open(os.path.join(DEMO, name), newline="") as f:
        return f.read().splitlines(keepends=True)


def market(code, prefix, channel, currency, keep):
    """The demo's rows as marketplace `code`: ids re-prefixed, orders kept by `keep(id)`."""
    out = {}
    for name in FILES:
        rows = lines(name)
        kept = [rows[0]]
        for row in rows[1:]:
            ids = ID.findall(row)
            if not ids and name == "messages.csv" and code != "US":
                continue  # names no order: it would go with US
            if ids and not keep("11%s-%s-%s" % ids[0]):
                continue
            if code != "US":
                row = ID.sub(lambda m: prefix + m.group(1) + "-" + m.group(2) + "-" + m.group(3), row)
                row = row.replace("Amazon.com\t", channel + "\t")
                row = row.replace("\tUSD\t", "\t" + currency + "\t")
                if name == "messages.csv":
                    row = code + "-" + row
                if name == "feedback.txt":
                    # Seller Central writes day/month/year outside the US.
                    row = re.sub(r"^(\d+)/(\d+)/(\d+)", r"\2/\1/\3", row)
            kept.append(row)
        out[name] = kept
    return out


def write(folder, files, names=None):
    os.makedirs(os.path.join(OUT, folder), exist_ok=True)
    for name, rows in files.items():
        with open(os.path.join(OUT, folder, (names or {}).get(name, name)), "w", newline="") as f:
            f.writelines(rows)


us = market("US", "11", "Amazon.com", "USD", lambda i: True)
ca = market("CA", "70", "Amazon.ca", "CAD", lambda i: True)
mx = market("MX", "71", "Amazon.com.mx", "MXN", lambda i: int(i[-1]) % 2 == 0)
# US alone is fixtures/demo/ itself.
for folder, files in [("ca", ca), ("mx", mx)]:
    write(folder, files)

mixed = {}
for name in FILES:
    if name == "feedback.txt":
        continue
    mixed[name] = us[name] + ca[name][1:] + mx[name][1:]
# Three multi-channel fulfilment orders, seller-fulfilled, shipped late
# without valid tracking: counted, they would move every seller metric.
header = us["all-orders.txt"][0].rstrip("\n").split("\t")
for n in range(1, 4):
    cells = {h: "" for h in header}
    cells.update({
        "amazon-order-id": "MCF-000%d" % n,
        "purchase-date": "2026-11-1%dT10:00:00+00:00" % n,
        "last-updated-date": "2026-11-1%dT10:00:00+00:00" % n,
        "order-status": "Shipped",
        "fulfillment-channel": "Merchant",
        "sales-channel": "Non-Amazon",
        "currency": "USD",
    })
    mixed["all-orders.txt"].append("\t".join(cells[h] for h in header) + "\n")
    mixed["ship-confirm.txt"].append("MCF-000%d\t\t\t2026-11-1%dT23:00:00-08:00\tOther\t\tN/A\tStandard\n" % (n, n + 5))
write("mixed", mixed)
write("mixed", {"feedback.txt": us["feedback.txt"]}, {"feedback.txt": "feedback-us.txt"})
write("mixed", {"feedback.txt": ca["feedback.txt"]}, {"feedback.txt": "feedback-ca.txt"})
write("mixed", {"feedback.txt": mx["feedback.txt"]}, {"feedback.txt": "feedback-mx.txt"})
