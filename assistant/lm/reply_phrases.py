"""Delexicalised replies the LM writer learns: wording only, every value is a placeholder.

State placeholders ([count], [category], [max_price], ...) are the shopper's own constraints and
are filled by the writer; product placeholders ([name_1], [price_1], ...) are filled from the
catalog by `grounding.fill`. The words used here are also the writer's allow-list: an LM reply
with a word outside it (a number, an invented name) is cut at that word.

Why one target per prompt (chosen from what the prompt shows): greedy decoding then reproduces a
crisp sentence instead of a blend of variants, and the model learns it from few examples.
"""

from __future__ import annotations

import re

from assistant.lm.format import reply_prompt

# Kinds whose reply text the LM writes (cart turns are templated transactions: never generated).
LM_REPLY_KINDS = ("search", "refine", "more", "recommend", "details", "compare", "why", "greeting",
                  "out_of_scope")

_FOUND = ("Here are [count] {subject}{constraints}:", "I found [count] {subject}{constraints}:",
          "Take a look at these [count] {subject}{constraints}:", "These [count] {subject}{constraints} fit best:")
_TOP = ("", " [name_1] at [price_1] is the top pick.", " My first pick is [name_1] at [price_1].")
_MORE = ("Here are [count] more {subject}{constraints}:", "More {subject}{constraints}:")
_CHEAPER = ("Here are cheaper {subject}{constraints}:", "These {subject}{constraints} cost less:")
_RECOMMEND = ("Here are picks for you{constraints}:", "You might like these{constraints}:",
              "Based on your taste, try these{constraints}:")
_NONE = ("Sorry, I couldn't find {subject}{constraints}. Try a higher budget, another colour or brand.",
         "No {subject}{constraints} right now. Try widening your search.")
_FIXED = {
    "details": ("[name_1] by [brand_1] costs [price_1] and is rated [rating_1].",
                "[name_1] from [brand_1] is [price_1], rated [rating_1]."),
    "details_none": ("Which item do you mean? Say 'the first one' or a number from the list.",),
    "compare": ("Here's how they compare:", "Side by side:", "Let's compare them:"),
    "compare_none": ("Tell me two items to compare, for example 'compare the first and the third'.",),
    "why": ("Here's why I picked these:", "My reasons:", "Why these:"),
    "why_none": ("Search for something first, then I can tell you why I picked each item.",),
    "greeting": ("Hi! What can I help you find today?", "Hello! Tell me what you're shopping for."),
    "out_of_scope": ("I can help you find and compare products in this shop, and manage your cart. "
                     "Try asking for a product.",
                     "Sorry, I only know about this shop. Ask me for a product, like a gift or new shoes."),
}
_CONSTRAINTS = {
    "color": " in [color]", "brand": " from [brand]", "not": " not from [not_brand]",
}


def _pick(options: tuple[str, ...], prompt: str) -> str:
    """The variant for a prompt: by the number of `|`-separated parts, something the model can see.

    Why not random: greedy decoding wants one answer per prompt, and a choice the model can read
    off the prompt is learnt from a handful of examples (a hash of the prompt never is).
    """
    return options[prompt.split("\n")[0].count("|") % len(options)]


def constraint_text(slots: tuple[str, ...]) -> str:
    text = "".join(_CONSTRAINTS[s] for s in ("color", "brand", "not") if s in slots)
    if "over" in slots and "under" in slots:
        return text + " between [min_price] and [max_price]"
    if "under" in slots:
        return text + " under [max_price]"
    if "over" in slots:
        return text + " over [min_price]"
    return text


def reply_target(kind: str, n: int, slots: tuple[str, ...], cheaper: bool = False) -> str:
    """The delexicalised reply for a reply prompt (deterministic)."""
    prompt = reply_prompt(kind, n, slots, cheaper)
    if kind in _FIXED:
        return _pick(_FIXED[_fixed_key(kind, n)], prompt)
    subject = "[category]" if "cat" in slots else "products"
    constraints = constraint_text(slots)
    if n == 0:
        return _pick(_NONE, prompt).format(subject=subject, constraints=constraints)
    if kind == "recommend" and "cat" not in slots:
        options = _RECOMMEND
    elif kind == "more":
        options = _MORE
    elif cheaper:
        options = _CHEAPER
    else:
        options = tuple(f + t for f in _FOUND for t in _TOP)
    return _pick(options, prompt).format(subject=subject, constraints=constraints)


def reply_completion(kind: str, n: int, slots: tuple[str, ...], cheaper: bool = False) -> str:
    """The text the LM learns to write after its reply prompt ("bot:" then a space, then the target)."""
    return " " + reply_target(kind, n, slots, cheaper)


def kind_placeholders(kind: str, n: int = 1) -> frozenset[str] | None:
    """Placeholders a reply of this kind, for `n` results, may use; None = any (a search-like reply
    that found something names the results).

    Why: a model that has seen few greetings may answer "hi" with "Here are [count] products";
    every word is allowed and [count] has a value (0), so only the kind can tell it is wrong. The
    same goes for a search that found nothing: a model that misses the `n=0` in its prompt writes
    "I found [count] ... under [max_price]:" with no product after the colon, and a "nothing found"
    sentence names the subject and the constraints, never a count or a product.
    """
    if kind in _FIXED:
        texts: list[str] = list(fixed_texts(kind, n))
    elif n == 0:
        texts = ["[category]", *_CONSTRAINTS.values(), constraint_text(("over", "under"))]
    else:
        return None
    return frozenset(name for text in texts for name in re.findall(r"\[([a-z_0-9]+)\]", text))


def fixed_texts(kind: str, n: int) -> tuple[str, ...]:
    """The sentences a fixed-wording kind (greeting, why, compare, ...) is trained to write for `n`
    results; () for other kinds.

    Why per n: "Side by side:" is a compare sentence, but with nothing to compare it is followed by
    nothing (seen in the LM demo after a search that found nothing); with n = 0 only "Tell me two
    items to compare, ..." is right.
    """
    return _FIXED[_fixed_key(kind, n)] if kind in _FIXED else ()


def _fixed_key(kind: str, n: int) -> str:
    """The `_FIXED` entry a reply of this kind uses for n results (`reply_target` picks from it)."""
    if kind in ("details", "compare", "why"):
        return kind if n >= (2 if kind == "compare" else 1) else f"{kind}_none"
    return kind


def reply_vocabulary() -> frozenset[str]:
    """Every word a reply may contain (lower case); placeholders are checked separately."""
    texts = [*_FOUND, *_TOP, *_MORE, *_CHEAPER, *_RECOMMEND, *_NONE, *_CONSTRAINTS.values(),
             " between and under over products"]
    for options in _FIXED.values():
        texts.extend(options)
    words: set[str] = set()
    for text in texts:
        words.update(reply_words(re.sub(r"\[[a-z_0-9]+\]|\{[a-z]+\}", " ", text)))
    return frozenset(words)


def reply_words(text: str) -> list[str]:
    """Words of a reply for the allow-list check: letters and apostrophes; digits are their own words."""
    return re.findall(r"[a-z']+|\d+", text.lower())
