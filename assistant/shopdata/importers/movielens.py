"""MovieLens 100K (`u.item` + `u.data`) -> products.csv + ratings.csv.

Movies become products (id, title, genres) without prices: MovieLens has none, and inventing one
would let the assistant quote a price that does not exist.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from assistant.shopdata.importers.files import read_frame
from assistant.shopdata.importers.report import ImportReport
from assistant.shopdata.importers.tables import finish_products, finish_ratings
from retrieval.types import DataError

GENRES = (
    "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
    "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
)
_ITEM_FIELDS = ("product_id", "title", "release_date", "video_release_date", "imdb_url")


def import_movielens(paths: list[Path], report: ImportReport) -> dict[str, pd.DataFrame]:
    """Import ml-100k from its folder (u.item + u.data) or from files given directly.

    Files other than u.item are read as rating files (u.data, or splits such as u1.base.gz).
    """
    item_path, rating_paths = _locate(paths)
    products = finish_products(_read_items(item_path, report), report.file("products.csv"))
    report.note("MovieLens has no prices: price left empty")
    frames = {"products.csv": products}
    if rating_paths:
        names = ["user_id", "product_id", "rating", "timestamp"]
        ratings = pd.concat([read_frame(p, strings=False, sep="\t", header=None, names=names)
                             for p in rating_paths], ignore_index=True)
        file_report = report.file("ratings.csv")
        file_report.rows_read = len(ratings)
        frames["ratings.csv"] = finish_ratings(ratings, products["product_id"], file_report)
    return frames


def _locate(paths: list[Path]) -> tuple[Path, list[Path]]:
    files: list[Path] = []
    for path in paths:
        files += [f for f in (path / "u.item", path / "u.data") if f.exists()] if path.is_dir() else [path]
    items = [f for f in files if f.name.startswith("u.item")]
    if not items:
        raise DataError(str(paths[0]), "MovieLens import needs u.item (give the ml-100k folder or the file)")
    return items[0], [f for f in files if not f.name.startswith("u.item")]


def _read_items(path: Path, report: ImportReport) -> pd.DataFrame:
    names = list(_ITEM_FIELDS) + list(_genre_names(path))
    raw = read_frame(path, sep="|", header=None, names=names, encoding="latin-1", index_col=False)
    report.file("products.csv").rows_read = len(raw)
    flags = raw[names[len(_ITEM_FIELDS):]].apply(pd.to_numeric, errors="coerce").fillna(0).astype(bool)
    flags = flags.iloc[:, 1:]  # the first flag is "unknown": not a genre a shopper asks for
    genre_names = np.array(flags.columns, dtype=object)
    # Vectorised "join the set flags": a row's dot product with the "Genre, " strings concatenates them.
    joined = pd.Series(flags.to_numpy().astype(object).dot(genre_names + ", "), index=raw.index)
    category = flags.idxmax(axis=1).where(flags.any(axis=1), "")
    title = raw["title"].where(raw["title"].str.strip().str.lower() != "unknown", "")
    return pd.DataFrame({
        "product_id": raw["product_id"],
        "title": title,
        "price": np.nan,
        "category": category,
        "genres": joined.astype(str).str.removesuffix(", "),
        "year": raw["release_date"].str.extract(r"(\d{4})\s*$", expand=False).fillna(""),
        "imdb_url": raw["imdb_url"],
    })


def _genre_names(item_path: Path) -> tuple[str, ...]:
    # u.genre lists the flag columns in order; fall back to the documented list when it is absent.
    genre_file = item_path.with_name("u.genre")
    if genre_file.exists():
        names = pd.read_csv(genre_file, sep="|", header=None, encoding="latin-1", dtype=str)[0].dropna()
        if len(names) == len(GENRES):
            return tuple(names)
    return GENRES
