"""Importers: messy sources in, clean shopassist CSVs out, every removed row counted by reason.

Synthetic files (written in tmp_path) pin the exact counts for each messy case; the real public
data sets in ../shared/data (skipped when absent) check the counts are sane at full scale and that
every output passes the catalog/ratings/events validators.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assistant.shopdata.atomic import atomic_output, atomic_write_bytes, atomic_write_text, write_csv_atomic
from assistant.shopdata.importers import FORMATS, ImportReport, import_dataset
from assistant.shopdata.importers import files as import_files
from assistant.shopdata.interactions import load_events, load_ratings
from assistant.shopdata.load import load_shop
from retrieval.catalog import load_catalog
from retrieval.types import DataError

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
def needs_real_data(test):
    """Marked `real_data`, and skipped with the reason where the data sets are absent."""
    skip = pytest.mark.skipif(not DATA.is_dir(), reason=f"real data sets not found at {DATA}")
    return pytest.mark.real_data(skip(test))


def check_invariant(report: ImportReport) -> None:
    for name, file_report in report.files.items():
        assert file_report.rows_read == file_report.rows_kept + file_report.rows_dropped, name


def read_out(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def validate_outputs(out: Path, scale: tuple[float, float] = (1, 5)) -> dict[str, int]:
    """Load every output with the project's own validators; return their row counts."""
    catalog = load_catalog(out / "products.csv")
    counts = {"products": len(catalog)}
    if (out / "ratings.csv").exists():
        counts["ratings"] = len(load_ratings(out / "ratings.csv", catalog["product_id"], scale))
    if (out / "events.csv").exists():
        counts["events"] = len(load_events(out / "events.csv", catalog["product_id"]))
    return counts


# ---------------------------------------------------------------------------------------------- atomic


def test_atomic_writes_replace_whole_files(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    atomic_write_text(target, "old")
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # not mkstemp's private mode
    frame = pd.DataFrame({"product_id": ["1", "2"], "price": [1.5, np.nan]})
    write_csv_atomic(frame, tmp_path / "p.csv")
    assert (tmp_path / "p.csv").read_text() == "product_id,price\n1,1.5\n2,\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "p.csv"]


def test_atomic_write_failure_keeps_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    atomic_write_text(target, "old")
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("crash mid-write")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


# ------------------------------------------------------------------------------------------- movielens


def write_movielens(folder: Path) -> Path:
    folder.mkdir()
    flags = {1: [0, 0, 0, 1, 1, 1] + [0] * 13, 2: [0, 1, 1] + [0] * 16, 3: [1] + [0] * 18}
    items = [
        f"1|Toy Story (1995)|01-Jan-1995||http://imdb/1|{'|'.join(map(str, flags[1]))}",
        f"2|Amélie (2001)|01-Jan-2001||http://imdb/2|{'|'.join(map(str, flags[2]))}",
        f"3|unknown||||{'|'.join(map(str, flags[3]))}",
    ]
    (folder / "u.item").write_bytes("\n".join(items).encode("latin-1") + b"\n")
    rows = ["196\t1\t3\t881250949", "196\t1\t3\t881250949", "22\t2\t5\t878887116", "5\t3\t4\t880606923",
            "7\t99\t4\t880606923"]
    (folder / "u.data").write_text("\n".join(rows) + "\n")
    return folder


def test_movielens_products_have_genres_and_no_price(tmp_path: Path) -> None:
    report = import_dataset("movielens", [write_movielens(tmp_path / "ml")], tmp_path / "out")
    check_invariant(report)
    products = report.files["products.csv"]
    assert (products.rows_read, products.rows_kept, products.dropped) == (3, 2, {"missing title": 1})
    ratings = report.files["ratings.csv"]
    assert ratings.rows_kept == 2
    assert ratings.dropped == {"unknown product": 2, "exact duplicate rating": 1}
    assert "MovieLens has no prices: price left empty" in report.notes
    out = read_out(tmp_path / "out" / "products.csv")
    assert out["title"].tolist() == ["Toy Story (1995)", "Amélie (2001)"]
    assert out["price"].tolist() == ["", ""]
    assert out["category"].tolist() == ["Animation", "Action"]
    assert out["genres"].tolist() == ["Animation, Children's, Comedy", "Action, Adventure"]
    assert out["year"].tolist() == ["1995", "2001"]
    assert validate_outputs(tmp_path / "out") == {"products": 2, "ratings": 2}


# ------------------------------------------------------------------------------------------ amazon2018


def meta_record(asin: str, title: str, **fields: object) -> dict[str, object]:
    record: dict[str, object] = {"asin": asin, "title": title, "brand": "", "description": [], "category": [],
                                 "price": "", "imageURL": [], "imageURLHighRes": [],
                                 "details": {"Format:": "Print Magazine"}}
    record.update(fields)
    return record


def write_amazon(folder: Path) -> list[Path]:
    folder.mkdir()
    span = '<span class="a-size-medium a-color-secondary"'
    records = [
        meta_record("A1", span, brand="Conde Nast", description=["Allure is the beauty expert. Tips.", ""],
                    category=["Magazine Subscriptions", "Fashion &amp; Style", "Women"],
                    imageURL=["http://img/small.jpg"], imageURLHighRes=["http://img/big.jpg"]),
        meta_record("A2", "Tom &amp; Jerry <b>Weekly</b>", price="$12.99", imageURL=["http://img/a2.jpg"]),
        meta_record("A2", "a duplicate line of A2"),
        meta_record("A3", ' Magazines" />', brand="Future Publishing",
                    category=["Magazine Subscriptions", "Science"], price=".a-box{color:#fff}"),
        meta_record("A4", span, description=["written by and for musicians; covers styles and more."]),
        meta_record("A5", span),  # nothing to build a title from
    ]
    meta = folder / "meta_Test.json.gz"
    with gzip.open(meta, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(r) for r in records) + "\n")
    ratings = folder / "Test.csv.gz"
    rows = ["A1,U1,5.0,1005177600", "A1,U1,5.0,1005177600", "A2,U1,4.0,1100000000", "A2,U1,2.0,1200000000",
            "A9,U2,3.0,1000000000", "A3,U3,7.0,1000000000", "A4,U4,1.0,"]
    with gzip.open(ratings, "wt") as handle:
        handle.write("\n".join(rows) + "\n")
    return [ratings, meta]  # ratings first: which file is which is sniffed, not positional


def test_amazon_rebuilds_broken_titles_and_cleans_ratings(tmp_path: Path) -> None:
    report = import_dataset("amazon2018", write_amazon(tmp_path / "az"), tmp_path / "out")
    check_invariant(report)
    products = report.files["products.csv"]
    assert products.dropped == {"duplicate product id (first kept)": 1, "missing title": 1}
    assert products.rows_kept == 4
    assert len(products.cleaned) == 3 and set(products.cleaned.values()) == {1}
    out = read_out(tmp_path / "out" / "products.csv").set_index("product_id")
    assert out.loc["A1", "title"] == "Allure"
    assert out.loc["A2", "title"] == "Tom & Jerry Weekly"
    assert out.loc["A3", "title"] == "Future Publishing Print Magazine – Science"
    assert out.loc["A4", "title"] == "written by and for musicians; covers styles and more."
    assert out.loc["A1", "category"] == "Women"
    assert out.loc["A1", "category_path"] == "Magazine Subscriptions > Fashion & Style > Women"
    assert out.loc["A1", "description"] == "Allure is the beauty expert. Tips."
    assert out.loc["A1", "image_url"] == "http://img/big.jpg" and out.loc["A2", "image_url"] == "http://img/a2.jpg"
    assert out["price"].tolist() == ["", "12.99", "", ""]
    ratings = report.files["ratings.csv"]
    assert ratings.dropped == {
        "rating missing or outside 1..5": 1, "unknown product": 1, "exact duplicate rating": 1,
        "older rating by the same user for the same product": 1,
    }
    kept = read_out(tmp_path / "out" / "ratings.csv")
    assert kept[kept["product_id"] == "A2"]["rating"].tolist() == ["2"]  # the later one
    assert validate_outputs(tmp_path / "out") == {"products": 4, "ratings": 3}


def test_amazon_reads_review_json_and_needs_meta(tmp_path: Path) -> None:
    paths = write_amazon(tmp_path / "az")
    reviews = tmp_path / "az" / "reviews.json"
    reviews.write_text(json.dumps({"reviewerID": "U9", "asin": "A1", "overall": 4.0,
                                   "unixReviewTime": 1500000000, "reviewText": "ok"}) + "\n")
    report = import_dataset("amazon2018", [paths[1], reviews], tmp_path / "out")
    assert report.files["ratings.csv"].rows_kept == 1
    with pytest.raises(DataError, match="meta"):
        import_dataset("amazon2018", [paths[0]], tmp_path / "out2")


# ------------------------------------------------------------------------------- csv, bigbasket, sephora


def test_generic_csv_with_mapping_cleans_and_keeps_attributes(tmp_path: Path) -> None:
    source = tmp_path / "shop.csv"
    source.write_text(
        "sku,name,cost,maker,rating,material,Unnamed: 7,\n"
        "1,<b>Trail</b> Runner &amp; Co,\"$1,299.00\", Asics ,4.5,mesh,,\n"
        "2,,10,Nike,4,cotton,,\n"
        "1,Duplicate,5,Asics,4,mesh,,\n"
        "3,Gift card,free,Acme,,paper,,\n"
        "4,Broken price,-3,Acme,,paper,,x\n"
    )
    mapping = {"product_id": "sku", "title": "name", "price": "cost", "brand": "maker"}
    report = import_dataset("csv", [source], tmp_path / "out", mapping)
    check_invariant(report)
    products = report.files["products.csv"]
    assert products.dropped == {"missing title": 1, "duplicate product id (first kept)": 1}
    assert products.cleaned == {"unparseable price left empty": 1, "non-positive price left empty": 1}
    assert any("Unnamed: 7" in note for note in report.notes)
    out = read_out(tmp_path / "out" / "products.csv")
    assert list(out.columns) == ["product_id", "title", "price", "brand", "source_rating", "material"]
    assert out["title"].tolist() == ["Trail Runner & Co", "Gift card", "Broken price"]
    assert out["price"].tolist() == ["1299.0", "", ""]
    assert out["brand"].tolist() == ["Asics", "Acme", "Acme"]
    assert validate_outputs(tmp_path / "out") == {"products": 3}


def test_bigbasket_preset(tmp_path: Path) -> None:
    source = tmp_path / "bb.csv"
    source.write_text(
        "index,product,category,sub_category,brand,sale_price,market_price,type,rating,,\n"
        "1,Garlic Oil,Beauty & Hygiene,Hair Care,Sri Sri ,220,220,Hair Oil,4.1,,4.1\n"
        "2,,Beverages,Tea,Tata,50,60,Tea Bags,,,\n"
    )
    report = import_dataset("bigbasket", [source], tmp_path / "out")
    check_invariant(report)
    assert report.files["products.csv"].dropped == {"missing title": 1}
    assert any("INR" in note for note in report.notes)
    out = read_out(tmp_path / "out" / "products.csv")
    columns = ["title", "price", "brand", "category", "rating", "sub_category", "type"]
    assert out.iloc[0][columns].tolist() == [
        "Garlic Oil", "220.0", "Sri Sri", "Beauty & Hygiene", "4.1", "Hair Care", "Hair Oil"]
    assert validate_outputs(tmp_path / "out") == {"products": 1}
    assert load_shop(tmp_path / "out").currency == "INR"  # shop.json: BigBasket prices are rupees


def test_import_currency_is_written_overridden_and_checked(tmp_path: Path) -> None:
    source = tmp_path / "shop.csv"
    source.write_text("sku,name,cost\n1,Kettle,20\n")
    mapping = {"product_id": "sku", "title": "name", "price": "cost"}
    out = tmp_path / "out"
    import_dataset("csv", [source], out, mapping)
    assert not (out / "shop.json").exists() and load_shop(out).currency == "USD"  # nothing said: dollars
    report = import_dataset("csv", [source], out, mapping, currency="eur")
    assert report.currency == "EUR" and json.loads((out / "shop.json").read_text()) == {"currency": "EUR"}
    with pytest.raises(DataError, match="unknown currency 'euros'"):
        import_dataset("csv", [source], out, mapping, currency="euros")
    assert load_shop(out).currency == "EUR"  # the refused import left the earlier set as it was
    import_dataset("csv", [source], out, mapping)
    assert not (out / "shop.json").exists()  # a new import without a currency does not keep the old one


def test_sephora_preset_inverts_out_of_stock(tmp_path: Path) -> None:
    source = tmp_path / "sephora.csv"
    source.write_text(
        "product_id,product_name,brand_name,rating,reviews,price_usd,,,out_of_stock,primary_category,"
        "secondary_category\n"
        "P1,Eau de Parfum,19-69,4.25,16,195,,,0,Fragrance,Women\n"
        "P2,Lip Oil,Dior,,,38,,,1,Makeup,Lip\n"
    )
    report = import_dataset("sephora", [source], tmp_path / "out")
    out = read_out(tmp_path / "out" / "products.csv")
    assert out["in_stock"].tolist() == ["true", "false"]
    assert out["review_count"].tolist() == ["16", ""]
    assert out["secondary_category"].tolist() == ["Women", "Lip"]
    assert report.files["products.csv"].rows_kept == 2
    catalog = load_catalog(tmp_path / "out" / "products.csv")
    assert catalog["in_stock"].tolist() == [True, False]


# ------------------------------------------------------------------------------------------ uci-retail


UCI_ROWS = [  # invoice, stock code, description, quantity, date, unit price, customer
    ("536365", "85123A", "WHITE HEART HOLDER", 6, "2010-12-01 08:26:00", 2.55, 17850.0),
    ("536366", "85123A", " WHITE  HEART HOLDER ", 2, "2010-12-01 09:00:00", 2.95, 17850.0),
    ("536367", "85123A", "white heart", 1, "2010-12-02 10:00:00", 3.00, 13047.0),
    ("C536368", "85123A", "WHITE HEART HOLDER", -1, "2010-12-02 11:00:00", 2.55, 17850.0),  # cancellation
    ("536369", "71053", "WHITE METAL LANTERN", -2, "2010-12-02 12:00:00", 3.39, 17850.0),  # return
    ("536370", "71053", "WHITE METAL LANTERN", 4, "2010-12-03 12:00:00", 3.39, np.nan),  # guest
    ("536371", "71053", "WHITE METAL LANTERN", 4, "2010-12-03 13:00:00", 3.39, 0.0),  # guest (0)
    ("536372", "POST", "POSTAGE", 1, "2010-12-03 14:00:00", 18.0, 12583.0),  # not a product
    ("536373", "22041", "?", 5, "2010-12-03 15:00:00", 0.0, 12583.0),  # zero price
    ("536374", None, "NO CODE", 1, "2010-12-03 16:00:00", 1.0, 12583.0),  # no stock code
    ("536375", "84029E", None, 1, "2010-12-04 16:00:00", 1.0, 12583.0),  # never described
]


def uci_frame(classic: bool) -> pd.DataFrame:
    names = (["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"]
             if classic else ["Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "Price",
                              "Customer ID"])
    return pd.DataFrame(UCI_ROWS, columns=names).assign(Country="United Kingdom")


@pytest.mark.parametrize("classic", [False, True])
def test_uci_retail_events_and_products(tmp_path: Path, classic: bool) -> None:
    source = tmp_path / ("retail.csv" if classic else "retail.parquet")
    frame = uci_frame(classic)
    frame.to_csv(source, index=False) if classic else frame.to_parquet(source)
    report = import_dataset("uci-retail", [source], tmp_path / "out")
    check_invariant(report)
    events = report.files["events.csv"]
    assert events.dropped == {
        "missing stock code": 1, "non-product code (postage, fees, ...)": 1, "cancellation or return": 2,
        "price missing or not positive": 1, "guest customer (no id)": 2, "unknown product": 1,
    }
    assert events.rows_kept == 3
    products = report.files["products.csv"]
    assert products.dropped == {"non-product code (postage, fees, ...)": 1,
                                "never sold (only cancellations or zero prices)": 1, "missing title": 1}
    out = read_out(tmp_path / "out" / "products.csv").set_index("product_id")
    assert out.loc["85123A", "title"] == "WHITE HEART HOLDER"  # most common spelling, whitespace squashed
    assert out.loc["85123A", "price"] == "2.95"  # median of 2.55, 2.95, 3.00
    assert out.loc["71053", "price"] == "3.39"  # guests' purchases still price the product
    kept = read_out(tmp_path / "out" / "events.csv")
    assert kept["user_id"].tolist() == ["17850", "17850", "13047"]
    assert kept["timestamp"].tolist()[0] == "2010-12-01T08:26:00Z"
    assert set(kept["event"]) == {"purchase"}
    assert validate_outputs(tmp_path / "out") == {"products": 2, "events": 3}


def test_uci_retail_rejects_other_tables(tmp_path: Path) -> None:
    source = tmp_path / "other.csv"
    source.write_text("a,b\n1,2\n")
    with pytest.raises(DataError, match="missing columns"):
        import_dataset("uci-retail", [source], tmp_path / "out")


# ------------------------------------------------------------------------------- errors and output set


def test_clear_errors(tmp_path: Path) -> None:
    source = tmp_path / "shop.csv"
    source.write_text("sku,name\n1,A\n")
    with pytest.raises(DataError, match="unknown import format; choose one of: movielens"):
        import_dataset("shopify", [source], tmp_path / "out")
    with pytest.raises(DataError, match="not found"):
        import_dataset("csv", [tmp_path / "missing.csv"], tmp_path / "out", {"product_id": "sku"})
    with pytest.raises(DataError, match="needs a mapping"):
        import_dataset("csv", [source], tmp_path / "out")
    with pytest.raises(DataError, match="available columns: sku, name") as error:
        import_dataset("csv", [source], tmp_path / "out", {"product_id": "sku", "title": "product_name"})
    assert error.value.column == "product_name"
    with pytest.raises(DataError, match="unknown shopassist columns"):
        import_dataset("csv", [source], tmp_path / "out", {"product_id": "sku", "title": "name", "hue": "c"})
    with pytest.raises(DataError, match="'title'"):
        import_dataset("csv", [source], tmp_path / "out", {"product_id": "sku"})
    with pytest.raises(DataError, match="mapping only applies"):
        import_dataset("movielens", [source], tmp_path / "out", {"title": "name"})
    assert not (tmp_path / "out").exists()
    assert FORMATS == ("movielens", "amazon2018", "csv", "bigbasket", "sephora", "uci-retail")


def test_outputs_are_replaced_as_a_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    source = tmp_path / "retail.parquet"
    uci_frame(classic=False).to_parquet(source)
    import_dataset("uci-retail", [source], out)
    assert (out / "events.csv").exists()
    shop = tmp_path / "shop.csv"
    shop.write_text("sku,name,price\n1,A,2\n")
    report = import_dataset("csv", [shop], out, {"product_id": "sku", "title": "name", "price": "price"})
    # The stale events.csv of the first import is gone: the folder never mixes two imports.
    assert sorted(p.name for p in out.iterdir()) == ["import_report.json", "products.csv"]
    assert json.loads((out / "import_report.json").read_text())["files"]["products.csv"]["rows_kept"] == 1
    assert "products.csv" in report.summary() and "read" in report.summary()
    before = (out / "products.csv").read_bytes()

    def crash(frame: pd.DataFrame, path: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(import_files, "write_csv_atomic", crash)
    with pytest.raises(OSError, match="disk full"):
        import_dataset("uci-retail", [source], out)
    assert (out / "products.csv").read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["out", "retail.parquet", "shop.csv"]  # no staging folder left


def test_summary_lists_reasons_and_notes(tmp_path: Path) -> None:
    report = import_dataset("movielens", [write_movielens(tmp_path / "ml")], tmp_path / "out")
    text = report.summary()
    assert "ratings.csv" in text and "unknown product" in text and "note: MovieLens has no prices" in text


# ------------------------------------------------------------------------------------- real data sets


@needs_real_data
def test_real_movielens(tmp_path: Path) -> None:
    report = import_dataset("movielens", [DATA / "movielens-100k"], tmp_path)
    check_invariant(report)
    assert report.files["products.csv"].rows_kept == 1681  # 1,682 movies less id 267, titled "unknown"
    assert report.files["ratings.csv"].rows_kept == 99_991  # its 9 ratings go with it
    assert validate_outputs(tmp_path) == {"products": 1681, "ratings": 99_991}


@needs_real_data
def test_real_amazon(tmp_path: Path) -> None:
    folder = DATA / "amazon2018-magazine-subscriptions"
    paths = [folder / "Magazine_Subscriptions_ratings.csv.gz", folder / "meta_Magazine_Subscriptions.json.gz"]
    report = import_dataset("amazon2018", paths, tmp_path)
    check_invariant(report)
    products, ratings = report.files["products.csv"], report.files["ratings.csv"]
    assert products.rows_read == 3385 and products.dropped["duplicate product id (first kept)"] == 1065
    assert 2300 <= products.rows_kept <= 2320
    assert sum(products.cleaned.values()) > 2000  # most scraped titles were broken HTML
    assert ratings.rows_read == 89_689 and ratings.rows_kept > 80_000
    catalog = read_out(tmp_path / "products.csv")
    assert not catalog["title"].str.contains("<|/>|&amp;").any()
    assert validate_outputs(tmp_path) == {"products": products.rows_kept, "ratings": ratings.rows_kept}


@needs_real_data
def test_real_bigbasket(tmp_path: Path) -> None:
    source = DATA / "bigbasket-products" / "bigbasket_products.csv.gz"
    report = import_dataset("bigbasket", [source], tmp_path)
    check_invariant(report)
    products = report.files["products.csv"]
    assert products.rows_kept > 27_000 and products.dropped == {"missing title": 1}
    assert "Unnamed: 9" not in read_out(tmp_path / "products.csv").columns
    assert validate_outputs(tmp_path) == {"products": products.rows_kept}


@needs_real_data
def test_real_sephora(tmp_path: Path) -> None:
    report = import_dataset("sephora", [DATA / "sephora-products" / "sephora_product_info_trimmed.csv.gz"],
                            tmp_path)
    check_invariant(report)
    assert report.files["products.csv"].rows_kept == 5504
    catalog = load_catalog(tmp_path / "products.csv")
    assert catalog["price"].notna().all() and (~catalog["in_stock"]).sum() > 0
    assert catalog["review_count"].notna().sum() > 5000


@needs_real_data
def test_real_uci_retail(tmp_path: Path) -> None:
    source = DATA / "uci-online-retail" / "online_retail_2010-12_to_2011-12_qtypos.parquet"
    report = import_dataset("uci-retail", [source], tmp_path)
    check_invariant(report)
    events, products = report.files["events.csv"], report.files["products.csv"]
    assert events.rows_read == 531_282
    assert 125_000 < events.dropped["guest customer (no id)"] < 134_000  # CustomerID 0 = guest
    assert events.dropped["non-product code (postage, fees, ...)"] > 2000
    assert 390_000 < events.rows_kept < 400_000
    assert 3700 < products.rows_kept < 3900
    assert validate_outputs(tmp_path) == {"products": products.rows_kept, "events": events.rows_kept}


def test_empty_results_are_refused_or_left_out(tmp_path: Path) -> None:
    source = tmp_path / "shop.csv"
    source.write_text("sku,name\n1,\n2,  \n")
    with pytest.raises(DataError, match="no usable products after cleaning \\(2 missing title\\)"):
        import_dataset("csv", [source], tmp_path / "out", {"product_id": "sku", "title": "name"})
    folder = write_movielens(tmp_path / "ml")
    (folder / "u.data").write_text("7\t99\t4\t880606923\n")  # only a rating of an unknown movie
    report = import_dataset("movielens", [folder], tmp_path / "out")
    assert "no usable rows for ratings.csv: not written" in report.notes
    assert not (tmp_path / "out" / "ratings.csv").exists()
    assert report.files["ratings.csv"].dropped == {"unknown product": 1}
