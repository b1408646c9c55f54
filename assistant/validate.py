"""Validation of a parsed Intent against the catalog and the dialogue: one place for fallback.

Whatever a parser emits (the LM can emit anything) passes through `validate_intent`. Values
are snapped to catalog values or dropped; each correction is recorded so the turn's trace says
why, and nothing is raised into the chat.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter

from assistant import rules
from assistant.types import INTENT_KINDS, DialogueState, Intent
from assistant.vocab import OWNED_BEFORE, PRODUCT_WORD_ZIPF, CatalogVocab, graded_from_word, hyphen_joined, words, zipf

# Intents whose brand slots filter products: the only ones an exclusion in the message applies to.
_FILTERING = ("search", "refine", "recommend")
# Prices beyond this are not a shopper's constraint but noise (or an attack): dropped.
MAX_SANE_PRICE = 1e7


def _price(value: object, name: str, problems: list[str]) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        problems.append(f"{name} '{value}' is not a number: dropped")
        return None
    if not math.isfinite(number) or number < 0 or number > MAX_SANE_PRICE:
        problems.append(f"{name} {value} is not a sensible price: dropped")
        return None
    return number


def model_numbers(message: str, vocab: CatalogVocab) -> set[float]:
    """Numbers that name a model, not a price: glued to letters ("770nc", "40mm"), said right after a brand or a
    product-line word of the catalog ("fenix 8", "forerunner 965", "levis 501"), or a title's number after a word of
    the titles ("latitude 5440")."""
    found = {float(m[1]) for m in re.finditer(r"\b(\d{1,4})(?!k\b)[a-z]{1,3}\b", message, re.I)}
    for m in re.finditer(r"\b([a-z][\w'-]*)\s+(\d{1,4})\b(?![.,]\d)", message, re.I):
        word = m[1].casefold()
        if word in vocab.line_brands or any(word in lines for lines in vocab.category_lines.values()) \
                or vocab.mentioned_brands(m[1]):
            found.add(float(m[2]))
        elif word in vocab.title_words and m[2] in vocab.title_words and len(m[2]) >= 3 and int(m[2]) % 50:
            found.add(float(m[2]))  # "the Latitude 5440": a title's word and its number, no round amount
    return found


def _grounded(low: float | None, high: float | None, message: str,
              problems: list[str], models: set[float] = frozenset()) -> tuple[float | None, float | None]:
    """Keep only prices the message states: an amount in it (digits or words), or the band around one.

    Why: a price is copied from the shopper, like a brand is snapped to the catalog. An LM that
    invents "under=100" for "limit it to ninja", or "over=600" for "too steep for me", would
    silently filter the results by a number nobody said. ("Cheaper" is its own flag, not a price.)
    """
    stated = rules.stated_numbers(message) - models  # "jbl tune 770nc" states no price of 770
    bands = {rules.around(n) for n in stated}
    if (low, high) in bands:
        return low, high
    read = rules.parse_prices(message)  # what the rule reader takes the message's prices to be
    kept = []
    for name, value, said in (("min_price", low, read[0]), ("max_price", high, read[1])):
        if value is not None and not any(abs(value - n) < 0.005 for n in stated):
            # "between 800 and 1500" written as under=150: the bound the message states stands in for it
            problems.append(f"{name} {value:g} is not a price the message states: "
                            + (f"replaced by {said:g}" if said is not None else "dropped"))
            value = said
        kept.append(value)
    if (kept[0], kept[1]) != (low, high) and read != (None, None):
        return read  # the model misread the prices: the rule reader's reading of both bounds
    return kept[0], kept[1]


def _single(candidates: list[str]) -> tuple[str | None, str]:
    """The one candidate left to stand in for a wrong brand, and how the trace words it; none when
    zero or several are left (which of several is not for validation to guess)."""
    if len(candidates) == 1:
        return candidates[0], f"replaced by '{candidates[0]}'"
    return None, "dropped"


def _named(slots: dict[str, tuple[object, str | None]], mentioned: list[str],
           problems: list[str]) -> dict[str, str | None]:
    """Keep only brands the message names; a brand it does not name becomes the one it does, if one is left.

    `slots`: brand slot -> (value as written, its catalog value or None).
    Why: like a price, a brand is the shopper's word. A model that writes a brand it knows
    ("Samson") or half-copies one ("Adflix") for one it never saw in training ("Nothing from
    Adidas") would filter by a brand nobody said. The message's own brand replaces it when exactly
    one named brand is unused; otherwise the slot is dropped. Each change is recorded.
    """
    values = {slot: snapped for slot, (_, snapped) in slots.items()}
    for slot, (written, snapped) in slots.items():
        if not written or snapped in mentioned:
            continue
        values[slot], change = _single([b for b in mentioned if b not in values.values()])
        problems.append(f"{slot} '{written}' is not a brand the message names: {change}")
    return values


def _excluded(values: dict[str, object], excluded: list[str], mentioned: list[str], problems: list[str]) -> None:
    """A brand the message puts right after an exclusion word ("avoid Samsung", "nothing from Adidas") is
    excluded, whichever slot the model wrote it in, or if it wrote none.

    `values`: the intent's settled slot values, changed in place; `excluded`: the brands the
    rule grammar (`rules.excluded_brands`) reads as excluded; `mentioned`: all brands the message
    names. A wanted brand moved out is replaced by the one named brand left, if exactly one is
    ("asics shoes, nothing from brooks" read as `brand=Brooks`), as in `_named`.
    Why: a short fine-tune copies a brand it meets with an exclusion wording it never saw into the
    wanted brand slot, or leaves it out, and the shopper who said "avoid Samsung" would be shown
    Samsung. Which brand a "not"/"skip"/"without" governs is grammar, which the rule parser already
    reads the same way. Each change is recorded; the intent has one exclusion slot, so a second
    excluded brand is left out when the model filled the slot with another.
    """
    for brand in excluded:
        if values.get("brand") == brand:
            values["brand"], change = _single([b for b in mentioned if b not in excluded])
            problems.append(f"brand '{brand}' follows an exclusion word in the message: {change}")
        held = values.get("exclude_brand")
        if held in (None, brand) or held == values.get("brand"):  # the last: "not X" for the brand wanted
            if held != brand:
                problems.append(f"exclude_brand '{brand}' added: the message excludes it"
                                + (f" ('{held}' is the brand wanted)" if held else ""))
            values["exclude_brand"] = brand


def _unplaced(values: dict[str, object], mentioned: list[str], excluded: list[str], colors: list[str],
              problems: list[str]) -> None:
    """The one brand (or colour) the message names that the model put in no slot fills the empty
    wanted-brand (colour) slot: "is there any Adidas running shoe?" read as `cat=running shoes` alone.

    Why: the prompt's catalog line told the model which names the message holds, and a short
    fine-tune still drops some, so the shopper's filter is lost. Only a single candidate is placed
    (two unplaced brands could be a comparison); excluded brands are never wanted.
    """
    if values.get("brand") is None:
        left = [b for b in mentioned if b not in excluded and b != values.get("exclude_brand")]
        if len(left) == 1:
            values["brand"] = left[0]
            problems.append(f"brand '{left[0]}' added: the message names it")
    if values.get("color") is None and len(colors) == 1:
        values["color"] = colors[0]
        problems.append(f"color '{colors[0]}' added: the message names it")


def _brand_as_category(intent: Intent, vocab: CatalogVocab, problems: list[str]) -> Intent:
    """A brand written as the category ("let me see the Dell range" -> `cat=Dell`) moves to the brand slot.

    Why: the catalog says what kind of value it is, and a model that has not seen a wording puts a
    name it copied under the wrong key; as a category it would be dropped and the shopper's brand lost.
    Only when the brand slot is free and the value is a brand, not also a category.
    """
    value = intent.category
    brand = vocab.snap("brand", value)
    if brand is None or vocab.snap("category", value) is not None or intent.brand not in (None, "", brand):
        return intent
    problems.append(f"category '{value}' is a brand: moved to the brand slot")
    return dataclasses.replace(intent, category=None, brand=brand)


# A thing asked for someone or something ("gift for my sister, she loves running", "something for a runner"): a
# request of its own, never a constraint on the picks shown.
_FOR_SOMEONE = re.compile(r"\b(?:gifts?|presents?|something|anything|stuff|ideas?)\s+for\b", re.I)


def validate_intent(intent: Intent, vocab: CatalogVocab, state: DialogueState,
                    message: str | None = None) -> tuple[Intent, list[str]]:
    """Return a valid intent and the list of corrections made (empty when it was valid).

    With `message`, prices must be ones the message states (see `_grounded`), brands ones it
    names (see `_named`), a brand it excludes is excluded (see `_excluded`), and a brand or colour it
    names that no slot holds fills its empty slot (see `_unplaced`).
    """
    problems: list[str] = []
    if intent.kind not in INTENT_KINDS:
        problems.append(f"unknown intent '{intent.kind}': treated as a search")
        intent = dataclasses.replace(intent, kind="search")
    changes: dict[str, object] = {}
    intent = _brand_as_category(intent, vocab, problems)
    brands = {}
    for slot in ("category", "brand", "exclude_brand", "color"):
        value = getattr(intent, slot)
        kind = "brand" if slot == "exclude_brand" else slot
        snapped = vocab.snap(kind, value)
        if kind == "brand" and message is not None:
            brands[slot] = (value, snapped)  # settled against the message below
        elif value and snapped is None:
            problems.append(f"{slot} '{value}' is not in the catalog: dropped")
        changes[slot] = snapped
    if message is not None and changes.get("color") and changes["color"] not in vocab.mentioned_colors(message):
        # like a brand, a colour is the shopper's word: one the message never names is the model's guess
        problems.append(f"color '{changes['color']}' is not a colour the message names: dropped")
        changes["color"] = None
    mentioned = vocab.mentioned_brands(message) if message is not None else []
    if brands:
        changes.update(_named(brands, mentioned, problems))
    if message is not None and intent.kind in _FILTERING:
        excluded = rules.excluded_brands(message, vocab.brands, vocab.everyday)
        if changes.get("exclude_brand") and changes["exclude_brand"] == changes.get("brand") \
                and changes["exclude_brand"] not in excluded:
            # wanted and excluded at once ("levis, no more than $90" read as brand=Levi's | not=Levi's): no
            # exclusion word governs the brand in the message, so it is the one wanted
            problems.append(f"exclude_brand '{changes['exclude_brand']}' is also the brand wanted and no exclusion "
                            "word governs it: dropped")
            changes["exclude_brand"] = None
        _excluded(changes, excluded, mentioned, problems)
        _unplaced(changes, mentioned, excluded, vocab.mentioned_colors(message), problems)
    low = _price(intent.min_price, "min_price", problems)
    high = _price(intent.max_price, "max_price", problems)
    if message is not None and (low is not None or high is not None):
        low, high = _grounded(low, high, message, problems, model_numbers(message, vocab))
    if low is not None and high is not None and low > high:
        problems.append(f"min_price {low} > max_price {high}: swapped")
        low, high = high, low
    changes.update(min_price=low, max_price=high)
    refs, unresolved = [], []
    # A removal points at cart lines; every other act at the list shown.
    size, what = (len(state.cart), "cart line") if intent.kind == "remove_from_cart" else (len(state.shown),
                                                                                          "shown item")
    for ref in intent.references:
        position = cart_line(ref, state) if intent.kind == "remove_from_cart" and len(intent.references) == 1 \
            else size + 1 + ref if ref < 0 else ref  # -1 the last, -2 the one before it
        if 1 <= position <= size:
            refs.append(position)
        else:
            unresolved.append(ref)
            problems.append(f"reference {ref} does not point at a {what} (there are {size})")
    if intent.kind in (*_FILTERING, "more"):  # "no Lenovo, my last one had a dodgy keyboard": nothing shown
        refs, unresolved = [], []
    elif intent.kind in ("compare", "add_to_cart"):  # "the last one and the first": the order says nothing
        refs = sorted(dict.fromkeys(refs))
    if intent.kind == "details" and len(set(refs)) >= 2:  # "pros n cons of the first 2?": side by side
        problems.append("details of two or more items: compared side by side")
        changes["kind"] = "compare"
        refs = sorted(dict.fromkeys(refs))
    changes["references"] = tuple(refs)
    changes["unresolved"] = tuple(unresolved)
    intent = dataclasses.replace(intent, **changes)
    return _search_or_refine(intent, state, problems, vocab, message), problems


# Words that ask without naming anything: "show me under 400$", "any under 50 please?".
_ONLY_ASKING = frozenset("show me us only just please pls then ok okay so and what about how any anything some "
                         "something ones one those these them the a an in is there are have you got u do".split())


def _search_or_refine(intent: Intent, state: DialogueState, problems: list[str], vocab: CatalogVocab,
                      message: str | None) -> Intent:
    """Settle search vs refine by what the state allows, so slots carry (or reset) as they should.

    A refinement of nothing, to another category, or to another kind of product ("toasters under 60?"
    while looking at kettles, "duvet cover in white" after air purifiers) is a new search (state.py
    resets for it); a "search" naming neither a category, a brand nor a new kind of product while a
    search is active ("over 50", "in blue", "not leather") can only narrow the current results, and as
    a search it would wipe them.
    """
    if intent.kind in ("search", "out_of_scope") and state.searching() and state.shown and message \
            and rules.JUDGES_LIST.match(message) and not named_kinds(message, vocab) \
            and not vocab.wanted_categories(message) and not rules.OFF_TOPIC.search(message):
        problems.append("a judgement of the list on screen: a refinement")  # "these all look a bit plain tbh"
        return dataclasses.replace(intent, kind="refine", category=None, new_product=False)
    if intent.kind in ("search", "out_of_scope") and state.searching() and message \
            and ones_on_screen(message, state, vocab):
        problems.append("words that pick among the titles on screen: a refinement")  # "laptop ones", "monopoly?"
        return dataclasses.replace(intent, kind="refine", category=None, new_product=False)
    if intent.kind == "search" and state.searching() and message and intent.category \
            and intent.category != state.category and not set(words(rules.strip_prices(message))) - _ONLY_ASKING:
        # "show me under 400$" over Dyson vacuums: a budget for the list, whatever aisle a model put it in
        problems.append(f"category {intent.category} of a message that names only a constraint: dropped")
        intent = dataclasses.replace(intent, category=None)
    if intent.kind == "search" and state.searching() and state.shown and message and intent.category \
            and intent.category != state.category and intent.category in vocab.mentioned_categories(message) \
            and intent.category not in vocab.wanted_categories(message) and not named_kinds(message, vocab):
        # "she says not Apple, she has an Android phone" over earbuds: the phone is what she owns, not what is asked
        problems.append(f"category {intent.category} named only as what someone has or what it goes with: a refinement")
        return dataclasses.replace(intent, kind="refine", category=None, new_product=False)
    other = bool(message) and state.searching() and new_kind_of_product(message, state, vocab)
    if intent.kind == "refine" and state.searching() and intent.category and intent.category != state.category \
            and message and not other and not vocab.mentioned_categories(message) \
            and not vocab.mentioned_brands(message):
        # "stainless" over kettles, parsed as a refinement in sports: a word about the list, not another aisle
        problems.append(f"category {intent.category} of a refinement whose message names no aisle: dropped")
        intent = dataclasses.replace(intent, category=None)
    if intent.kind in ("search", "refine") and not state.searching() and state.last_kind == "recommend" \
            and state.shown and not intent.category and not intent.brand and not other and intent.sets_constraints() \
            and message and not _FOR_SOMEONE.search(message) \
            and not vocab.wanted_categories(message) and not vocab.product_heads(message):
        # "cheaper" or "in blue" right after picks: the picks again, narrowed; never a search for the word "cheaper"
        problems.append("a refinement of the picks shown: the picks again, with its constraints")
        return dataclasses.replace(intent, kind="recommend", query="", new_product=False)
    if intent.kind == "refine" and state.last_kind == "recommend" and message \
            and (intent.brand or named_kinds(message, vocab)):
        # "lego sets under 30" right after gift ideas: a search of its own, not the ideas narrowed
        problems.append("a brand or a kind asked for right after ideas: a search")
        return dataclasses.replace(intent, kind="search", query=rules.strip_prices(message), new_product=True)
    if intent.kind == "refine" and (not state.searching() or intent.category and intent.category != state.category
                                    or other):
        problems.append("refine without an active search for that product: treated as a new search")
        return dataclasses.replace(intent, kind="search", query=rules.strip_prices(message or intent.query),
                                   new_product=other)
    narrows = (intent.color or intent.exclude_brand or intent.cheaper or intent.min_price is not None
               or intent.max_price is not None)
    same_aisle = not intent.category or intent.category == state.category and bool(message) \
        and not vocab.wanted_categories(message)  # "he's not a smartwatch kind of guy, so no Apple": watches still
    describes = bool(message) and state.searching() and not other and _describes_the_aisle(message, state, vocab)
    if intent.kind == "out_of_scope" and describes and not rules.OFF_TOPIC.search(message):
        problems.append("words that describe the products on screen: a refinement")  # "over ear only"
        return dataclasses.replace(intent, kind="refine")
    if intent.kind == "search" and state.searching() and same_aisle and not intent.brand and not other \
            and (narrows or describes):
        problems.append("search with only constraints during a search: treated as a refinement")
        return dataclasses.replace(intent, kind="refine")
    if intent.kind == "search" and other:
        return dataclasses.replace(intent, new_product=True)
    asks_about_list = intent.kind == "search" or intent.kind == "out_of_scope" and message \
        and not (rules.OFF_TOPIC.search(message) or rules.ARITHMETIC.search(message))  # not "do they ship to..."
    if asks_about_list and state.searching() and (intent.category in (None, state.category)
                                                  or state.category is None) \
            and not intent.brand and message and about_the_list(message) \
            and not (state.last_not_carried and vocab.wanted_categories(message)):
        # (not "oh what a shame. well then, I need a new wristwatch" after the nearest things to reading glasses)
        problems.append("a search about the list shown: treated as a refinement")
        return dataclasses.replace(intent, kind="refine",
                                   category=None if intent.category == state.category else intent.category)
    return intent


def ones_on_screen(message: str, state: DialogueState, vocab: CatalogVocab) -> bool:
    """"leather ones", "actually trail ones", "star wars ones", "floral if possible", or "laptop ones under 70"
    while laptop backpacks are shown: words that name no other kind of product, or one most titles on screen
    have, pick among what is shown."""
    said = _WORD_ONES.match(message) or _IF_POSSIBLE.match(message)
    titles = [c.product.title for c in state.last_candidates.values()]
    bare = None if said else _BARE_ASK.match(message)
    if bare and len(titles) >= 2 and _names_nothing_else(bare[1], vocab):
        # "monopoly?" over board games: a word of the titles on screen, asked alone, picks among them
        return any(re.search(rf"\b{re.escape(bare[1])}\b", t, re.I) for t in titles)
    if not said or len(titles) < 2:
        return False
    phrase = said[1].lower()
    if phrase not in vocab.categories and _names_nothing_else(phrase, vocab):
        return True
    with_word = sum(bool(re.search(rf"\b{re.escape(phrase)}s?\b", t, re.I)) for t in titles)
    return with_word * 2 > len(titles)


def _names_nothing_else(phrase: str, vocab: CatalogVocab) -> bool:
    """Whether the words name no kind of product, brand or aisle of their own ("trail", "star wars", "floral")."""
    return not named_kinds(phrase, vocab) and not vocab.mentioned_brands(phrase) and not vocab.wanted_categories(phrase)


# "laptop ones under 70", "just the leather ones", "actually trail ones", "star wars ones", "just the over-ear
# kind": up to three words, then "ones" or "kind".
_LEAD = r"^\W*(?:(?:ok|okay|hmm+|and|just|only|the|maybe|actually|then|now|so|oh|ah|what about|how about)\W+)*"
_WORD_ONES = re.compile(_LEAD + r"([a-z][a-z-]{2,}(?:\s+[a-z][a-z-]+){0,2})\s+(?:ones|kind|type|sort|style)\b", re.I)
# "monopoly?", "and wireless?": one or two words asked alone.
_BARE_ASK = re.compile(r"^\W*(?:(?:and|or|what about|how about|any)\s+)?([a-z][a-z-]{2,}(?:\s+[a-z][a-z-]+)?)"
                       r"\s*\?+\s*$", re.I)
# "floral if possible", "hooded if u have them": a wish said of the products on screen, up to three words.
_IF_POSSIBLE = re.compile(_LEAD + r"([a-z][a-z-]{2,}(?:\s+[a-z][a-z-]+){0,2})\s+if\s+(?:possible|poss|you\s+can|"
                          r"(?:you|u)\s+(?:have|got|do)(?:\s+(?:them|any|some|it|those|one))?)\W*$", re.I)


# Words that point at the list on screen: its products are what the message is about.
_ABOUT_THE_LIST = re.compile(r"\b(?:any|some|all|none|either|which)\s+of\s+(?:them|these|those|the ones)\b|"
                             r"\b(?<!you )(?<!\bu )(?:do|does|did|have|has|are|can)\s+(?:they|these|those|them)\b|"
                             r"\b(?:these|those|them)\s+in\b|"
                             r"^\W*(?:(?:the|any|some|only)\s+)?ones\s+(?:with|without|that|which)\b|"
                             r"^\W*(?:(?:and|but|ok|okay|what about|how about)\W+)?with(?:out)?\s+(?:a\s+|an\s+)?"
                             r"(?:\d+\s?(?:gb|tb|mb|hz|mp|mah|w|hrs?|hours?)\b|[a-z]+)(?:\s+[a-z]+){0,2}\s*\?|"
                             r"^\W*(?:(?:are|is)\s+there\s+)?any\s+(?:with|without|that)\b|"  # "any with a hood?"
                             # "battery's my main thing tbh, anything with 5000mAh?"
                             r"[,.;!?]\s*(?:any|anything|ones?)\s+(?:with|without)\b|"
                             r"^\W*(?:\w+\W+)?which\s+(?:ones?\s+)?(?:are|have|come|do|can|got)\b|"
                             r"^\W*(?:\w+\W+)?which\s+ones?\s+(?:is|has|does)\b|"
                             # "is there one with more storage?", "any with a bigger screen"
                             r"\b(?:one|ones|any|anything)\s+with\s+(?:a\s+)?(?:more|less|bigger|larger|better|longer|"
                             r"extra|smaller|higher|lower)\b", re.I)
# Asking for a smaller/lighter/... one of the same: "is there anything smaller, like 13 inch?"
_NARROWING = re.compile(r"\b(?:anything|something|any|one|ones|a)\s+(?:a\s+bit\s+|a\s+little\s+|slightly\s+|even\s+)?"
                        r"(?:smaller|more compact|compact|lighter|bigger|larger|quieter|thinner|slimmer|simpler|"
                        r"sturdier|warmer|cooler|longer|shorter)\b", re.I)
# A kind of product named only as what the wanted one goes with ("to match the toaster").
# (not "a matching toaster": a toaster asked for)
_COMPANION = re.compile(r"\b(?:to\s+(?:match|go with)|(?<!\ba )(?<!\ban )(?<!\bsome )matching|that matches|"
                        r"goes with)\s+"
                        r"(?:(?:the|my|her|his|our|a)\s+)?[\w-]+(?:\s+[\w-]+)?", re.I)


def _describes_the_aisle(message: str, state: DialogueState, vocab: CatalogVocab) -> bool:
    """Whether every rare word of the message describes products of the current category: a word its titles
    use that is shaped like a description ("over-ear only", "waterproof ones", "padded"), or a material or
    feature the catalog's attributes list ("cotton", "stainless steel"), not a thing ("yoga mat" while looking
    at badminton rackets is another product): a narrowing, not a new search."""
    aisle = vocab.category_words.get(state.category or "", frozenset())
    message = without_remarks(message, vocab)
    rare = [w for w in hyphen_joined(message, aisle) if zipf(w) < PRODUCT_WORD_ZIPF and not w.isdigit()
            and w not in _FILLER]
    return bool(rare) and all(w in aisle and _DESCRIPTIVE.search(w) or _material(w, vocab) for w in rare)


# Where a reason said beside a requirement starts: "It must be waterproof, here it rains really a lot".
_CLAUSE_BREAK = re.compile(r"\s*(?:[,.;!?]+|\s-\s|\b(?:because|cause|cos|since|as)\b)\s*", re.I)
_PERSON = re.compile(r"\b(?:i|i'?m|we|we'?re|it|it'?s|he|she|they|my|our|his|her|their|here|there)\b", re.I)


def without_remarks(message: str, vocab: CatalogVocab) -> str:
    """The message less its clauses about the shopper's life (`_remark`)."""
    return " ".join(c for c in _CLAUSE_BREAK.split(message) if not _remark(c, vocab))


def _remark(clause: str, vocab: CatalogVocab) -> bool:
    """A clause about the shopper's life that names nothing the catalog has ("here it rains really a lot",
    "he cycles to work"): a person or place said, and no word of the catalog's among its rarer words."""
    return bool(_PERSON.search(clause)) and not any(
        w in vocab.known_words for w in words(clause) if zipf(w) < PRODUCT_WORD_ZIPF)


def _material(word: str, vocab: CatalogVocab) -> bool:
    """A value of the catalog's free attribute columns ("cotton", "steel", "leather", "strap"), or a word of its
    titles shaped like a description ("waterproof"), that names no kind of product, category or brand: what a
    product is made of or has, said alone to narrow the list."""
    return (word in vocab.material_words or word in vocab.title_words and bool(_DESCRIPTIVE.search(word))) \
        and word not in vocab.head_words and word not in vocab.categories and word not in vocab.brand_words \
        and word not in vocab.colors


def described_by_materials(message: str, vocab: CatalogVocab) -> bool:
    """Whether the message's rare words are all materials or features (`_material`): "cotton", "leather strap",
    "waterproof pref", "stainless steel" said during a search narrow it, whatever aisle such words live in."""
    rare = [w for w in words(without_remarks(message, vocab)) if zipf(w) < PRODUCT_WORD_ZIPF and not w.isdigit()
            and w not in _FILLER]
    return bool(rare) and all(_material(w, vocab) for w in rare)


# Words said around a description that describe nothing: "waterproof pref", "cotton ideally".
_FILLER = frozenset("pref prefer preferably ideally pls plz thx ty ta".split())


# Words shaped like a description rather than a thing: "over-ear", "waterproof", "wireless", "padded".
_DESCRIPTIVE = re.compile(r"^[a-z]+-[a-z]+$|^[a-z]{3,}(?:proof|less|ed|able|ible|ful|ive)$")


def cart_line(position: int, state: DialogueState) -> int:
    """The cart line a removal's one position means: the cart's own line, or, past the cart's end, the line
    holding the list's product at that position ("take the 3rd out" after adding the 1st and the 3rd).
    Several positions are the cart's lines as said ("only the 3rd one. remove first from the cart")."""
    lines = list(state.cart)
    if position < 0:  # -1 the last line, -2 the one before it
        return len(lines) + 1 + position
    if len(lines) < position <= len(state.shown) and state.shown[position - 1] in lines:
        return lines.index(state.shown[position - 1]) + 1
    return position


def about_the_list(message: str) -> bool:
    """Whether the message asks about the products shown or for a smaller/lighter/... one of them
    ("have any of them got 128GB?", "anything more compact?", "any thicker ones?"): a refinement, never
    a new search."""
    return bool(_ABOUT_THE_LIST.search(message) or _NARROWING.search(message) or _comparative_ones(message)
                or _ONLY_THOSE_WITH.match(message))


# "Only those with at least 30 hours of battery", "just the ones that fold flat": the list kept to what has it.
_ONLY_THOSE_WITH = re.compile(r"^\W*(?:(?:ok(?:ay)?|and|but|so|please)\W+)*(?:only|just)\s+(?:show\s+(?:me\s+)?)?"
                              r"(?:those|these|the\s+ones|ones|the\s+\w+s)\s+(?:with|that|which|having)\b", re.I)


# "any thicker ones?", "something a bit warmer": a comparative asked of the kind on screen.
_COMPARATIVE_ONES = re.compile(r"\b(?:any|anything|something|one|ones|a)\s+(?:a\s+bit\s+|a\s+little\s+|slightly\s+|"
                               r"even\s+)?([a-z]{2,}?)(i?er)\s*(?:ones?\b|\?|$)", re.I)


def _comparative_ones(message: str) -> bool:
    m = _COMPARATIVE_ONES.search(message)
    if not m:
        return False
    word = m[1].lower()
    return word not in ("oth", "und", "ov", "cov", "wat", "numb") and graded_from_word(word, m[2].lower())


def named_kinds(message: str, vocab: CatalogVocab) -> set[str]:
    """The kinds of product the message asks for: its title-ending words, less colours, kinds it rules out
    ("not a smartwatch kind of guy") and kinds it only goes with ("white, to match the toaster")."""
    heads = vocab.product_heads(_COMPANION.sub(" ", message)) - set(vocab.colors)
    return {h for h in heads
            if not re.search(rf"\b(?:not|no|never|nothing|without)\s+(?:\w+\s+){{0,2}}{re.escape(h)}", message, re.I)
            and not re.search(_VERB_BEFORE + re.escape(h) + r"\b", message, re.I)
            and not re.search(OWNED_BEFORE + re.escape(h) + r"\b", message, re.I)  # "I've got an android phone"
            and not re.search(_DONE_TO + re.escape(h) + r"(?:e?s)?\b", message, re.I)}


def without_deeds(message: str) -> str:
    """The message less what someone does something to ("he destroy the shoes"): no word a search looks for."""
    return re.sub(_DONE_TO + r"[\w'-]+", " ", message, flags=re.I)


# A kind said as what someone does something to, after a verb that asks for nothing: "cheaper please, he destroy
# the shoes in one year", "she wears her headphones out" (not "he wants the pink shoes").
_DONE_TO = (r"\b(?:he|she|they|i|we)\s+(?!(?:wants?|wanted|needs?|needed|likes?|liked|loves?|prefers?|would|could|"
            r"should|will|asked|asks|is|was|are|'d|'ll|might|may|can)\b)[a-z']+\s+(?:the|his|her|their|my|our)\s+"
            r"(?:[\w'-]+\s+)?")


# A kind's word said as a verb or a state, after a subject, a modal or "to": "he's rather set in his ways",
# "we watch a lot of films", "something to watch on the train" name no set and no watch.
_VERB_BEFORE = (r"(?:\b(?:i|we|you|they|he|she|to|rather|can|will|would|could|should|don'?t|doesn'?t|didn'?t)|"
                r"'s|'re|'m)\s+")


def new_kind_of_product(message: str, state: DialogueState, vocab: CatalogVocab) -> bool:
    """Whether the message names a kind of product the current search is not about ("toasters" after
    "kettle that boils fast", "a plush toy" after "board game"): a word the catalog's titles end their
    names with, absent from the search's own words (or its category's, when those named no kind).
    "leather", "waterproof" or "the pink one" are no kind of product. A message about the list shown
    ("have any of them got 128GB?"), a kind ruled out ("he's not a smartwatch kind of guy") or a kind it
    goes with ("white, to match the toaster") names no new one."""
    if _ABOUT_THE_LIST.search(message):
        return False
    heads = {h for h in named_kinds(message, vocab) if vocab.categories.get(h) != state.category}  # not "tees"
    if not heads:
        return False
    current = set(words(state.query))
    kind_said = bool(vocab.product_heads(state.query))
    if not kind_said:  # "something for my nephew" named no kind: its category did
        current |= set(words(state.category or ""))
    current |= {w[:-1] for w in current if w.endswith("s")}
    # a word the titles on screen spell narrows them ("spf 50" after sunscreen), unless the search named its own
    # kind and this is another ("also need a frying pan" after kettles, with white pans on the list)
    return not heads & (current if kind_said and state.query else current | shown_title_words(state))


def shown_title_words(state: DialogueState) -> set[str]:
    """The words most titles of the last list share ("spf" of five sunscreens): what the list is, not one
    item on it ("toaster" in a list of kitchen things is a kind of its own)."""
    titles = [set(words(c.product.title)) for c in state.last_candidates.values()]
    counts = Counter(w for t in titles for w in t)
    return {w for w, n in counts.items() if n >= 2 and 2 * n >= len(titles)}
