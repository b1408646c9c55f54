"""One generated shopper message per intent kind, with its gold `Intent`.

`TurnMaker.make(kind, state)` writes a message from the paraphrase bank; the gold intent is
built from the same draws, so labels are exact by construction (no parser is involved).
"""

from __future__ import annotations

import random

from assistant.training import noise as noise
from assistant.training.phrases import PhraseBank
from assistant.training.shop_vocab import ShopVocab
from assistant.types import DialogueState, Intent

_SYLLABLES = ("ka", "lo", "ve", "ri", "zan", "tor", "mi", "nex", "bo", "qui", "sol", "ar", "den", "ly", "vi", "ro",
              "fen", "gra", "tu", "mo", "pex", "ul", "sa", "tri")


def invented_brand(rng: random.Random) -> str:
    """A made-up brand ("Nexlo", "Vitor Sport"): teaches the parser to copy names it has never seen."""
    name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3)))).title()
    roll = rng.random()
    if roll < 0.15:
        name += " " + rng.choice(("Sport", "Labs", "Home", "Co", "Audio", "Wear", "& Sons"))
    elif roll < 0.2:
        name += "'s"
    return name


ORDINALS = ((1, "first", "1st"), (2, "second", "2nd"), (3, "third", "3rd"), (4, "fourth", "4th"),
            (5, "fifth", "5th"))


class TurnMaker:
    def __init__(self, vocab: ShopVocab, bank: PhraseBank, rng: random.Random, typo_rate: float = 0.04,
                 slot_typos: bool = True, number_words: bool = True, invented_brands: float = 0.0):
        self.vocab, self.bank, self.rng = vocab, bank, rng
        self.typo_rate, self.slot_typos, self.number_words = typo_rate, slot_typos, number_words
        self.invented_brands = invented_brands
        self.topic: tuple[str, str] | None = None

    def start_dialogue(self) -> None:
        """Half the dialogues follow a real user's taste (a category and brand they bought)."""
        tastes = self.vocab.tastes
        self.topic = self.rng.choice(tastes) if tastes and self.rng.random() < 0.5 else None

    # ---- building blocks ---------------------------------------------------------------------
    def _text(self, options: tuple[str, ...], **values: str) -> str:
        template = noise.typos(self.rng.choice(options), self.rng, self.typo_rate)
        return template.format(**values)

    def _category(self, exclude: str | None = None) -> str:
        if self.topic and self.topic[0] != exclude and self.rng.random() < 0.6:
            return self.topic[0]
        return self.rng.choice([c for c in self.vocab.categories if c != exclude] or self.vocab.categories)

    def _brand(self, category: str | None, exclude: str | None = None) -> str | None:
        pool = self.vocab.brands.get(category or "", ()) or self.vocab.all_brands()
        pool = tuple(b for b in pool if b != exclude)
        if not pool:
            return None
        if self.rng.random() < self.invented_brands:
            return invented_brand(self.rng)
        if self.topic and self.topic[1] in pool and self.rng.random() < 0.5:
            return self.topic[1]
        return self.rng.choice(pool)

    def _color(self, category: str | None) -> str | None:
        pool = self.vocab.colors.get(category or "", ()) or tuple(c for cs in self.vocab.colors.values() for c in cs)
        return self.rng.choice(pool) if pool else None

    def _form(self, category: str) -> str:
        form = self.rng.choice(self.vocab.forms[category])
        if self.slot_typos and self.rng.random() < 0.06:
            form = " ".join(noise.typo(w, self.rng) for w in form.split(" "))
        return form

    def _price(self, value: float) -> str:
        return noise.price_text(value, self.bank.price_formats, self.rng, self.number_words)

    def price_phrase(self, category: str | None) -> tuple[str, float | None, float | None]:
        """A price constraint in words with its (min, max); (“”, None, None) when none is drawn."""
        options = sorted(self.vocab.prices.get(category or "", ()) or (20.0, 50.0, 100.0, 200.0))
        value = self.rng.choice(options)
        if self.rng.random() < 0.2:  # not only round numbers
            value = float(self.rng.randint(int(options[0]) + 1, int(options[-1]) + 5))
        roll = self.rng.random()  # ceilings and floors about equally often: no default direction to fall back on
        if roll < 0.4:
            return self._text(self.bank.price_max, p=self._price(value)), None, value
        if roll < 0.72:
            return self._text(self.bank.price_min, p=self._price(value)), value, None
        if roll < 0.9:
            higher = [p for p in options if p > value] or [value * 2]
            high = self.rng.choice(higher)
            text = self._text(self.bank.price_between, p1=self._price(value), p2=self._price(high))
            return text, value, high
        return self._text(self.bank.price_about, p=self._price(value)), round(value * 0.8, 2), round(value * 1.2, 2)

    def _ref(self, limit: int) -> tuple[str, int]:
        if self.rng.random() < 0.1:
            return self.rng.choice(self.bank.last_forms), -1
        number, word, short = ORDINALS[self.rng.randrange(max(1, min(limit, 5)))]
        template = self.rng.choice(self.bank.ref_forms)
        return template.format(o=self.rng.choice((word, word, short)), n=number), number

    def _refs(self, k: int, state: DialogueState) -> tuple[list[str], tuple[int, ...]]:
        texts, refs, positions = [], [], set()
        for _ in range(20):
            text, ref = self._ref(len(state.shown) or 3)
            position = len(state.shown) if ref == -1 else ref  # "the last one" may be "the fifth"
            if position not in positions:
                positions.add(position)
                texts.append(text)
                refs.append(ref)
            if len(refs) == k:
                break
        return texts, tuple(refs)

    def _wrap(self, core: str) -> str:
        filler = self.rng.choice(self.bank.fillers) if self.bank.fillers and self.rng.random() < 0.1 else ""
        return (filler + core + self.rng.choice(self.bank.closers)).strip()

    # ---- intents -----------------------------------------------------------------------------
    def make(self, kind: str, state: DialogueState) -> tuple[str, Intent]:
        return getattr(self, f"_make_{kind}")(state)

    def _make_search(self, state: DialogueState) -> tuple[str, Intent]:
        category = self._category()
        brand = self._brand(category) if self.rng.random() < 0.35 else None
        color = self._color(category) if self.rng.random() < 0.35 else None
        pre, post = [], []
        for value, posts, key in ((brand, self.bank.brand_post, "b"), (color, self.bank.color_post, "c")):
            if value and self.rng.random() < 0.6:
                pre.insert(self.rng.randrange(len(pre) + 1), value)
            elif value:
                post.append(self._text(posts, **{key: value}))
        if self.rng.random() < 0.25:
            extra = self.rng.choice(self.bank.extras)
            (pre.insert(0, extra) if " " not in extra else post.append(extra))
        tail, low, high, excluded = [], None, None, None
        if self.rng.random() < 0.55:
            text, low, high = self.price_phrase(category)
            tail.append(text)
        if self.rng.random() < 0.2:
            excluded = self._brand(category, exclude=brand)
            if excluded:
                tail.append(self._text(self.bank.exclude, b=excluded))
        self.rng.shuffle(tail)
        phrase = " ".join([*pre, self._form(category), *post])
        joiner = self.rng.choice((" ", ", "))
        core = self._text(self.bank.openers, thing="") + joiner.join([phrase, *tail])
        return self._wrap(core), Intent("search", category=category, brand=brand, exclude_brand=excluded,
                                        color=color, min_price=low, max_price=high)

    def _make_search_brand(self, state: DialogueState) -> tuple[str, Intent]:
        brand = self._brand(None) or "Acme"
        text, low, high = self.price_phrase(None) if self.rng.random() < 0.3 else ("", None, None)
        core = " ".join(p for p in (self._text(self.bank.brand_only_search, b=brand), text) if p)
        return self._wrap(core), Intent("search", brand=brand, min_price=low, max_price=high)

    def _make_refine(self, state: DialogueState) -> tuple[str, Intent]:
        category = state.category
        roll = self.rng.random()
        if roll < 0.22:
            cheaper = self._text(self.bank.cheaper)
            if self.rng.random() < 0.2 and (color := self._color(category)):
                return self._wrap(f"{cheaper} and {self._text(self.bank.refine_color, c=color)}"), \
                    Intent("refine", color=color, cheaper=True)
            return self._wrap(cheaper), Intent("refine", cheaper=True)
        if roll < 0.42 and (color := self._color(category)):
            text = self._text(self.bank.refine_color, c=color)
            if self.rng.random() < 0.2:
                price, low, high = self.price_phrase(category)
                return self._wrap(f"{text} {price}"), Intent("refine", color=color, min_price=low, max_price=high)
            return self._wrap(text), Intent("refine", color=color)
        if roll < 0.54 and (brand := self._brand(category)):
            return self._wrap(self._text(self.bank.refine_brand, b=brand)), Intent("refine", brand=brand)
        if roll < 0.7 and (brand := state.brand if state.brand and self.rng.random() < 0.3 else self._brand(category)):
            return self._wrap(self._text(self.bank.refine_exclude, b=brand)), Intent("refine", exclude_brand=brand)
        if roll < 0.88:
            price, low, high = self.price_phrase(category)
            return self._wrap(self._text(self.bank.refine_price, price=price)), \
                Intent("refine", min_price=low, max_price=high)
        other = self._category(exclude=category)
        text = self._text(self.bank.refine_category, cat=self._form(other))
        return self._wrap(text), Intent("search", category=other)

    def _make_more(self, state: DialogueState) -> tuple[str, Intent]:
        return self._wrap(self._text(self.bank.more)), Intent("more")

    def _make_compare(self, state: DialogueState) -> tuple[str, Intent]:
        template = self.rng.choice(self.bank.compare)
        texts, refs = self._refs(3 if "{r3}" in template else 2, state)
        if len(refs) < template.count("{r"):
            return self._make_more(state)
        values = {f"r{i + 1}": t for i, t in enumerate(texts)}
        return self._wrap(noise.typos(template, self.rng, self.typo_rate).format(**values)), \
            Intent("compare", references=refs)

    def _one_ref(self, options: tuple[str, ...], kind: str, state: DialogueState) -> tuple[str, Intent]:
        texts, refs = self._refs(1, state)
        return self._wrap(self._text(options, r=texts[0])), Intent(kind, references=refs)

    def _make_details(self, state: DialogueState) -> tuple[str, Intent]:
        return self._one_ref(self.bank.details, "details", state)

    def _make_add(self, state: DialogueState) -> tuple[str, Intent]:
        return self._one_ref(self.bank.add, "add_to_cart", state)

    def _make_add_bare(self, state: DialogueState) -> tuple[str, Intent]:
        return self._wrap(self._text(self.bank.add_bare)), Intent("add_to_cart")

    def _make_remove(self, state: DialogueState) -> tuple[str, Intent]:
        return self._one_ref(self.bank.remove, "remove_from_cart", state)

    def _make_view_cart(self, state: DialogueState) -> tuple[str, Intent]:
        return self._wrap(self._text(self.bank.view_cart)), Intent("view_cart")

    def _make_why(self, state: DialogueState) -> tuple[str, Intent]:
        if self.rng.random() < 0.3:
            return self._one_ref(self.bank.why_ref, "why", state)
        return self._wrap(self._text(self.bank.why)), Intent("why")

    def _make_recommend(self, state: DialogueState) -> tuple[str, Intent]:
        if self.rng.random() < 0.35:
            category = self._category()
            text = self._text(self.bank.recommend_category, cat=self._form(category))
            return self._wrap(text), Intent("recommend", category=category)
        return self._wrap(self._text(self.bank.recommend)), Intent("recommend")

    def _make_greeting(self, state: DialogueState) -> tuple[str, Intent]:
        return self._text(self.bank.greeting), Intent("greeting")

    def _make_out_of_scope(self, state: DialogueState) -> tuple[str, Intent]:
        return self._text(self.bank.out_of_scope), Intent("out_of_scope")
