"""Undo of the last cart change: "undo", "oops undo that", "put it back", "i didn't mean to remove that".

Shoppers fix a slip at once, and a one-word "undo" read as a search or a removal makes the slip worse.
The turn loop keeps the cart as it was before the last chat turn that changed it
(`DialogueState.cart_before`; an order placed clears it, since an order is not taken back here), and
an undo puts that cart back whichever parser read the message. A second undo redoes, as in an editor.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.types import DialogueState, Product

_LEAD = r"^\W*(?:(?:ok(?:ay)?|oops+|whoops|hmm+|actually|nah|no+|wait|sorry|oh|ugh|argh|dang|damn|shoot|" \
        r"um+|erm|my bad|nvm|never ?mind)\W+)*(?:(?:can (?:you|u)|could you|please|pls|plz|just)\s+)*"
_TAIL = r"(?:\s+(?:please|pls|plz|thanks|thx|again|then|actually|instead|after all|lol|to my cart|to the cart|" \
        r"in(?:to)? (?:my|the) (?:cart|basket)))*\W*$"
# "undo", "undo that", "undo the last change", "revert that": whatever the last cart change was.
UNDO = re.compile(_LEAD + r"(?:undo|revert|reverse|cancel)(?:\s+(?:that|this|it|the last (?:one|change|action|step|"
                  r"thing)|(?:my|the) last (?:change|action|step)|what (?:you|i) just did|"
                  # "undo the swap", "undo that removal": the last change, named by what it was
                  r"(?:the|that|this|my)\s+(?:swap|switch|change|removal|remove|add|addition|quantity change)))?"
                  + _TAIL, re.I)
# "put it back", "add it back", "bring the kettle back", "i didn't mean to remove that": a removal taken back.
PUT_BACK = re.compile(_LEAD + r"(?:(?:put|add|bring|get)\s+(?:it|that|this|them|those|(?:that|this|the) \w+(?: \w+)?)"
                      r"\s+back(?:\s+in)?|i\s+did(?:n'?t| not)\s+(?:mean|want)\s+to\s+(?:remove|delete|take out)"
                      r"\s+(?:it|that|this|them))" + _TAIL, re.I)
# "I didn't ask you to put it in the basket, I only asked ...", "you've put it in already and I was only asking",
# "why did you add that?": an add the shopper never asked for, taken back with an apology.
NOT_ASKED = re.compile(r"\b(?:didn'?t|did not|never)\s+(?:ask|tell|want|say)\s+(?:you\s+|u\s+)?(?:to\s+)?"
                       r"(?:add|put|buy)\b|"
                       r"\b(?:i\s+)?(?:was|am|'?m)\s+(?:only\s+|just\s+)?ask(?:ed|ing)\b|\bi\s+(?:only|just)\s+asked\b|"
                       # "no dont add it, i was asking if its dishwasher safe", "don't put it in the cart"
                       r"^\W*(?:(?:no|nope|wait|stop|hey|oi|whoa|erm|um)\W+)*(?:don'?t|dont|do not)\s+"
                       r"(?:add|put|buy)\b|"
                       r"\bwhy\s+(?:did|have)\s+(?:you|u)\s+(?:add|put)(?:ed)?\b|"
                       r"\b(?:you'?ve|you have|u have)\s+(?:put|added)\s+(?:it|that|this)\b[^.?!]*\balready\b", re.I)
# "actually no", "nah", "no wait" said right after an add: the add taken back.
NO_ALONE = re.compile(r"^\W*(?:(?:actually|oh|hmm+|wait|erm|um+|ugh)\W+)*(?:no+|nope|nah|no thanks|no thank you)"
                      r"(?:\W+(?:wait|actually|sorry|thanks|thx|not that(?: one)?|don'?t))*\W*$", re.I)
# "undo" with no cart change just before is the search's "back to the previous ones" (assistant.going_back).
CART_KINDS = ("add_to_cart", "remove_from_cart", "view_cart")


def asks_undo(message: str, session: DialogueState) -> str | None:
    """"undo" when the message takes back whatever the last cart change was (said right after a cart turn, or
    with no earlier search to go back to; "actually no" right after an add), "put_back" when it takes back a
    removal ("put it back", at any time), "not_asked" when it says the add just made was never asked for, else
    None."""
    text = " ".join(message.split())
    clauses = [c for c in re.split(r"\s*[,.;!]+\s*", text) if c]  # "undo that, put them back"
    if PUT_BACK.match(text) or session.cart_before is not None and any(PUT_BACK.match(c) for c in clauses):
        return "put_back"
    if NOT_ASKED.search(text) and session.last_kind == "add_to_cart" and session.cart_before is not None \
            and session.last_added in session.cart:
        return "not_asked"
    if NO_ALONE.match(text) and session.last_kind == "add_to_cart" and session.cart_changed \
            and session.cart_before is not None:
        return "undo"
    said = UNDO.match(text) or bool(clauses) and UNDO.match(clauses[0])  # "hmm no undo that, keep both for now"
    cart_last = session.last_kind in CART_KINDS and session.cart_before is not None
    if said and (cart_last or session.previous_search is None):  # else the search before is what is undone
        return "undo"
    return None


def undo(session: DialogueState, product: Callable[[str], Product | None], put_back: bool = False) -> str:
    """Put the cart back as it was before its last change; the sentence saying what changed back. With
    nothing to take back (for `put_back`, no removal to take back) the cart is left alone and the sentence
    says so."""
    before = session.cart_before
    if before is None or before == session.cart:
        return "There's no cart change to undo, so your cart stays as it is."
    if put_back and all(session.cart.get(pid, 0) >= n for pid, n in before.items()):
        return "Nothing was taken out of your cart just now, so there's nothing to put back."
    now = dict(session.cart)
    said = []
    for pid in [*before, *(p for p in now if p not in before)]:
        was, gone = before.get(pid, 0), now.get(pid, 0)
        item = product(pid)
        title = item.title if item is not None else pid
        if was and not gone:
            said.append(f"{title} is back in your cart" + (f" (x{was})" if was > 1 else ""))
        elif gone and not was:
            said.append(f"{title} is out of your cart again")
        elif was != gone:
            said.append(f"{title} is back to {was}")
    session.cart.clear()
    session.cart.update(before)
    if session.last_added not in session.cart:
        session.last_added = next(reversed(session.cart), None) if session.cart else None
    return "Undone: " + "; ".join(said) + "."
