"""A `DialogueState` as JSON and back, for the session rows.

The cart is not in the JSON (it has its own table, so carts can be read, exported and kept past a
session's expiry on their own). The ranking of what was shown (`last_candidates`) is stored as
scores and reasons by product id and rebuilt from the catalog on load: a product the catalog no
longer has drops out, as it does from carts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from assistant.types import Candidate, DialogueState, Product

_SPECIAL = {"cart", "last_candidates", "history"}
FIELDS = tuple(f.name for f in dataclasses.fields(DialogueState) if f.name not in _SPECIAL)


def state_to_json(state: DialogueState) -> dict[str, Any]:
    out: dict[str, Any] = {name: _plain(getattr(state, name)) for name in FIELDS}
    out["history"] = [list(turn) for turn in state.history]
    out["last_candidates"] = {pid: {"score": float(c.score), "reasons": list(c.reasons),
                                    "components": {k: float(v) for k, v in c.components.items()}}
                              for pid, c in state.last_candidates.items()}
    return out


def state_from_json(data: dict[str, Any], product: Callable[[str], Product | None],
                    cart: dict[str, int] | None = None) -> DialogueState:
    """The state `state_to_json` wrote; unknown keys (a newer schema's) are ignored, missing ones default."""
    state = DialogueState()
    for name in FIELDS:
        if name in data:
            value = data[name]
            default = getattr(state, name)
            setattr(state, name, list(value) if isinstance(default, list) and value is not None else value)
    if data.get("previous_search") and not state.earlier_searches:
        state.earlier_searches = [data["previous_search"]]  # a session saved before the searches were kept
    state.history = [tuple(turn) for turn in data.get("history", [])]
    for pid, ranked in (data.get("last_candidates") or {}).items():
        found = product(pid)
        if found is not None:
            state.last_candidates[pid] = Candidate(found, ranked.get("score", 0.0), tuple(ranked.get("reasons", ())),
                                                   dict(ranked.get("components", {})))
    state.cart = dict(cart or {})
    return state


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value
