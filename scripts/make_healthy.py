#!/usr/bin/env python3
"""Writes fixtures/healthy/: a small account with every metric good and nothing
to act on at --as-of 2026-11-20 (US, America/Los_Angeles). Deterministic.

One seller-fulfilled order a day from 2026-09-01 to 2026-11-18, shipped and
confirmed the next day with a valid UPS number, delivered two days later
(none after the as-of day), ship-by the day after purchase, deliver-by five
days after; one Amazon-fulfilled order every third day; one buyer message
every third day, answered within two hours. No feedback, no claims.
"""
import datetime as dt
import sys
from pathlib import Path

out = Path(sys.argv[1] if len(sys.argv) > 1 else "fixtures/healthy")
out.mkdir(parents=True, exist_ok=True)
as_of = dt.date(2026, 11, 20)
first = dt.date(2026, 9, 1)
last = dt.date(2026, 11, 18)

orders = ["amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tlatest-ship-date\tlatest-delivery-date"]
ships = ["order-id\tship-date\tcarrier-code\ttracking-number\tdelivered-at"]
messages = ["message-id,order-id,received-at,responded-at,no-response-needed"]
day, n = first, 0
while day <= last:
    n += 1
    oid = f"111-{n:07d}-{n * 7919 % 10_000_000:07d}"
    shipped = day + dt.timedelta(days=1)
    delivered = day + dt.timedelta(days=3)
    orders.append(f"{oid}\t{day}T18:00:00Z\tShipped\tMerchant\t{shipped}\t{day + dt.timedelta(days=5)}")
    ships.append(
        f"{oid}\t{shipped}T17:00:00Z\tUPS\t1Z999AA1{n:010d}\t"
        + (f"{delivered}T20:00:00Z" if delivered <= as_of else "")
    )
    if n % 3 == 0:
        afn = f"112-{n:07d}-{n * 104729 % 10_000_000:07d}"
        orders.append(f"{afn}\t{day}T19:00:00Z\tShipped\tAmazon\t\t")
        messages.append(f"M{n:04d},{oid},{day}T20:00:00Z,{day}T22:00:00Z,false")
    day += dt.timedelta(days=1)

(out / "all-orders.txt").write_text("\n".join(orders) + "\n")
(out / "ship-confirm.txt").write_text("\n".join(ships) + "\n")
(out / "messages.csv").write_text("\n".join(messages) + "\n")
