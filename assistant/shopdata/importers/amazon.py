"""Amazon Review Data (2018): `meta_*.json(.gz)` + ratings CSV (or reviews JSON) -> products + ratings.

The metadata is a scrape: most titles are cut-off HTML (`<span class="a-size-medium ...`), prices are
mostly page CSS, and items repeat. Titles are rebuilt from the description (first sentence) or from
brand and format, because a product a shopper cannot name is useless to a conversational assistant.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from assistant.shopdata.importers.clean import as_text, first_sentence, strip_html
from assistant.shopdata.importers.files import peek_text, read_frame
from assistant.shopdata.importers.report import FileReport, ImportReport
from assistant.shopdata.importers.tables import finish_products, finish_ratings
from retrieval.types import DataError

_RATING_NAMES = ["product_id", "user_id", "rating", "timestamp"]  # UCSD "ratings only" column order
_REVIEW_FIELDS = {
    "asin": "product_id", "reviewerID": "user_id", "overall": "rating", "unixReviewTime": "timestamp",
}
# Descriptions often open with the product's name: up to 7 capitalised words (joined by "and", "of",
# "&" ...), an optional "magazine", then a verb such as "is", "offers", "brings".
_WORD = r"[A-Z0-9][\w'’&.\-]*"
_LINK = r"(?:and|of|the|&|for|in|de|du|la|le|on|to|with|-|–)"
_VERB = (
    r"is|are|was|has|will|helps|brings|offers|makes|focuses|celebrates|recalls|draws|sets|covers|includes|"
    r"features|provides|gives|delivers|lets|reports|explores|presents|showcases|keeps|publishes|serves|"
    r"contains|examines|takes|tells|shows|caters|highlights|informs|inspires|combines|remains|continues"
)
_NAME_THEN_VERB = (
    rf"^({_WORD}(?:\s+(?:{_LINK}\s+)?{_WORD}){{0,6}})(?:,? the magazine|,? [Mm]agazine)?\s+(?:{_VERB})\b"
)
_NOT_A_NAME = frozenset({
    "this", "it", "a", "an", "each", "every", "our", "your", "its", "here", "there", "that", "who", "what",
    "in", "for", "with", "since", "magazine", "monthly", "weekly", "bi-monthly", "quarterly", "published",
})


def import_amazon(paths: list[Path], report: ImportReport) -> dict[str, pd.DataFrame]:
    """Import one category: any number of meta files plus ratings CSVs and/or review JSON files.

    Which file is which is sniffed from its content, not its name.
    """
    kinds = {path: _sniff(path) for path in paths}
    metas = [p for p, kind in kinds.items() if kind == "meta"]
    if not metas:
        raise DataError(str(paths[0]), "amazon2018 import needs a meta_*.json(.gz) file (the product titles)")
    product_report = report.file("products.csv")
    raw = pd.concat([read_frame(p) for p in metas], ignore_index=True)
    product_report.rows_read = len(raw)
    # Deduplicated before titles are rebuilt, so the fix counts describe kept products only.
    raw = product_report.drop(raw, raw["asin"].duplicated(), "duplicate product id (first kept)")
    products = finish_products(_products(raw, product_report), product_report)
    _note_prices(products, report)
    frames = {"products.csv": products}
    rating_paths = [p for p, kind in kinds.items() if kind != "meta"]
    if rating_paths:
        ratings = pd.concat([_read_ratings(p, kinds[p]) for p in rating_paths], ignore_index=True)
        rating_report = report.file("ratings.csv")
        rating_report.rows_read = len(ratings)
        frames["ratings.csv"] = finish_ratings(ratings, products["product_id"], rating_report)
    return frames


def _sniff(path: Path) -> str:
    head = peek_text(path).lstrip()
    if not head.startswith("{"):
        return "ratings"
    first_line = head.split("\n", 1)[0]
    return "reviews" if '"reviewerID"' in first_line and '"overall"' in first_line else "meta"


def _read_ratings(path: Path, kind: str) -> pd.DataFrame:
    if kind == "reviews":
        raw = read_frame(path)
        missing = sorted(set(_REVIEW_FIELDS) - set(raw.columns))
        if missing:
            raise DataError(str(path), f"review file lacks fields {missing}")
        return raw[list(_REVIEW_FIELDS)].rename(columns=_REVIEW_FIELDS)
    raw = read_frame(path, header=None)
    if raw.shape[1] != 4:
        raise DataError(str(path), f"expected 4 columns (item,user,rating,timestamp), found {raw.shape[1]}")
    raw.columns = _RATING_NAMES
    if len(raw) and pd.isna(pd.to_numeric(raw["rating"].iloc[0], errors="coerce")):
        raw = raw.iloc[1:]  # a header line, not a rating
    return raw


def _products(raw: pd.DataFrame, report: FileReport) -> pd.DataFrame:
    details = _column(raw, "details").map(lambda d: d if isinstance(d, dict) else {})
    levels = _clean_lists(_column(raw, "category"))
    brand = strip_html(_column(raw, "brand"))
    publisher = strip_html(details.map(lambda d: d.get("Publisher:", "")))
    report.fixed((brand == "") & (publisher != ""), "brand taken from publisher")
    brand = brand.where(brand != "", publisher)
    description = _clean_lists(_column(raw, "description")).map(" ".join)
    products = pd.DataFrame({
        "product_id": _column(raw, "asin"),
        "title": strip_html(_column(raw, "title")),
        "price": as_text(_column(raw, "price")).str.extract(r"^\s*(\$\s*[\d,]+(?:\.\d+)?)", expand=False),
        "description": description,
        "category": levels.map(lambda path: path[-1] if path else ""),
        "brand": brand,
        "image_url": _first_image(raw),
        "format": strip_html(details.map(lambda d: d.get("Format:", ""))),
        "category_path": levels.map(" > ".join),
    })
    products["title"] = _rebuild_titles(products, report)
    return products


def _rebuild_titles(products: pd.DataFrame, report: FileReport) -> pd.Series:
    """Replace empty (broken-HTML) titles: name from the description, its first sentence, or a label."""
    title = products["title"]
    missing = title == ""
    name = _leading_name(products["description"])
    use_name = missing & (name != "")
    report.fixed(use_name, "title = name that opens the description (scraped title was broken HTML)")
    sentence = first_sentence(products["description"])
    use_sentence = missing & ~use_name & (sentence != "")
    report.fixed(use_sentence, "title = first sentence of the description (scraped title was broken HTML)")
    label = (products["brand"] + " " + products["format"]).str.strip()
    label = label.where(products["category"] == "", label + " – " + products["category"]).str.strip(" –")
    use_label = missing & ~use_name & ~use_sentence & (products["brand"] != "")
    report.fixed(use_label, "title = brand, format and category (no title or description)")
    return title.where(~use_name, name).where(~use_sentence, sentence).where(~use_label, label)


def _leading_name(description: pd.Series) -> pd.Series:
    """The name a description opens with: "Car and Driver is for ..." -> "Car and Driver"; else ""."""
    name = description.str.extract(_NAME_THEN_VERB, expand=False).fillna("")
    first_word = name.str.split(n=1).str[0].fillna("")
    return name.where(~first_word.str.lower().isin(_NOT_A_NAME), "")


def _note_prices(products: pd.DataFrame, report: ImportReport) -> None:
    priced = int(products["price"].notna().sum())
    report.note(f"Amazon metadata has a usable price for {priced} of {len(products)} products (rest empty)")
    report.currency = "USD"  # amazon.com listings


def _column(raw: pd.DataFrame, name: str) -> pd.Series:
    return raw[name] if name in raw else pd.Series(np.nan, index=raw.index, dtype=object)


def _clean_lists(series: pd.Series) -> pd.Series:
    """Each list field with HTML removed and empty parts dropped (a plain string counts as one part).

    Exploded into one long Series and cleaned in one pass, then regrouped: cleaning per row would
    call pandas once per product.
    """
    parts = series.map(_as_list).explode()
    cleaned = strip_html(parts)
    cleaned = cleaned[cleaned != ""]
    grouped = cleaned.groupby(level=0, sort=False).agg(list).reindex(series.index)
    return grouped.map(lambda value: value if isinstance(value, list) else [])


def _as_list(value: object) -> list[object]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple | np.ndarray):
        return list(value)
    return []


def _first_image(raw: pd.DataFrame) -> pd.Series:
    # High-resolution first: the thumbnails in imageURL are 38x50 pixels.
    images = _column(raw, "imageURLHighRes").map(_first)
    return images.where(images != "", _column(raw, "imageURL").map(_first))


def _first(value: object) -> str:
    if isinstance(value, list | tuple | np.ndarray) and len(value) and isinstance(value[0], str):
        return value[0]
    return ""
