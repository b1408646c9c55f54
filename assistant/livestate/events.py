"""The events one turn makes, read from the dialogue before and after it and from its reply.

Deriving them from state changes (not from the parsed intent) means every path that changes a cart
(a chat message, the UI's buttons, the API) records the same events in the same way.
"""

from __future__ import annotations

from assistant.livestate.store import Event
from assistant.types import SEARCH_KINDS, DialogueState, Reply


def identity(state: DialogueState, session_key: str) -> tuple[str | None, str | None]:
    """(user_id, session_key) an event may carry: both only for a known shopper with personalisation on;
    a guest's or an opted-out shopper's events are anonymous."""
    if state.user_id and state.personalize:
        return state.user_id, session_key
    return None, None


def cart_events(before: dict[str, int], after: dict[str, int], user_id: str | None,
                session_key: str | None) -> list[Event]:
    out = []
    for pid, quantity in after.items():
        was = before.get(pid, 0)
        if not was:
            out.append(Event("cart_add", pid, value=quantity, user_id=user_id, session_key=session_key))
        elif was != quantity:
            out.append(Event("cart_quantity", pid, value=quantity, user_id=user_id, session_key=session_key))
    out += [Event("cart_remove", pid, value=0, user_id=user_id, session_key=session_key)
            for pid in before if pid not in after]
    return out


def turn_events(before: DialogueState, after: DialogueState, reply: Reply | None, session_key: str) -> list[Event]:
    """Products shown (with their 1-based rank in the search, pages counted on), "why" asked, cart changes."""
    user_id, key = identity(after, session_key)
    out: list[Event] = []
    if reply is not None and reply.intent.kind in SEARCH_KINDS:
        out += [Event("shown", c.product.product_id, position=after.offset + i + 1, detail=reply.intent.kind,
                      user_id=user_id, session_key=key) for i, c in enumerate(reply.products)]
    if reply is not None and reply.intent.kind == "why":
        out += [Event("why", c.product.product_id, position=i + 1, user_id=user_id, session_key=key)
                for i, c in enumerate(reply.products)]
    order = new_order(before, after)
    if order is not None:  # what was bought leaves the cart as a checkout, not as removals
        bought = {line["product_id"] for line in order["lines"]}
        out += [Event("checkout", line["product_id"], value=line["quantity"], detail=order["order_id"],
                      user_id=user_id, session_key=key) for line in order["lines"]]
        return out + cart_events({p: q for p, q in before.cart.items() if p not in bought}, after.cart, user_id, key)
    return out + cart_events(before.cart, after.cart, user_id, key)


def new_order(before: DialogueState, after: DialogueState) -> dict | None:
    """The order this turn placed, if any."""
    return after.last_order if after.last_order and after.last_order != before.last_order else None
