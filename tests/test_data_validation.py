"""Loaders turn every bad input into one `DataError` naming the problem, file, row and column."""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assistant.shopdata.interactions import EVENT_KINDS, load_events, load_ratings, validate_events, validate_ratings
from retrieval.catalog import (
    CATALOG_OPTIONAL,
    CATALOG_REQUIRED,
    load_catalog,
    product_from_row,
    products_from_frame,
    read_table,
    validate_catalog,
)
from retrieval.types import DataError, Product

HEADER = "product_id,title,price,brand,rating,review_count,in_stock,material"
ROWS = [
    "P1,Trail Runner,89.99,Asics,4.5,120,yes,mesh",
    "P2,Magazine subscription,,Acme,,,true,",
    "P3, Wool Socks ,12,Smartwool,3,7,0,wool",
]
# The same catalog with native types, as a Parquet writer or a JSON exporter would store it.
TYPED = {
    "product_id": ["P1", "P2", "P3"],
    "title": ["Trail Runner", "Magazine subscription", " Wool Socks "],
    "price": [89.99, None, 12.0],
    "brand": ["Asics", "Acme", "Smartwool"],
    "rating": [4.5, None, 3.0],
    "review_count": [120, None, 7],
    "in_stock": [True, True, False],
    "material": ["mesh", None, "wool"],
}


def write_csv(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def write_jsonl(path: Path, records: list[dict]) -> Path:
    text = "\n".join(json.dumps(r) for r in records) + "\n"
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def check_error(error: DataError, path: Path, row: int | None, column: str | None, *words: str) -> None:
    """The message must say where (file, row, column) and what (each of `words`)."""
    message = str(error)
    assert (error.path, error.row, error.column) == (str(path), row, column), message
    assert message.startswith(str(path)), message
    if row is not None:
        assert f"row {row}" in message
    if column is not None:
        assert f"column '{column}'" in message
    for word in words:
        assert word in message


@pytest.fixture
def catalog_csv(tmp_path: Path) -> Path:
    """A small valid catalog: one empty price, one free attribute column, mixed in_stock spellings."""
    return write_csv(tmp_path / "catalog.csv", HEADER, ROWS)


# ---------------------------------------------------------------------------------------------
# Catalog: happy paths
# ---------------------------------------------------------------------------------------------


def test_csv_catalog_is_normalized(catalog_csv: Path) -> None:
    df = load_catalog(catalog_csv)
    assert list(df.columns) == [*CATALOG_REQUIRED, *CATALOG_OPTIONAL, "material"]
    assert df["title"].tolist() == ["Trail Runner", "Magazine subscription", "Wool Socks"]
    assert df["price"].dtype == np.float64 and math.isnan(df["price"][1])
    assert df["price"][0] == pytest.approx(89.99)
    assert df["rating"].dtype == np.float64 and math.isnan(df["rating"][1])
    assert df["review_count"].dtype == "Int64" and df["review_count"].isna().tolist() == [False, True, False]
    assert df["in_stock"].dtype == bool and df["in_stock"].tolist() == [True, True, False]
    assert df["color"].tolist() == ["", "", ""]
    assert df["material"].tolist() == ["mesh", "", "wool"]


@pytest.mark.parametrize("name", ["catalog.csv.gz", "catalog.jsonl", "catalog.jsonl.gz", "catalog.json",
                                  "catalog.parquet"])
def test_all_formats_give_the_same_frame(catalog_csv: Path, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".parquet"):
        typed = pd.DataFrame(TYPED).astype({"review_count": "Int64"})
        typed.to_parquet(path)
    elif name.endswith(".csv.gz"):
        path.write_bytes(gzip.compress(catalog_csv.read_bytes()))
    else:
        frame = pd.DataFrame(TYPED)
        write_jsonl(path, [{k: v for k, v in r.items() if v is not None and v == v} for r in
                           frame.astype(object).to_dict("records")])
    pd.testing.assert_frame_equal(load_catalog(path), load_catalog(catalog_csv))


def test_required_columns_only_get_defaults(tmp_path: Path) -> None:
    df = load_catalog(write_csv(tmp_path / "c.csv", "product_id,title,price", ["A,Hat,5"]))
    assert df["in_stock"].tolist() == [True] and df["brand"].tolist() == [""]
    assert math.isnan(df["rating"][0]) and df["review_count"].isna().all()


def test_blank_lines_are_skipped_but_keep_line_numbers(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", "product_id,title,price", ["A,Hat,5", "", "B,Cap,oops"])
    with pytest.raises(DataError) as caught:
        load_catalog(path)
    check_error(caught.value, path, 4, "price", "'oops'")


def test_product_from_row_and_frame(catalog_csv: Path) -> None:
    products = products_from_frame(load_catalog(catalog_csv))
    assert [p.product_id for p in products] == ["P1", "P2", "P3"]
    first, magazine = products[0], products[1]
    assert first == Product(product_id="P1", title="Trail Runner", price=89.99, brand="Asics", rating=4.5,
                            review_count=120, in_stock=True, attributes={"material": "mesh"})
    assert magazine.price is None and magazine.rating is None and magazine.review_count is None
    assert magazine.attributes == {}
    plain = product_from_row({"product_id": "X", "title": "Mug", "price": 3.0, "origin": "PT"})
    assert plain.in_stock and plain.rating is None and plain.attributes == {"origin": "PT"}


def test_frame_and_row_builders_agree(catalog_csv: Path) -> None:
    df = load_catalog(catalog_csv)
    by_row = [product_from_row(record) for record in df.to_dict("records")]
    assert repr(products_from_frame(df)) == repr(by_row)  # repr: NaN prices compare equal


def test_json_numbers_keep_their_spelling(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [{"product_id": 123, "title": "Hat", "price": 5},
                                               {"product_id": 7, "title": "Cap", "price": 2.5, "tags": ["a"]}])
    df = load_catalog(path)
    assert df["product_id"].tolist() == ["123", "7"] and df["price"].tolist() == [5.0, 2.5]
    assert df["tags"].tolist() == ["", '["a"]']


# ---------------------------------------------------------------------------------------------
# Catalog: bad values
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("rows", "row", "column", "words"), [
    (["A,Hat,abc"], 2, "price", ["'abc'", "not a plain number"]),
    (["A,Hat,5", "B,Cap,$12"], 3, "price", ["'$12'", "not a plain number"]),
    (["A,Hat,\"12,50\""], 2, "price", ["'12,50'"]),
    (["A,Hat,5", "B,Cap,-3"], 3, "price", ["-3", "negative"]),
    (["A,Hat,5", ",Cap,3"], 3, "product_id", ["empty"]),
    (["A, ,5"], 2, "title", ["empty"]),
    (["A,Hat,5", "B,Cap,3", "A,Scarf,9"], 4, "product_id", ["duplicate", "'A'", "first at row 2"]),
])
def test_bad_catalog_values(tmp_path: Path, rows: list[str], row: int, column: str, words: list[str]) -> None:
    path = write_csv(tmp_path / "catalog.csv", "product_id,title,price", rows)
    with pytest.raises(DataError) as caught:
        load_catalog(path)
    check_error(caught.value, path, row, column, *words)


@pytest.mark.parametrize(("column", "value", "words"), [
    ("rating", "7", ["7", "outside 0..5"]),
    ("rating", "good", ["'good'", "not a plain number"]),
    ("review_count", "-1", ["-1", "negative"]),
    ("review_count", "2.5", ["'2.5'", "whole number"]),
    ("in_stock", "maybe", ["'maybe'", "true/false"]),
])
def test_bad_optional_values(tmp_path: Path, column: str, value: str, words: list[str]) -> None:
    path = write_csv(tmp_path / "catalog.csv", f"product_id,title,price,{column}", ["A,Hat,5,", f"B,Cap,3,{value}"])
    with pytest.raises(DataError) as caught:
        load_catalog(path)
    check_error(caught.value, path, 3, column, *words)


def test_missing_column_lists_the_columns_found(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "catalog.csv", "product_id,name,cost", ["A,Hat,5"])
    with pytest.raises(DataError) as caught:
        load_catalog(path)
    check_error(caught.value, path, None, "title", "missing required column", "'product_id', 'name', 'cost'")


@pytest.mark.parametrize(("name", "row"), [("catalog.jsonl", 2), ("catalog.parquet", 2)])
def test_rows_are_numbered_per_format(tmp_path: Path, name: str, row: int) -> None:
    records = [{"product_id": "A", "title": "Hat", "price": "5"}, {"product_id": "B", "title": "Cap", "price": "x"}]
    path = tmp_path / name
    if name.endswith(".parquet"):
        pd.DataFrame(records).to_parquet(path)
    else:
        write_jsonl(path, records)
    with pytest.raises(DataError) as caught:
        load_catalog(path)
    check_error(caught.value, path, row, "price", "'x'")


def test_validate_catalog_accepts_a_frame() -> None:
    frame = pd.DataFrame({"product_id": ["A", "A"], "title": ["Hat", "Cap"], "price": ["1", "2"]})
    with pytest.raises(DataError) as caught:
        validate_catalog(frame, "import.jsonl")
    assert str(caught.value).startswith("import.jsonl, row 2, column 'product_id': duplicate")


# ---------------------------------------------------------------------------------------------
# Reading: unreadable files
# ---------------------------------------------------------------------------------------------


def test_wrong_encoding_names_the_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    path.write_bytes("product_id,title,price\nA,Hat,5\nB,Café,3\n".encode("cp1252"))
    with pytest.raises(DataError) as caught:
        read_table(path)
    check_error(caught.value, path, 3, None, "not valid UTF-8", "byte 0xe9 at line 3", "re-save the file as UTF-8")


def test_wrong_encoding_in_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "catalog.jsonl"
    path.write_bytes('{"product_id": "A"}\n{"product_id": "Café"}\n'.encode("cp1252"))
    with pytest.raises(DataError) as caught:
        read_table(path)
    check_error(caught.value, path, 2, None, "byte 0xe9 at line 2")


def test_utf8_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    path.write_bytes("product_id,title,price\nA,Café,3\n".encode("utf-8-sig"))
    assert load_catalog(path)["title"].tolist() == ["Café"]


@pytest.mark.parametrize(("name", "content", "row", "words"), [
    ("missing.csv", None, None, ["file not found"]),
    ("catalog.xlsx", b"PK\x03\x04", None, ["unsupported file type", ".parquet"]),
    ("empty.csv", b"", None, ["file is empty"]),
    ("blank.csv", b"  \n", None, ["file is empty"]),
    ("empty.jsonl", b"\n\n", None, ["file is empty"]),
    ("header.csv", b"product_id,title,price\n", None, ["no data rows"]),
    ("binary.csv", bytes(range(256)) * 4, None, ["binary data", "NUL"]),
    ("utf16.csv", "product_id,title,price\n".encode("utf-16"), None, ["binary data", "UTF-16"]),
    ("truncated.parquet", b"PAR1\x15\x04\x15", None, ["cannot read as Parquet"]),
    ("corrupt.csv.gz", b"\x1f\x8b\x08\x00garbage", None, ["cannot read"]),
    ("ragged.csv", b"product_id,title,price\nA,Hat,5\nB,Cap,3,extra\n", 3, ["cannot parse as CSV"]),
    ("broken.jsonl", b'{"product_id": "A"}\n{"product_id": \n', 2, ["invalid JSON"]),
    ("list.jsonl", b'{"product_id": "A"}\n[1, 2]\n', 2, ["not a JSON object"]),
    ("array.json", b'[{"product_id": "A"}]\n', 1, ["JSON array", "JSON Lines"]),
])
def test_unreadable_files(tmp_path: Path, name: str, content: bytes | None, row: int | None,
                          words: list[str]) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DataError) as caught:
        read_table(path)
    check_error(caught.value, path, row, None, *words)


def test_truncated_real_parquet(tmp_path: Path) -> None:
    path = tmp_path / "catalog.parquet"
    pd.DataFrame(TYPED).to_parquet(path)
    path.write_bytes(path.read_bytes()[:-20])
    with pytest.raises(DataError, match="cannot read as Parquet"):
        read_table(path)


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    path = tmp_path / "folder.csv"
    path.mkdir()
    with pytest.raises(DataError, match="not a regular file"):
        read_table(path)


# ---------------------------------------------------------------------------------------------
# Ratings
# ---------------------------------------------------------------------------------------------

RATINGS_HEADER = "user_id,product_id,rating,timestamp"


def test_ratings_happy_path(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ratings.csv", RATINGS_HEADER,
                     ["u1,P1,4,1700000000", "u2,P3,5,2024-01-01T00:00:00Z", "u1,P3,1.5,"])
    df = load_ratings(path, product_ids={"P1", "P3"})
    assert df.columns.tolist() == ["user_id", "product_id", "rating", "timestamp"]
    assert df["rating"].tolist() == [4.0, 5.0, 1.5]
    assert df["timestamp"].iloc[:2].tolist() == [1_700_000_000.0, 1_704_067_200.0]
    assert math.isnan(df["timestamp"][2])


def test_ratings_without_timestamp_and_custom_scale(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ratings.csv", "user_id,product_id,rating", ["u1,P1,0", "u1,P2,1"])
    df = load_ratings(path, scale=(0.0, 1.0))
    assert df["rating"].tolist() == [0.0, 1.0] and df["timestamp"].isna().all()


@pytest.mark.parametrize(("header", "rows", "kwargs", "row", "column", "words"), [
    ("user_id,product_id,stars", ["u1,P1,4"], {}, None, "rating", ["missing required column", "'stars'"]),
    (RATINGS_HEADER, ["u1,P1,4,", "u1,P2,great,"], {}, 3, "rating", ["'great'", "not a number"]),
    (RATINGS_HEADER, ["u1,P1,,"], {}, 2, "rating", ["not a number"]),
    (RATINGS_HEADER, ["u1,P1,4,", "u1,P2,6,"], {}, 3, "rating", ["6", "outside the scale 1..5"]),
    (RATINGS_HEADER, ["u1,P1,4,"], {"scale": (0.0, 1.0)}, 2, "rating", ["outside the scale 0..1"]),
    (RATINGS_HEADER, ["u1,P1,4,", ",P2,4,"], {}, 3, "user_id", ["empty"]),
    (RATINGS_HEADER, ["u1, ,4,"], {}, 2, "product_id", ["empty"]),
    (RATINGS_HEADER, ["u1,P1,4,", "u1,ZZ,4,"], {"product_ids": ["P1", "P2"]}, 3, "product_id",
     ["'ZZ'", "not in the catalog"]),
    (RATINGS_HEADER, ["u1,P1,4,last tuesday"], {}, 2, "timestamp", ["'last tuesday'", "ISO 8601"]),
    (RATINGS_HEADER, ["u1,P1,4,1700000000000"], {}, 2, "timestamp", ["milliseconds"]),
])
def test_bad_ratings(tmp_path: Path, header: str, rows: list[str], kwargs: dict, row: int | None,
                     column: str, words: list[str]) -> None:
    path = write_csv(tmp_path / "ratings.csv", header, rows)
    with pytest.raises(DataError) as caught:
        load_ratings(path, **kwargs)
    check_error(caught.value, path, row, column, *words)


# ---------------------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------------------

EVENTS_HEADER = "user_id,product_id,event,quantity,price,timestamp"


def test_events_happy_path(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "events.csv", EVENTS_HEADER, [
        "u1,P1,View,,,1700000000",
        "u1,P1,cart,1,,2024-01-01 10:00",
        "u1,P1,purchase,2,89.99,2024-01-01T10:05:00+02:00",
    ])
    df = load_events(path, product_ids=["P1"])
    assert df["event"].tolist() == ["view", "cart", "purchase"]
    assert df["quantity"].dtype == np.int64 and df["quantity"].tolist() == [1, 1, 2]
    assert math.isnan(df["price"][0]) and df["price"][2] == pytest.approx(89.99)
    assert str(df["timestamp"].dtype) == "datetime64[ns, UTC]"
    assert df["timestamp"].tolist() == [pd.Timestamp("2023-11-14T22:13:20Z"), pd.Timestamp("2024-01-01T10:00Z"),
                                        pd.Timestamp("2024-01-01T08:05Z")]


def test_events_optional_columns_default() -> None:
    frame = pd.DataFrame({"user_id": ["u"], "product_id": ["P"], "event": ["view"], "timestamp": ["0"]})
    df = validate_events(frame, "events.jsonl")
    assert df["quantity"].tolist() == [1] and df["price"].isna().all()


@pytest.mark.parametrize(("rows", "kwargs", "row", "column", "words"), [
    (["u1,P1,view,,,0", "u1,P1,wishlist,,,0"], {}, 3, "event", ["'wishlist'", ", ".join(EVENT_KINDS)]),
    (["u1,P1,view,,,0", "u1,P1,view,,,05/01/2024"], {}, 3, "timestamp", ["'05/01/2024'", "ISO 8601"]),
    (["u1,P1,view,,,"], {}, 2, "timestamp", ["empty"]),
    (["u1,P1,purchase,0,5,0"], {}, 2, "quantity", ["'0'", ">= 1"]),
    (["u1,P1,purchase,1.5,5,0"], {}, 2, "quantity", ["'1.5'"]),
    (["u1,P1,purchase,1,-5,0"], {}, 2, "price", ["-5", "negative"]),
    (["u1,P1,purchase,1,five,0"], {}, 2, "price", ["'five'", "not a plain number"]),
    (["u1,P9,view,,,0"], {"product_ids": {"P1"}}, 2, "product_id", ["'P9'", "not in the catalog"]),
])
def test_bad_events(tmp_path: Path, rows: list[str], kwargs: dict, row: int, column: str,
                    words: list[str]) -> None:
    path = write_csv(tmp_path / "events.csv", EVENTS_HEADER, rows)
    with pytest.raises(DataError) as caught:
        load_events(path, **kwargs)
    check_error(caught.value, path, row, column, *words)


def test_events_missing_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "events.csv", "user_id,product_id,timestamp", ["u1,P1,0"])
    with pytest.raises(DataError) as caught:
        load_events(path)
    check_error(caught.value, path, None, "event", "missing required column")


def test_validate_ratings_accepts_a_frame() -> None:
    frame = pd.DataFrame({"user_id": ["u"], "product_id": ["P"], "rating": [9.0]})
    with pytest.raises(DataError, match=r"ratings\.parquet, row 1, column 'rating'.*outside the scale 1\.\.5"):
        validate_ratings(frame, "ratings.parquet")
