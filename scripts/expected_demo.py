#!/usr/bin/env python3
"""Independent reference computation of SPEC.md sections 3-4.

Reads a directory of report files (the way `sellerhealth audit DIR` would: every regular file ending in .txt,
.tsv, .csv, .tab, optionally + .gz, in name order), applies the metric rules of SPEC sections 3-4 literally
and prints the expected metrics in the shape of ../shared/examples/expected.json.

It shares no code with the Rust program and is deliberately simple: UTF-8 (or UTF-8 with BOM) input, US date
order, one time zone. It is meant for the hand-made fixture sets, not as a second implementation of every
reading rule of section 2.

Usage:
    python3 scripts/expected_demo.py fixtures/demo --as-of 2026-11-20 [--tz America/Los_Angeles] [-o FILE]
    python3 scripts/expected_demo.py fixtures/demo --check      # compare with fixtures/demo/expected.json
"""
import argparse
import csv
import datetime as dt
import gzip
import io
import json
import os
import re
import sys
from fractions import Fraction
from zoneinfo import ZoneInfo

EXTS = (".txt", ".tsv", ".csv", ".tab")
MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}

# canonical column -> aliases, per kind (SPEC 2.3); amazon-order-id is an alias of order-id everywhere
KINDS = {
    "shipments": {
        "order-id": ["amazon-order-id"], "ship-date": ["shipment-date"],
        "confirmed-at": ["confirmation-date"], "carrier-code": ["carrier"], "carrier-name": [],
        "fulfillment-channel": [], "tracking-number": ["tracking-id"],
        "delivered-at": ["delivery-date", "actual-delivery-date"],
        "latest-delivery-date": ["promised-delivery-date", "estimated-arrival-date"],
    },
    "returns": {"order-id": ["amazon-order-id"], "a-to-z-claim": [], "purchase-date": ["order-date"]},
    "orders": {
        "order-id": ["amazon-order-id"], "purchase-date": ["order-date"], "fulfillment-channel": [],
        "order-status": [], "latest-ship-date": ["promise-date"], "latest-delivery-date": [],
        "is-buyer-requested-cancellation": ["is-buyer-requested-cancel"], "cancelled-by": [],
        "last-updated-date": [], "sku": ["merchant-sku"], "asin": [], "product-name": [],
    },
    "feedback": {"date": [], "rating": [], "order-id": ["amazon-order-id"], "comments": [],
                 "response": ["your-response"], "removed": []},
    "claims": {"order-id": ["amazon-order-id"], "claim-type": ["type"], "claim-date": ["date"],
               "claim-status": ["status"], "reason": []},
    "messages": {"received-at": ["received", "created-at"],
                 "responded-at": ["first-response-at", "replied-at"],
                 "message-id": ["thread-id", "ticket-id"], "order-id": ["amazon-order-id"],
                 "no-response-needed": []},
}
REQUIRED = {
    "shipments": ["order-id", "ship-date"],
    "returns": ["order-id", "a-to-z-claim"],
    "orders": ["order-id", "purchase-date"],
    "feedback": ["date", "rating", "order-id"],
    "claims": ["order-id", "claim-type"],
    "messages": ["received-at"],
}
DETECT_ORDER = ["shipments", "returns", "orders", "feedback", "claims", "messages"]


class Malformed(Exception):
    pass


def norm_header(c):
    return c.strip().lower().replace(" ", "-").replace("_", "-")


def column_map(kind, header):
    """canonical name -> index (leftmost wins)"""
    out = {}
    for canon, aliases in KINDS[kind].items():
        for i, h in enumerate(header):
            if h == canon or h in aliases:
                out[canon] = i
                break
    return out


class Ctx:
    def __init__(self, tz, as_of):
        self.tz = ZoneInfo(tz)
        self.tzname = tz
        self.as_of = as_of

    def start(self, d):
        return dt.datetime(d.year, d.month, d.day, tzinfo=self.tz)

    def end(self, d):
        return dt.datetime(d.year, d.month, d.day, 23, 59, 59, tzinfo=self.tz)

    def day(self, inst):
        return inst.astimezone(self.tz).date()

    def parse_date(self, s):
        s = s.strip()
        m = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", s)
        if m:
            y, mo, d = map(int, m.groups())
        else:
            m = re.fullmatch(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})", s)
            if m:
                d, mo, y = int(m.group(1)), MONTHS.get(m.group(2).lower()), int(m.group(3))
                if mo is None:
                    raise Malformed("bad month")
            else:
                m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", s)  # US: M/D/Y
                if not m:
                    raise Malformed(f"not a date: {s!r}")
                mo, d, y = map(int, m.groups())
                if y < 100:
                    y += 2000
        if not 2000 <= y <= 2099:
            raise Malformed("year out of range")
        try:
            return dt.date(y, mo, d)
        except ValueError:
            raise Malformed(f"not a date: {s!r}")

    def parse_instant(self, s, deadline=False):
        s = s.strip()
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", s)
        if m:
            y, mo, d, hh, mi = (int(m.group(i)) for i in range(1, 6))
            ss = int(m.group(6) or 0)
            if not 2000 <= y <= 2099:
                raise Malformed("year out of range")
            off = m.group(7)
            if off is None:
                return dt.datetime(y, mo, d, hh, mi, ss, tzinfo=self.tz)
            if off == "Z":
                tzinfo = dt.timezone.utc
            else:
                sign = 1 if off[0] == "+" else -1
                o = off[1:].replace(":", "")
                tzinfo = dt.timezone(sign * dt.timedelta(hours=int(o[:2]), minutes=int(o[2:])))
            return dt.datetime(y, mo, d, hh, mi, ss, tzinfo=tzinfo)
        d = self.parse_date(s)
        return self.end(d) if deadline else self.start(d)


def parse_bool(s):
    v = s.strip().lower()
    if v == "":
        return None
    if v in ("true", "yes", "y", "1"):
        return True
    if v in ("false", "no", "n", "0"):
        return False
    raise Malformed(f"bad boolean {s!r}")


def read_lines(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8")


def split_rows(text):
    """-> (delimiter, header index, list of (lineno, cells)) ; header = first of first 10 lines matching a kind"""
    lines = text.replace("\r\n", "\n").split("\n")
    for hi, line in enumerate(lines[:10]):
        delim = "\t" if "\t" in line else ","
        cells = line.split("\t") if delim == "\t" else next(csv.reader([line]), [])
        header = [norm_header(c) for c in cells]
        kind = detect(header)
        if kind:
            rows = []
            if delim == "\t":
                for n, l in enumerate(lines[hi + 1:], start=hi + 2):
                    if l.strip() == "":
                        continue
                    rows.append((n, l.split("\t")))
            else:
                rest = "\n".join(lines[hi + 1:])
                rdr = csv.reader(io.StringIO(rest))
                for cells in rdr:
                    n = hi + 2 + rdr.line_num - 1  # approximate (no multi-line fields in fixtures)
                    if not cells or all(c.strip() == "" for c in cells):
                        continue
                    rows.append((n, cells))
            return kind, header, rows
    return None, None, None


def detect(header):
    for kind in DETECT_ORDER:
        cm = column_map(kind, header)
        if all(r in cm for r in REQUIRED[kind]):
            return kind
    return None


def load(dirpath, ctx):
    files = sorted(f for f in os.listdir(dirpath)
                   if os.path.isfile(os.path.join(dirpath, f))
                   and (f.endswith(EXTS) or any(f.endswith(e + ".gz") for e in EXTS)))
    orders = {}      # id -> dict of merged fields
    order_rows = []  # (order fields) in file order, merged below
    ship_rows = []
    feedback = []
    claims = []
    messages = []
    has_delivery_col = False
    skipped = []
    for fname in files:
        kind, header, rows = split_rows(read_lines(os.path.join(dirpath, fname)))
        if kind is None:
            skipped.append((fname, "unknown kind"))
            continue
        cm = column_map(kind, header)
        if kind == "shipments" and "delivered-at" in cm:
            has_delivery_col = True
        for n, cells in rows:
            if len(cells) > len(header):
                skipped.append((fname, n, "too many cells"))
                continue
            cells = [c.strip() for c in cells] + [""] * (len(header) - len(cells))
            g = {k: cells[i] for k, i in cm.items()}
            try:
                if kind == "orders":
                    order_rows.append(parse_order(g, ctx))
                elif kind == "shipments":
                    ship_rows.append(parse_ship(g, ctx, f"{fname}:{n}"))
                elif kind == "feedback":
                    feedback.append(parse_feedback(g, ctx))
                elif kind in ("claims", "returns"):
                    c = parse_claim(g, kind)
                    if c:
                        claims.append(c)
                elif kind == "messages":
                    messages.append(parse_message(g, ctx, f"{fname}:{n}"))
            except Malformed as e:
                skipped.append((fname, n, str(e)))
    for r in order_rows:
        o = orders.setdefault(r["order-id"], {"statuses": [], "buyer_requested": False})
        for k, v in r.items():
            if k == "order-status":
                if v:
                    o["statuses"].append(v)
            elif k == "is-buyer-requested-cancellation":
                o["buyer_requested"] = o["buyer_requested"] or bool(v)
            elif v not in (None, "") and k not in o:
                o[k] = v
    for o in orders.values():
        st = o["statuses"]
        if any(s.lower() in ("cancelled", "canceled") for s in st):
            o["status"] = "Cancelled"
        elif any(s.lower().startswith("shipped") for s in st):
            o["status"] = "Shipped"
        else:
            o["status"] = st[0] if st else ""
    return orders, ship_rows, feedback, claims, messages, has_delivery_col, skipped


def req(g, k):
    v = g.get(k, "")
    if v == "":
        raise Malformed(f"empty {k}")
    return v


def parse_order(g, ctx):
    r = {"order-id": req(g, "order-id"), "purchase": ctx.parse_instant(req(g, "purchase-date"))}
    ch = g.get("fulfillment-channel", "").lower()
    if ch in ("amazon", "afn"):
        r["afn"] = True
    elif ch in ("merchant", "mfn", "seller"):
        r["afn"] = False
    elif ch:
        raise Malformed("unknown fulfillment-channel")
    r["order-status"] = g.get("order-status", "")
    if g.get("latest-ship-date"):
        r["ship_by"] = ctx.parse_instant(g["latest-ship-date"], deadline=True)
    if g.get("latest-delivery-date"):
        r["deliver_by"] = ctx.parse_instant(g["latest-delivery-date"], deadline=True)
    if g.get("last-updated-date"):
        r["last_updated"] = ctx.parse_instant(g["last-updated-date"])
    cb = g.get("cancelled-by", "").lower()
    if cb and cb not in ("buyer", "seller", "amazon"):
        raise Malformed("unknown cancelled-by")
    if cb:
        r["cancelled_by"] = cb
    r["is-buyer-requested-cancellation"] = parse_bool(g.get("is-buyer-requested-cancellation", ""))
    return r


def parse_ship(g, ctx, where):
    r = {"order-id": req(g, "order-id"), "ship": ctx.parse_instant(req(g, "ship-date")), "where": where}
    r["inst"] = ctx.parse_instant(g["confirmed-at"]) if g.get("confirmed-at") else r["ship"]
    code = g.get("carrier-code", "")
    name = g.get("carrier-name", "")
    r["carrier"] = name if (code == "" or code.lower() == "other") else code
    ch = g.get("fulfillment-channel", "").lower()
    if ch and ch not in ("amazon", "afn", "merchant", "mfn", "seller"):
        raise Malformed("unknown fulfillment-channel")
    r["afn"] = ch in ("amazon", "afn")
    r["tracking"] = norm_tracking(g.get("tracking-number", ""))
    r["delivered"] = ctx.parse_instant(g["delivered-at"]) if g.get("delivered-at") else None
    r["deliver_by"] = (ctx.parse_instant(g["latest-delivery-date"], deadline=True)
                       if g.get("latest-delivery-date") else None)
    return r


def parse_feedback(g, ctx):
    d = ctx.parse_date(req(g, "date"))
    try:
        rating = int(req(g, "rating"))
    except ValueError:
        raise Malformed("rating not an integer")
    if not 1 <= rating <= 5:
        raise Malformed("rating outside 1-5")
    return {"order-id": req(g, "order-id"), "rating": rating, "removed": bool(parse_bool(g.get("removed", ""))),
            "date": d}


def parse_claim(g, kind):
    if kind == "returns":
        if parse_bool(g.get("a-to-z-claim", "")):
            return {"order-id": req(g, "order-id"), "type": "a-to-z", "status": "", "reason": ""}
        return None
    t = req(g, "claim-type").lower()
    if t in ("a-to-z", "atoz", "a-to-z guarantee", "az"):
        t = "a-to-z"
    elif t != "chargeback":
        raise Malformed("unknown claim-type")
    st = g.get("claim-status", "").lower()
    if st == "open":
        st = "pending"
    if st and st not in ("pending", "granted", "denied", "withdrawn", "reversed"):
        raise Malformed("unknown claim-status")
    return {"order-id": req(g, "order-id"), "type": t, "status": st, "reason": g.get("reason", "")}


def parse_message(g, ctx, where):
    rec = ctx.parse_instant(req(g, "received-at"))
    resp = ctx.parse_instant(g["responded-at"]) if g.get("responded-at") else None
    if resp is not None and resp < rec:
        raise Malformed("response before message")
    return {"id": g.get("message-id") or where, "order-id": g.get("order-id", ""), "received": rec,
            "responded": resp, "nrn": bool(parse_bool(g.get("no-response-needed", "")))}


# ---------------------------------------------------------------- tracking

PLACEHOLDERS = {"N/A", "NA", "NONE", "NULL", "TBD", "UNKNOWN", "0"}


def norm_tracking(s):
    return s.strip().upper().replace(" ", "").replace("-", "")


def valid_tracking(carrier, t):
    c = carrier.strip().lower()
    if c == "" or t in PLACEHOLDERS or (t and len(set(t)) == 1):
        return False
    if not re.fullmatch(r"[A-Z0-9]{8,40}", t):
        return False
    if c == "ups":
        return re.fullmatch(r"1Z[A-Z0-9]{16}", t) is not None
    if c == "usps":
        return re.fullmatch(r"\d{20,22}|[A-Z]{2}\d{9}[A-Z]{2}", t) is not None
    if c == "fedex":
        return re.fullmatch(r"\d{12}|\d{15}|\d{20}|\d{22}", t) is not None
    if c in ("amazon", "amzl", "amazon logistics", "amazon shipping"):
        return re.fullmatch(r"TBA\d{12}", t) is not None
    return True


# ---------------------------------------------------------------- metrics

def business_days_after(d, n):
    while n > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def status_below(d, t, target, warn=Fraction(3, 4)):
    if t == 0:
        return "no_data"
    r = Fraction(d, t)
    if r >= target:
        return "bad"
    if r >= warn * target:
        return "warning"
    return "good"


def status_at_least(d, t, target, warn=Fraction(3, 4)):
    if t == 0:
        return "no_data"
    if Fraction(t - d, t) < target:
        return "bad"
    if Fraction(d, t) >= warn * (1 - target):
        return "warning"
    return "good"


def headroom(entry, cond, target):
    """defects_to_breach (not bad: how many of the current clean items turning defective makes it bad, total
    unchanged) or clean_items_to_recover (bad: how many more clean items leave `bad`)."""
    d, t, st = entry["defects"], entry["total"], entry["status"]
    if st == "no_data":
        return
    bad = (lambda d, t: Fraction(d, t) >= target) if cond == "below" else \
        (lambda d, t: Fraction(t - d, t) < target)
    if st == "bad":
        k = 0
        while bad(d, t + k):
            k += 1
        entry["clean_items_to_recover"] = k
    else:
        k = 0
        while not bad(d + k, t):
            k += 1
        entry["defects_to_breach"] = k


def compute(dirpath, as_of, tz):
    ctx = Ctx(tz, as_of)
    orders, ships, feedback, claims, messages, has_delivery, skipped = load(dirpath, ctx)
    A = as_of
    E = ctx.start(A + dt.timedelta(days=1))

    def window(days, end):
        return end - dt.timedelta(days=days - 1), end

    def win_json(w):
        return {"from": w[0].isoformat(), "to": w[1].isoformat(), "days": (w[1] - w[0]).days + 1}

    def in_win(day, w):
        return w[0] <= day <= w[1]

    for o in orders.values():
        o["mfn"] = not o.get("afn", False)
        o["pday"] = ctx.day(o["purchase"])
        o["cancelled"] = o["status"] == "Cancelled" or "cancelled_by" in o
        o["buyer_req"] = o["buyer_requested"] or o.get("cancelled_by") == "buyer"
        o["ships"] = []
    for s in ships:
        if s["order-id"] in orders:
            orders[s["order-id"]]["ships"].append(s)
    for o in orders.values():
        o["ship_confirmed"] = bool(o["ships"]) or o["status"].lower().startswith("shipped")

    metrics = []

    # ---- order defect rate
    w = window(60, A - dt.timedelta(days=14))
    neg = {f["order-id"] for f in feedback if f["rating"] <= 2 and not f["removed"]}
    atoz = {c["order-id"] for c in claims if c["type"] == "a-to-z"
            and c["status"] not in ("denied", "withdrawn", "reversed")}
    cb = {c["order-id"] for c in claims if c["type"] == "chargeback"
          and c["status"] not in ("denied", "withdrawn", "reversed") and "fraud" not in c["reason"].lower()}
    for ch in ("mfn", "afn"):
        ids = {i for i, o in orders.items() if o["mfn"] == (ch == "mfn") and in_win(o["pday"], w)}
        comp = {"negative_feedback": len(ids & neg), "a_to_z_claims": len(ids & atoz),
                "chargebacks": len(ids & cb)}
        defects = sorted(ids & (neg | atoz | cb))
        e = {"metric": "order_defect_rate", "channel": ch, "window": win_json(w), "defects": len(defects),
             "total": len(ids), "status": status_below(len(defects), len(ids), Fraction(1, 100)),
             "items": defects, "components": comp}
        headroom(e, "below", Fraction(1, 100))
        metrics.append(e)

    # ---- late shipment rate
    def conf_instant(o):
        return max(s["inst"] for s in o["ships"]) if o["ships"] else None

    lsr_left_out = []
    for days in (10, 30):
        w = window(days, A)
        total, defects = 0, []
        for i, o in orders.items():
            if not o["mfn"] or o["cancelled"] or "ship_by" not in o:
                continue
            if not in_win(ctx.day(o["ship_by"]), w):
                continue
            ci = conf_instant(o)
            shipped = o["status"].lower().startswith("shipped")
            if ci is None and shipped:
                lsr_left_out.append(i)
                continue
            total += 1
            if (ci is not None and ci > o["ship_by"]) or (ci is None and E > o["ship_by"]):
                defects.append(i)
        e = {"metric": "late_shipment_rate", "channel": "mfn", "window": win_json(w), "defects": len(defects),
             "total": total, "status": status_below(len(defects), total, Fraction(4, 100)),
             "items": sorted(defects)}
        headroom(e, "below", Fraction(4, 100))
        metrics.append(e)

    # ---- pre-fulfillment cancel rate
    w = window(7, A)
    ids = [i for i, o in orders.items() if o["mfn"] and in_win(o["pday"], w)]
    defects = sorted(i for i in ids if orders[i]["cancelled"] and not orders[i]["buyer_req"])
    e = {"metric": "pre_fulfillment_cancel_rate", "channel": "mfn", "window": win_json(w),
         "defects": len(defects), "total": len(ids),
         "status": status_below(len(defects), len(ids), Fraction(25, 1000)), "items": defects}
    headroom(e, "below", Fraction(25, 1000))
    metrics.append(e)

    # ---- packages (shipment rows in file order)
    packages = {}  # (order, tracking) -> dict
    for s in ships:
        o = orders.get(s["order-id"])
        afn = o.get("afn", False) if o is not None else s["afn"]
        if afn:
            continue
        p = packages.setdefault((s["order-id"], s["tracking"]),
                                {"carrier": "", "inst": s["inst"], "delivered": None, "rows": []})
        p["rows"].append(s["where"])
        if not p["carrier"] and s["carrier"]:
            p["carrier"] = s["carrier"]
        p["inst"] = max(p["inst"], s["inst"])
        if s["delivered"] and (p["delivered"] is None or s["delivered"] > p["delivered"]):
            p["delivered"] = s["delivered"]
    for (oid, t), p in packages.items():
        p["valid"] = valid_tracking(p["carrier"], t)

    w = window(30, A)
    items = [(k, p) for k, p in packages.items() if in_win(ctx.day(p["inst"]), w)]
    defects = sorted(f"{k[0]}:{k[1]}" for k, p in items if not p["valid"])
    e = {"metric": "valid_tracking_rate", "channel": "mfn", "window": win_json(w), "defects": len(defects),
         "total": len(items), "status": status_at_least(len(defects), len(items), Fraction(95, 100)),
         "items": defects}
    headroom(e, "at_least", Fraction(95, 100))
    metrics.append(e)

    # ---- on-time delivery rate
    w = window(14, A - dt.timedelta(days=7))
    total, defects = 0, []
    if has_delivery:
        for i, o in orders.items():
            if not o["mfn"] or o["cancelled"]:
                continue
            valid = [p for k, p in packages.items() if k[0] == i and p["valid"]]
            if not valid:
                continue
            dby = o.get("deliver_by")
            if dby is None:
                cands = [s["deliver_by"] for s in o["ships"] if s["deliver_by"]]
                dby = cands[0] if cands else None
            if dby is None or not in_win(ctx.day(dby), w):
                continue
            total += 1
            limit = ctx.end(ctx.day(dby))
            if not all(p["delivered"] is not None and p["delivered"] <= limit for p in valid):
                defects.append(i)
    e = {"metric": "on_time_delivery_rate", "channel": "mfn", "window": win_json(w), "defects": len(defects),
         "total": total, "status": status_at_least(len(defects), total, Fraction(90, 100)),
         "items": sorted(defects)}
    headroom(e, "at_least", Fraction(90, 100))
    metrics.append(e)

    # ---- expired orders
    def auto_cancel(o):
        if "ship_by" not in o:
            return None
        return ctx.end(business_days_after(ctx.day(o["ship_by"]), 7))

    w = window(30, A)
    ids = [i for i, o in orders.items() if o["mfn"] and in_win(o["pday"], w)]
    defects = []
    for i in ids:
        o = orders[i]
        ac = auto_cancel(o)
        a = o.get("cancelled_by") == "amazon"
        b = (ac is not None and o["cancelled"] and not o["buyer_req"] and not o["ship_confirmed"]
             and o.get("last_updated") is not None and o["last_updated"] >= ac)
        c = ac is not None and not o["cancelled"] and not o["ship_confirmed"] and E > ac
        if a or b or c:
            defects.append(i)
    e = {"metric": "expired_orders", "channel": "mfn", "window": win_json(w), "defects": len(defects),
         "total": len(ids), "status": ("no_data" if not ids else "warning" if defects else "good"),
         "items": sorted(defects)}
    metrics.append(e)

    # ---- response time
    day24 = dt.timedelta(hours=24)
    for days in (7, 30, 90):
        w = window(days, A)
        total, defects, hours = 0, [], []
        for m in messages:
            if m["nrn"] or not in_win(ctx.day(m["received"]), w):
                continue
            if m["responded"] is None and E - m["received"] <= day24:
                continue  # pending
            total += 1
            if m["responded"] is not None:
                hours.append((m["responded"] - m["received"]).total_seconds() / 3600)
                if m["responded"] - m["received"] > day24:
                    defects.append(m["id"])
            elif E - m["received"] > day24:
                defects.append(m["id"])
        e = {"metric": "response_time", "channel": "all", "window": win_json(w), "defects": len(defects),
             "total": total, "status": status_at_least(len(defects), total, Fraction(90, 100)),
             "items": sorted(defects),
             "average_response_hours": round(sum(hours) / len(hours), 4) if hours else None}
        headroom(e, "at_least", Fraction(90, 100))
        metrics.append(e)

    rank = {"no_data": 0, "good": 1, "warning": 2, "bad": 3}
    overall = max((m["status"] for m in metrics), key=lambda s: rank[s])

    # ---- act now: open orders, pending messages
    open_orders = []
    for i, o in sorted(orders.items()):
        if not o["mfn"] or o["cancelled"] or o["status"].lower().startswith("shipped") or o["ships"]:
            continue
        if "ship_by" not in o:
            continue
        ac = auto_cancel(o)
        state = "expired" if E > ac else "late" if E > o["ship_by"] else "due"
        open_orders.append({"order_id": i, "state": state})
    pending = sorted(m["id"] for m in messages
                     if not m["nrn"] and m["responded"] is None and m["received"] < E
                     and E - m["received"] <= day24)

    out = {"as_of": A.isoformat(), "timezone": tz, "orders": len(orders), "status": overall,
           "metrics": metrics, "open_orders": open_orders, "pending_messages": pending}
    return out, skipped, lsr_left_out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--as-of", default="2026-11-20")
    ap.add_argument("--tz", default="America/Los_Angeles")
    ap.add_argument("-o", "--output")
    ap.add_argument("--check", action="store_true", help="compare with DIR/expected.json (or ../expected.json)")
    ap.add_argument("--verbose", action="store_true", help="print skipped rows and left-out orders")
    a = ap.parse_args()
    out, skipped, left_out = compute(a.dir, dt.date.fromisoformat(a.as_of), a.tz)
    if a.verbose:
        for s in skipped:
            print("skipped:", s, file=sys.stderr)
        for i in sorted(set(left_out)):
            print("late shipment rate: Shipped without shipment row, left out:", i, file=sys.stderr)
    text = json.dumps(out, indent=1, ensure_ascii=False) + "\n"
    if a.check:
        for cand in (os.path.join(a.dir, "expected.json"), os.path.join(a.dir, "..", "expected.json")):
            if os.path.exists(cand):
                with open(cand) as f:
                    want = json.load(f)
                same = True
                for k in ("status", "orders", "open_orders", "pending_messages"):
                    if want.get(k) != out.get(k):
                        print(f"DIFF {k}: expected {want.get(k)!r} got {out.get(k)!r}")
                        same = False
                for wm, gm in zip(want["metrics"], out["metrics"]):
                    for k in wm:
                        if wm[k] != gm.get(k):
                            print(f"DIFF {wm['metric']} {wm['window']['days']} {wm['channel']} {k}: "
                                  f"expected {wm[k]!r} got {gm.get(k)!r}")
                            same = False
                print("OK: matches " + cand if same else "MISMATCH with " + cand)
                sys.exit(0 if same else 1)
        sys.exit("no expected.json found")
    if a.output:
        with open(a.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
