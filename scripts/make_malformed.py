#!/usr/bin/env python3
"""Writes fixtures/malformed/: one small file (or directory) per bad-input case of SPEC.md 2.1-2.5.

Deterministic: the same bytes on every run (gzip with mtime 0, PRNG with a fixed seed). Run from the
repository root:

    python3 scripts/make_malformed.py            # writes fixtures/malformed/
    python3 scripts/expected_demo.py fixtures/malformed/duplicates -o fixtures/malformed/duplicates/expected.json
    python3 scripts/expected_demo.py fixtures/malformed/orphans -o fixtures/malformed/orphans/expected.json

What each file is and the outcome SPEC.md requires is documented in fixtures/README.md.
"""
import gzip
import os
import random
import shutil
import struct
import sys
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "malformed")

ORDERS_HEADER = [
    "amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
    "fulfillment-channel", "sales-channel", "product-name", "sku", "quantity", "item-price",
    "is-buyer-requested-cancellation",
]


def orders_row(oid, purchase, status="Shipped", channel="Merchant", name="Personalized Photo Mug 11 oz",
               sku="SKU-MUG-01", updated=None, buyer_req="false"):
    return [oid, "", purchase, updated or purchase, status, channel, "Amazon.com", name, sku, "1", "19.99",
            buyer_req]


def tsv(rows, eol="\n"):
    return "".join("\t".join(r) + eol for r in rows)


def write(rel, data):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


def png_1x1():
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\xcc\x00", 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def main():
    # Rewrite what this script makes; keep hand-made cases (privacy/).
    keep = {"privacy"}
    if os.path.isdir(ROOT):
        for name in os.listdir(ROOT):
            if name in keep:
                continue
            path = os.path.join(ROOT, name)
            if os.path.isdir(path):
                shutil.rmtree(path)
            else:
                os.remove(path)
    os.makedirs(ROOT, exist_ok=True)

    # --- empty / header only / unknown kind
    write("empty.txt", b"")
    write("header-only.txt", tsv([ORDERS_HEADER]))
    write("unknown-header.txt", tsv([
        ["sku", "asin", "price", "quantity", "fulfillment-center-id"],
        ["SKU-MUG-01", "B07K1FNN7M", "19.99", "40", "PHX6"],
        ["SKU-PIL-12", "B074K5MDLW", "14.99", "12", "ONT8"],
    ]))
    write("unknown-header-only.txt", tsv([["sku", "asin", "price", "quantity", "fulfillment-center-id"]]))

    # --- random binary bytes (not gzip, no byte-order mark)
    rng = random.Random(20261120)
    blob = bytearray(rng.getrandbits(8) for _ in range(1024))
    blob[0:4] = b"\x00\x9c\xfa\x07"
    write("binary.bin.txt", bytes(blob))

    # --- a gzip file cut in the middle
    rows = [ORDERS_HEADER] + [
        orders_row(f"111-{4000000 + i:07d}-{7000000 + 37 * i:07d}", f"2026-11-{1 + i % 19:02d}T1{i % 10}:00:00+00:00")
        for i in range(60)
    ]
    full = gzip.compress(tsv(rows).encode("utf-8"), compresslevel=9, mtime=0)
    write("truncated.txt.gz", full[: len(full) // 2])

    # --- Windows-1252 orders file (é, ü, ™, and a curly quote)
    cp = tsv([
        ORDERS_HEADER,
        orders_row("113-1000001-2000001", "2026-11-16T18:00:00+00:00", name="Café Crème Mug 11 oz", sku="SKU-CAFE"),
        orders_row("113-1000002-2000002", "2026-11-17T18:00:00+00:00", name="Müsli Bowl, 2 pack", sku="SKU-BOWL"),
        orders_row("113-1000003-2000003", "2026-11-18T18:00:00+00:00", name="Acme™ USB-C Cable 10 ft", sku="SKU-USB-10"),
        orders_row("113-1000004-2000004", "2026-11-19T18:00:00+00:00", name="“Deluxe” Mug – 11 oz", sku="SKU-MUG-DLX"),
    ]).encode("cp1252")
    write("windows-1252.txt", cp)

    # --- Shift_JIS (Windows-31J) order report, Japanese product names, JP dates (y/m/d)
    jp_header = ["order-id", "order-item-id", "purchase-date", "payments-date", "buyer-email", "buyer-name", "sku",
                 "product-name", "quantity-purchased", "currency", "item-price", "latest-ship-date",
                 "latest-delivery-date", "ship-country"]
    jp = tsv([
        jp_header,
        ["250-1000001-2000001", "10000000000001", "2026-11-16T10:00:00+09:00", "2026-11-16T10:00:00+09:00",
         "buyer@marketplace.amazon.co.jp", "テスト 購入者", "SKU-MUG-01", "マグカップ 350ml ホワイト", "1", "JPY", "1980",
         "2026/11/18", "2026/11/21", "JP"],
        ["250-1000002-2000002", "10000000000002", "2026-11-17T15:30:00+09:00", "2026-11-17T15:30:00+09:00",
         "buyer@marketplace.amazon.co.jp", "テスト 購入者", "SKU-PIL-45", "クッション 45×45cm 【限定】", "1", "JPY", "2480",
         "26/11/19", "26/11/22", "JP"],
        ["250-1000003-2000003", "10000000000003", "2026-11-18T09:00:00+09:00", "2026-11-18T09:00:00+09:00",
         "buyer@marketplace.amazon.co.jp", "テスト 購入者", "SKU-USB-3M", "USB-Cケーブル ① 3m", "2", "JPY", "980",
         "2026/11/20", "2026/11/24", "JP"],
    ]).encode("cp932")
    write("shift-jis.txt", jp)

    # --- UTF-16LE with BOM
    u16 = tsv([
        ORDERS_HEADER,
        orders_row("114-2000001-3000001", "2026-11-16T18:00:00+00:00", name="Café Crème Mug 11 oz"),
        orders_row("114-2000002-3000002", "2026-11-17T18:00:00+00:00", channel="Amazon", name="Throw Pillow Insert 12\" x 18\", White"),
        orders_row("114-2000003-3000003", "2026-11-18T18:00:00+00:00", status="Unshipped", name="日本製 マグカップ"),
    ])
    write("utf16.txt", b"\xff\xfe" + u16.encode("utf-16-le"))

    # --- UTF-8 BOM and CRLF line ends; last column is the strict fulfillment-channel
    bom_header = ["amazon-order-id", "purchase-date", "order-status", "product-name", "fulfillment-channel"]
    bom = tsv([
        bom_header,
        ["112-3000001-4000001", "2026-11-16T18:00:00+00:00", "Shipped", "Café Crème Mug 11 oz", "Merchant"],
        ["112-3000002-4000002", "2026-11-17T18:00:00+00:00", "Shipped", "\"Deluxe\" Mug 11 oz", "Amazon"],
        ["112-3000003-4000003", "2026-11-18T18:00:00+00:00", "Unshipped", "USB-C Cable 10 ft", "Merchant"],
    ], eol="\r\n")
    write("bom-crlf.txt", b"\xef\xbb\xbf" + bom.encode("utf-8"))

    # --- rows with too many and too few cells
    cells_header = ["amazon-order-id", "purchase-date", "order-status", "fulfillment-channel", "product-name", "sku"]
    write("cells.txt", tsv([
        cells_header,
        ["111-5000001-6000001", "2026-11-16T18:00:00+00:00", "Shipped", "Merchant", "USB-C Cable 10 ft", "SKU-USB-10"],
        ["111-5000002-6000002", "2026-11-17T18:00:00+00:00", "Shipped", "Amazon"],
        ["111-5000003-6000003", "2026-11-17T19:00:00+00:00", "Shipped", "Merchant", "USB-C Cable 10 ft", "SKU-USB-10",
         "EXTRA", "CELLS"],
        ["111-5000004-6000004", "2026-11-18T18:00:00+00:00"],
        ["111-5000005-6000005"],
    ]))

    # --- unparseable / out-of-range / unknown values
    bad_header = ["amazon-order-id", "purchase-date", "last-updated-date", "order-status", "fulfillment-channel",
                  "product-name", "latest-ship-date", "cancelled-by", "is-buyer-requested-cancellation"]
    write("bad-values.txt", tsv([
        bad_header,
        ["111-6000001-7000001", "2026-11-16T18:00:00+00:00", "2026-11-17T18:00:00+00:00", "Shipped", "Merchant", "Mug", "2026-11-18T07:59:59+00:00", "", "false"],
        ["111-6000002-7000002", "yesterday", "2026-11-17T18:00:00+00:00", "Shipped", "Merchant", "Mug", "", "", "false"],
        ["111-6000003-7000003", "2026-11-16T18:00:00+00:00", "2026-11-17T18:00:00+00:00", "Shipped", "Drone", "Mug", "", "", "false"],
        ["111-6000004-7000004", "2026-11-16T18:00:00+00:00", "2026-11-17T18:00:00+00:00", "Cancelled", "Merchant", "Mug", "", "", "maybe"],
        ["111-6000005-7000005", "1999-11-16T18:00:00+00:00", "1999-11-17T18:00:00+00:00", "Shipped", "Merchant", "Mug", "", "", "false"],
        ["111-6000006-7000006", "2026-11-16T18:00:00+00:00", "2026-11-17T18:00:00+00:00", "Cancelled", "Merchant", "Mug", "", "warehouse", "false"],
        ["111-6000007-7000007", "2026-11-16T18:00:00+00:00", "2026-11-17T18:00:00+00:00", "Unshipped", "Merchant", "Mug", "2026-13-01", "", "false"],
        ["", "2026-11-16T18:00:00+00:00", "2026-11-17T18:00:00+00:00", "Shipped", "Merchant", "Mug", "", "", "false"],
        ["111-6000009-7000009", "2026-11-18 10:00:00", "2026-11-19", "Cancelled", "AFN", "Mug", "", "buyer", "Y"],
        ["111-6000010-7000010", "2026-11-18T10:00:00Z", "2026-11-19T10:00:00Z", "Cancelled", "mfn", "Mug", "2026-11-20", "Amazon", "0"],
    ]))

    # --- feedback ratings outside 1-5
    fb_header = ["Date", "Rating", "Comments", "Your Response", "Order ID", "Rater Email"]
    write("feedback-bad-rating.txt", tsv([
        fb_header,
        ["11/16/26", "5", "Great", "", "111-7000001-8000001", "x@marketplace.amazon.com"],
        ["11/17/26", "0", "Zero stars is not a rating", "", "111-7000002-8000002", "x@marketplace.amazon.com"],
        ["11/18/26", "6", "Six stars is not a rating", "", "111-7000003-8000003", "x@marketplace.amazon.com"],
        ["11/19/26", "4", "Good", "", "111-7000004-8000004", "x@marketplace.amazon.com"],
    ]))

    # --- messages: a response before its message, an empty received-at
    write("messages-bad.csv",
          "message-id,order-id,received-at,responded-at,no-response-needed\n"
          "M1,111-7100001-8100001,2026-11-18T09:00:00-08:00,2026-11-18T10:00:00-08:00,false\n"
          "M2,111-7100002-8100002,2026-11-18T12:00:00-08:00,2026-11-18T11:59:59-08:00,false\n"
          "M3,111-7100003-8100003,2026-11-19T09:00:00-08:00,2026-11-19T15:00:00-08:00,false\n"
          "M4,111-7100004-8100004,,2026-11-19T15:00:00-08:00,false\n"
          "M5,111-7100005-8100005,2026-11-19T10:00:00-08:00,,false\n")

    # --- the same orders in several files, duplicate rows
    d1, d2, d3, d4 = "112-8000001-9000001", "112-8000002-9000002", "112-8000003-9000003", "112-8000004-9000004"
    write("duplicates/all-orders-1.txt", tsv([
        ORDERS_HEADER,
        orders_row(d1, "2026-11-02T18:00:00+00:00", status="Unshipped", name="Personalized Photo Mug 11 oz"),
        orders_row(d1, "2026-11-02T18:00:00+00:00", status="Unshipped", name="USB-C Cable 10 ft", sku="SKU-USB-10"),
        orders_row(d2, "2026-11-15T17:00:00+00:00", status="Pending"),
        orders_row(d3, "2026-11-03T20:00:00+00:00", channel="Amazon"),
        orders_row(d3, "2026-11-03T20:00:00+00:00", channel="Amazon"),
    ]))
    write("duplicates/all-orders-2.txt", tsv([
        ORDERS_HEADER,
        orders_row(d1, "2026-11-02T18:00:00+00:00", status="Shipped", name="Personalized Photo Mug 11 oz", updated="2026-11-03T22:00:00+00:00"),
        orders_row(d1, "2026-11-02T18:00:00+00:00", status="Shipped", name="USB-C Cable 10 ft", sku="SKU-USB-10", updated="2026-11-03T22:00:00+00:00"),
        orders_row(d2, "2026-11-15T17:00:00+00:00", status="Cancelled", updated="2026-11-15T19:00:00+00:00"),
        orders_row(d4, "2026-11-18T16:00:00+00:00"),
    ]))
    rep_header = ["order-id", "order-item-id", "purchase-date", "buyer-email", "buyer-name", "sku", "product-name",
                  "quantity-purchased", "latest-ship-date", "latest-delivery-date"]
    rep_d4 = [d4, "40000000000004", "2026-11-18T08:00:00-08:00", "buyer@marketplace.amazon.com", "Pat Buyer",
              "SKU-MUG-01", "Personalized Photo Mug 11 oz", "1", "2026-11-21T07:59:59+00:00", "2026-11-25T07:59:59+00:00"]
    write("duplicates/order-report.txt", tsv([
        rep_header,
        [d1, "40000000000001", "2026-11-02T10:00:00-08:00", "buyer@marketplace.amazon.com", "Pat Buyer", "SKU-MUG-01",
         "Personalized Photo Mug 11 oz", "1", "2026-11-05T07:59:59+00:00", "2026-11-10T07:59:59+00:00"],
        [d1, "40000000000002", "2026-11-02T10:00:00-08:00", "buyer@marketplace.amazon.com", "Pat Buyer", "SKU-USB-10",
         "USB-C Cable 10 ft", "1", "2026-11-05T07:59:59+00:00", "2026-11-10T07:59:59+00:00"],
        [d2, "40000000000003", "2026-11-15T09:00:00-08:00", "buyer@marketplace.amazon.com", "Pat Buyer", "SKU-MUG-01",
         "Personalized Photo Mug 11 oz", "1", "2026-11-18T07:59:59+00:00", "2026-11-22T07:59:59+00:00"],
        rep_d4,
        rep_d4,
    ]))
    ship_d1 = [d1, "", "", "2026-11-03T12:00:00-08:00", "UPS", "", "1Z8W7V6U5T4S3R2Q1P", "Ground"]
    write("duplicates/ship-confirm.txt", tsv([
        ["order-id", "order-item-id", "quantity", "ship-date", "carrier-code", "carrier-name", "tracking-number", "ship-method"],
        ship_d1,
        [d4, "", "", "2026-11-19T09:00:00-08:00", "USPS", "", "9400111899223344556677", "Priority Mail"],
        ship_d1,
    ]))
    fb_d1 = ["11/12/26", "1", "Broken on arrival", "", d1, "x@marketplace.amazon.com"]
    write("duplicates/feedback.txt", tsv([fb_header, fb_d1, fb_d1]))

    # --- feedback, claims and shipments for orders absent from every orders file
    p1, p2 = "113-8100001-9100001", "113-8100002-9100002"
    q1, q2, q3, q4, q5 = ("113-8200001-9200001", "113-8200002-9200002", "113-8200003-9200003",
                          "113-8200004-9200004", "113-8200005-9200005")
    write("orphans/all-orders.txt", tsv([
        ORDERS_HEADER,
        orders_row(p1, "2026-10-20T18:00:00+00:00", updated="2026-10-21T20:00:00+00:00"),
        orders_row(p2, "2026-10-25T18:00:00+00:00", channel="Amazon"),
    ]))
    write("orphans/ship-confirm.txt", tsv([
        ["order-id", "order-item-id", "quantity", "ship-date", "carrier-code", "carrier-name", "tracking-number", "ship-method"],
        [p1, "", "", "2026-10-21T12:00:00-07:00", "UPS", "", "1Z1A2B3C4D5E6F7G8H", "Ground"],
        [q1, "", "", "2026-11-10T12:00:00-08:00", "USPS", "", "TBD", "Priority Mail"],
        [q2, "", "", "2026-11-12T12:00:00-08:00", "Amazon", "", "TBA123456789012", "Standard"],
    ]))
    write("orphans/feedback.txt", tsv([
        fb_header,
        ["10/28/26", "5", "Great", "", p1, "x@marketplace.amazon.com"],
        ["10/29/26", "1", "Terrible", "", q3, "x@marketplace.amazon.com"],
        ["10/30/26", "2", "Poor", "", q4, "x@marketplace.amazon.com"],
    ]))
    write("orphans/claims.csv",
          "order-id,claim-type,claim-date,claim-status,reason\n"
          f"{q5},a-to-z,2026-11-02,,Item not received\n"
          f"{p2},chargeback,2026-11-03,denied,Not as described\n")

    # --- feedback report with a German header, DE dates (day.month.year)
    write("translated-feedback.txt", tsv([
        ["Datum", "Bewertung", "Kommentare", "Ihre Antwort", "Bestellnummer", "E-Mail-Adresse des Bewerters"],
        ["20.10.26", "5", "Schnelle Lieferung, alles bestens", "", "302-1000001-2000001", "x@marketplace.amazon.de"],
        ["15.11.26", "1", "Artikel beschädigt angekommen", "Das tut uns leid!", "302-1000002-2000002", "x@marketplace.amazon.de"],
        ["05.11.26", "2", "Falsche Größe", "", "302-1000003-2000003", "x@marketplace.amazon.de"],
        ["01.11.26", "4", "Gut", "", "302-1000004-2000004", "x@marketplace.amazon.de"],
    ]))

    # --- shipping confirmation upload template (the published layout: TemplateType line, a human-readable
    # header in the marketplace's language, the machine header, then rows)
    write("template.txt", tsv([
        ["TemplateType=OrderFulfillment", "Version=2011.1102",
         "This row for Amazon.com use only.  Do not modify or delete.", "", "", "", "", "", ""],
        ["注文番号", "注文商品番号", "出荷数", "出荷日", "配送業者コード", "配送業者名", "お問い合わせ伝票番号", "配送方法", "代金引換"],
        ["order-id", "order-item-id", "quantity", "ship-date", "carrier-code", "carrier-name", "tracking-number",
         "ship-method", "cod-collection-method"],
        ["111-9000001-1000001", "", "", "2026-11-18", "UPS", "", "1Z9X8W7V6U5T4S3R2Q", "Ground", ""],
        ["111-9000002-1000002", "", "", "2026-11-18", "USPS", "", "9400111899223344550001", "Priority Mail", ""],
        ["111-9000003-1000003", "", "", "2026-11-19", "Other", "OnTrac", "C12345678901234", "Ground", ""],
    ]))

    # --- a tab-delimited file whose product name opens a quote that never closes
    write("quote-in-tsv.txt", tsv([
        ORDERS_HEADER,
        orders_row("111-9100001-1100001", "2026-11-16T18:00:00+00:00", name="\"Deluxe Mug 11 oz, never closed"),
        orders_row("111-9100002-1100002", "2026-11-16T19:00:00+00:00", name="Throw Pillow Insert 12\" x 18\", White"),
        orders_row("111-9100003-1100003", "2026-11-17T18:00:00+00:00", name="USB-C Cable 10 ft"),
        orders_row("111-9100004-1100004", "2026-11-18T18:00:00+00:00", name="\"", sku="SKU-QUOTE"),
        orders_row("111-9100005-1100005", "2026-11-19T18:00:00+00:00", name="Classic Bucket Hat, Cotton"),
    ]))

    # --- a comma file with an unterminated quote (helpdesk export: aliases ticket-id / created-at /
    # first-response-at, an unknown `subject` column, a properly quoted multi-line subject first)
    write("unterminated-quote.csv",
          "ticket-id,order-id,subject,created-at,first-response-at\n"
          "T-1001,111-9200001-1200001,Where is my order?,2026-11-18T09:00:00-08:00,2026-11-18T10:00:00-08:00\n"
          "T-1002,111-9200002-1200002,\"Damaged\nitem, please help\",2026-11-18T11:00:00-08:00,2026-11-18T12:00:00-08:00\n"
          "T-1003,111-9200003-1200003,\"Refund \"\"now\"\" please,2026-11-19T08:00:00-08:00,\n"
          "T-1004,111-9200004-1200004,Thanks,2026-11-19T09:00:00-08:00,2026-11-19T09:30:00-08:00\n"
          "T-1005,111-9200005-1200005,Gift wrap,2026-11-19T10:00:00-08:00,2026-11-19T10:30:00-08:00\n")

    # --- a directory with a valid report, an unrelated text file and a picture
    write("stray-dir/all-orders.txt", tsv([
        ORDERS_HEADER,
        orders_row("114-9300001-1300001", "2026-11-16T18:00:00+00:00"),
        orders_row("114-9300002-1300002", "2026-11-17T18:00:00+00:00", channel="Amazon"),
        orders_row("114-9300003-1300003", "2026-11-18T18:00:00+00:00", status="Unshipped"),
    ]))
    write("stray-dir/notes.txt",
          "Things to do this week\n"
          "- reorder mugs from the supplier\n"
          "- call the carrier about the lost parcel\n"
          "- update holiday handling time\n")
    write("stray-dir/picture.png", png_1x1())

    # --- a directory holding no report at all
    write("no-reports-dir/README.md", "# Nothing here\n\nThis folder holds no report file (only this `.md`).\n")


if __name__ == "__main__":
    sys.exit(main())
