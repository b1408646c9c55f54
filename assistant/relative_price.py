"""A price bound set by a product on screen: "anything cheaper than the second one?", "pricier than that".

Why: the words point at a product ("the second one", "that one", "the Sony one"), and a reader that sees
a reference takes the message for a question about that product (its details), while the shopper asks
for other products under (or over) its price. The bound is the product's own price, strictly, so it is not
shown again, and the rest of the search stays.
"""

from __future__ import annotations

import dataclasses
import re

from assistant import rules
from assistant.parser import brand_references, focus_position, shown_references
from assistant.types import DialogueState, Intent
from assistant.vocab import CatalogVocab

_THAN = re.compile(
    r"\b(?:(?P<down>cheaper|less expensive|lower[- ]priced|more affordable|less pricey|less money)|"
    r"(?P<up>pricier|more expensive|dearer|higher[- ]end|more premium|more upmarket))\s+than\s+(?P<what>.{1,40})",
    re.I)
# "is the second one ...", "are the sony ones ...": a question about one product against another
_ASKED_OF = re.compile(r"\b(?:is|are|was|were|isn'?t|aren'?t)\s+(?P<what>.{1,40}?)\s*$", re.I)
_THESE = re.compile(r"^\W*(?:these|those|them|they|the ones? (?:shown|here|above|you showed))\b", re.I)
_IT = re.compile(r"^\W*(?:the\s+)?(?:it|that|this|that one|this one|the one (?:i|you)\b.*)\W*$", re.I)


# Where the product named after "than" ends: "than the wrangler at all, any size?", "than that at all in headphones?"
_NAMED_END = re.compile(r"\s*(?:[,.;!?]|\bat all\b|\boverall\b|\banywhere\b|"
                        r"\bin (?:the |your )?(?:whole |entire )?(?:shop|store|range)\b|"
                        r"\b(?:in|from|among) (?:any|all|the)\b|\bany (?:size|colou?r|brand)\b).*$", re.I)
# The shop's whole range asked, not the list's: the floor set before goes.
_AT_ALL = re.compile(r"\b(?:at all|overall|anywhere|in (?:the |your )?(?:whole |entire )?(?:shop|store|range))\b", re.I)


def _position(what: str, state: DialogueState, shown: list, vocab: CatalogVocab) -> int | None:
    """The position on the list the words after "than" name, or None."""
    what = _NAMED_END.sub("", what) or what
    said = rules.parse_references(what, allow_bare_numbers=False)  # "the second one", "#2", "the last one"
    if said:
        n = len(shown) + 1 + said[0] if said[0] < 0 else said[0]
        return n if 0 < n <= len(shown) else None
    if _IT.match(what):
        return focus_position(state) or (1 if len(shown) == 1 else None)
    found = shown_references(what, shown, vocab) or brand_references(what, shown, vocab)  # "the wrangler"
    return found[0] if len(found) == 1 else None


def priced_against(intent: Intent, text: str, state: DialogueState, shown: list,
                   vocab: CatalogVocab) -> tuple[Intent, list[str]]:
    """"cheaper than the second one": a refinement under that product's price (over it for "pricier")."""
    said = _THAN.search(text)
    if not said or not shown or re.match(r"\W*[$£€₹]?\s*\d", said["what"]):
        return intent, []  # "cheaper than 50" is a ceiling the readers have already read
    if _THESE.match(said["what"]):  # "anything cheaper than these?": the list's own step down or up
        direction = {"cheaper": True} if said["down"] else {"pricier": True}
        return dataclasses.replace(intent, kind="refine", references=(), unresolved=(), **direction), \
            [f"{intent.kind} -> refine: {'cheaper' if said['down'] else 'pricier'} than the list shown"]
    position = _position(said["what"], state, shown, vocab)
    asked = _ASKED_OF.search(text[:said.start()])
    first = _position(asked["what"], state, shown, vocab) if asked and position else None
    if first and first != position:  # "is the second one cheaper than the first?": the two side by side
        return dataclasses.replace(intent, kind="compare", references=(first, position), unresolved=()), \
            [f"{intent.kind} -> compare: is #{first} {'cheaper' if said['down'] else 'pricier'} than #{position}"]
    price = shown[position - 1].product.price if position else None
    if price is None:
        return intent, []
    # strictly under (over) it: the product itself and its price twins are not shown again
    bound = {"max_price": round(price - 0.01, 2), "cheaper": False} if said["down"] \
        else {"min_price": round(price + 0.01, 2), "pricier": False}
    other = "min_price" if said["down"] else "max_price"
    keep = getattr(state, other)
    # the old bound on the other side goes when the new one passes it, or when the shop's whole range is asked
    if keep is not None and ((keep >= price if said["down"] else keep <= price) or _AT_ALL.search(text)):
        bound[other] = None
        bound["clear"] = (*intent.clear, other)  # a floor above the new ceiling goes
    named = re.split(r"[?.!,;]", said["what"], maxsplit=1)[0]  # "than the dyson? philips maybe": the Dyson named
    if intent.brand and intent.brand in vocab.mentioned_brands(named) \
            and (intent.brand != state.brand or _AT_ALL.search(text)):
        # "pricier than the sony one" names the product, it asks for no brand
        bound["brand"] = state.brand if intent.brand != state.brand else None
    changed = dataclasses.replace(intent, kind="refine", references=(), unresolved=(), **bound)
    return changed, [f"{intent.kind} -> refine: {'under' if said['down'] else 'over'} the price of #{position}"]
