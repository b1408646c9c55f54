"""A shopper's profile with this session's cart and order folded in, so the ranking follows what they do now.

Why a fixed share and not the build's event weights: a profile built from months of history would
barely move for one cart add, yet a shopper who just put trail shoes in the cart expects "recommend
me something" to show it. The session's signals take up to `SESSION_SHARE` of each affinity (half
with a few items), the history keeps the rest; the next `refresh`/`build` folds the recorded events
into the history itself.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from recsys.profiles import EVENT_WEIGHTS
from recsys.types import Profile
from retrieval.types import Product

SESSION_SHARE = 0.5   # the most the session's own signals weigh in an affinity
_HALF = 3.0           # signal weight at which the session gets half of SESSION_SHARE (one cart add)


@dataclass(frozen=True)
class SessionSignal:
    """A product the shopper put in the cart ("cart") or ordered ("purchase") in this session."""

    product: Product
    kind: str
    quantity: int = 1


def with_session(base: Profile | None, user_id: str, signals: list[SessionSignal]) -> Profile | None:
    """`base` (None: a shopper with no history yet) updated with the session's signals; `base` when none."""
    if not signals:
        return base
    profile = base or Profile(user_id=user_id)
    weights = [EVENT_WEIGHTS.get(s.kind, 0.0) * max(1, s.quantity) for s in signals]
    mass = sum(weights)
    if mass <= 0:
        return base
    share = SESSION_SHARE * mass / (mass + _HALF)
    changes: dict = {}
    for kind in ("category", "brand", "color", "size"):
        live: dict[str, float] = {}
        for signal, weight in zip(signals, weights, strict=True):
            value = getattr(signal.product, kind, "")
            if value:
                live[value] = live.get(value, 0.0) + weight / mass
        old = getattr(profile, f"{kind}_affinity")
        history = 1.0 - share if old else 0.0
        session = share if old else 1.0  # no history of this kind: the session is all there is
        merged = {value: history * w for value, w in old.items()}
        for value, w in live.items():
            merged[value] = merged.get(value, 0.0) + session * w
        changes[f"{kind}_affinity"] = merged
    recent = dict(profile.recent)
    for signal in signals:  # latest last: the product a reason names for each value
        for kind in ("category", "brand"):  # a shared colour alone is too weak a tie to name
            value = getattr(signal.product, kind, "")
            if value:
                recent[f"{kind}:{value}"] = f"{signal.product.title} you {_did(signal.kind)}"
    bought = [(s, s.product.price or 0.0) for s in signals if s.kind == "purchase"]
    if bought:
        units = sum(s.quantity for s, _ in bought)
        spend = sum(price * s.quantity for s, price in bought)
        frequency = profile.frequency + 1
        changes.update(n_purchases=profile.n_purchases + units, total_spend=profile.total_spend + spend,
                       frequency=frequency, recency_days=0.0,
                       avg_spend=(profile.total_spend + spend) / frequency)
    return dataclasses.replace(profile, **changes, recent=recent)


def _did(kind: str) -> str:
    return "just ordered" if kind == "purchase" else "put in your cart"


def blend_session(ranked: list, related: set[str], k: int, slots: tuple[int, ...] = (0, 2)) -> list:
    """"Recommend me something" right after a cart add: the best products like it take `slots` (positions
    in the first page), the usual picks the rest, each product once. `related`: ids of products that
    share the latest signal's category or brand."""
    near = [c for c in ranked if c.product.product_id in related]
    rest = [c for c in ranked if c.product.product_id not in related]
    out: list = []
    for position in range(k):
        source = near if position in slots and near else rest or near
        if not source:
            break
        out.append(source.pop(0))
    return out
