"""UCI Online Retail / Online Retail II invoice lines -> purchase events + a product catalog.

Each invoice line of a known customer becomes a `purchase` event. Products are the StockCodes that
were really sold: title = their most common description, price = their median unit price.
Postage, fees, manual adjustments and vouchers are bookkeeping lines, not products, so they never
reach the catalog or a user profile.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from assistant.shopdata.importers.clean import id_text, parse_number, per_unique, squash_space
from assistant.shopdata.importers.files import read_frame
from assistant.shopdata.importers.report import FileReport, ImportReport
from assistant.shopdata.importers.tables import finish_events, finish_products, is_in
from retrieval.types import DataError

# Both spellings (Online Retail II / classic Online Retail) -> our working names.
_COLUMNS = {
    "Invoice": "invoice", "InvoiceNo": "invoice", "StockCode": "stock_code", "Description": "description",
    "Quantity": "quantity", "InvoiceDate": "invoice_date", "Price": "price", "UnitPrice": "price",
    "Customer ID": "customer_id", "CustomerID": "customer_id",
}
_REQUIRED = ("invoice", "stock_code", "description", "quantity", "invoice_date", "price", "customer_id")
# Bookkeeping lines, checked against the data: postage (POST, DOT), carriage (C2), manual (M),
# discount (D), samples (S), bad debt (B), charity (CRUK), 0.001 filler (PADS), fees, adjustments,
# test items and gift vouchers (money, not goods to recommend).
NON_PRODUCT_CODES = r"^(POST|DOT|C2|M|D|S|B|CRUK|PADS|AMAZONFEE|BANK CHARGES|ADJUST\d*|TEST\d*|GIFT_\d+_\d+)$"


def import_uci_retail(paths: list[Path], report: ImportReport) -> dict[str, pd.DataFrame]:
    """Import one or more invoice files (parquet, csv or xlsx) in either column spelling."""
    lines = pd.concat([_read_invoices(path) for path in paths], ignore_index=True)
    event_report = report.file("events.csv")
    event_report.rows_read = len(lines)
    lines["stock_code"] = id_text(lines["stock_code"]).str.upper()
    sales = _valid_sales(lines, event_report)
    product_report = report.file("products.csv")
    products = finish_products(_products(lines, sales, product_report), product_report)
    events = finish_events(_events(sales, event_report), products["product_id"], event_report)
    report.note("UCI prices are in GBP; invoice times are UK local time, written as UTC")
    report.currency = "GBP"
    report.note("each invoice line is one purchase event; product price = median unit price paid")
    return {"products.csv": products, "events.csv": events}


def _read_invoices(path: Path) -> pd.DataFrame:
    raw = read_frame(path, strings=False).rename(columns=_COLUMNS)
    missing = [name for name in _REQUIRED if name not in raw.columns]
    if missing:
        spelled = sorted({theirs for theirs, ours in _COLUMNS.items() if ours in missing})
        raise DataError(str(path), f"not a UCI Online Retail file: missing columns {spelled}; "
                        f"found: {', '.join(map(str, raw.columns))}")
    return raw[list(_REQUIRED)]


def _valid_sales(lines: pd.DataFrame, report: FileReport) -> pd.DataFrame:
    """Lines that record a real sale of a real product (any customer, guests included)."""
    sales = report.drop(lines, lines["stock_code"] == "", "missing stock code")
    non_product = sales["stock_code"].str.match(NON_PRODUCT_CODES)
    sales = report.drop(sales, non_product, "non-product code (postage, fees, ...)")
    sales = sales.assign(quantity=parse_number(sales["quantity"]), price=parse_number(sales["price"]))
    cancelled = id_text(sales["invoice"]).str.upper().str.startswith("C") | (sales["quantity"] <= 0)
    sales = report.drop(sales, cancelled, "cancellation or return")
    sales = report.drop(sales, ~(sales["price"] > 0), "price missing or not positive")
    return sales


def _products(lines: pd.DataFrame, sales: pd.DataFrame, report: FileReport) -> pd.DataFrame:
    codes = pd.Series(lines["stock_code"][lines["stock_code"] != ""].unique())
    report.rows_read = len(codes)
    non_product = codes.str.match(NON_PRODUCT_CODES)
    report.drop(codes, non_product, "non-product code (postage, fees, ...)")
    unsold = ~non_product & ~is_in(codes, sales["stock_code"])
    report.drop(codes, unsold, "never sold (only cancellations or zero prices)")
    prices = sales.groupby("stock_code")["price"].median()
    return pd.DataFrame({
        "product_id": prices.index,
        "title": _titles(sales).reindex(prices.index).fillna("").to_numpy(),
        "price": prices.round(4).to_numpy(),
    })


def _titles(sales: pd.DataFrame) -> pd.Series:
    """Each code's most common description (ties: alphabetical); codes without one are absent."""
    # Count raw spellings first, clean the few thousand distinct ones, then merge what became equal.
    counts = sales.groupby(["stock_code", "description"], sort=False).size().rename("n").reset_index()
    counts["description"] = squash_space(counts["description"])
    counts = counts[counts["description"] != ""].groupby(["stock_code", "description"]).sum().reset_index()
    counts = counts.sort_values(["stock_code", "n", "description"], ascending=[True, False, True])
    return counts.drop_duplicates("stock_code").set_index("stock_code")["description"]


def _events(sales: pd.DataFrame, report: FileReport) -> pd.DataFrame:
    customer = parse_number(sales["customer_id"])
    known = report.drop(sales.assign(customer_id=customer), ~(customer > 0), "guest customer (no id)")
    # Parsed and formatted once per distinct invoice time (tens of thousands, not a million).
    when = per_unique(known["invoice_date"], _iso_utc, missing=None)
    known = report.drop(known.assign(invoice_date=when), when.isna(), "missing or unreadable invoice date")
    return pd.DataFrame({
        "user_id": id_text(known["customer_id"]),
        "product_id": known["stock_code"],
        "event": "purchase",
        "quantity": known["quantity"],
        "price": known["price"],
        "timestamp": known["invoice_date"],
    })


def _iso_utc(values: pd.Series) -> pd.Series:
    parsed = pd.to_datetime(values, errors="coerce")
    return parsed.dt.strftime("%Y-%m-%dT%H:%M:%SZ").astype(object).where(parsed.notna(), None)
