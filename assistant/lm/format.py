"""The text formats the language model reads and writes (SimpleTOD-style, kept short for speed).

Parser example (prompt, then the target the model learns to write, then EOS)::

    state: cat=running shoes | under=80 | shown=5
    catalog: brand=Nike
    user: any in blue? not nike
    parse: refine | not=Nike | color=blue

Reply example (values are not in the prompt: the reply is delexicalised, code fills it)::

    reply: refine | n=5 | cat | color | under
    bot: Here are [count] [category] in [color] under [max_price]:

Why this shape: the state line carries everything the next parse depends on (active slots, how
many items are shown) and the catalog line names the brands/categories the message mentions, so
one short prompt suffices; the target is a compact slot string, so greedy decoding stops after
~10 tokens.
"""

from __future__ import annotations

import re

from assistant import rules
from assistant.parser import ParseError
from assistant.types import INTENT_KINDS, DialogueState, Intent
from assistant.vocab import CatalogVocab

# slot string key -> Intent field. Prices are "under"/"over", words shoppers use, rather than
# "max"/"min", which the pretrained model links less directly to "below" or "at least".
# (Renaming them max/min read direction no better: docs/experiments.md, docs/benchmarks.md "Price direction".)
KEYS = {"cat": "category", "brand": "brand", "not": "exclude_brand", "color": "color",
        "over": "min_price", "under": "max_price"}
PRICE_KEYS = ("over", "under", "min", "max")  # min/max: accepted as synonyms when reading
# "about=100" is read as 80..120 (same band as the rule parser's "around 100").
ABOUT_BAND = rules.AROUND_BAND


class LmOutputError(ParseError):
    """The model wrote something that is not a slot string; the caller falls back (and records it)."""


def number_text(value: float) -> str:
    """80.0 -> '80', 79.99 -> '79.99': short and exact."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def state_line(state: DialogueState) -> str:
    """The active search slots and how many items are on screen."""
    parts = []
    if state.category:
        parts.append(f"cat={state.category}")
    if state.brand:
        parts.append(f"brand={state.brand}")
    if state.exclude_brands:
        parts.append("not=" + ",".join(state.exclude_brands))
    if state.color:
        parts.append(f"color={state.color}")
    if state.min_price is not None:
        parts.append(f"over={number_text(state.min_price)}")
    if state.max_price is not None:
        parts.append(f"under={number_text(state.max_price)}")
    parts.append(f"shown={len(state.shown)}")
    return "state: " + " | ".join(parts)


def catalog_line(message: str, vocab: CatalogVocab | None) -> str:
    """Catalog categories and brands the message mentions (exact, or a near miss for long words).

    Why a hint: the catalog is known at run time, so the model need not recognise a brand it
    never saw in training; it decides what each mention means (wanted, excluded, or just a word:
    "on" is a brand in some shops).
    """
    if vocab is None:
        return ""
    categories, brands = vocab.mentioned_categories(message), vocab.mentioned_brands(message)
    parts = ([f"cat={','.join(categories)}"] if categories else []) + ([f"brand={','.join(brands)}"] if brands else [])
    return "catalog: " + " | ".join(parts) if parts else ""


def parse_prompt(state: DialogueState, message: str, vocab: CatalogVocab | None = None) -> str:
    message = " ".join(message.split())
    hint = catalog_line(message, vocab)
    return f"{state_line(state)}\n{hint + chr(10) if hint else ''}user: {message}\nparse:"


def _about(intent: Intent) -> float | None:
    """The centre of an "around X" band (min = 0.8 X, max = 1.2 X), else None."""
    low, high = intent.min_price, intent.max_price
    if not isinstance(low, float) or not isinstance(high, float):
        return None
    center = round(high / ABOUT_BAND[1], 2)
    return center if abs(center * ABOUT_BAND[0] - low) < 0.011 and center == round(center) else None


def format_intent(intent: Intent) -> str:
    """Intent -> compact slot string (the parser's training target); query text is not included.

    "around 100" is written `about=100`, not `over=80 | under=120`: the model copies, code multiplies.
    """
    parts = [intent.kind]
    about = _about(intent)
    for key, name in KEYS.items():
        value = getattr(intent, name)
        if value is None or about is not None and key in ("over", "under"):
            continue
        parts.append(f"{key}={number_text(value) if isinstance(value, float) else value}")
    if about is not None:
        parts.append(f"about={number_text(about)}")
    if intent.cheaper:
        parts.append("cheaper")
    if intent.references:
        parts.append("ref=" + ",".join(str(r) for r in intent.references))
    return " " + " | ".join(parts)


def _references(value: str) -> tuple[int, ...]:
    try:
        return tuple(int(v) for v in value.split(",") if v.strip())
    except ValueError as exc:
        raise LmOutputError(f"references '{value}' are not numbers") from exc


def parse_slot_string(text: str) -> Intent:
    """Slot string -> Intent. Values stay as written (validation snaps/drops them, recorded).

    Raises:
        LmOutputError: no known intent kind, or a part that is not `key=value` / a known flag.
    """
    parts = [p.strip() for p in text.strip().split("|")]
    kind = parts[0]
    if kind not in INTENT_KINDS:
        raise LmOutputError(f"unknown intent kind in LM output {text.strip()!r}")
    fields: dict[str, object] = {}
    for part in parts[1:]:
        if not part:
            continue
        if part == "cheaper":
            fields["cheaper"] = True
            continue
        key, sep, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not value:
            raise LmOutputError(f"slot {part!r} is not key=value in LM output {text.strip()!r}")
        if key == "ref":
            fields["references"] = _references(value)
        elif key == "about":
            try:
                center = float(value)
            except ValueError:
                fields["max_price"] = value  # validation drops it and records why
                continue
            fields["min_price"], fields["max_price"] = rules.around(center)
        elif key in KEYS or key in PRICE_KEYS:
            name = KEYS.get(key) or {"min": "min_price", "max": "max_price"}[key]
            fields[name] = _price_value(value) if key in PRICE_KEYS else value
        else:
            raise LmOutputError(f"unknown slot {key!r} in LM output {text.strip()!r}")
    return Intent(kind, **fields)  # type: ignore[arg-type]


def _price_value(value: str) -> float | str:
    """A number when it is one ("$1,200" -> 1200.0); else the raw text for validation to reject."""
    cleaned = re.sub(r"[$,\s]", "", value)
    try:
        return float(cleaned)
    except ValueError:
        return value


# ---- reply writer format -------------------------------------------------------------------
# The state-level placeholders the LM may use in a reply; product facts are `[name_1]`-style.
STATE_PLACEHOLDERS = ("count", "category", "brand", "not_brand", "color", "min_price", "max_price")
# Placeholders become single tokens (with and without a leading space): a reply then costs ~15
# decoding steps instead of ~35, which is most of the writer's latency on a CPU.
PLACEHOLDER_TOKENS = tuple(
    f"{space}[{name}]"
    for name in (*STATE_PLACEHOLDERS, *(f"{f}_{i}" for f in ("name", "price", "brand", "rating") for i in (1, 2)))
    for space in (" ", "")
)


def reply_prompt(kind: str, n: int, slots: tuple[str, ...], cheaper: bool = False) -> str:
    """`slots` are the names of active constraints (cat, brand, not, color, min, max)."""
    parts = [kind, f"n={n}", *slots]
    if cheaper:
        parts.append("cheaper")
    return "reply: " + " | ".join(parts) + "\nbot:"


def active_slots(state: DialogueState) -> tuple[str, ...]:
    names = []
    for key, present in (("cat", state.category), ("brand", state.brand), ("not", state.exclude_brands),
                         ("color", state.color), ("over", state.min_price is not None),
                         ("under", state.max_price is not None)):
        if present:
            names.append(key)
    return tuple(names)


def query_text(kind: str, message: str) -> str:
    """What the embedding search should look for, derived from the message, not decoded.

    Why not decoded: free text is long and the message already holds it; the rule parser's
    definition (the message without its price phrases) is reused. A "recommend" turn has no
    query so the recommender, not text similarity, picks the products.
    """
    if kind != "search":
        return ""
    return rules.strip_prices(message)
