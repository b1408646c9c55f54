"""Draft tokens for speculative greedy decoding: n-gram lookup in the prompt and the training targets.

Why: on this CPU one decoding step of the 135M model costs ~30 ms and checking five tokens in one
forward pass ~45 ms. The assistant's outputs are short and formulaic (" refine | color=blue",
" I found [count] [category] under [max_price]:"), and the fine-tune's own targets predict most of
them several tokens ahead, so guessing from them and checking the guess in one pass cuts the
forward passes of a parse or a reply by about half (docs/language-model.md "Speculative decoding"). The model still
picks every token: a guess is kept only where it equals the model's own greedy choice.

No second model is involved ("prompt lookup" / retrieval drafting): a draft is what followed the
same last few tokens in the training targets (most often), or, for a value the targets never held
(a brand first seen at run time), in the prompt itself.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from assistant.shopdata.atomic import atomic_write_text

# Written next to a fine-tuned model: its distinct (prompt tail, target) training pairs.
DRAFT_FILE = "draft_corpus.json"
MAX_ORDER = 4   # longest context (in tokens) a draft is matched on
MAX_DRAFT = 8   # longest continuation kept per context


def prompt_tail(prompt: str) -> str:
    """The part of a prompt that precedes every target of its kind ("\\nparse:", "\\nbot:")."""
    return "\n" + prompt.rsplit("\n", 1)[-1]


def draft_pairs(examples: Iterable) -> list[tuple[str, str]]:
    """(prompt tail, target) of each training example (anything with `.prompt` and `.target`)."""
    return [(prompt_tail(e.prompt), e.target) for e in examples]


def write_corpus(pairs: Iterable[tuple[str, str]], folder: Path) -> None:
    """Save the distinct (prompt tail, target) pairs (atomically: it may join a model already in use)."""
    distinct = sorted({(tail, target) for tail, target in pairs})
    atomic_write_text(Path(folder) / DRAFT_FILE, json.dumps(distinct, ensure_ascii=False))


def read_corpus(folder: Path) -> list[tuple[str, str]]:
    """The pairs `write_corpus` saved; [] for a model fine-tuned before drafts existed."""
    path = Path(folder) / DRAFT_FILE
    if not path.exists():
        return []
    return [(tail, target) for tail, target in json.loads(path.read_text(encoding="utf-8"))]


class DraftIndex:
    """Maps the last 1..MAX_ORDER tokens to the continuation that most often followed them."""

    def __init__(self, sequences: Iterable[Sequence[int]]):
        counts: dict[tuple[int, ...], Counter[tuple[int, ...]]] = {}
        for seq in sequences:
            for i in range(1, len(seq)):
                for n in range(1, min(MAX_ORDER, i) + 1):
                    counts.setdefault(tuple(seq[i - n:i]), Counter())[tuple(seq[i:i + MAX_DRAFT])] += 1
        # Ties go to the continuation seen first in sorted order, so a draft never depends on set order.
        self.table = {key: list(min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]) for key, c in counts.items()}

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]], encode, eos: int | None) -> DraftIndex:
        """Token sequences exactly as the fine-tune saw them: tail ids + target ids + EOS."""
        end = [] if eos is None else [eos]
        return cls(encode(tail) + encode(target) + end for tail, target in pairs)

    def propose(self, context: Sequence[int], prompt_len: int, k: int) -> list[int]:
        """Up to k tokens likely to follow `context` (prompt ids then the tokens decoded so far).

        The longest matching context wins; between the prompt and the targets, the prompt wins a tie
        (it holds this turn's own values).
        """
        if k <= 0:
            return []
        order, draft = _prompt_lookup(context, prompt_len, k)
        for n in range(min(MAX_ORDER, len(context)), order, -1):
            found = self.table.get(tuple(context[-n:]))
            if found:
                return found[:k]
        return draft


def _prompt_lookup(context: Sequence[int], prompt_len: int, k: int) -> tuple[int, list[int]]:
    """(n, draft): what followed the latest earlier occurrence of the last n tokens in the prompt."""
    prompt = list(context[:prompt_len])
    for n in range(min(3, len(context) - 1), 1, -1):
        key = list(context[-n:])
        # An occurrence must end before the context does (the tail itself always "matches").
        for start in range(min(len(prompt), len(context) - 1) - n, -1, -1):
            if prompt[start:start + n] == key:
                draft = prompt[start + n:start + n + k]
                if draft:
                    return n, draft
    return 0, []
