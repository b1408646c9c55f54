"""The LM reply writer: the model writes a short delexicalised sentence, code adds the facts.

The LM sees only the intent kind, the number of results and the names of active constraints;
it writes placeholders ([count], [category], [name_1], [price_1], ...). This writer fills the
shopper's own constraints ([category], [max_price]) from the dialogue state and leaves product
placeholders to `grounding.fill`, which reads them from the catalog. Every word the model writes
must be in the reply allow-list (the training replies' words): at the first other word (a
number, an invented name) generation stops there, so a product fact can only come from the
catalog. The numbered product list is code too.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator

from assistant.grounding import PLACEHOLDER
from assistant.lm.format import active_slots, reply_prompt
from assistant.lm.model import CausalLM
from assistant.lm.reply_memo import ReplyMemo
from assistant.lm.reply_phrases import (
    LM_REPLY_KINDS,
    fixed_texts,
    kind_placeholders,
    reply_completion,
    reply_vocabulary,
    reply_words,
)
from assistant.money import DEFAULT_CURRENCY, format_price
from assistant.reply import TemplateWriter, category_noun, product_lines
from assistant.types import SEARCH_KINDS, DialogueState, Intent
from recsys.types import Candidate

_TOKEN = re.compile(r"\[[a-z_]+\d*\]")


def state_values(state: DialogueState, n: int, currency: str = DEFAULT_CURRENCY) -> dict[str, str]:
    """The values the state placeholders stand for (absent constraints are absent keys). With no category
    the subject is "products", the word the fine-tune was taught for it, so a model that writes the
    category sentence for a recommendation ("I found [count] [category]") still says something whole."""
    values = {"count": str(n)}
    category = category_noun(state.category) if state.category else "products"
    # "from Nike or Under Armour", "in navy or black": every brand and colour the search takes, as the template says
    brands = " or ".join((state.brand, *state.other_brands)) if state.brand else None
    colors = " or ".join((state.color, *state.other_colors)) if state.color else None
    for name, value in (("category", category), ("brand", brands), ("color", colors),
                        ("not_brand", " or ".join(state.exclude_brands))):
        if value:
            values[name] = value
    if state.min_price is not None:
        values["min_price"] = format_price(state.min_price, currency)
    if state.max_price is not None:
        values["max_price"] = format_price(state.max_price, currency)
    return values


_NEGATION = frozenset({"not", "except", "excluding", "no", "without", "but"})
# Words that lead into one product's fact ("at [price_1]", "is [name_1]"): dropped with it.
_LEADS_TO_A_FACT = frozenset("at for from is are costs cost priced with by like the a an and".split())


class ReplyGuard:
    """Turns streamed LM text into safe pieces: whole words only, allow-listed, placeholders checked."""

    def __init__(self, allowed: frozenset[str], values: dict[str, str], n_products: int,
                 placeholders: frozenset[str] | None = None, summary: bool = False):
        self.allowed, self.values, self.n_products = allowed, values, n_products
        self.placeholders = placeholders  # the names this reply kind may use; None = any
        # A results summary ("I found [count] [category] under [max_price]:") that the product lines follow:
        # one product's fact in it reads as the whole list's ("I found 5 watches at $279.99" for "cheap
        # watches"), and "products" where the search has a category hides it ("Here are 5 products").
        self.summary = summary
        self.buffer, self.stopped, self.emitted = "", False, 0
        self.wrong_kind = False  # the model wrote another kind of reply (a placeholder this kind never uses)
        # One word of look-ahead: the word before a placeholder that cannot be filled ("under" in
        # "under [max_price]") is dropped with it instead of dangling. Costs one token of delay.
        self.pending: str | None = None
        self.recent: list[str] = []  # the last words read, lower-cased ("not" before "from [not_brand]")
        self.said: list[str] = []  # every word let through, lower-cased: a pair said twice is a loop
        self.problems: list[str] = []

    def feed(self, text: str) -> Iterator[str]:
        if self.stopped:
            return
        self.buffer += text
        if "\n" in self.buffer:  # a reply is one paragraph; the model should have ended it
            self.buffer = self.buffer.split("\n", 1)[0]
            yield from self.finish()
            self.stopped = True
            return
        while not self.stopped and (m := re.search(r"\S+(?=\s)", self.buffer)):
            word, self.buffer = self.buffer[:m.end()], self.buffer[m.end():]
            yield from self._word(word)

    def finish(self) -> Iterator[str]:
        if self.buffer.strip() and not self.stopped:
            yield from self._word(self.buffer)
        self.buffer = ""
        if self.pending is not None:
            yield self.pending
            self.pending = None

    def _word(self, word: str) -> Iterator[str]:
        bad = [w for w in reply_words(_TOKEN.sub(" ", word)) if w not in self.allowed]
        if bad:
            self.problems.append(f"LM reply stopped at a word outside the reply vocabulary: {bad[0]!r}")
            self.stopped = True
            return
        foreign = [m[0] for m in _TOKEN.finditer(word)
                   if self.placeholders is not None and m[0][1:-1] not in self.placeholders]
        if foreign:
            self.wrong_kind = True
            self._stop_before(f"LM reply stopped at placeholder {foreign[0]} (not used in this kind of reply)")
            return
        if self.summary and (fact := PLACEHOLDER.search(word)):
            self.problems.append(f"LM reply stopped at {fact[0]} (one product's fact in the summary of a list)")
            self.stopped = True
            last = self.pending
            self.pending = None
            if last is not None and re.sub(r"\W", "", last.lower()) in _LEADS_TO_A_FACT:
                last, self.emitted = None, self.emitted - 1  # "at" in "... at [price_1]" goes with it
            if last is not None:
                yield last
            if last is None or not last.rstrip().endswith(":"):
                yield ":"
            return
        if self.summary and re.fullmatch(r"products\b\W*", word.strip(), re.I) \
                and self.values.get("category", "products") != "products":
            word = word.replace(word.strip().rstrip(":,.;!"), self.values["category"], 1)  # the category it has
        if "[not_brand]" in word and not _NEGATION.intersection(self.recent[-2:]):
            # "laptops from [not_brand]" says the excluded brand is the one shown: end the sentence before
            self._stop_before("LM reply stopped at [not_brand] (not after 'not')")
            return
        missing = [m[0] for m in _TOKEN.finditer(word) if not self._has_value(m[0])]
        if missing:  # dropping only it would leave "from :" or "is at ." behind: end the sentence before
            self._stop_before(f"LM reply stopped at placeholder {missing[0]} (no value here)")
            return
        said = word.strip().lower()
        if self.said and (self.said[-1], said) in set(zip(self.said[:-2], self.said[1:-1], strict=True)):
            # "I found: I found: I found: ...": an undertrained or confused model repeating itself
            self._stop_before(f"LM reply stopped at a repeated phrase {self.said[-1]!r} {said!r}")
            return
        self.said.append(said)
        checked = _TOKEN.sub(self._placeholder, word)
        self.recent = [*self.recent[-2:], re.sub(r"\W", "", word.lower())]
        if checked.strip():
            if self.pending is not None:
                yield self.pending
            self.pending = checked
            self.emitted += 1
            if self.summary and checked.rstrip().endswith(":"):
                # the summary is said ("I found 5 headphones under $80:"); what a model adds after it is one
                # product's fact, cut at its placeholder, which left "... under $80: My first pick:" behind
                self.problems.append("LM reply ended with its summary: the product lines follow")
                self.stopped = True

    def _stop_before(self, problem: str) -> None:
        """Stop, dropping the held-back word too (it belonged to what follows)."""
        self.problems.append(problem)
        self.stopped = True
        if self.pending is not None:
            self.pending, self.emitted = None, self.emitted - 1

    def _has_value(self, token: str) -> bool:
        product = PLACEHOLDER.fullmatch(token)
        return token[1:-1] in self.values or bool(product and 1 <= int(product[2]) <= self.n_products)

    def _placeholder(self, m: re.Match) -> str:
        """A state value, or the product placeholder itself (grounding.fill puts the catalog value in)."""
        return self.values.get(m[0][1:-1], m[0])


class KnownPrefix:
    """Streams a fixed-wording reply while it is still the beginning of one of its kind's sentences.

    Why: a greeting or "why" reply must never be half-sent and then found to be the wrong kind
    ("Here are [count] ..."), so it used to be held back whole, and a model that writes it right paid
    for the whole sentence before the first word showed. Now only text that leaves the known
    sentences is held back. A fixed-wording kind was only ever trained on those sentences, so text
    outside them is another kind's reply ("Hello! ..." for "compare" with nothing shown): the
    sentence that was begun is finished, or the template's is used. For a reply with no fixed
    sentences (a search that found nothing) the held text is sent once its words are checked.
    """

    def __init__(self, known: tuple[str, ...]):
        self.known, self.sent, self.held = known, "", []

    def filter(self, pieces: Iterator[str], guard: ReplyGuard) -> Iterator[str]:
        for piece in pieces:
            if not self.held and any(k.startswith((self.sent + piece).strip()) for k in self.known):
                self.sent += piece
                yield piece
            else:
                self.held.append(piece)
        if self.held and self.known and not guard.wrong_kind:  # e.g. a greeting for "compare" (seen in int8)
            guard.wrong_kind = True
            guard.problems.append("LM reply left the fixed sentences of its kind")
        if self.held and not guard.wrong_kind:  # no fixed sentences (nothing found): its words were checked
            yield from self.held
        elif self.sent and self.sent.strip() not in self.known:  # begun, then wrong or cut short: finish it
            yield self.rest()

    def rest(self) -> str:
        """The remainder of the first known sentence that the sent text begins."""
        begun = self.sent.strip()
        sentence = next(k for k in self.known if k.startswith(begun))
        return sentence[len(begun):]


class LmWriter:
    """`ReplyWriter` whose wording comes from the LM; `stream` yields pieces as they decode."""

    def __init__(self, lm: CausalLM, max_new_tokens: int = 40, currency: str = DEFAULT_CURRENCY,
                 memo: ReplyMemo | None = None):
        self.lm = lm
        self.memo = memo  # None: every reply is decoded
        self.max_new_tokens = max_new_tokens
        self.currency = currency
        self.allowed = frozenset(lm.meta.get("reply_words") or reply_vocabulary())
        self.template = TemplateWriter(currency)
        self.last_problems: list[str] = []

    def write(self, intent: Intent, candidates: list[Candidate], state: DialogueState) -> str:
        return "".join(self.stream(intent, candidates, state))

    def stream(self, intent: Intent, candidates: list[Candidate],
               state: DialogueState) -> Generator[str, None, list[str]]:
        """Pieces as they decode; returns what the guard corrected (also kept in `last_problems`)."""
        self.last_problems = []
        # a greeting mid-conversation is thanks or a goodbye: the model, prompted with the kind alone, says "Hello!"
        if intent.kind not in LM_REPLY_KINDS or intent.kind == "greeting" and (state.history or state.cart):
            yield self.template.write(intent, candidates, state)
            return self.last_problems
        n = len(candidates)
        slots = active_slots(state) if intent.kind in SEARCH_KINDS else ()
        placeholders = kind_placeholders(intent.kind, n)
        guard = ReplyGuard(self.allowed, state_values(state, n, self.currency), n, placeholders,
                           summary=intent.kind in SEARCH_KINDS and n > 0)
        # The sentence it was trained to write for this prompt is the guess speculative decoding checks first.
        expected = reply_completion(intent.kind, n, slots, intent.cheaper)
        pieces = self._guarded(guard, reply_prompt(intent.kind, n, slots, intent.cheaper), expected)
        prefix = KnownPrefix(fixed_texts(intent.kind, n))
        if placeholders is not None:  # fixed wordings, or nothing found: a wrong kind of reply is never half-sent
            pieces = prefix.filter(pieces, guard)
        yield from pieces
        self.last_problems = guard.problems
        if not prefix.sent and (not guard.emitted or guard.wrong_kind):  # nothing usable: the template's wording
            self.last_problems.append("LM reply empty: template reply used")
            yield self.template.write(intent, candidates, state)
            return self.last_problems
        yield self._body(intent, candidates, state)
        return self.last_problems

    def _guarded(self, guard: ReplyGuard, prompt: str, expected: str) -> Iterator[str]:
        decoded = (self.memo.stream(self.lm, prompt, self.max_new_tokens, expected) if self.memo is not None
                   else self.lm.stream(prompt, self.max_new_tokens, expected))
        for piece in decoded:
            yield from guard.feed(piece)
            if guard.stopped:
                break
        yield from guard.finish()

    @staticmethod
    def _body(intent: Intent, candidates: list[Candidate], state: DialogueState) -> str:
        """The facts after the LM's sentence: product lines, comparison rows, reasons (all placeholders)."""
        n = len(candidates)
        if intent.kind in SEARCH_KINDS and n:
            return "\n" + product_lines(n)
        if intent.kind == "details" and n:
            return " [description_1]"
        if intent.kind == "compare" and n >= 2:
            return "\n" + "\n".join(f"- [name_{i + 1}]: [price_{i + 1}], [brand_{i + 1}], rated [rating_{i + 1}]"
                                    for i in range(n))
        if intent.kind == "why" and n:
            return "\n" + "\n".join(f"- [name_{i + 1}]: {'; '.join(c.reasons)}" for i, c in enumerate(candidates))
        return ""
