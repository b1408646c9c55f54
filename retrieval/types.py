"""Data types that cross the `retrieval` package boundary (standard library only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class UserError(Exception):
    """A problem the person running shopassist can fix, with a message saying what and how: bad data or
    settings, a missing artifact or package, an argument that cannot work.

    Why a marker type: the CLI prints these as one line (exit status 2), and every other exception is a
    bug that keeps its traceback. It lives here, in the room every other one imports, so each raises it
    where the problem is found.
    """


class UsageError(UserError, ValueError):
    """An argument, option or config value that cannot work (an unknown name, a missing choice)."""


class MissingPackageError(UserError, RuntimeError):
    """An optional package a feature needs is not installed; the message says how to install it."""


class DataError(UserError, ValueError):
    """Bad input data, located precisely enough for a user to fix it.

    Why one exception type: every loader (catalog, ratings, events, importers) reports
    problems the same way, so the CLI can print one clear line and exit non-zero.
    """

    def __init__(self, path: str, problem: str, row: int | None = None, column: str | None = None):
        self.path = str(path)
        self.problem = problem
        self.row = row
        self.column = column
        where = self.path
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Product:
    """One catalog entry. Prices are in the catalog's currency units; None when the catalog lists none."""

    product_id: str
    title: str
    price: float | None
    description: str = ""
    category: str = ""
    brand: str = ""
    color: str = ""
    size: str = ""
    rating: float | None = None
    review_count: int | None = None
    image_url: str = ""
    in_stock: bool = True
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Filters:
    """Hard constraints: a product that breaks one is never returned.

    String fields are matched case-insensitively against catalog values; empty tuples mean
    "no constraint".
    """

    min_price: float | None = None
    max_price: float | None = None
    categories: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    exclude_brands: tuple[str, ...] = ()
    colors: tuple[str, ...] = ()
    in_stock_only: bool = False
    exclude_ids: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return self == Filters()

    def to_dict(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class Hit:
    """A retrieved product with its relevance (higher is better).

    `score` is the cosine similarity for dense search, the fused score for hybrid search (on the
    same scale, at most 1); `dense_score` is the cosine and `lexical_score` the raw BM25 score
    (0 when the query shares no indexed word with the product or hybrid search is off).
    """

    product: Product
    score: float
    lexical_score: float = 0.0
    dense_score: float = 0.0
