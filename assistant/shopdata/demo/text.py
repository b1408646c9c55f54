"""Titles and descriptions for demo products, from many small templates.

Why templates with drawn pieces rather than one fixed sentence: retrieval and the reply writer
are demonstrated on this text, and near-identical descriptions would make every embedding look
alike. Every adjective in a title comes from one of the product's features, and each feature
also has a sentence in the description, so the text never contradicts itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.shopdata.demo.vocab import LEVEL_NAMES, CategorySpec


@dataclass(frozen=True)
class ProductText:
    """The drawn pieces one product's title and description are built from."""

    spec: CategorySpec
    brand: str
    line: str
    noun: str
    features: tuple[int, ...]  # indices into spec.features; the first one names the title adjective
    color: str
    size: str
    gender: str
    material: str
    code: str
    level: int  # brand price level, 0 budget .. 2 premium
    own_line: bool  # the line is one of the brand's real lines, i.e. already a model name


_LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "budget": ("great-value", "affordable", "budget-friendly", "no-nonsense"),
    "mid": ("well-rounded", "versatile", "reliable", "dependable"),
    "premium": ("premium", "top-of-the-range", "high-end", "flagship"),
}

_OPENERS = (
    "The {brand} {line} is built for {use}.",
    "Meet the {line} from {brand}, made for {use}.",
    "{brand} designed the {line} {noun} with {use} in mind.",
    "Looking for something for {use}? The {brand} {line} is {a_word} choice.",
    "{A_word} pick for {use}: the {brand} {line} {noun}.",
    "Shopping for {use}? The {brand} {line} is worth a close look.",
    "Part of the {line} range from {brand}, this model is made for {use}.",
    "The {line} from {brand} brings {word} quality to {use}.",
    "Whether it is {use} or just every day, the {brand} {line} has you covered.",
)
_FEATURE_WRAPS = ("{C}.", "Plus, {c}.", "On top of that, {c}.", "Best of all, {c}.", "In addition, {c}.",
                  "What's more, {c}.", "{C}, which reviewers single out.")
_CLOSERS = (
    "Free returns within 30 days.",
    "Customers often buy it for {use}.",
    "It ships in recyclable packaging.",
    "A steady favourite with our reviewers.",
    "Pair it with other {brand} pieces for a matching set.",
    "",
)
_WARRANTY = ("Backed by a {n}-year manufacturer warranty.", "Covered by {brand}'s {n}-year warranty.")
_GENDER_WORDS = {"men": "Men's", "women": "Women's"}
_MEASURE = re.compile(r'^[0-9.]+(GB|"|mm|ml|L)$')  # a measured size, unlike shoe 9.5 or clothing L
_MEASURE_PHRASES = {"GB": "{} of storage", '"': "{} screen", "mm": "{} case", "ml": "{} bottle",
                    "L": "{} capacity"}


def _cap(clause: str) -> str:
    return clause[:1].upper() + clause[1:]


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[int(rng.integers(len(options)))]


def title(piece: ProductText, rng: np.random.Generator, with_code: bool, with_size: bool = False) -> str:
    """A product title such as "Asics Gel-Nimbus 26 Waterproof Trail Running Shoes - Blue".

    `with_code` puts the model number after the line and `with_size` appends the size, as a
    shop lists variants; the catalog turns them on when a title would otherwise repeat, so
    every title names exactly one product.
    """
    adjective = piece.spec.features[piece.features[0]][0]
    if adjective.lower() in f"{piece.line} {piece.noun}".lower():  # no "Gaming Gaming Laptop"
        adjective = ""
    head = f"{piece.brand} {piece.line}" + (f" {piece.code}" if with_code else "")
    noun = piece.noun
    if piece.spec.name == "laptops" and piece.size:
        inches = piece.size.rstrip('"')
        noun = f"{inches}-inch {noun}"
    elif piece.spec.name == "smartphones" and piece.size:
        noun = f"{noun} {piece.size}"
    gender = _GENDER_WORDS.get(piece.gender, "") if len(piece.spec.genders) > 1 else ""
    color = piece.color.title()
    form = int(rng.integers(5))
    if form == 0:
        text = f"{head} {noun} - {color}"
    elif form == 1:
        text = f"{head} {adjective} {noun} - {color}"
    elif form == 2:
        text = f"{head} {adjective} {noun}, {color}"
    elif form == 3 and not piece.own_line:  # "Nike Retro Sneakers Air Max 90" reads wrong
        text = f"{piece.brand} {adjective} {noun} {piece.line}" + (f" {piece.code}" if with_code else "")
        text += f" ({color})"
    elif form == 3:
        text = f"{head} {noun} ({color})"
    else:
        text = f"{head} {gender} {noun} - {color}" if gender else f"{head} {adjective} {noun} - {color}"
    if with_size and piece.size and piece.spec.name not in ("laptops", "smartphones"):
        text += f", Size {piece.size}" if _MEASURE.match(piece.size) is None else f", {piece.size}"
    return " ".join(text.split())


def description(piece: ProductText, rng: np.random.Generator) -> str:
    """Three to six sentences: an opener, one per feature, an attribute line and a closer."""
    spec = piece.spec
    use = _pick(rng, spec.uses)
    fields = {"brand": piece.brand, "line": piece.line, "noun": piece.noun.lower(), "use": use,
              "word": _pick(rng, _LEVEL_WORDS[LEVEL_NAMES[piece.level]])}
    fields["a_word"] = ("an " if fields["word"][0] in "aeiou" else "a ") + fields["word"]
    fields["A_word"] = _cap(fields["a_word"])
    # a brand that begins with "The" takes no second article: "the The North Face Thermoball" -> "The North Face ..."
    sentences = [re.sub(r"\b([Tt])he The\b", r"\1he", _pick(rng, _OPENERS).format(**fields))]
    wraps = rng.permutation(len(_FEATURE_WRAPS))  # never "What's more" twice in one description
    for position, index in enumerate(piece.features):
        clause = spec.features[index][1]
        wrap = "{C}." if position == 0 else _FEATURE_WRAPS[wraps[position]]
        sentences.append(wrap.format(C=_cap(clause), c=clause))
    sentences.append(_attributes(piece, rng))
    closer = _pick(rng, _CLOSERS)
    if spec.warranty and rng.random() < 0.5:
        closer = _pick(rng, _WARRANTY)
    sentences.append(closer.format(use=use, brand=piece.brand, n=int(rng.integers(1, 4))))
    return " ".join(sentence for sentence in sentences if sentence)


def _attributes(piece: ProductText, rng: np.random.Generator) -> str:
    parts = []
    if piece.material:
        parts.append(f"Made from {piece.material}, finished in {piece.color}")
    else:
        parts.append(f"This one comes in {piece.color}")
    if piece.size:
        parts.append(_size_phrase(piece.size))
    if piece.gender == "unisex":
        parts.append("with a unisex fit")
    elif piece.gender:
        parts.append(f"cut for {piece.gender}")
    if not piece.own_line and rng.random() < 0.3:  # an own line ("WH-1000XM5") is the model already
        parts.append(f"model {piece.code}")
    return ", ".join(parts) + "."


def _size_phrase(size: str) -> str:
    """'256GB' -> '256GB of storage', '14"' -> '14" screen', '9.5' -> 'size 9.5'."""
    match = _MEASURE.match(size)
    if match is None:
        return f"size {size}"
    return _MEASURE_PHRASES[match.group(1)].format(size)
