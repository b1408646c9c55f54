"""Several cart actions in one message: "make the first one 3 and remove the third", "candles should be 3,
not 1. and the blanket remove", "add 2 of the first and 1 of the third", "add the blue one then show my cart".

An intent holds one cart action, so a message with two read as one does the wrong one to the wrong line
(the first line removed where it was to become 3). The message is cut where a clause with its own cart
verb follows another, and the turn loop runs the clauses in order, each as a turn of its own in the state
the one before left; the reply says what each did. Only actions of different sorts are cut apart (an add
then a removal, two different quantities): "add the first one and the third one" stays one add of two, and
"remove the kettle and add the black one instead" stays one swap (`assistant.cart_acts`).
"""

from __future__ import annotations

import re

_N = r"(?:\d+|one|two|three|four|five|six)"
_FAMILIES = {
    # not "gonna stick w my old ones": staying with what one has
    "add": re.compile(r"\b(?:add|put|pop|stick(?!\s+(?:with|w|to)\b)|throw|chuck|toss|i'?ll take|i take|give me|get me|"
                      # not "my colleague already buy", "brother can buy himself": a reason, what someone else does
                      r"(?<!already )(?<!can )buy(?!\s+(?:it\s+|them\s+|one\s+)?(?:him|her|them|my|your|our)"
                      r"selfs?\b))\b",
                      re.I),
    "remove": re.compile(r"\b(?:remove|delete|drop|ditch|scrap|get rid of|take\s+(?:[\w'-]+\s+){0,4}?(?:out|off|away)|"
                         r"(?:don'?t|do not|no longer) (?:want|need))\b", re.I),
    "quantity": re.compile(rf"\b(?:make|change|set|bump|increase|reduce|decrease)\b(?:\s+[\w'-]+){{0,4}}?\s+(?:to\s+)?"
                           # not "one of those smart computer ones": which kind, not how many
                           rf"{_N}\b|\b(?:should|to) be\s+{_N}\b|\bjust\s+{_N}\b|"
                           rf"\b(?!one\s+of\s+(?:those|these|them|my|your)\b){_N}\s*(?:x\b|of\b)|"
                           rf"\bx\s?{_N}\b", re.I),
    "view": re.compile(r"\b(?:show|see|check)\s+(?:me\s+)?(?:my|the)\s+(?:cart|basket)\b|"
                       r"\bwhat'?s in (?:my|the) (?:cart|basket)\b|\b(?:what'?s|whats|what is|tell me)\s+(?:the|my)\s+"
                       r"total\b|^\W*(?:and\s+)?(?:the\s+)?total(?:\s+(?:now|please|pls))?\W*$", re.I),
}
# Where a second clause may start: after a full stop or semicolon, or at "and"/"then"/"also"/"plus", or at a
# comma ("take the mug out, make the candles 2").
_CUT = re.compile(r"\s*[.;!?]+\s+(?:(?:and|then|also|plus|&)\s+)*|"
                  r"\s*,?\s+(?:and|then|also|plus|&)\s+(?:(?:then|also)\s+)?|\s*,\s+", re.I)
_SWAP = re.compile(r"\b(?:instead|swap|replace|in (?:its|their) place|rather)\b", re.I)
_COUNT_OF = re.compile(rf"^{_N}\s+of\b|\b{_N}\s+(?:of|x)\b", re.I)


def _families(clause: str) -> set[str]:
    found = {name for name, verb in _FAMILIES.items() if verb.search(clause)}
    if {"quantity", "add"} <= found and _COUNT_OF.search(clause):
        found.discard("add")  # "add 2 of the first": a quantity
    return found


def split_cart_clauses(message: str) -> tuple[str, str] | None:
    """(the first clause, the rest) when the message holds two cart actions of different sorts, else None.

    The rest starts at the first cut whose next clause has a cart verb of its own, so words between
    ("candles should be 3, not 1. and the blanket remove") stay with the clause before."""
    cuts = list(_CUT.finditer(message))
    for i, cut in enumerate(cuts):
        first, rest = message[:cut.start()].strip(), message[cut.end():].strip()
        clause = message[cut.end():cuts[i + 1].start()] if i + 1 < len(cuts) else rest
        said, then = _families(first), _families(clause)
        if not said or not then or said == {"view"} or len(rest.split()) < 2:
            continue  # "what's in my basket? I think I put something in twice": one look at the cart
        if _SWAP.search(rest) and "remove" in said and not _COUNT_OF.search(rest):
            return None  # "remove the kettle and add the black one instead": one swap
        if said != then or said == {"quantity"} and _count(first) != _count(clause):
            if _FAMILIES["add"].search(first) and re.match(rf"{_N}\s+of\b", rest, re.I):
                rest = "add " + rest  # "add 2 of the first and 1 of the third"
            return first, rest
    return None


def shows_cart(clause: str) -> bool:
    """Whether the clause only asks to see the cart ("and then show me my basket"): said after an add, the
    add is the turn's act and the cart is shown with it."""
    return _families(clause) == {"view"}


def _count(text: str) -> str | None:
    """The quantity a clause says: the count before "of" or "x" ("two of the first one"), else its last number."""
    counted = re.search(rf"\b({_N})\s*(?:x\b|of\b)", text, re.I)
    if counted:
        return counted[1].lower()
    found = re.findall(rf"\b{_N}\b", text, re.I)
    return found[-1].lower() if found else None
