"""What the catalog lets a shopper name: categories, brands, colours, and title words.

Why from the catalog: the parser and the validator snap free text to values that exist, so a
brand the model invents (or a shopper misremembers) can never become a filter that matches
nothing silently.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

# Words shoppers use for a category that the category name itself does not contain.
CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "running shoes": ("runners", "running shoe", "jogging shoes", "trail shoes", "shoes for running",
                      "shoes for run", "shoes to run", "shoes for jogging", "shoe for running",
                      "running trainers", "running trainer", "running sneakers"),
    "sneakers": ("trainers", "sneaker", "kicks"),
    "headphones": ("earbuds", "headset", "earphones", "headphone"),
    "smartphones": ("phone", "phones", "smartphone", "mobile", "cell phone", "cellphone", "mobile phone",
                    "mobile telephone", "telephone", "handset"),
    "t-shirts": ("tee", "tees", "t-shirt", "tshirt", "tshirts", "t shirt", "t shirts", "tee shirt", "tee shirts"),
    "laptops": ("notebook", "laptop", "notebooks", "computer", "computers"),
    "watches": ("watch", "smartwatch", "wristwatch"),
    "backpacks": ("backpack", "rucksack", "daypack", "school bag", "schoolbag", "book bag", "bookbag"),
    "jackets": ("jacket", "coat", "coats", "parka", "raincoat", "raincoats"),
    "dresses": ("dress", "gown"),
    "jeans": ("denim", "jean"),
    "toys": ("toy", "game for kids"),
    "beauty": ("makeup", "skincare", "cosmetics"),
    "kitchen": ("cookware", "kitchenware"),
}

# Of those, the words that name one kind within the aisle rather than the aisle ("earbuds" are headphones, not all
# headphones are earbuds; "phone" is any smartphone): a search saying one puts that kind first.
KINDS_WITHIN: dict[str, tuple[str, ...]] = {
    "headphones": ("earbud", "earbuds", "earphones", "headset"),
    "watches": ("smartwatch",),
    "backpacks": ("daypack",),
    "jackets": ("parka", "coat", "coats", "raincoat", "raincoats"),
}

# Colour names spelt two ways: either spelling finds the catalog's.
_COLOUR_SPELLINGS = {"grey": ("gray",), "gray": ("grey",), "light grey": ("light gray",), "light gray": ("light grey",),
                     "dark grey": ("dark gray",), "dark gray": ("dark grey",), "multicolour": ("multicolor",),
                     "multicolor": ("multicolour",)}

_WORD = re.compile(r"[a-z0-9][a-z0-9\-']*")

# Everyday English words that are also brand names in some shops ("On", "Only", "Next").
# Such a brand counts as named only when written as the catalog writes it: "zoom in on product 2"
# names no brand, "On running shoes" does. (scikit-learn's stop-word list would do, but importing it
# costs a second at start-up.)
COMMON_WORDS = frozenset(
    "a about after all also an and any are as at be but by can do for from get go had has have her his "
    "how i if in into is it its just me more most my new next no not now of off on one only or other our "
    "out over so some such than that the their them then there these they this those to too up us very "
    "was we were what when which who why will with you your".split())


VOCAB_FILE = "vocab.json"


@functools.cache
def _code_key() -> str:
    """What a saved vocabulary must have been computed by: this module's source."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _variants(name: str) -> set[str]:
    low = name.lower()
    out = {low}
    if low.endswith("es") and len(low) > 4:
        out.add(low[:-2])
    if low.endswith("s") and len(low) > 3:
        out.add(low[:-1])
    for synonym in CATEGORY_SYNONYMS.get(low, ()):
        out.add(synonym)
        if " " not in synonym and not synonym.endswith("s"):  # "smartwatches", "headsets", "gowns"
            out.add(synonym + ("es" if synonym.endswith(("ch", "sh", "x")) else "s"))
    return out


# What the shopper (or the one it is for) already has, said before a kind's name: "I've got an android phone",
# "she has an Android phone".
OWNED_BEFORE = (r"\b(?:i'?ve got|i have|i own|i already have|i'?ve already got|ive got|"
                r"(?:she|he|they|we)(?:'s| has| have|'ve)?\s+(?:already\s+)?(?:got|has|have|owns?))\s+"
                r"(?:an?\s+|my\s+|her\s+|his\s+|their\s+)?(?:[\w'-]+\s+)?")
_OWNED = re.compile(OWNED_BEFORE + "$")


@dataclass(frozen=True)
class CatalogVocab:
    """Lower-case surface form -> canonical catalog value, for each slot kind."""

    categories: dict[str, str] = field(default_factory=dict)
    brands: dict[str, str] = field(default_factory=dict)
    colors: dict[str, str] = field(default_factory=dict)
    title_words: frozenset[str] = frozenset()
    # Words of titles and free attribute columns (material, ...): what an exclusion may name ("not wool").
    attribute_words: frozenset[str] = frozenset()
    # Product-line words only one brand's titles use ("macbook", "speedgoat"): naming one names the brand.
    line_brands: dict[str, str] = field(default_factory=dict)
    # The same within one category, for words other brands use elsewhere ("galaxy": Samsung's among
    # watches and phones, several toy brands' among toys), so "a galaxy watch" names Samsung.
    category_lines: dict[str, dict[str, str]] = field(default_factory=dict)
    # The categories each brand sells in ("what about Bose" while looking at headphones narrows the search).
    brand_categories: dict[str, frozenset[str]] = field(default_factory=dict)
    # Brands named like everyday words here ("Ok", "Master" in a grocery): named only as written.
    everyday: frozenset[str] = frozenset()
    # The words of each category's titles: "stand" is none of the laptops', so "laptop stand" is no laptop.
    category_words: dict[str, frozenset[str]] = field(default_factory=dict)
    # The words titles end their product name with ("... Scented Candle - Blue", "... Phone 256GB"): the
    # kinds of product, so "toasters under 60" while looking at kettles asks for another product.
    head_words: frozenset[str] = frozenset()
    # The words of the free attribute columns alone (material, gender, ...): "cotton", "leather", "strap", said
    # alone during a search, describe the products wanted; they name no kind of product.
    material_words: frozenset[str] = frozenset()

    @classmethod
    def from_catalog(cls, catalog: pd.DataFrame) -> CatalogVocab:
        """Missing values and absent optional columns count as empty, so a catalog straight from
        `load_catalog` works (an imported one may lack colours and carry nullable integer columns)."""
        column = {name: _texts(catalog, name) for name in ("category", "brand", "color", "title")}
        categories: dict[str, str] = {}
        for name in sorted(set(column["category"]) - {""}):
            for form in _variants(name):
                categories.setdefault(form, name)
        brands = {b.lower(): b for b in sorted(set(column["brand"]) - {""})}
        for form, brand in list(brands.items()):  # "levis", "fisher price", "melissa and doug", "loreal"
            for variant in (form.replace("'", ""), form.replace("-", " "), form.replace("&", "and"),
                            form.replace("'", "").replace("-", " "),
                            # "northface", "underarmour", "newbalance": a brand of words typed as one
                            re.sub(r"^the ", "", form).replace(" ", "").replace("'", "") if " " in form else form):
                brands.setdefault(variant, brand)
            # "north face", "levi": without a leading "the" or a possessive, unless what is left is an
            # everyday word ("The Ordinary" is not "ordinary")
            for variant in (form[4:] if form.startswith("the ") else "", form[:-2] if form.endswith("'s") else ""):
                if variant and (" " in variant or zipf(variant) < EVERYDAY_ZIPF):
                    brands.setdefault(variant, brand)
        colors = {c.lower(): c for c in sorted(set(column["color"]) - {""})}
        for form, color in list(colors.items()):  # "gray" where the catalog says "grey", and the other way
            for other in _COLOUR_SPELLINGS.get(form, ()):
                colors.setdefault(other, color)
        for form, color in list(colors.items()):  # "purple-y", "purplish", "pinky": near enough that colour
            if " " not in form and len(form) >= 3:
                stem = form[:-1] if form.endswith("e") else form
                for other in (f"{form}-y", f"{form}-ish", f"{stem}ish", f"{stem}y", f"{form}y"):
                    if other not in _NOT_COLOURS:  # "creamy" lipstick, "peachy" is fine
                        colors.setdefault(other, color)
        text = " ".join(column["title"] + column["category"]).lower()
        title_words = frozenset(words(text))
        sizes = {b: n for b, n in Counter(column["brand"]).items() if b}
        for initials, brand in brand_initials(sizes, title_words).items():  # "ck", "ua"
            if initials not in categories and initials not in colors:
                brands.setdefault(initials, brand)
        free = [c for c in catalog.columns if c not in _CORE_COLUMNS and not pd.api.types.is_numeric_dtype(catalog[c])
                and not pd.api.types.is_bool_dtype(catalog[c])]
        attributes = " ".join(" ".join(_texts(catalog, c)) for c in free).lower()
        generic = _shared_words(_texts(catalog, "description"), column["brand"])
        sells: dict[str, set[str]] = {}
        for brand, category in zip(column["brand"], column["category"], strict=False):
            if brand and category:
                sells.setdefault(brand, set()).add(category)
        names = set(categories) | set(colors) | set(brands)
        lines = _line_brands(column["title"], column["brand"], names | generic)
        category_lines = _category_lines(column, _texts(catalog, "description"), names, lines)
        return cls(categories, brands, colors, title_words, title_words | frozenset(words(attributes)),
                   lines, category_lines, {b: frozenset(c) for b, c in sells.items()},
                   everyday_brands(column["brand"], column["title"]), _category_words(column["title"],
                                                                                      column["category"]),
                   _head_words(column["title"]), frozenset(words(attributes)))

    def save(self, path: str | Path) -> None:
        """Write the vocabulary as JSON, keyed by this module's code: computing it reads every title
        several times (a minute at 1M products), so the build does it once and serving loads it."""
        fields = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, frozenset):
                value = sorted(value)
            elif isinstance(value, dict):
                value = {k: sorted(v) if isinstance(v, frozenset) else v for k, v in sorted(value.items())}
            fields[f.name] = value
        Path(path).write_text(json.dumps({"code": _code_key(), "fields": fields}, ensure_ascii=False))

    @classmethod
    def load_or_build(cls, path: str | Path, catalog: pd.DataFrame) -> CatalogVocab:
        """The vocabulary saved at `path` when this code wrote it, else computed from `catalog` (a build
        made before vocabularies were saved, or by other code, whose readings could differ)."""
        path = Path(path)
        if path.exists():
            saved = json.loads(path.read_text())
            if saved.get("code") == _code_key():
                kinds = {f.name: f.type for f in dataclasses.fields(cls)}
                values = {}
                for name, value in saved["fields"].items():
                    kind = str(kinds.get(name, ""))
                    if kind.startswith("frozenset"):
                        value = frozenset(value)
                    elif "frozenset" in kind:  # dict[str, frozenset[str]]
                        value = {k: frozenset(v) for k, v in value.items()}
                    values[name] = value
                return cls(**values)
        return cls.from_catalog(catalog)

    @functools.cached_property
    def brand_words(self) -> frozenset[str]:
        """Every word of every brand form ("north", "face", "levis"): words that name no product. Built once
        per loaded catalog; the readers asked it on every message (2,314 brands on BigBasket)."""
        return frozenset(w for form in self.brands for w in form.split())

    @functools.cached_property
    def known_words(self) -> frozenset[str]:
        """Every word the catalog uses to name or describe its products: titles, attributes, brands, colours,
        categories (a word outside it is no word of this shop's)."""
        return frozenset(self.title_words | self.attribute_words | self.brand_words | set(self.colors)
                         | set(self.categories))

    def names_kind(self, word: str) -> bool:
        """Whether the word (or its singular) is a kind of product the titles end their names with ("puzzle")."""
        return word in self.head_words or singular(word) in self.head_words

    def misspells_known(self, word: str, cutoff: float) -> bool:
        """Whether the word is this close (difflib ratio) to a word of the catalog's (`known_words`): a typo."""
        return bool(difflib.get_close_matches(word, self.known_words, n=1, cutoff=cutoff))

    def brand_of_line(self, message: str, category: str | None = None) -> str | None:
        """The one brand whose product-line words the message uses ("a macbook" -> Apple), if exactly one;
        with a category, also the lines only one brand uses within it ("a galaxy watch" -> Samsung)."""
        tables = (self.line_brands, self.category_lines.get(category or "", {}))
        found = {t.get(w) or t.get(w.rstrip("s")) for w in words(message) for t in tables} - {None}
        return found.pop() if len(found) == 1 else None

    def snap(self, kind: str, value: str | None) -> str | None:
        """Canonical catalog value for `value`, or None when the catalog has no such thing."""
        if not value:
            return None
        table = {"category": self.categories, "brand": self.brands, "color": self.colors}[kind]
        return table.get(value.strip().lower())

    def mentioned_categories(self, message: str) -> list[str]:
        return _unique(c for text in _spellings(message) for _, _, c in find_longest(text, self.categories))

    def wanted_categories(self, message: str) -> list[str]:
        """The categories the message asks for: those it names, less a compound's modifier ("laptop
        backpack" wants backpacks) and those that only say what the product goes with ("a bag that fits
        a 15in laptop", "white shoes to wear with jeans and dresses",
        "a case for my phone"). Those are named after a purpose word that follows another product word;
        when every category named is such a companion, the message names none it wants."""
        out = []
        for text in _spellings(message):
            low = text.lower()
            spans = find_longest(text, self.categories)
            for k, (start, end, category) in enumerate(spans):
                if k + 1 < len(spans) and not low[end:spans[k + 1][0]].strip(" -"):
                    continue  # "laptop backpack": the last noun of a compound is the product
                head = _NEXT_WORD.match(low, end)
                if head and self._other_product(head[1], category):
                    continue  # "phone cases", "a laptop stand": the category word only says what for
                before = low[:start]  # within its own sentence: "earbuds for now. Show me smartwatches" is no companion
                window = words(before[max(before.rfind(mark) for mark in ".!?;") + 1:])
                cue = next((i for i in range(len(window) - 1, max(len(window) - 6, -1), -1)
                            if window[i] in _COMPANION_CUES), None)
                if cue is not None and (window[cue] in CONTAINER_CUES or any(
                        w not in _CUE_FILLER and len(w) > 2 for w in window[max(0, cue - 3):cue])):
                    continue  # a product word just before the cue: "bag that fits", "shoes to wear with"
                ruled_out = low[:start].rstrip().endswith(("rather than", "instead of")) \
                    or window[-1:] == ["forget"] or window[-2:] in (["forget", "about"], ["forget", "the"])
                negated = window[-1:] and window[-1] in ("not", "no") or len(window) >= 2 \
                    and window[-2] in ("not", "no") and window[-1] in ("a", "an", "the", "any")
                if negated or ruled_out:
                    continue  # "he said jacket, not jeans", "he's not a smartwatch kind of guy"
                if window and window[-1] in ("at", "from") and not window[-2:-1] == ["shop"]:
                    continue  # a place: "my kettle at home", "working from home"
                if len(window) >= 2 and window[-2] == "in" and window[-1] in ("my", "our", "her", "his", "their"):
                    continue  # a place: "it would look cheerful in my kitchen"
                if window[-1:] and window[-1] in ("my", "our", "her", "his", "their") \
                        and re.match(r"\s*(?:is|are|was|'s|has|looks?)\b", low[end:]):
                    continue  # what the shopper has, said of: "only in white, my kitchen is all white"
                if _OWNED.search(" ".join(window[-5:]) + " "):
                    continue  # what the shopper has: "not apple, I've got an android phone" (over watches)
                out.append(category)
        return _unique(out)

    def product_heads(self, message: str) -> set[str]:
        """The kinds of product the message names ("toasters" -> {"toaster", "toasters"})."""
        out = set()
        for w in words(message):
            for form in (w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w):
                if form in self.head_words:
                    out.update({w, form})
        return out

    def _other_product(self, word: str, category: str) -> bool:
        """Whether `word`, right after a category's name, is a product noun of its own: an English word
        that no title in that category uses ("stand" after "laptop"), not a size, colour or brand."""
        used = self.category_words.get(category)
        if not used or word in _NOT_HEADS or word in self.colors or word in self.brands or len(word) < 3:
            return False
        singular = word[:-1] if word.endswith("s") else word
        return word not in used and singular not in used and zipf(word) >= 3.0 and not word.endswith("ly")

    def mentioned_colors(self, message: str) -> list[str]:
        """Catalog colours the message names, less a colour word that is part of another thing's name ("no white
        cast", "white noise", "black friday"): no colour of a product."""
        return _unique(c for _, e, c in find_longest(message, self.colors) if not _COLOUR_IDIOM.match(message[e:]))

    def mentioned_brands(self, message: str) -> list[str]:
        """Catalog brands the message names: exactly, hyphen-joined ("osprey-made"), or misspelt by a
        letter or two ("addidas", "samsnug"), in order of appearance."""
        exact = [b for text in _spellings(message) for _, _, b in self.brand_spans(text)]
        return _unique(exact + self._near_brands(message))

    def brand_spans(self, text: str) -> list[tuple[int, int, str]]:
        """`find_longest` over brand names, where a brand spelt like a common word ("On") must be
        written as the catalog writes it (see `written_as_brand`)."""
        return [(s, e, b) for s, e, b in find_longest(text, self.brands)
                if (written_as_brand(text[s:e], b, self.everyday)
                    or " " in b and _BRAND_LEAD.search(text[:s]))  # "anything from free people?", "the all out one"
                and not ((_PRICE_BEFORE.search(text[:s]) or _BETWEEN_AFTER.match(text[e:]))
                         and zipf(text[s:e].lower()) >= _WORD_ZIPF)
                and not _the_brand_as_word(text, s, e, b)
                and not (b.lower() in COMMON_WORDS and _SAYING_AFTER.match(text, e))]

    def _near_brands(self, message: str) -> list[str]:
        single = {form: brand for form, brand in self.brands.items()
                  if " " not in form and len(form) >= 5 and brand not in self.everyday}
        if not single:
            return []
        found = []
        for word in words(message):
            # a word the catalog uses otherwise ("kitchen", not a misspelt "KitchenAid") is not a near miss
            if len(word) >= 5 and word not in self.brands and word not in self.title_words \
                    and word not in self.categories and word not in self.colors and zipf(word) < 3.5 \
                    and not (re.search(r"(?:ing|ed)$", word) and zipf(word) >= 2.5):  # "scalding" is no Spalding
                close = difflib.get_close_matches(word, single, n=1, cutoff=0.8)
                if close:
                    found.append(single[close[0]])
        return found


# The words after an everyday word that make it a saying, not a brand spelt like it: "On reflection, exclude
# Patagonia", "On second thoughts", "On the other hand", "On a budget".
_SAYING_AFTER = re.compile(r"\s+(?:reflection|second\s+thoughts?|the\s+other\s+hand|balance|top\s+of\s+that|"
                           r"the\s+whole|a\s+budget|sale|offer|my\s+way|the\s+way)\b", re.I)


def _the_brand_as_word(text: str, start: int, end: int, brand: str) -> bool:
    """"an ordinary one with hands": the word of a "The ..." brand ("The Ordinary") said in lower case after an
    article is the everyday word; "the ordinary", "Ordinary serum" and "ordinary's niacinamide" name the brand."""
    said = text[start:end]
    return brand.lower().startswith("the ") and " " not in said and said.islower() and zipf(said) >= _WORD_ZIPF \
        and bool(re.search(r"\b(?:an?|so|very|quite|just|more|an? \w+)\s+$", text[:start], re.I))


# The word right after a category's name when it ends the phrase ("phone cases?", "a laptop stand for").
_NEXT_WORD = re.compile(r"[ -]+([a-z]+)(?=\s*(?:$|[,.;:!?()]|\b(?:for|with|that|which|under|below|in|on|to|from|"
                        r"please|pls|and|or|but|too|also|as well|then)\b))")  # "do u have phone cases too"
# Words after a category's name that do not make it a modifier ("phone under 300", "jeans size 32").
# Title words rarer than this in English are product words ("mascara" 3.3, "blanket" 4.0, "shoes" 4.6);
# commoner ones are the adjectives and verbs titles also use ("fit" 5.0, "nice" 5.3, "best" 6.0).
PRODUCT_WORD_ZIPF = 4.9

# What a product did or seems ("my headphones snapped", "the kettle died", "a throw sounds nice"): verbs, not
# a second product noun after the category's name.
_STATE_VERBS = frozenset(
    "is are was were broke broken died dead snapped cracked stopped split ripped tore torn fell keep keeps kept "
    "sound sounds look looks seem seems feel feels went gone wore worn made".split())  # "a backpack made from"
# Colour-like words that say something else: a texture, or a mood.
# What follows a colour word when it names something else: "white cast" (of a sunscreen), "white noise".
_COLOUR_IDIOM = re.compile(r"\s+(?:cast|noise|marks?|residue|streaks?|friday|wine|tea|belt|lies?|raw)\b", re.I)
_NOT_COLOURS = frozenset({"creamy", "peachy", "milky", "goldy", "rosy", "tany"})
_NOT_HEADS = COMMON_WORDS | frozenset(
    "under below over above around less cheap cheaper pls please thanks size sizes colour color style that "
    "which pair pairs please ideally preferably brand brands model models ones stuff things items products "
    "options range selection instead too also again now today though tho maybe perhaps probably possibly "
    "definitely really just only then either first lol plz asap set sets kit kits bundle bundles essentials "
    "collection routine".split()) | _STATE_VERBS
# Words after which a category names what the product goes with, not the product ("fits a laptop").
_COMPANION_CUES = frozenset("for fits fit fitting with holds hold carry carrying carries protect protects".split())
# Cues that make the next category a companion on their own: "something to carry my laptop" is no laptop.
CONTAINER_CUES = frozenset("carry carrying carries protect protects".split())
# Words before the cue that name no product ("something for my phone" asks for the phone's category).
_CUE_FILLER = frozenset("a an the i im i'm me my need want looking something anything stuff thing things one ones "
                        "some any get buy find show got have you do does can please pls gift present we let's lets "
                        "start begin go come help deal cope and also then now could would should might really "
                        "just".split())  # "he could also do with some plain T-shirts": t-shirts wanted


# Words that introduce a brand: a name of several everyday words after them is the brand ("from free people").
_BRAND_LEAD = re.compile(r"\b(?:from|by|the|any|some|more|other|cheapest|best\s+rated|no|not|love|like)\s+$", re.I)
# A brand spelt like a word, used as the word: "whats the price gap", "the gap between them" (Gap).
_PRICE_BEFORE = re.compile(r"\bprice\s+$", re.I)
_BETWEEN_AFTER = re.compile(r"\s+between\b", re.I)
_WORD_ZIPF = 3.5  # "gap" (4.4) is a word; "patagonia between 60 and 100" names the brand


def written_as_brand(written: str, brand: str, everyday: frozenset[str] = frozenset()) -> bool:
    """False for a word that only looks like a brand: lower-case "on" in "zoom in on product 2" when the
    shop sells "On"; "ok" or "apple" in a grocery catalog with the brands "Ok" and "Apple" (`everyday`,
    see `everyday_brands`). Such a brand counts only when written as the catalog writes it; other brands
    match in any case ("NIKE", "addidas")."""
    return (brand.lower() not in COMMON_WORDS and brand not in everyday) or written == brand


def hyphen_joined(text: str, known: frozenset[str] | set[str]) -> list[str]:
    """The text's words, two in a row joined by a hyphen where the catalog writes them so ("over ear" ->
    "over-ear" where the titles say "Over-Ear")."""
    said = words(text)
    out: list[str] = []
    i = 0
    while i < len(said):
        if i + 1 < len(said) and f"{said[i]}-{said[i + 1]}" in known:
            out.append(f"{said[i]}-{said[i + 1]}")
            i += 2
        else:
            out.append(said[i])
            i += 1
    return out


def singular(word: str) -> str:
    """A plural's singular by its ending ("watches" -> "watch", "batteries" -> "battery"); short words stay."""
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("shes", "sh"), ("ches", "ch"), ("xes", "x"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + repl
    return word


def graded_from_word(word: str, ending: str, bare: bool = False) -> bool:
    """Whether `word` + `ending` (-er, -ier, -est, -iest) is a comparative or superlative of an English word:
    "comfi"+"est" of comfy, "bigg"+"er" of big, "nic"+"er" of nice; not "wat"+"er" nor "trainers".
    `bare`: also the word itself ("stretch" for "stretchiest", where stretchy is rarer)."""
    stem = word + "y" if ending.startswith("i") else word
    stems = (stem, stem[:-1]) if len(stem) > 2 and stem[-1] == stem[-2] else (stem, stem + "e")
    stems += (word,) if bare and ending.startswith("i") else ()
    return any(len(x) >= 3 and zipf(x) >= 3.5 for x in stems)


@functools.lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a word is in English (wordfreq's Zipf scale: 0 unknown, ~7 "the"); cached per word."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def everyday_brands(brands: list[str], titles: list[str]) -> frozenset[str]:
    """Brands whose name is everyday English in this catalog: every word common (Zipf >= 4.5) and either
    very common (>= 5.5: "ok", "all out") or used in the titles of other brands' products ("apple" juice,
    "master" in a grocery's titles). "Apple" in a shop where only Apple's titles say apple stays a brand.
    A name of several words counts as used by others only as a whole phrase: "face" in a cream's title
    does not make "The North Face" an everyday phrase."""
    others: dict[str, set[str]] = {}
    where: dict[str, list[int]] = {}  # word -> the titles that have it, so a phrase is looked for only there
    lowered = [(" ".join(words(title)), brand) for title, brand in zip(titles, brands, strict=False)]
    for i, (title, brand) in enumerate(lowered):
        for w in set(title.split()):
            others.setdefault(w, set()).add(brand)
        for w in set(re.split(r"[^a-z0-9]+", title)):  # "must-quit-o": a phrase may start inside a word
            where.setdefault(w, []).append(i)
    out = set()
    for brand in set(brands) - {""}:
        parts = [p for p in brand.lower().split() if p != "the"] or brand.lower().split()
        if not parts or not all(zipf(p) >= EVERYDAY_ZIPF for p in parts):
            continue
        if all(zipf(p) >= VERY_COMMON_ZIPF for p in parts):
            out.add(brand)
        elif len(parts) == 1 and others.get(parts[0], set()) - {brand}:
            out.add(brand)
        elif len(parts) > 1:
            phrase = re.compile(rf"\b{re.escape(' '.join(parts))}\b")
            if all(p.isalnum() for p in parts):  # every part a title word: the titles of its rarest part
                rows = min((where.get(p, []) for p in parts), key=len)
            else:
                rows = [i for i, (t, _) in enumerate(lowered) if parts[0] in t]
            if any(lowered[i][1] != brand and phrase.search(lowered[i][0]) for i in rows):
                out.add(brand)
    return frozenset(out)


EVERYDAY_ZIPF = 4.5
VERY_COMMON_ZIPF = 5.5


def _spellings(message: str) -> tuple[str, str]:
    """The message as written and with hyphens as spaces ("nike-branded"; hyphenated names match as written)."""
    return message, message.replace("-", " ")


def _unique(values) -> list[str]:
    return list(dict.fromkeys(values))


def find_longest(text: str, table: dict[str, str]) -> list[tuple[int, int, str]]:
    """Non-overlapping whole-word matches of table keys in text, the longest form at each position.

    Returns (start, end, canonical value) spans sorted by position. One alternation per table,
    compiled once (`alternation`), so the cost does not grow with the number of brands.
    """
    if not table:
        return []
    return [(m.start(1), m.end(1), table[m[1]]) for m in alternation(table).finditer(text.lower())]


_ALTERNATIONS: dict[int, tuple[dict[str, str], re.Pattern]] = {}


def alternation(table: dict[str, str]) -> re.Pattern:
    """Whole-word matcher of a table's keys, longest first; compiled once per table (tables do not change)."""
    cached = _ALTERNATIONS.get(id(table))
    if cached is None or cached[0] is not table:
        forms = "|".join(re.escape(form) for form in sorted(table, key=len, reverse=True))
        cached = (table, re.compile(rf"(?<![\w-])({forms})(?![\w-])"))
        _ALTERNATIONS[id(table)] = cached
    return cached[1]


# Initials shoppers type for a brand of two to four words ("ck" Calvin Klein, "ua" Under Armour, "tnf" The
# North Face) count only when they are no everyday word (wordfreq Zipf: "tv" 4.6, "uk" 5.0, "it" 6.8), stand
# for one brand, and the brand is one of the catalog's big ones (shoppers shorten the names they know; on
# BigBasket every brand's initials would make "lb" Lets Bite and "ro" Release on).
INITIALS_ZIPF = 4.0
# Chat words that look like initials ("hm navy actually" is no H&M).
_CHAT_WORDS = frozenset("hm hmm um uh eh ah oh ok ya ye yo lol omg idk tbh imo btw pls thx ty np brb gg rn ngl "
                        "fyi asap".split())
INITIALS_MIN_PRODUCTS = 20


def brand_initials(brands: dict[str, int], taken: frozenset[str] = frozenset()) -> dict[str, str]:
    """{"ck": "Calvin Klein", ...}: the first letters of the words of each multi-word brand with at least
    INITIALS_MIN_PRODUCTS products (`brands`: name -> products), with and without a leading "The";
    initials two brands share, that are an everyday word, or that are in `taken` (the catalog's own title
    words: units such as "kg", "ml") are left out."""
    seen: dict[str, set[str]] = {}
    for brand in (b for b, n in brands.items() if n >= INITIALS_MIN_PRODUCTS):
        parts = re.findall(r"[a-z]+", brand.lower().replace("'", ""))
        for kept in (parts, parts[1:] if parts[:1] == ["the"] else []):
            if 2 <= len(kept) <= 4:
                seen.setdefault("".join(w[0] for w in kept), set()).add(brand)
    return {k: next(iter(v)) for k, v in seen.items()
            if len(v) == 1 and k not in taken and k not in _CHAT_WORDS and zipf(k) < INITIALS_ZIPF}


_CORE_COLUMNS = frozenset({"product_id", "title", "description", "category", "brand", "color", "size", "image_url",
                           "in_stock", "price", "rating", "review_count"})


# A product-line word is rare in English ("macbook" 3.4, "speedgoat" 0); "ghost" (4.4) or "live" (5.5) is not.
LINE_WORD_ZIPF = 3.5
# ... or a less rare word ("pixel" 3.7, "dunk" 3.5) that comes right after the brand in every one of many
# titles of one brand ("Google Pixel 8a ...", "Google Pixel 9 Pro ...").
LINE_TITLES, LINE_NAME_ZIPF = 10, 4.0


def _shared_words(descriptions: list[str], brands: list[str]) -> set[str]:
    """Words the descriptions of two or more brands use: ordinary words, not a product line's name."""
    users: dict[str, set[str]] = {}
    for text, brand in zip(descriptions, brands, strict=False):
        for w in set(words(text)):
            users.setdefault(w, set()).add(brand)
    return {w for w, b in users.items() if len(b) >= 2}


def _line_brands(titles: list[str], brands: list[str], taken: set[str], min_titles: int = 3,
                 name_zipf: float = LINE_NAME_ZIPF) -> dict[str, str]:
    """Title words that at least `min_titles` titles use, all of one brand, that name the product first
    in most of them, and that are no category, colour, brand or common word: a brand's product lines
    ("macbook", "galaxy", "speedgoat").

    "Names the product first": right after the brand ("Hoka Speedgoat 6", "The North Face Nuptse"), or
    among the title's first two words when the title does not carry the brand. A product type that only
    one brand happens to sell ("Parachute Studio Washable Duvet Cover", "Yankee Candle ... Scented Candle")
    comes later in the title and is not a line: naming it names no brand. A line written in camel case in
    the titles ("iPhone", "PlayStation") is one even when the word is common on the web, and so is a word
    less rare in English that comes right after the brand in every one of many titles ("Google Pixel 8a
    ...", "Google Pixel 9 Pro ...").
    """
    seen: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    after: dict[str, int] = {}  # titles where the word comes right after the brand
    camel: set[str] = set()
    for title, brand in zip(titles, brands, strict=False):
        if not brand:
            continue
        found = words(title)
        name = words(brand)
        starts = [k + len(name) for k in range(len(found)) if found[k:k + len(name)] == name] or [0]
        leading = {found[i] for s in starts for i in (s, s + 1) if i < len(found)}
        camel.update(m[0].lower() for m in _CAMEL.finditer(title))
        right_after = {found[s] for s in starts if s < len(found)} if found[:len(name)] == name else set()
        for w in set(found):
            seen.setdefault(w, set()).add(brand)
            counts[w] = counts.get(w, 0) + 1
            first[w] = first.get(w, 0) + (w in leading)
            after[w] = after.get(w, 0) + (w in right_after)
    brand_words = {w for b in taken for w in b.split()}
    return {w: next(iter(b)) for w, b in seen.items()
            if len(b) == 1 and counts[w] >= min_titles and len(w) >= 4 and not any(ch.isdigit() for ch in w)
            and w not in taken and w not in brand_words and w not in COMMON_WORDS
            and (zipf(w) < LINE_WORD_ZIPF or w in camel and zipf(w) < EVERYDAY_ZIPF
                 or after[w] == counts[w] >= LINE_TITLES and zipf(w) < name_zipf) and first[w] * 2 >= counts[w]}


def _category_lines(column: dict[str, list[str]], descriptions: list[str], names: set[str],
                    lines: dict[str, str]) -> dict[str, dict[str, str]]:
    """Per category, the product-line words of `_line_brands` among its titles and descriptions that are
    no line across the whole catalog (another category's brand uses the word too). Within one category a word that comes
    right after the brand in every one of many titles names the line even when it is an everyday word
    ("Samsung Galaxy Watch ..."): there it can mean nothing else."""
    rows: dict[str, tuple[list[str], list[str], list[str]]] = {}
    descriptions = descriptions or [""] * len(column["title"])  # a catalog without descriptions
    for title, brand, category, text in zip(column["title"], column["brand"], column["category"], descriptions,
                                            strict=False):
        if category:
            for kept, value in zip(rows.setdefault(category, ([], [], [])), (title, brand, text), strict=True):
                kept.append(value)
    out = {}
    for category, (titles, brands, texts) in rows.items():
        taken = names | _shared_words(texts, brands)
        found = {w: b for w, b in _line_brands(titles, brands, taken, name_zipf=EVERYDAY_ZIPF).items()
                 if w not in lines}
        if found:
            out[category] = found
    return out


# "iPhone", "AirPods", "PlayStation": a lower-case letter then a capital inside one word.
_CAMEL = re.compile(r"\b[A-Za-z]*[a-z][A-Z][A-Za-z]*\b")


_TITLE_TAIL = re.compile(r"\s*(?:\(.*?\)|\s-\s.*|,.*)$")


# Words a title ends with that hold the kind rather than name it ("Dumbbell Set", "Drum Kit"), and how rare in
# English the word before them must be to be the kind ("dumbbell"; not "gift" of "Gift Set", "play" of "Play Set").
_CONTAINERS = frozenset({"set", "kit", "pack", "pair", "bundle"})
_CONTAINED_ZIPF = 3.1


def _head_words(titles: list[str], min_titles: int = 2) -> frozenset[str]:
    """Words that end the name of most titles using them (before colour or pack size, skipping model
    numbers): "kettle", "toaster", "shoes"; not "trail" ("Trail Running Shoes") or "classic"."""
    last: dict[str, int] = {}
    used: dict[str, int] = {}
    for title in titles:
        name = _TITLE_TAIL.sub("", title)
        found = [w for w in words(name) if not any(ch.isdigit() for ch in w) and len(w) > 2]
        for w in set(found):
            used[w] = used.get(w, 0) + 1
        if found:
            last[found[-1]] = last.get(found[-1], 0) + 1
        if len(found) >= 2 and found[-1] in _CONTAINERS and zipf(found[-2]) < _CONTAINED_ZIPF:
            last[found[-2]] = last.get(found[-2], 0) + 1  # "Adjustable Dumbbell Set": dumbbells are a kind too
    heads = {w for w, n in last.items() if n >= min_titles and n * 2 >= used[w]} - COMMON_WORDS
    return frozenset(heads | {w[:-1] for w in heads if w.endswith("s")})


def _category_words(titles: list[str], categories: list[str]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for title, category in zip(titles, categories, strict=False):
        if category:
            out.setdefault(category, set()).update(words(f"{title} {category}"))
    return {c: frozenset(w) for c, w in out.items()}


def _texts(catalog: pd.DataFrame, name: str) -> list[str]:
    if name not in catalog.columns:
        return []
    return catalog[name].fillna("").astype(str).tolist()
