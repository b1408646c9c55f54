"""Shopper spelling, mended before parsing: "runnin shoes undr 80", "hedphones", "compair the first two".

Why here and why so cautious: a parser reads "undr" as nothing and a search for "hedphones" finds
whatever shares letters with it. A word is changed only when it is rare in English (wordfreq's
Zipf frequency), the catalog does not use it either, and one word the parser acts on (a category,
brand, colour, product word or cue such as "under" or "compare") is close to it in spelling; chat
shorthand ("abt", "pls", "thx") has a small table. The corrections go in the turn's trace.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

import jellyfish

from assistant import rules
from assistant.emoji import in_words
from assistant.vocab import CatalogVocab, zipf

# Chat shorthand that is frequent enough in English text to pass the rarity test, or too short for it.
SHORTHAND = {
    "abt": "about", "wat": "what", "u": "you", "ur": "your", "pls": "please", "plz": "please", "thx": "thanks",
    "smth": "something", "smthn": "something", "smthg": "something", "sth": "something",
    "gimme": "give me", "wanna": "want to", "gonna": "going to",
    "tho": "though", "cuz": "because", "nite": "night", "blk": "black", "wht": "white", "undr": "under",
    "betwen": "between", "btwn": "between", "sumthin": "something", "somethin": "something", "anythin": "anything",
    "onli": "only", "actualy": "actually", "cheeper": "cheaper", "chepest": "cheapest", "compair": "compare",
    "ovr": "over", "agn": "again", "rmv": "remove", "deets": "details", "anythn": "anything",
    "anythng": "anything", "smthing": "something", "nthn": "nothing", "nothin": "nothing", "pricy": "pricey",
    "recs": "recommendations", "recos": "recommendations",
    "blu": "blue", "gry": "grey", "shld": "should", "shud": "should", "wud": "would", "cud": "could",
    "moar": "more", "mor": "more", "ppl": "people", "rly": "really", "srsly": "seriously", "nvm": "never mind",
    "cop": "buy", "copping": "buying",  # "ngl the 2nd one slaps, cop it": slang for buying
    "lappy": "laptop", "lappie": "laptop", "lappies": "laptops",  # "lappy for uni under 700"
}
# Slang asides that say nothing of what is wanted ("yo whats a good basketball", "fr is that waterproof", "ngl the
# 2nd one slaps", "1st one pal"): dropped where a clause starts or the message ends (a "pal", "mate" or "hen" said
# to the assistant only at the end), so the request reads as it would without them.
_ASIDE = re.compile(r"(?:(?<=^)|(?<=[,.!?;]))(?P<space>\s*)(?:yo+|fr|ngl|tbh|lowkey|highkey|bruh+|deadass|istg|ong)"
                    r"\b[\s,.!]*(?=\S)|\s+(?:fr(?:\s+fr)?|ngl|tbh|no cap|pal|mate|m8|hen|bro|bruv|dude)\W*$", re.I)
# "w/o stretch", "jeans w/ pockets", "w 16gb ram?": chat shorthand for "without" and "with".
# "ad it to my cart", "ad the first one": "add" as dictation writes it (not "an ad").
# "ok by the first one": "buy" as voice typing writes it, said first, before the item.
_BY = re.compile(r"^(\W*(?:(?:ok(?:ay)?|um+|so|and|then)\W+)*)by(?=\s+(?:the|it|that|this|them|those|these|one|two|"
                 r"number|#?\d)\b)(?!\s+the\s+way\b)", re.I)
_AD = re.compile(r"\bad(?=\s+(?:it|that|this|the|them|those|these|one|two|three|to|a|an|\d|my|some|another)\b)", re.I)
# Comparatives a learner of English builds with "more" ("same model but with more big memory?", "which one is more
# cheap"), and "too much expensive".
_LEARNER_SAID = {"more big": "bigger", "more small": "smaller", "more cheap": "cheaper", "more good": "better",
                 "more light": "lighter", "more long": "longer", "more warm": "warmer", "more large": "larger",
                 "more soft": "softer", "more fast": "faster", "more strong": "stronger",
                 "too much expensive": "too expensive",
                 # "which one most soft?": the superlative said with "most"
                 "most soft": "softest", "most cheap": "cheapest", "most light": "lightest", "most warm": "warmest",
                 "most big": "biggest", "most small": "smallest", "most long": "longest", "most fast": "fastest",
                 "most strong": "strongest", "most large": "largest",
                 # French said in English: "you have less cher?", "something more haut de gamme", "an ordinator"
                 "less cher": "cheaper", "moins cher": "cheaper", "haut de gamme": "high-end",
                 # "more economic please", "something economic": an Italian's or a Spaniard's word for cheap
                 "more economic": "cheaper", "more economical": "cheaper", "less economic": "pricier",
                 # "a tennis for running": the Portuguese "tênis", a sports shoe; "blue navy": navy
                 "tennis for running": "running shoes", "tennis for run": "running shoes", "blue navy": "navy",
                 "muito caro": "too expensive",  # Portuguese: "very dear"
                 # voice typing's homophones: "sneakers in read", "add the for one", "the third won"
                 "in read": "in red", "the for one": "the fourth one", "the fore one": "the fourth one",
                 "the for won": "the fourth one", "first won": "first one", "second won": "second one",
                 "third won": "third one", "fourth won": "fourth one", "fifth won": "fifth one",
                 "ordinator": "computer", "ordinators": "computers", "ordinateur": "computer",
                 "ordinateurs": "computers",
                 "doe maar": "I'll take",  # Dutch: "doe maar the second one then"
                 "sepet": "basket", "sepetim": "my basket",  # Turkish: "sepet show me please"
                 # Vietnamese, accents folded: "em" (I, me) as a learner says it, "lay cai re nhat" (take the cheapest),
                 # "dien thoai" (phone), "tai nghe" (headphones), "do choi" (toys), "nuoc hoa" (perfume)
                 "em want": "I want", "em need": "I need", "em buy": "I buy", "em looking": "I'm looking",
                 "show em": "show me", "lay cai re nhat": "take the cheapest one", "cai re nhat": "the cheapest one",
                 "re nhat": "cheapest", "lay cai": "take the", "dien thoai": "phone", "tai nghe": "headphones",
                 "do choi": "toys", "nuoc hoa": "perfume", "bong ro": "basketball", "son moi": "lipstick",
                 "dong ho": "watch", "ba lo": "backpack", "bo dao": "knife set"}
# Built from the table's own phrases (longest first), so every phrase matched has its replacement.
_LEARNER = re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, said.split()))
                                         for said in sorted(_LEARNER_SAID, key=len, reverse=True)) + r")\b", re.I)
# "wht colors it come in", "wht is the price": "wht" asking, not the colour "white" ("wht sneakers").
_WHT_ASKED = re.compile(r"\bwht(?=\s+(?:is|are|r|do|does|did|colou?rs?|sizes?|about|abt|kind|type|else|would|should|"
                        r"can|u|you|the|it|its|it's|of|abt)\b|\s*\?)", re.I)
# "the one that was read out first", "the one announced third": a screen reader's order is the list's.
_READ_OUT = re.compile(r"\bthe\s+(?:one|item|product)\s+(?:that\s+was\s+|that'?s\s+|you\s+)?(?:read\s+out|announced|"
                       r"read)\s+(first|second|third|fourth|fifth|last)\b", re.I)
# "add 1 + 2": a plus between two positions said for "and".
# "between 40 an 80", "1 an 3": "and" between two numbers, its d dropped
_AN_BETWEEN = re.compile(r"(?<=\d)\s+an\s+(?=[$£€]?\d)", re.I)
_PLUS_NUMBERS = re.compile(r"\b(\d{1,2})\s*\+\s*(\d{1,2})\b(?!\s*[=+])")
# "-trail", "jeans -skinny": a minus stuck to a word, as a search box takes it: not that (not "t-shirt", "4-5").
_MINUS_WORD = re.compile(r"(?:^|(?<=\s))-(?=[a-z]{2})", re.I)
# "add 2 + cart": a plus set apart between a position and a word, said for "and" (not "50+ please", a floor).
_PLUS_WORD = re.compile(r"\b(\d{1,2})\s+\+\s+(?=[a-z])", re.I)
_SLASH_SHORT = re.compile(r"\bw/o\b|\bw/\s*(?=[a-z])|(?<![\w/'-])w\s+(?=\d|[a-z]{2,})", re.I)
# One thing's other names across English-speaking shops; a word is swapped only where the catalog does not
# use it and does use the other ("hoover" -> "vacuum" in a shop whose titles say "Vacuum").
REGIONAL = {
    "hoover": "vacuum", "hoovers": "vacuums", "trainers": "sneakers", "trainer": "sneaker", "jumper": "sweater",
    "jumpers": "sweaters", "doona": "duvet", "doonas": "duvets", "rucksack": "backpack", "rucksacks": "backpacks",
    "trousers": "pants", "torch": "flashlight", "nappies": "diapers", "hob": "stove",
    "telly": "tv", "cooker": "stove", "sofa": "couch", "settee": "couch", "dressing-gown": "robe",
    "pushchair": "stroller", "pram": "stroller", "holdall": "duffel", "biro": "pen", "cling-film": "wrap",
    "kitbag": "bag", "jandals": "sandals", "sneaks": "sneakers", "frock": "dress", "frocks": "dresses",
    "comforter": "duvet", "flashlight": "torch", "diapers": "nappies", "sweater": "jumper", "vacuum": "hoover",
    "mac": "macbook", "macs": "macbooks",  # a short name for a product line ("she wants a mac")
    "tee-shirt": "t-shirt", "tee-shirts": "t-shirts",  # the French spelling
    "snickers": "sneakers", "snicker": "sneaker",  # a misspelling that is a word of its own (a chocolate bar)
}
# Possessives are read as their noun only for words no commoner than this ("kettle's"; not "it's").
POSSESSIVE_ZIPF = 5.0
# Words the parser acts on beyond the catalog's own: price, reference and intent cues.
CUES = ("under below above over between around cheaper cheapest expensive pricier premium budget maximum minimum "
        "compare comparison difference remove delete details about actually anything something only please "
        "recommend suggest show more others another cart basket first second third fourth fifth last without "
        "instead colour color brand size cheap price prices rating ratings rated review reviews dollar dollars").split()
RARE_ZIPF = 2.5        # below this a word is rare in English (e.g. "hedphones" 0, "dumbells" 1.4)
SPLIT_ZIPF = 2.0       # from this a rare word is still a word, not two typed as one ("settee" 2.4, "airfryer" 0)
CLOSE = 0.8            # difflib ratio a replacement needs
# A chat word with its g dropped ("lookin"): the -ing word is this common in English, and this much more common
# than the word as typed (not "raisin" 3.0 / "raising" 4.4, "thin", "cabin").
DROPPED_G_ZIPF = 4.4
DROPPED_G_GAP = 1.5
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_WORD_SPAN = re.compile(r"(?<![\w'\-])[A-Za-z]+(?![\w'\-])")  # a whole word of letters only
# Title words commoner than this are everyday words ("into" 6.4, "everyday" 4.5): two words are not joined
# into one ("iphone" 4.3, "headphones" 3.9, "backpack" 3.8 are).
RARE_JOIN_ZIPF = 4.4
# A brand said as other words ("nigh key"): one of them this rare at least, and the words joined this near the
# name in spelling (Jaro-Winkler; "dice on" ~ "dyson" 0.73, "show me" ~ "xiaomi" 0.56).
SOUNDED_ZIPF = 4.5
SOUNDED_CLOSE = 0.72
BRAND_JOIN_CLOSE = 0.85  # difflib ratio two words joined need to a one-word brand ("ceravee" ~ "cerave")
# "whats in my card", "add to card": dictation's "card" where only the cart makes sense (not "pay by card",
# "on my card", "gift card").
_CARD_FOR_CART = re.compile(r"\b(?:in|into|to|from|out of)\s+(?:my\s+|the\s+)?car(?=d\b(?!\s*(?:number|details|"
                            r"payment|reader|balance)))d", re.I)
# British and American spellings of one word, each way: "-ise(r)"/"-ize(r)", "-our"/"-or", "-tre"/"-ter",
# "-yse"/"-yze", "-lled"/"-led".
_ATLANTIC = tuple((re.compile(p), r) for p, r in (
    (r"is(e|er|ers|es|ed|ing|ation|ations)$", r"iz\1"), (r"iz(e|er|ers|es|ed|ing|ation|ations)$", r"is\1"),
    (r"our(s|ed|ful|less)?$", r"or\1"), (r"(?<=[^o])or(s|ed|ful|less)?$", r"our\1"),
    (r"tre(s)?$", r"ter\1"), (r"ter(s)?$", r"tre\1"), (r"yse(s|d)?$", r"yze\1"), (r"lled$", "led")))
# A word of Latin letters with at least one accent (other scripts are left alone).
_ACCENTED = re.compile(r"[A-Za-z]*[\u00c0-\u024f\u1e00-\u1eff][A-Za-z\u00c0-\u024f\u1e00-\u1eff]*")  # (Vietnamese "ệ")


# Letters whose plain base Unicode does not split off: Vietnamese "đ" ("điện thoại"), Polish "ł", Danish "ø".
_NO_BASE = str.maketrans("đĐłŁøØ", "dDlLoO")


def _fold(m: re.Match) -> str:
    """The word without its accents, when every letter has a plain Latin base ("ä" -> "a")."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", m[0].translate(_NO_BASE))
                    if not unicodedata.combining(ch))
    return plain if plain.isascii() else m[0]


def _swaps(word: str) -> list[str]:
    """The word with two neighbouring letters swapped, each way it can be ("mroe" -> "rmoe", "more", "mreo")."""
    return [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1) if word[i] != word[i + 1]]


class Speller:
    """Mends a shop's messages against its catalog's words."""

    def __init__(self, vocab: CatalogVocab):
        known = set(vocab.title_words) | set(vocab.attribute_words)
        self.known = known | vocab.brand_words | set(vocab.colors)
        targets = {w for form in vocab.categories for w in form.split()} | set(CUES) | set(vocab.colors)
        targets |= {w for w in vocab.brand_words if len(w) >= 4}
        targets |= {w for w in vocab.title_words if len(w) >= 5 and w.isalpha()}
        targets |= {w for w in vocab.attribute_words if len(w) >= 5 and w.isalpha()}  # "lether": leather, a material
        self.targets = sorted(targets)
        self.target_set = frozenset(targets)
        # Title words that are no everyday words ("headphones", "backpack"; not "everyday" or "into") and
        # product lines ("iphone"): what a word said in two parts may be joined into.
        self.joinable = frozenset(w for w in vocab.title_words if w.isalpha() and zipf(w) < RARE_JOIN_ZIPF) \
            | {w for w in vocab.line_brands if w.isalpha()}  # a product line ("iphone") however common
        # One-word brand names a misheard brand said in two parts may be near ("cera vee": CeraVe).
        self.brand_joins = sorted(w for w in vocab.brand_words if len(w) >= 5 and w.isalpha())
        self.sounds = _brand_sounds(set(vocab.brands.values()))
        self.vocab = vocab

    def correct(self, message: str) -> tuple[str, list[str]]:
        """The message with its misspellings mended, and what was changed ("hedphones -> headphones")."""
        changes: list[str] = []

        def fix(m: re.Match) -> str:
            word = m[0]
            low = word.lower()
            if low in SHORTHAND:
                new = SHORTHAND[low]
            elif low in REGIONAL and low not in self.known and (other := self._known_form(REGIONAL[low])):
                new = other  # "hoovers" where the titles say "Vacuum"
            elif low.endswith("'s") and low not in self.known and len(low) >= 6 and low[:-2] in self.known \
                    and zipf(low[:-2]) < POSSESSIVE_ZIPF:
                new = low[:-2]  # "my kettle's started leaking": the kettle, as the titles name it
            elif low.endswith("in") and low not in self.known and (low + "g" in self.known or len(low) >= 5
                                                                  and zipf(low + "g") >= DROPPED_G_ZIPF
                                                                  and zipf(low + "g") - zipf(low) >= DROPPED_G_GAP):
                new = low + "g"  # a dropped g: "runnin", "lookin", "tryin" (not "raisin", "cabin", "thin")
            elif len(low) >= 6 and low not in self.known and (other := self._other_spelling(low)):
                new = other  # "moisturiser" where the titles say "Moisturizer"
            elif len(low) < 4 or low in self.known or zipf(low) >= RARE_ZIPF:
                return word
            elif zipf(low) < SPLIT_ZIPF and (split := self._split(low)):
                new = split  # "airfryer", "phonecase": two catalog words typed as one (not "settee": a word)
            else:
                swapped = [t for t in _swaps(low) if t in self.target_set]  # "mroe", "comapre": two keys crossed
                close = swapped or [t for t in difflib.get_close_matches(low, self.targets, n=3, cutoff=CLOSE)
                                    if abs(len(t) - len(low)) <= 1]  # a letter or two mistyped, not another word
                if not close:                                        # ("bandsaw" is not "bands")
                    return word
                new = close[0]
            if new != low:
                changes.append(f"{word} -> {new}")
                return new
            return word

        folded = _ACCENTED.sub(_fold, message)  # "Fjällräven Kånken" -> "Fjallraven Kanken"
        if folded != message:
            changes.append("accents folded")
        folded = self._join_split_words(folded, changes)
        folded = self._sounded_brands(folded, changes)
        spoken = _CARD_FOR_CART.sub(lambda m: m[0][:-1] + ("T" if m[0].endswith("D") else "t"), folded)
        if spoken != folded:
            changes.append("card -> cart")
        slashed = _SLASH_SHORT.sub(lambda m: "without" if m[0].lower().startswith("w/o") else "with ", spoken)
        if slashed != spoken:
            changes.append("w/o, w/ -> without, with")
        anded = _AN_BETWEEN.sub(" and ", slashed)
        if anded != slashed:
            changes.append("an -> and")
            slashed = anded
        signed = in_words(slashed)  # "❌ nike ❌ adidas 💀": no nike no adidas
        if not rules.ARITHMETIC.search(signed):  # not "lol whats 2+2"
            signed = _PLUS_WORD.sub(r"\1 and ", _PLUS_NUMBERS.sub(r"\1 and \2", signed))
        signed = _MINUS_WORD.sub("no ", signed)
        if signed != slashed.strip():
            changes.append("emoji and signs said in words")
            slashed = signed
        aside = _ASIDE.sub(lambda m: m["space"] or "", slashed)
        if aside != slashed and aside.strip():  # "yo", said alone, is a hello
            changes.append("slang aside dropped")
            slashed = aside
        asked = _WHT_ASKED.sub("what", slashed)
        if asked != slashed:  # "wht colors it come in": "what", not the colour white
            changes.append("wht -> what")
            slashed = asked
        plain = _LEARNER.sub(lambda m: _LEARNER_SAID[" ".join(m[0].lower().split())], slashed)
        if plain != slashed:  # "more big memory", "too much expensive": a learner's comparatives, said plainly
            changes.append("comparative said plainly")
            slashed = plain
        said = _READ_OUT.sub(lambda m: f"the {m[1].lower()} one", slashed)
        if said != slashed:  # "the one that was read out first": the first one
            changes.append("read out -> position")
            slashed = said
        bought = _BY.sub(r"\1buy", slashed)
        if bought != slashed:  # "ok by the first one": dictation's "buy"
            changes.append("by -> buy")
            slashed = bought
        added = _AD.sub("add", slashed)
        if added != slashed:  # "ad it to my cart", "fine ad the blue one": dictation's "add"
            changes.append("ad -> add")
            slashed = added
        fixed = _TOKEN.sub(fix, slashed)
        return fixed, changes

    def _split(self, word: str) -> str | None:
        """Two catalog words typed as one ("airfryer" -> "air fryer"), the second a product word of the titles
        (`joinable`: no everyday word), each of three letters or more; None when no split is that."""
        for i in range(3, len(word) - 2):
            first, second = word[:i], word[i:]
            if first in self.known and (second in self.joinable
                                        or second.endswith("s") and second[:-1] in self.joinable):
                return f"{first} {second}"
        return None

    def _known_form(self, word: str) -> str | None:
        """The word, or its singular, as the catalog uses it; None when it uses neither."""
        return next((w for w in (word, word[:-1] if word.endswith("s") else "") if w in self.known), None)

    def _other_spelling(self, word: str) -> str | None:
        """The catalog's spelling of a word spelt the other side of the Atlantic ("moisturiser" ->
        "moisturizer", "colour" -> "color", "centre" -> "center", and back), whatever its frequency. Only
        words of six letters or more: "four" is no "for", nor "hour" "hor"."""
        for pattern, replacement in _ATLANTIC:
            other = pattern.sub(replacement, word)
            if other != word and other in self.known:
                return other
        return None

    def _join_split_words(self, text: str, changes: list[str]) -> str:
        """One catalog word said as two ("i phone", "head phones", "back pack": dictation, or a space
        typed in): joined when the two together are a word of the titles that is not an everyday one, or its
        plural."""
        found = list(_WORD_SPAN.finditer(text))
        for first, second in reversed(list(zip(found, found[1:], strict=False))):
            if len(second[0]) < 2:
                continue  # "to cook the food i don't have": a word and the pronoun after it, not "foodi"
            joined = (first[0] + second[0]).lower()
            plural_of = joined[:-2] if joined.endswith("es") and joined[:-2] in self.joinable else joined[:-1]
            if text[first.end():second.start()] == " " and len(joined) >= 5 \
                    and (joined in self.joinable or joined.endswith("s") and plural_of in self.joinable):
                # ... or its plural: "smart watches" -> "smartwatches"
                changes.append(f"{first[0]} {second[0]} -> {joined}")
                text = text[:first.start()] + joined + text[second.end():]
            elif text[first.end():second.start()] == " " and len(joined) >= 5 \
                    and (brand := self._misheard_brand(first[0].lower(), second[0].lower())):
                changes.append(f"{first[0]} {second[0]} -> {brand}")  # "the cera vee one": CeraVe
                text = text[:first.start()] + brand + text[second.end():]
        return text

    def _misheard_brand(self, first: str, second: str) -> str | None:
        """The one-word brand two words not in the catalog sound like when joined ("cera vee" -> "cerave"), a
        letter or so off; None when either word is the catalog's or an everyday one."""
        if first in self.known or second in self.known or first in SHORTHAND or second in SHORTHAND \
                or max(zipf(first), zipf(second)) >= RARE_JOIN_ZIPF:  # not "ones pls" (OnePlus)
            return None
        close = difflib.get_close_matches(first + second, self.brand_joins, n=1, cutoff=BRAND_JOIN_CLOSE)
        return close[0] if close else None

    def _sounded_brands(self, text: str, changes: list[str]) -> str:
        """A brand said as two or three other words, as voice typing writes a name it does not know ("nigh key"
        for Nike, "hoe ka" for Hoka, "uni clo" for Uniqlo, "dice on" for Dyson): the words joined sound like the
        brand (the same Metaphone key) and are spelt near it (Jaro-Winkler), at least one of them is rare in
        English, and none is a word the catalog uses or chat shorthand ("the 2nd one pls" is no OnePlus, "a mat
        to lie on" no Mattel)."""
        if not self.sounds:
            return text
        for size in (3, 2):
            found = list(_WORD_SPAN.finditer(text))
            for i in reversed(range(len(found) - size + 1)):
                group = found[i:i + size]
                said = [m[0].lower() for m in group]
                if any(text[a.end():b.start()] != " " for a, b in zip(group, group[1:], strict=False)) \
                        or len(said[0]) < 2 or len(said[-1]) < 2 or min(zipf(w) for w in said) >= SOUNDED_ZIPF \
                        or any(w in SHORTHAND or len(w) > 2 and w in self.known for w in said) \
                        or said[0] in _POSSESSIVES:  # "our lab eats like a horse": no Oral-B
                    continue
                brand = _closest(self.sounds.get(jellyfish.metaphone("".join(said)), ()), "".join(said))
                if brand and self._brand_place(text, group[0].start(), group[-1].end()):
                    changes.append(f"{' '.join(m[0] for m in group)} -> {brand}")
                    text = text[:group[0].start()] + brand + text[group[-1].end():]
        return text

    def _brand_place(self, text: str, start: int, end: int) -> bool:
        """Whether words at text[start:end] stand where a brand is said: before a kind of product or "one(s)"
        ("hoe ka running shoes", "the nigh key one"), or at a clause's end after a word that asks for a maker
        ("t shirts from uni clo", "no nigh key"). Not "hmm any brand", "our lab eats", "Ta ta."."""
        after = re.match(r"\s+([A-Za-z]+)(?:\s+([A-Za-z]+))?", text[end:])
        following = " ".join(w for w in after.groups() if w) if after else ""
        if after and (after[1].lower() in ("one", "ones") or self.vocab.product_heads(following)
                      or self.vocab.mentioned_categories(following)):
            return True
        before = re.search(r"([A-Za-z]+)\s+$", text[:start])
        return bool(before) and before[1].lower() in _BRAND_CUES \
            and re.match(r"\s*(?:[,.;!?]|$|(?:and|or|but|pls|please)\b)", text[end:], re.I) is not None


_POSSESSIVES = frozenset("my our your his her their its".split())
# Words after which a maker is named: "from uni clo", "no nigh key", "any dice on?".
_BRAND_CUES = frozenset("from by no not any some only just about prefer love like want the".split())


def _letters(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalpha())


def _brand_sounds(brands: set[str]) -> dict[str, list[str]]:
    """Metaphone key -> the brands of four letters or more with that key (Nike and Nokia share "NK")."""
    keys: dict[str, list[str]] = {}
    for brand in sorted(brands):
        if len(_letters(brand)) >= 4 and len(key := jellyfish.metaphone(_letters(brand))) >= 2:
            keys.setdefault(key, []).append(brand)
    return keys


def _closest(brands: list[str] | tuple[str, ...], said: str) -> str | None:
    """The brand spelt nearest to what was said, near enough and clearly nearer than any other with the sound."""
    scored = sorted(((jellyfish.jaro_winkler_similarity(said, _letters(b)), b) for b in brands), reverse=True)
    if not scored or scored[0][0] < SOUNDED_CLOSE or len(scored) > 1 and scored[0][0] - scored[1][0] < 0.05:
        return None
    return scored[0][1]
