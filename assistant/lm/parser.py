"""The LM intent parser: prompt with the dialogue state, greedy-decode a slot string, parse it.

It does not validate or fall back itself: `parse` returns the Intent exactly as the model wrote
it (values as strings where they are not numbers) or raises `LmOutputError`; the turn loop's
`_parse` is the one place that turns an error into the rule parser's answer, records why, and
runs `validate_intent` (snap brands/categories, drop non-numeric prices, resolve references).
"""

from __future__ import annotations

import dataclasses
import math

from assistant import rules
from assistant.lm.format import LmOutputError, format_intent, parse_prompt, parse_slot_string, query_text
from assistant.lm.model import CausalLM
from assistant.lm.prior import IntentPrior
from assistant.parser import Parsed, RuleParser
from assistant.types import DialogueState, Intent
from assistant.vocab import CatalogVocab


class LmParser:
    """`IntentParser` over a fine-tuned causal LM; `read` returns the intent with the raw decode and the prior."""

    def __init__(self, lm: CausalLM, vocab: CatalogVocab | None = None, max_new_tokens: int = 24,
                 prior: IntentPrior | None = None, prior_weight: float = 1.0):
        self.lm = lm
        self.vocab = vocab
        self.max_new_tokens = max_new_tokens
        # Its slot string is the first guess speculative decoding checks (~2 ms; the model decides).
        self.rules = RuleParser(vocab) if vocab is not None else None
        # The embedding classifier's log-probabilities, times the weight, join the model's at the
        # intent (assistant/lm/prior.py); None or weight 0: the model alone.
        self.prior = prior if prior_weight > 0 else None
        self.prior_weight = prior_weight

    def parse(self, message: str, state: DialogueState) -> Intent:
        return self.read(message, state).intent

    def read(self, message: str, state: DialogueState) -> Parsed:
        """Raises LmOutputError (with the decoded text) when the decoded text is not a slot string."""
        prior = None
        guess = format_intent(self.rules.parse(message, state)) if self.rules is not None else None
        starts = None
        if self.prior is not None:
            logp = self.prior.log_probs(message, state)
            top = max(logp, key=logp.get)
            prior = {"top": top, "p": round(math.exp(logp[top]), 3)}
            starts = {f" {kind}": self.prior_weight * lp for kind, lp in logp.items()}
        raw = self.lm.generate(parse_prompt(state, message, self.vocab), self.max_new_tokens, guess, starts)
        try:
            intent = parse_slot_string(raw)
        except LmOutputError as exc:
            exc.output, exc.prior = raw.strip(), prior
            raise
        intent = dataclasses.replace(intent, query=query_text(intent.kind, message), **_stated_prices(message))
        return Parsed(intent, "lm", raw.strip(), prior)


def _stated_prices(message: str) -> dict[str, float | None]:
    """Prices the message states in a form the price patterns read ("under $80", "50-100 dollars").

    Why they override the model: the direction of a bound is one word ("under" / "over") that the
    5-minute fine-tune still swaps (its most common slot error: docs/benchmarks.md "Price direction"),
    while the patterns read it exactly. The model keeps the prices only the patterns cannot read ("budget is 800", "a
    hundred bucks") and everything else: intent, categories, brands, exclusions, references.
    """
    low, high = rules.parse_prices(message)
    return {} if low is None and high is None else {"min_price": low, "max_price": high}
