"""Cart turns: add, remove, view, quantities, emptying (confirmed) and checkout. The cart lives in the
session (product_id -> quantity).

Replies here are templated, not generated: they confirm a transaction, and every fact in them
is a placeholder filled from the catalog (the total is computed from catalog prices).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from assistant.money import DEFAULT_CURRENCY, format_price
from assistant.types import ONE_LESS, DialogueState, Intent, Product
from recsys.types import Candidate
from retrieval.index import ProductIndex


def items(n: int) -> str:
    """"1 item", "3 items"."""
    return f"{n} item" if n == 1 else f"{n} items"


def _as_candidates(product_ids: list[str], index: ProductIndex) -> list[Candidate]:
    out = []
    for pid in product_ids:
        product = index.product(pid)
        if product is not None:
            out.append(Candidate(product, 0.0, ("in your cart",)))
    return out


def put_on_screen(session: DialogueState, shown: list[Candidate]) -> None:
    """Products that are not a search's list become the list on screen, in order ("the first one" next means
    the first of them). The search's page they replace counts as seen: "more" next goes on past it."""
    session.paged = [*session.paged, *(pid for pid in session.shown if pid not in session.paged)]
    session.shown = [c.product.product_id for c in shown]
    session.shown_prices = [c.product.price for c in shown]
    session.last_candidates = {c.product.product_id: c for c in shown}


def _view(session: DialogueState, index: ProductIndex, currency: str = DEFAULT_CURRENCY,
          prefix: str = "") -> tuple[list[Candidate], str]:
    items = _as_candidates(list(session.cart), index)
    if not items:  # nothing to show: the list on screen stays ("total pls" -> "add the first one")
        return [], prefix + "Your cart is empty."
    put_on_screen(session, items)  # so "remove the second one" refers to the cart's lines
    lines = [f"{i + 1}. [name_{i + 1}] x{session.cart[c.product.product_id]}, [price_{i + 1}] each"
             for i, c in enumerate(items)]
    total = cart_total(session, index.product)
    return items, prefix + "Your cart:\n" + "\n".join(lines) + f"\nTotal: {format_price(total, currency)}"


def cart_total(session: DialogueState, product: Callable[[str], Product | None]) -> float:
    """What the cart comes to at catalog prices (lines the catalog prices none of, or no longer lists, count
    nothing): the cart view's total, and the one a budget question is answered against."""
    total = 0.0
    for pid, quantity in session.cart.items():
        found = product(pid)
        if found is not None and found.price is not None:
            total += found.price * quantity
    return round(total, 2)


def past_list_text(intent: Intent, session: DialogueState) -> str:
    """A reference past what is shown (or past the cart's lines), answered plainly."""
    asked = ", ".join(str(r) for r in intent.unresolved)
    if intent.kind == "remove_from_cart":
        n, what = len(session.cart), "product in your cart" if len(session.cart) == 1 else "products in your cart"
    else:
        n, what = len(session.shown), "item on the list" if len(session.shown) == 1 else "items on the list"
    if not n:
        return {"remove_from_cart": "Your cart is empty, so there's nothing to remove.",
                "compare": "There's nothing to compare yet: tell me what you're looking for first."}.get(
            intent.kind, "There's nothing to pick from yet: tell me what you're looking for.")
    return f"There {'is' if n == 1 else 'are'} only {n} {what}, so I can't find number {asked}. Which one do you mean?"


EMPTY_NOTHING_TO_REMOVE = "Your cart is empty, so there is nothing to remove."
WHICH_ONE = "Which one? Say e.g. 'add the second one to my cart'."


def not_in_cart(session: DialogueState, index: ProductIndex, said: str,
                currency: str = DEFAULT_CURRENCY) -> tuple[list[Candidate], str]:
    """"remove the jacket" with only shoes in the cart: said plainly, with the cart's lines, nothing removed."""
    return view_after(f"Your cart has no {said}, so I haven't removed anything.", session, index, currency)


def view_after(sentence: str, session: DialogueState, index: ProductIndex,
               currency: str = DEFAULT_CURRENCY) -> tuple[list[Candidate], str]:
    """A sentence about the cart (no placeholders in it), then the cart's lines and total, shown as the list."""
    return _view(session, index, currency, sentence + "\n")


def cart_turn(intent: Intent, session: DialogueState, referenced: list[Candidate],
              index: ProductIndex, currency: str = DEFAULT_CURRENCY) -> tuple[list[Candidate], str]:
    """Apply a cart intent to the session; returns (products in the reply, reply with placeholders)."""
    if intent.kind == "view_cart":
        return _view(session, index, currency)
    if not referenced and len(session.shown) == 1 and intent.kind == "add_to_cart":
        referenced = list(session.last_candidates.values())[:1]  # "add it" with one product on screen
    if not referenced:
        if intent.kind == "remove_from_cart" and session.cart:
            return _view(session, index, currency, "Which item should I remove? Say e.g. 'remove the first one'.\n")
        if intent.kind == "remove_from_cart":
            return [], EMPTY_NOTHING_TO_REMOVE
        return [], WHICH_ONE
    if intent.kind == "add_to_cart":
        for c in referenced:
            session.cart[c.product.product_id] = session.cart.get(c.product.product_id, 0) + 1
            session.last_added = c.product.product_id
        names = ", ".join(f"[name_{i + 1}]" for i in range(len(referenced)))
        return referenced, added_text(names, session.cart) + _out_of_stock_note(referenced)
    removed = [c for c in referenced if session.cart.pop(c.product.product_id, None) is not None]
    if not removed:
        return referenced[:1], "[name_1] is not in your cart."
    names = ", ".join(f"[name_{i + 1}]" for i in range(len(removed)))
    return removed, f"Removed {names} from your cart. {left_text(session, index, currency)}"


def left_text(session: DialogueState, index: ProductIndex, currency: str = DEFAULT_CURRENCY) -> str:
    """What the cart holds after a removal, so "remove the pan and tell me the new total" is answered too."""
    if not session.cart:
        return "Your cart is now empty."
    return f"Your cart now holds {items(sum(session.cart.values()))}, " \
           f"{format_price(cart_total(session, index.product), currency)} in total."


def already_added(session: DialogueState) -> str:
    """The reply to "add it" right after that item went in: it is there once; one more is asked for in words."""
    return (f"[name_1] is already in your cart ({items(sum(session.cart.values()))} in total). "
            "Say 'add another one' if you want one more.")


def _lines(session: DialogueState, index: ProductIndex) -> list[tuple[Product, int]]:
    return [(p, q) for p, q in ((index.product(pid), q) for pid, q in session.cart.items()) if p is not None]


def _summary(lines: list[tuple[Product, int]]) -> tuple[int, float]:
    return sum(q for _, q in lines), sum((p.price or 0.0) * q for p, q in lines)


def clear_request(session: DialogueState, index: ProductIndex, currency: str = DEFAULT_CURRENCY) -> str:
    """"Clear my cart": asked first (the answer is the next message), never done on one word."""
    lines = _lines(session, index)
    if not lines:
        return "Your cart is already empty."
    count, total = _summary(lines)
    session.pending = "clear_cart"
    return (f"Empty your cart? It holds {count} {'item' if count == 1 else 'items'} ({format_price(total, currency)}). "
            "Say 'yes' to empty it, or just keep shopping.")


def clear_confirmed(session: DialogueState) -> str:
    session.cart.clear()
    session.last_added = None
    return "Done: your cart is empty."


def set_quantity(session: DialogueState, targets: list[Candidate], quantity: int,
                 index: ProductIndex) -> tuple[list[Candidate], str]:
    """A line's quantity set to `quantity` ("make it two"): the referenced products, else the one just added,
    else the cart's only line. A product not yet in the cart is added with that quantity."""
    if not targets:
        pid = session.last_added if session.last_added in session.cart else (
            next(iter(session.cart)) if len(session.cart) == 1 else None)
        targets = _as_candidates([pid], index) if pid else []
    if not targets:
        return [], "Which item should that be? Say e.g. 'make the first one two'."
    for c in targets:
        session.cart[c.product.product_id] = quantity
        session.last_added = c.product.product_id
    names = ", ".join(f"[name_{i + 1}]" for i in range(len(targets)))
    return targets, (f"Now {quantity} × {names} in your cart "
                     f"({items(sum(session.cart.values()))} in total).") + _out_of_stock_note(targets)


def which_line(session: DialogueState, index: ProductIndex, question: str, lines: list[Product] | None = None,
               currency: str = DEFAULT_CURRENCY) -> tuple[list[Candidate], str]:
    """Cart lines shown under a question asking which is meant ("the backpack" with two in the cart): `lines`, or
    the whole cart; they become the list on screen, so "the first one" next points into them."""
    if lines is None:
        return _view(session, index, currency, question + " Say e.g. 'the first one'.\n")
    shown = [Candidate(p, 0.0, ("in your cart",)) for p in lines]
    put_on_screen(session, shown)
    listed = "\n".join(f"{i + 1}. [name_{i + 1}] x{session.cart.get(p.product_id, 0)}" for i, p in enumerate(lines))
    return shown, f"{question} Say e.g. 'the first one'.\n{listed}"


def take_one(session: DialogueState, named: list[Product], index: ProductIndex,
             currency: str = DEFAULT_CURRENCY) -> tuple[list[Candidate], str]:
    """One less of a line ("remove one of the yoga mats", "one less please"): the line named (of several named,
    the only one holding more than one), else the one just added, else the cart's only line; a line of one goes.
    When that leaves the line unknown, the cart is shown and which is asked (`ONE_LESS` pending)."""
    if len(named) > 1:
        multi = [p for p in named if session.cart.get(p.product_id, 0) > 1]
        named = multi if len(multi) == 1 else named
    elif not named:
        pid = session.last_added if session.last_added in session.cart else (
            next(iter(session.cart)) if len(session.cart) == 1 else None)
        named = [p for p in (index.product(pid),) if p is not None] if pid else []
    if len(named) != 1 or named[0].product_id not in session.cart:
        if not session.cart:
            return [], "Your cart is empty, so there's nothing to remove."
        session.pending = ONE_LESS
        return which_line(session, index, "Which item should I take one off?", currency=currency)
    product = named[0]
    left = session.cart[product.product_id] - 1
    shown = [Candidate(product, 0.0, ("in your cart",))]
    if left <= 0:
        session.cart.pop(product.product_id)
        return shown, f"Removed [name_1] from your cart. {left_text(session, index, currency)}"
    session.cart[product.product_id] = left
    return shown, f"Now {left} × [name_1] in your cart ({items(sum(session.cart.values()))} in total)."


CHECKOUT_ASKED = "checkout"  # `DialogueState.pending` while the order waits for the shopper's yes
_NOTHING_TO_ORDER = "Everything in your cart is out of stock right now, so there is nothing to order."


def checkout_request(session: DialogueState, index: ProductIndex,
                     currency: str = DEFAULT_CURRENCY) -> tuple[list[Candidate], str]:
    """"checkout" said in the chat: the cart and its total, and the order is placed on the next message's yes.

    Why asked: an order is not undone, and shoppers who type "ok checkout" to a chat expect to see what they are
    buying first (the cart panel's Checkout button is the one-step way)."""
    lines = _lines(session, index)
    if not lines:
        return [], "Your cart is empty: add something first, then say 'checkout'."
    if not any(p.in_stock for p, _q in lines):
        return [], _NOTHING_TO_ORDER
    shown, text = _view(session, index, currency)
    session.pending = CHECKOUT_ASKED
    return shown, text + "\nSay 'yes' to place the order (no payment is taken in this demo), or keep shopping."


def checkout(session: DialogueState, index: ProductIndex, order_id: str,
             currency: str = DEFAULT_CURRENCY) -> tuple[list[Candidate], str]:
    """Place an order for the cart (no payment here: a confirmation with its number) and empty the cart.

    The order is kept in `session.last_order`; the server saves it with the session in one transaction."""
    lines = [(p, q) for p, q in _lines(session, index) if p.in_stock]
    missing = [p for p, _q in _lines(session, index) if not p.in_stock]
    if not lines:
        return [], ("Your cart is empty: add something first, then say 'checkout'." if not missing else
                    _NOTHING_TO_ORDER)
    count, total = _summary(lines)
    session.last_order = {"order_id": order_id, "total": round(total, 2), "currency": currency,
                          "lines": [{"product_id": p.product_id, "title": p.title, "quantity": q,
                                     "price": p.price or 0.0} for p, q in lines]}
    for p, _q in lines:
        session.cart.pop(p.product_id, None)
    session.last_added = None
    bought = _as_candidates([p.product_id for p, _ in lines], index)
    text = order_text(session.last_order)
    if missing:
        text += f" {items(len(missing))} out of stock {'stays' if len(missing) == 1 else 'stay'} in your cart."
    return bought, text


def new_order_id() -> str:
    """An order number a shopper can quote: "SA-" and 8 random hex digits."""
    return f"SA-{secrets.token_hex(4).upper()}"


def order_text(order: dict) -> str:
    """The confirmation of a placed order ({order_id, total, currency, lines}), the same from the chat and the
    cart panel; an order saved before orders recorded their currency was in US dollars."""
    count = sum(line["quantity"] for line in order["lines"])
    total = format_price(order["total"], order.get("currency", DEFAULT_CURRENCY))
    return (f"Order {order['order_id']} placed: {items(count)}, total {total}. "
            "No payment is taken in this demo; this is your confirmation.")


def _out_of_stock_note(added: list[Candidate]) -> str:
    """Said at the add, not first at checkout: a line that is out of stock stays in the cart but is not ordered."""
    gone = [f"[name_{i + 1}]" for i, c in enumerate(added) if not c.product.in_stock]
    if not gone:
        return ""
    return (f" Note: {', '.join(gone)} {'is' if len(gone) == 1 else 'are'} out of stock right now, so "
            f"{'it' if len(gone) == 1 else 'they'} can't be ordered until back in stock.")


def added_text(names: str, cart: dict[str, int]) -> str:
    """The confirmation of an add (names may be placeholders), with the cart's item count."""
    return f"Added {names} to your cart ({items(sum(cart.values()))} in total)."
