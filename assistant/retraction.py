"""Shoppers correcting themselves: a message rewritten to what it means before anyone parses it.

"adidas running shoes under 10.. sorry, 100", "add the third one. sorry, fourth!", "*350 sorry",
"purple was a typo lol, pink", "200 was wrong, 300", "the earlier price was fine, 500", "I said black.
why are half of these blue?", "there's STILL beats in there", "ok drop the green": each says one value
in place of another, and once the retracted words are gone every parser (rules or LM) reads an ordinary
request. Its own step because it needs the dialogue's slots (a bare "*350" replaces the bound that is
set) and the catalog's colours and brands (a "sorry, fourth" replaces the position said, not a price).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.rules import ORDINALS, parse_prices
from assistant.types import DialogueState
from assistant.vocab import CatalogVocab, find_longest, words

_MONEY = r"[$£€₹]?\s?(\d+(?:\.\d+)?)\s*(?:dollars|bucks|quid|pounds|euros)?"
_NUMBER = re.compile(r"[$£€₹]?\b\d+(?:\.\d+)?\b")
_ORDINAL = re.compile(r"\b(?:" + "|".join(w for w in ORDINALS if w != "last") + r")\b", re.I)
_SORRY = r"(?:sorry|soz|oops|i mean|i meant|no wait|wait|correction|typo)"

# "X.. sorry, 100", "add the third one. sorry, fourth!", "is the 3rd one noise cancelling? wait no, the 4th, sorry",
# "in black... no sorry, grey", "laptop under 100... sorry 1000, missed a zero", "the 2nd and the 4th. no, 2nd and
# 3rd i mean": the head, then the value it meant (a position or two, an amount, a colour, a brand), then maybe a
# word about the slip.
_SAID_AGAIN = re.compile(rf"^(?P<head>.*\w.*?)\s*(?:\.+|,|!|\?|-+|;)\s*(?:(?:no|nope)\s*,?\s*)?"
                         rf"(?:{_SORRY}\b(?:\s+no\b)?|no(?=\s*,))[\s,:!.-]*"
                         r"(?:the\s+)?(?P<value>[$£€₹]?\s?[\w&'.-]+(?:\s+(?:and|&)\s+(?:the\s+)?[\w&'.-]+"
                         r"|\s+[\w&'-]+)?)"
                         r"(?:\s*[,.;!-]*\s*(?:sorry|soz|oops|i mean|i meant|my bad|lol|haha|missed a zero|typo|"
                         r"wrong (?:one|number|key))\b[\w\s]*)*\s*[.!]*\s*$", re.I)
# "sorry, 35. 25's a bit tight": an amount said again first, then why.
_SORRY_FIRST = re.compile(rf"^\W*(?:sorry|soz|oops|my bad)[\s,:!.-]+{_MONEY}\b(?!\s*(?:st|nd|rd|th)\b)"
                          r"(?:\s*[.!,;-]+\s*[^\d]*?\d*[^\d]*)?\s*$", re.I)  # then why, with one amount at most
# "not jansport sorry, i meant herschel": one brand (or colour) said in place of the other.
_NOT_BUT = re.compile(r"^\W*(?:no\s*,?\s*)?not\s+(?P<old>[\w&'-]+(?:\s+[\w&'-]+)?)[\s,.!;-]*(?:sorry[\s,.!;-]*)?"
                      r"(?:i\s+)?meant\s+(?P<new>[\w&'-]+(?:\s+[\w&'-]+)?)\s*[.!]*\s*$", re.I)
# "*350 sorry", "*under 80 sorry, 60 was a typo": the starred words are the message.
_STARRED = re.compile(rf"^\W*\*\s*(?P<said>[^*]+?)\s*(?:[,.!;-]\s*|\s+)(?:{_SORRY}|my bad)\b.*$"
                      r"|^\W*\*\s*(?P<only>[^*]+?)\W*$", re.I)
# "purple was a typo lol, pink", "200 was wrong, 300", "600 is too tight, make it 700".
_WRONG_THEN = re.compile(r"^\W*(?:(?:ugh|oops|sorry|soz|ah|oh|no|lol|haha)\W+)*(?P<old>[$£€₹]?[\w&'-]+)\s+"
                         r"(?:was|is)\s+(?:a typo|wrong|a mistake|too (?:low|high|tight|much|little|small|big|steep))\b"
                         r"(?:\s+(?:lol|haha|sorry|soz|oops|my bad))*[\s,.;:!-]*"
                         r"(?:(?:make it|i meant|meant|should be|try|use|more like|so|it'?s|its|i mean)\s+)?"
                         r"(?P<new>[$£€₹]?[\w&'-]+(?:\s+[\w&'-]+)?)\s*[.!]*\s*$", re.I)
# "actually the earlier price was fine, 500", "the earlier price was too low, make it 90. keep blue".
_EARLIER_PRICE = re.compile(rf"\b(?:the\s+)?(?:earlier|previous|original|old|first|other|last)\s+"
                            rf"(?:price|budget|limit|max|amount)\b[^\d]{{0,40}}?{_MONEY}\b(?!\s*(?:st|nd|rd|th|gb)\b)",
                            re.I)
# "I said black. why are half of these blue?", "ugh I asked for nike": the value said before, again.
_I_SAID = re.compile(r"^\W*(?:(?:ugh|no|hey|um+|erm|but|wait|hm+|oi)\W+)*i\s+(?:said|asked for|wanted)\s+"
                     r"(?:only\s+|just\s+)?(?P<value>[\w&'-]+(?:\s+[\w&'-]+)?)\b(?P<rest>.*)$", re.I)
_COMPLAINT = re.compile(r"^\W*(?:$|(?:why|how come|what|these|those|there|half|some|all|but|and|not|so|you|u|it)\b)",
                        re.I)
# "there's STILL beats in there", "still seeing nike": a brand ruled out that the list still shows.
_STILL = re.compile(r"\bstill\b", re.I)
_STILL_SHOWN = re.compile(r"\bstill\s+(?:seeing|showing|getting)\b"
                         r"|\bstill\b.{0,30}\b(?:in there|on there|showing|popping up|coming up|"
                         r"in the (?:list|results))",
                         re.I)
# "ok drop the green", "lose the black": the colour filter, not a cart line.
_DROP = re.compile(r"\b(?:drop|lose|ditch|forget|remove|scrap|skip)\s+(?:the\s+)?(?P<value>[\w-]+)"
                   r"(?P<next>\s+(?:one|ones|item|thing|filter|colou?r|bit))?\b", re.I)
# "no, forget laptops, just recommend me ...": a kind of product let go, the rest the request.
_FORGET = re.compile(r"\b(?:forget|never mind|nvm|scrap)\s+(?:about\s+)?(?:the\s+)?(?P<what>[\w'-]+(?:\s+[\w'-]+)?)"
                     r"\s*[,;.-]+\s*", re.I)

# "ugh not those, the trail ones", "no i meant wireless ones": the shown ones rejected for what follows.
_NOT_THOSE = re.compile(r"^\W*(?:(?:ugh|no|nah|hm+|meh|oh)\W+)*(?:not\s+(?:those|these|them|that)(?:\s+ones)?|"
                        r"(?:no\s+)?i\s+meant)[\s,;:.!-]+(?P<rest>\w.*)$", re.I)


@dataclass(frozen=True)
class Retraction:
    """The message as meant, and what was rewritten (for the trace); `said` is None when nothing was."""
    message: str
    said: str | None = None


def retract(message: str, state: DialogueState, vocab: CatalogVocab) -> Retraction:
    """The message with a self-correction resolved, or unchanged."""
    for rewrite in (_starred, _sorry_first, _not_but, _said_again, _wrong_then, _earlier_price, _i_said, _still, _drop,
                    _forget, _not_those):
        meant = rewrite(message, state, vocab)
        if meant and meant.strip() and meant != message:
            return Retraction(meant.strip(), f"{message!r} read as {meant.strip()!r}")
    return Retraction(message)


def _bound(amount: str, state: DialogueState) -> str:
    """A bare amount said again: the bound the search has (a floor when only a floor is set)."""
    word = "over" if state.min_price is not None and state.max_price is None else "under"
    return f"{word} {amount}"


def _bare_amount(text: str) -> str | None:
    m = re.fullmatch(rf"\s*{_MONEY}\s*(?:max|tops|then|instead|please|pls)?\s*", text, re.I)
    return m[1] if m else None


def _starred(message: str, state: DialogueState, vocab: CatalogVocab) -> str | None:
    m = _STARRED.match(message)
    if not m:
        return None
    said = m["said"] or m["only"]
    amount = _bare_amount(said)
    if amount is not None:
        return _bound(amount, state) if state.searching() else None
    return said


def _sorry_first(message: str, state: DialogueState, vocab: CatalogVocab) -> str | None:
    m = _SORRY_FIRST.match(message)
    return _bound(m[1], state) if m and state.searching() else None


def _not_but(message: str, state: DialogueState, vocab: CatalogVocab) -> str | None:
    m = _NOT_BUT.match(message)
    return f"{m['new']} only" if m and _kind_spans(m["old"], m["new"], vocab) else None


# Positions said as a list: "2nd and 3rd", "the 2nd & the 3rd".
_ORDINAL_LIST = re.compile(rf"{_ORDINAL.pattern}(?:\s+(?:and|&)\s+(?:the\s+)?{_ORDINAL.pattern})+", re.I)
# An amount with the word that makes it a bound: "under 30", "max 40".
_BOUND_AMOUNT = re.compile(r"(?:under|below|over|above|max|min|up to|less than|more than)\s+[$£€₹]?\s?(\d+(?:\.\d+)?)",
                           re.I)


def _kind_spans(text: str, value: str, vocab: CatalogVocab) -> list[tuple[int, int]] | None:
    """Where `text` says something of the same kind as `value` (a number, a position or a list of them, a colour,
    a brand); None when `value` is none of these."""
    value = value.strip()
    if re.fullmatch(r"[$£€₹]?\s?\d+(?:\.\d+)?", value) or _BOUND_AMOUNT.fullmatch(value):
        return [(m.start(), m.end()) for m in _NUMBER.finditer(text)]
    if _ORDINAL.fullmatch(value):
        return [(m.start(), m.end()) for m in _ORDINAL.finditer(text)]
    if _ORDINAL_LIST.fullmatch(value):  # "the 2nd and the 4th. no, 2nd and 3rd": the whole list said again
        found = list(_ORDINAL.finditer(text))
        return [(found[0].start(), found[-1].end())] if found else None
    for table in (vocab.colors, vocab.brands):
        if find_longest(value, table) and len(find_longest(value, table)) == 1:
            s, e, _ = find_longest(value, table)[0]
            if e - s >= len(value) - 1:
                return [(s2, e2) for s2, e2, _ in find_longest(text, table)]
    return None


def _said_again(message: str, state: DialogueState, vocab: CatalogVocab) -> str | None:
    m = _SAID_AGAIN.match(message)
    if not m:
        return None
    head, value = m["head"], m["value"].strip().rstrip("!.")
    spans = _kind_spans(head, value, vocab)
    if not spans:
        return None
    s, e = spans[-1]
    bound = _BOUND_AMOUNT.fullmatch(value)
    return head[:s] + (bound[1] if bound else value) + head[e:]


def _wrong_then(message: str, state: DialogueState, vocab: CatalogVocab) -> str | None:
    m = _WRONG_THEN.match(message)
    if not m:
        return None
    old, new = m["old"], m["new"]
    amount = _bare_amount(new)
    if _bare_amount(old) is not None and amount is not None:
        return _bound(amount, state) if state.searching() else None
    if _kind_spans(old, new, vocab):  # "purple was a typo, pink": the new value alone, a refinement
        return new
    return None


def _earlier_price(message: str, state: DialogueState, vocab: CatalogVocab) -> str | None:
    m = _EARLIER_PRICE.search(message)
    if not m or not state.searching() or re.search(r"\b(?:under|over|below|above|max|min)\b", message, re.I):
        return None
    return _bound(m[1], state)


def _i_said(message: str, state: DialogueState, vocab: CatalogVocab) -> str | None:
    m = _I_SAID.match(message)
    if not m or not state.searching() or not _COMPLAINT.match(m["rest"]):
        return None
    value = m["value"]
    colours = find_longest(value, vocab.colors)
    if colours and colours[0][0] == 0:
        return f"in {colours[0][2].lower()}"
    brands = vocab.brand_spans(value)
    if brands and brands[0][0] == 0:
        return f"{brands[0][2]} only"
    return None


def _still(message: str, state: DialogueState, vocab: CatalogVocab) -> str | None:
    if not _STILL.search(message) or not state.searching():
        return None
    brands = vocab.mentioned_brands(message)
    if len(brands) == 1 and (brands[0] in state.exclude_brands or _STILL_SHOWN.search(message)) \
            and not re.search(r"\b(?:add|cart|basket|buy|want|like|love|prefer|any)\b", message, re.I) \
            and parse_prices(message) == (None, None):  # "under 100, any brand except tefal still" says more
        return f"no {brands[0]}"
    return None


def _drop(message: str, state: DialogueState, vocab: CatalogVocab) -> str | None:
    if not state.color:
        return None
    for m in _DROP.finditer(message):
        found = find_longest(m["value"], vocab.colors)
        if found and found[0][2] == state.color and not (m["next"] or "").strip().startswith(("one", "item", "thing")):
            return message[:m.start()] + "any colour" + message[m.end():]
    return None


def _forget(message: str, state: DialogueState, vocab: CatalogVocab) -> str | None:
    m = _FORGET.search(message)
    if not m:
        return None
    rest = message[:m.start()] + message[m.end():]
    if len(rest.split()) >= 3 and m["what"].lower() in words(state.query) and " " not in m["what"].strip() \
            and not vocab.mentioned_categories(m["what"]) and not vocab.product_heads(m["what"]) \
            and not vocab.mentioned_colors(m["what"]) and not vocab.mentioned_brands(m["what"]):
        # (a colour or brand let go is a filter lifted, "forget black. any colour", not a word ruled out)
        return f"{rest.strip()}, not {m['what']}"  # "forget trail. road running shoes" after trail ones
    if not vocab.mentioned_categories(m["what"]):
        return None
    return rest if len(rest.split()) >= 3 and not vocab.mentioned_categories(rest) else None


def _not_those(message: str, state: DialogueState, vocab: CatalogVocab) -> str | None:
    """The rest, when it describes ones of the aisle on screen ("the trail ones" among running shoes);
    "not those, the ones for running" among sneakers asks for another kind, which the rejection says."""
    m = _NOT_THOSE.match(message)
    if not m or not state.searching() or not re.search(r"\bones?\b", m["rest"], re.I):
        return None
    used = vocab.category_words.get(state.category or "", ())
    return m["rest"] if any(w in used for w in words(m["rest"]) if len(w) > 3 and w != "ones") else None
