"""Expectation checks: one turn's structured result against its `Expect`, as readable failure reasons.

Why structured results and not wording: the writer may be a template or an LM, so a dialogue
asserts what the shopper gets (which products, which filters held, what is in the cart); text
checks are substrings or regular expressions, case-insensitive. Each reason says what was
expected and what happened, e.g. "product P00042 price 95.00 > max_price 80".
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from assistant.ages import fits_age, listed_min_age
from assistant.genders import cut_for, product_gender
from assistant.reading import mentions
from assistant.scripted.format import (
    SHOWN_REF,
    CartExpect,
    EveryProduct,
    Expect,
    IntentExpect,
    ProductsExpect,
    ReplyExpect,
)
from assistant.types import Reply

PRICE_TOLERANCE = 0.005


@dataclass(frozen=True)
class Observed:
    """What one turn produced, in the terms the checks need."""

    reply: Reply
    product_ids: tuple[str, ...]
    cart: dict[str, int]


def resolve(ref: str, history: list[Observed]) -> str:
    """A product id, or the id "turn N item K" points at; ValueError when that turn showed fewer."""
    m = SHOWN_REF.match(ref.strip())
    if not m:
        return ref
    turn, item = int(m[1]), int(m[2])
    shown = history[turn - 1].product_ids
    if not 1 <= item <= len(shown):
        raise ValueError(f"'{ref}': turn {turn} showed {len(shown)} product(s)")
    return shown[item - 1]


def check_turn(expect: Expect, observed: Observed, history: list[Observed]) -> list[str]:
    """Failure reasons for one turn (empty when every expectation holds). `history`: earlier turns."""
    expect = expect.normalized()
    reasons: list[str] = []
    if expect.intent is not None:
        reasons += _intent(expect.intent, observed.reply)
    if expect.products is not None:
        reasons += _products(expect.products, observed.product_ids, history, observed.reply)
    if expect.every_product is not None:
        reasons += _every_product(expect.every_product, observed.reply)
        reasons += _priced_against(expect.every_product, observed.reply, history)
        if expect.every_product.cheaper_than_turn is not None:
            reasons += _cheaper_than(expect.every_product.cheaper_than_turn, observed.reply, history)
    if expect.reply is not None:
        reasons += _reply(expect.reply, observed.reply.text)
    if expect.cart is not None:
        reasons += _cart(expect.cart, observed.cart, history)
    trace = observed.reply.trace.to_dict()
    reasons += [f"trace has no '{key}' (keys: {', '.join(trace) or 'none'})" for key in expect.trace_has
                if key not in trace]
    return reasons


def _same(expected: object, actual: object) -> bool:
    if isinstance(expected, float) and isinstance(actual, int | float):
        return abs(expected - actual) <= PRICE_TOLERANCE
    if isinstance(expected, str) and isinstance(actual, str):
        return expected.casefold() == actual.casefold()
    return expected == actual


def _intent(expect: IntentExpect, reply: Reply) -> list[str]:
    # slots() leaves out empty values; an expectation of [] or false should still match them.
    actual = {"kind": reply.intent.kind, "references": [], "cheaper": False, **reply.intent.slots()}
    reasons = []
    for name in expect.model_fields_set:
        wanted = getattr(expect, name)
        got = actual.get(name)
        if wanted is None and got is not None:
            reasons.append(f"intent {name}: expected none, got {got!r}")
        elif wanted is not None and not _same(wanted, got):
            reasons.append(f"intent {name}: expected {wanted!r}, got {got!r}")
    return reasons


def _products(expect: ProductsExpect, ids: tuple[str, ...], history: list[Observed], reply: Reply) -> list[str]:
    n = len(ids)
    shown = ", ".join(ids) or "none"
    reasons = []
    if expect.count is not None and n != expect.count:
        reasons.append(f"products: expected {expect.count}, got {n} ({shown})")
    if expect.min is not None and n < expect.min:
        reasons.append(f"products: expected at least {expect.min}, got {n} ({shown})")
    if expect.max is not None and n > expect.max:
        reasons.append(f"products: expected at most {expect.max}, got {n} ({shown})")
    for ref in expect.include:
        pid = resolve(ref, history)
        if pid not in ids:
            reasons.append(f"products: expected {_named(ref, pid)} among them, got {shown}")
    for ref in expect.exclude:
        pid = resolve(ref, history)
        if pid in ids:
            reasons.append(f"products: {_named(ref, pid)} must not be shown, but is #{ids.index(pid) + 1}")
    if expect.ordered is not None:
        wanted = [resolve(r, history) for r in expect.ordered]
        if list(ids) != wanted:
            reasons.append(f"products: expected exactly {', '.join(wanted) or 'none'} in order, got {shown}")
    if expect.first is not None:
        pid = resolve(expect.first, history)
        if not ids or ids[0] != pid:
            reasons.append(f"products: expected {_named(expect.first, pid)} first, got {ids[0] if ids else 'none'}")
    if expect.same_as_turn is not None:
        other = history[expect.same_as_turn - 1].product_ids
        if ids != other:
            reasons.append(f"products: expected the same list as turn {expect.same_as_turn} "
                           f"({', '.join(other) or 'none'}), got {shown}")
    prices = [c.product.price if c.product.price is not None else float("inf") for c in reply.products]
    if expect.by_price and prices != sorted(prices):
        listed = [_money(c.product.price) for c in reply.products]
        reasons.append(f"products: expected the lowest price first, got {listed}")
    if expect.cheapest_of_turn is not None:
        then = [c.product.price for c in history[expect.cheapest_of_turn - 1].reply.products
                if c.product.price is not None]
        if not then or any(p != min(then) for p in prices):
            reasons.append(f"products: expected the cheapest of turn {expect.cheapest_of_turn} "
                           f"({_money(min(then)) if then else 'none priced'}), got {[_money(p) for p in prices]}")
    if expect.differs_from_turn is not None:
        other = history[expect.differs_from_turn - 1].product_ids
        if ids == other:
            reasons.append(f"products: expected a different list from turn {expect.differs_from_turn}, "
                           f"got the same ({shown})")
    return reasons


def _named(ref: str, pid: str) -> str:
    return pid if ref == pid else f"{pid} ({ref})"


def _every_product(expect: EveryProduct, reply: Reply) -> list[str]:
    reasons = []
    for c in reply.products:
        p = c.product
        price = p.price
        known = price is not None
        if expect.max_price is not None and (not known or price > expect.max_price + PRICE_TOLERANCE):
            reasons.append(f"product {p.product_id} price {_money(price)} > max_price {expect.max_price:g}")
        if expect.min_price is not None and (not known or price < expect.min_price - PRICE_TOLERANCE):
            reasons.append(f"product {p.product_id} price {_money(price)} < min_price {expect.min_price:g}")
        if expect.brand_in is not None and p.brand.casefold() not in {b.casefold() for b in expect.brand_in}:
            reasons.append(f"product {p.product_id} brand {p.brand!r} not in {expect.brand_in}")
        if expect.brand_not_in is not None and p.brand.casefold() in {b.casefold() for b in expect.brand_not_in}:
            reasons.append(f"product {p.product_id} brand {p.brand!r} is excluded ({expect.brand_not_in})")
        if expect.category is not None and p.category.casefold() != expect.category.casefold():
            reasons.append(f"product {p.product_id} category {p.category!r} != {expect.category!r}")
        if expect.category_in is not None and p.category.casefold() not in {c.casefold() for c in expect.category_in}:
            reasons.append(f"product {p.product_id} category {p.category!r} not in {expect.category_in}")
        if expect.color is not None and p.color.casefold() != expect.color.casefold():
            reasons.append(f"product {p.product_id} colour {p.color!r} != {expect.color!r}")
        if expect.size is not None and p.size.casefold() != expect.size.casefold():
            reasons.append(f"product {p.product_id} size {p.size!r} != {expect.size!r}")
        if expect.min_rating is not None and (p.rating is None or p.rating < expect.min_rating):
            reasons.append(f"product {p.product_id} rating {p.rating} < min_rating {expect.min_rating:g}")
        if expect.for_age is not None and not fits_age(p, expect.for_age):
            reasons.append(f"product {p.product_id} is listed for ages {listed_min_age(p)} and up, "
                           f"not {expect.for_age}")
        if expect.says is not None and not mentions(p, expect.says.casefold()):
            reasons.append(f"product {p.product_id}'s listing does not say {expect.says!r}")
        if expect.gender is not None and not cut_for(p, expect.gender.casefold()):
            reasons.append(f"product {p.product_id} is cut for {product_gender(p)!r}, not {expect.gender!r}")
    return reasons


def _priced_against(expect: EveryProduct, reply: Reply, history: list[Observed]) -> list[str]:
    reasons = []
    for ref, below in ((expect.below_price_of, True), (expect.above_price_of, False)):
        if ref is None:
            continue
        pid = resolve(ref, history)
        bound = next((c.product.price for turn in history for c in turn.reply.products
                      if c.product.product_id == pid), None)
        if bound is None:
            reasons.append(f"{ref}: no price shown to compare with")
            continue
        for c in reply.products:
            price = c.product.price
            if price is None or (price >= bound if below else price <= bound):
                reasons.append(f"product {c.product.product_id} price {_money(price)} is not "
                               f"{'below' if below else 'above'} {_money(bound)} ({_named(ref, pid)})")
    return reasons


def _cheaper_than(turn: int, reply: Reply, history: list[Observed]) -> list[str]:
    prices = [c.product.price for c in history[turn - 1].reply.products if c.product.price is not None]
    if not prices:
        return [f"turn {turn} showed no priced products to be cheaper than"]
    median = statistics.median(prices)
    return [f"product {c.product.product_id} price {_money(c.product.price)} is not below turn {turn}'s "
            f"median price {median:.2f}" for c in reply.products
            if c.product.price is None or c.product.price >= median]


def _money(price: float | None) -> str:
    return f"{price:.2f}" if price is not None else "not listed"


def _reply(expect: ReplyExpect, text: str) -> list[str]:
    low = text.casefold()
    quoted = _quote(text)
    reasons = [f"reply: expected it to contain {s!r}, got {quoted}" for s in expect.contains if s.casefold() not in low]
    reasons += [f"reply: must not contain {s!r}, got {quoted}" for s in expect.not_contains if s.casefold() in low]
    reasons += [f"reply: expected a match for /{p}/, got {quoted}" for p in expect.matches
                if not re.search(p, text, re.I)]
    for pattern in expect.not_matches:
        m = re.search(pattern, text, re.I)
        if m:
            reasons.append(f"reply: must not match /{pattern}/, but has {m[0]!r} in {quoted}")
    return reasons


def _quote(text: str, limit: int = 160) -> str:
    one_line = " / ".join(text.splitlines())
    return repr(one_line if len(one_line) <= limit else one_line[:limit] + "...")


def _cart(expect: CartExpect, cart: dict[str, int], history: list[Observed]) -> list[str]:
    content = ", ".join(f"{pid} x{q}" for pid, q in cart.items()) or "empty"
    reasons = []
    if expect.count is not None and len(cart) != expect.count:
        reasons.append(f"cart: expected {expect.count} product(s), got {len(cart)} ({content})")
    if expect.quantity is not None and sum(cart.values()) != expect.quantity:
        reasons.append(f"cart: expected {expect.quantity} unit(s) in total, got {sum(cart.values())} ({content})")
    for ref in expect.contains:
        pid = resolve(ref, history)
        if pid not in cart:
            reasons.append(f"cart: expected {_named(ref, pid)} in it, got {content}")
    for ref in expect.not_contains:
        pid = resolve(ref, history)
        if pid in cart:
            reasons.append(f"cart: {_named(ref, pid)} must not be in it, got {content}")
    if expect.exactly is not None:
        wanted = sorted(resolve(r, history) for r in expect.exactly)
        if sorted(cart) != wanted:
            reasons.append(f"cart: expected exactly {', '.join(wanted) or 'nothing'}, got {content}")
    return reasons
