"""The dialogue file format: pydantic models with `extra="forbid"` (a typo is an error, not ignored).

A file holds one dialogue or a list; `loader.load_dialogues` reads it and names lines in errors.
Expectations are on structured results (intent slots, product ids and fields, the cart), plus
case-insensitive text checks, so they hold whether a template or the LM writes the reply.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# "turn 1 item 2": the product shown second in turn 1 of the same dialogue (robust to catalog ids).
SHOWN_REF = re.compile(r"^turn\s+(\d+)\s+item\s+(\d+)$", re.I)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


ProductRef = str  # a product id ("P00042") or "turn N item K"


class IntentExpect(_Strict):
    """Slots given must equal the parsed intent's; a slot set to null must be absent."""

    kind: str | None = None
    query: str | None = None
    category: str | None = None
    brand: str | None = None
    exclude_brand: str | None = None
    color: str | None = None
    min_price: float | None = None
    max_price: float | None = None
    cheaper: bool | None = None
    references: list[int] | None = None
    size: str | None = None
    gender: str | None = None
    order: str | None = None            # "price" (cheapest first) or "rating" (best rated first)
    min_rating: float | None = None


class ProductsExpect(_Strict):
    count: int | None = Field(None, ge=0)
    min: int | None = Field(None, ge=0)
    max: int | None = Field(None, ge=0)
    include: list[ProductRef] = []
    exclude: list[ProductRef] = []
    ordered: list[ProductRef] | None = None      # exactly these, in this order
    first: ProductRef | None = None
    same_as_turn: int | None = Field(None, ge=1)  # same ids in the same order as that turn
    differs_from_turn: int | None = Field(None, ge=1)
    by_price: bool | None = None                  # true: listed from the lowest price up
    cheapest_of_turn: int | None = Field(None, ge=1)  # every product is priced lowest among that turn's


class EveryProduct(_Strict):
    """Constraints every product in the reply must satisfy (an unknown price fails a price bound)."""

    max_price: float | None = None
    min_price: float | None = None
    brand_in: list[str] | None = None
    brand_not_in: list[str] | None = None
    category: str | None = None
    category_in: list[str] | None = None               # one of these ("running shoes", "sneakers")
    color: str | None = None
    size: str | None = None                            # the catalog's size value ("10", "W28", "512GB")
    gender: str | None = None                          # cut for "women"/"men": that, unisex, or listed for no one
    min_rating: float | None = None                    # rated at least this (an unrated product fails)
    for_age: int | None = Field(None, ge=0)            # its listing allows a child this old (`assistant.ages`)
    says: str | None = None                            # its title, attributes or description say this word
    cheaper_than_turn: int | None = Field(None, ge=1)  # below the median price that turn showed
    below_price_of: ProductRef | None = None           # priced under that product ("turn 1 item 2")
    above_price_of: ProductRef | None = None


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class ReplyExpect(_Strict):
    """Case-insensitive checks on the reply text: substrings and regular expressions."""

    contains: list[str] = []
    not_contains: list[str] = []
    matches: list[str] = []
    not_matches: list[str] = []

    _lists = field_validator("contains", "not_contains", "matches", "not_matches", mode="before")(_as_list)

    @field_validator("matches", "not_matches")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad regular expression {pattern!r}: {exc}") from exc
        return patterns


class CartExpect(_Strict):
    count: int | None = Field(None, ge=0)       # distinct products
    quantity: int | None = Field(None, ge=0)    # units in total
    contains: list[ProductRef] = []
    not_contains: list[ProductRef] = []
    exactly: list[ProductRef] | None = None     # these products, any order


class Expect(_Strict):
    intent: str | IntentExpect | None = None
    products: int | ProductsExpect | None = None
    every_product: EveryProduct | None = None
    reply: str | ReplyExpect | None = None
    cart: int | CartExpect | None = None
    trace_has: list[str] = []                   # keys the turn's trace must hold (e.g. "policy")

    _trace_list = field_validator("trace_has", mode="before")(_as_list)

    def normalized(self) -> Expect:
        """Shorthands expanded: `intent: search`, `products: 5`, `reply: text`, `cart: 2`."""
        return self.model_copy(update={
            "intent": IntentExpect(kind=self.intent) if isinstance(self.intent, str) else self.intent,
            "products": ProductsExpect(count=self.products) if isinstance(self.products, int) else self.products,
            "reply": ReplyExpect(contains=[self.reply]) if isinstance(self.reply, str) else self.reply,
            "cart": CartExpect(count=self.cart) if isinstance(self.cart, int) else self.cart,
        })


class SessionSpec(_Strict):
    user_id: str | None = None
    personalize: bool = True


class Turn(_Strict):
    message: str
    new_session: SessionSpec | None = None      # start over (e.g. as another shopper) before this turn
    expect: Expect = Expect()


class DemoShopSpec(_Strict):
    """Run against a generated demo shop of this size instead of the run's shop (e.g. a slow encoder
    that cannot embed 2,400 products in a test's time: multilingual e5 takes ~0.5 s per product on 2 cores)."""

    products: int = Field(2400, ge=16)
    users: int = Field(600, ge=5)
    seed: int = 7


class Dialogue(_Strict):
    name: str = Field(min_length=1)
    description: str = ""
    user_id: str | None = None
    personalize: bool = True
    config: dict[str, dict[str, Any]] = {}      # same sections and keys as the app config
    demo_shop: DemoShopSpec | None = None
    xfail: str | None = None                    # known bug: the reason; a failure is then expected
    slow: bool = False                          # collected with the pytest `slow` marker
    turns: list[Turn] = Field(min_length=1)

    @field_validator("config")
    @classmethod
    def _known_config(cls, config: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        from assistant.config import config_from_dict

        config_from_dict(config)  # raises ValueError naming the unknown section or key
        return config

    @model_validator(mode="after")
    def _refs_point_back(self) -> Dialogue:
        for number, turn in enumerate(self.turns, 1):
            for ref in _refs_of(turn.expect):
                m = SHOWN_REF.match(ref)
                if m and not 1 <= int(m[1]) < number:
                    raise ValueError(f"turn {number}: '{ref}' must name an earlier turn")
            products, every = turn.expect.products, turn.expect.every_product
            others = [every.cheaper_than_turn] if every else []
            if isinstance(products, ProductsExpect):
                others += [products.same_as_turn, products.differs_from_turn]
            for other in others:
                if other is not None and not 1 <= other < number:
                    raise ValueError(f"turn {number}: turn {other} is not an earlier turn")
        return self

    @property
    def is_slow(self) -> bool:
        """Explicitly slow, or it embeds with a real model (anything but the hashing encoder)."""
        return self.slow or self.config.get("retrieval", {}).get("encoder", "hash") != "hash"


def _refs_of(expect: Expect) -> list[str]:
    out: list[str] = []
    if isinstance(expect.products, ProductsExpect):
        p = expect.products
        out += p.include + p.exclude + (p.ordered or []) + ([p.first] if p.first else [])
    if isinstance(expect.cart, CartExpect):
        out += expect.cart.contains + expect.cart.not_contains + (expect.cart.exactly or [])
    return out
