"""The LM intent parser: prompt with the dialogue state, greedy-decode a slot string, parse it.

It does not validate or fall back itself: `parse` returns the Intent exactly as the model wrote
it (values as strings where they are not numbers) or raises `LmOutputError`; the turn loop's
`_parse` is the one place that turns an error into the rule parser's answer, records why, and
runs `validate_intent` (snap brands/categories, drop non-numeric prices, resolve references).
"""

from __future__ import annotations

import dataclasses

from assistant.lm import CausalLM
from assistant.lm_format import parse_prompt, parse_slot_string, query_text
from assistant.types import DialogueState, Intent
from assistant.vocab import CatalogVocab


class LmParser:
    """`IntentParser` over a fine-tuned causal LM; `last_output` keeps the raw decode for the trace."""

    def __init__(self, lm: CausalLM, vocab: CatalogVocab | None = None, max_new_tokens: int = 24):
        self.lm = lm
        self.vocab = vocab
        self.max_new_tokens = max_new_tokens
        self.last_output: str | None = None

    def parse(self, message: str, state: DialogueState) -> Intent:
        """Raises LmOutputError when the decoded text is not a slot string."""
        self.last_output = None
        raw = self.lm.generate(parse_prompt(state, message, self.vocab), self.max_new_tokens)
        self.last_output = raw.strip()
        intent = parse_slot_string(raw)
        return dataclasses.replace(intent, query=query_text(intent.kind, message))
