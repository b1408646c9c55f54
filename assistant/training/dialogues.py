"""Training dialogues from the catalog: multi-turn shopping conversations with gold intents.

Each dialogue starts from an empty session; every turn draws an intent that makes sense in the
current state (refinements and references only once something is shown), writes the message
from a paraphrase bank with shopper noise, then updates the state with the assistant's own
`apply_intent`, so the state line in the prompt is exactly what the live assistant will show.
Each turn yields a parser example (state + message -> slot string) and a reply example
(intent + result count -> delexicalised reply).
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass

from assistant.config import AssistantConfig
from assistant.lm.format import active_slots, format_intent, parse_prompt, query_text, reply_prompt
from assistant.lm.reply_phrases import LM_REPLY_KINDS, reply_completion
from assistant.state import apply_intent
from assistant.training import noise as noise
from assistant.training.phrases import PhraseBank
from assistant.training.shop_vocab import ShopVocab
from assistant.training.turns import TurnMaker
from assistant.types import SEARCH_KINDS, DialogueState, Intent
from assistant.vocab import CatalogVocab


@dataclass(frozen=True)
class Turn:
    """One generated turn: the state before it, the message, and both LM examples."""

    state: DialogueState
    message: str
    intent: Intent
    prompt: str
    target: str
    reply_prompt: str | None
    reply_target: str | None


def _shown_prices(state: DialogueState, vocab: ShopVocab, n: int, rng: random.Random) -> list[float]:
    options = vocab.prices.get(state.category or "", ()) or tuple(p for ps in vocab.prices.values() for p in ps)
    low = state.min_price or 0.0
    high = state.max_price if state.max_price is not None else max(options, default=100.0) * 1.2
    return sorted(round(rng.uniform(low, max(high, low + 1)), 2) for _ in range(n))


def simulate(state: DialogueState, intent: Intent, vocab: ShopVocab, rng: random.Random,
             cfg: AssistantConfig) -> int:
    """Apply a turn to the state as the live loop would; returns the number of products in the reply."""
    positions = [len(state.shown) if r == -1 else r for r in intent.references]
    refs = [r for r in positions if 1 <= r <= len(state.shown)]
    if intent.kind in SEARCH_KINDS:
        apply_intent(state, intent, cfg)
        n = cfg.page_size if rng.random() < 0.85 else rng.randrange(cfg.page_size)
        state.shown = [f"X{len(state.history)}-{i}" for i in range(n)]
        state.shown_prices = _shown_prices(state, vocab, n, rng)
        return n
    if intent.kind == "add_to_cart":
        for r in refs or ([1] if len(state.shown) == 1 else []):
            state.cart[state.shown[r - 1]] = state.cart.get(state.shown[r - 1], 0) + 1
    elif intent.kind == "remove_from_cart":
        for r in refs:
            state.cart.pop(state.shown[r - 1], None)
    elif intent.kind == "view_cart":
        state.shown = list(state.cart)
        state.shown_prices = _shown_prices(state, vocab, len(state.shown), rng)
    if intent.kind == "why":
        return len(refs) or len(state.shown)
    return len(refs)


# How often each kind of turn is drawn: with nothing on screen, and with results shown.
# The benchmark mix is fixed (the held-out set must stay comparable between versions); training
# gives the short-phrase kinds (more, view_cart, why, recommend) more weight than their share of
# real traffic: each has many wordings and few slots, and the parser confused them most.
EVAL_MIX = (
    {"search": 50, "search_brand": 6, "refine": 7, "recommend": 7, "greeting": 8, "out_of_scope": 8,
     "view_cart": 4, "compare": 2, "details": 2, "add": 2, "why": 2, "more": 2},
    {"search": 12, "refine": 30, "more": 6, "compare": 8, "details": 9, "add": 9, "add_bare": 2,
     "remove": 4, "remove_empty_cart": 1, "view_cart": 4, "why": 5, "recommend": 3, "greeting": 3,
     "out_of_scope": 3},
)
TRAIN_MIX = (
    EVAL_MIX[0] | {"search": 44, "recommend": 9, "out_of_scope": 9, "view_cart": 5},
    EVAL_MIX[1] | {"more": 9, "details": 10, "remove": 5, "remove_empty_cart": 2, "view_cart": 6, "why": 6,
                   "recommend": 4, "out_of_scope": 4},
)


def _choose_kind(state: DialogueState, rng: random.Random, mix: tuple[dict[str, int], dict[str, int]]) -> str:
    """No brand-only search once items are shown: with items shown, "Nike ones" refines them."""
    table = dict(mix[1] if state.shown else mix[0])
    remove_weight = table.pop("remove_empty_cart", 0)
    if state.shown and not state.cart:
        table["remove"] = remove_weight
    kinds = list(table)
    return rng.choices(kinds, weights=[table[k] for k in kinds])[0]


def generate_dialogues(vocab: ShopVocab, bank: PhraseBank, n_dialogues: int, seed: int = 0,
                       typo_rate: float = 0.04, heldout: bool = False, invented_brands: float = 0.0,
                       hints: CatalogVocab | None = None, cfg: AssistantConfig | None = None) -> list[list[Turn]]:
    """`n_dialogues` dialogues of 2-6 turns. `heldout` turns off noise the held-out set must not use
    (typos inside category words, spelled-out numbers) so its gold labels stay unambiguous.
    `invented_brands` is the share of brand mentions replaced by made-up names (training only).
    `hints`: the catalog vocabulary for the prompt's `catalog:` line (as the live parser uses it).
    Kinds of turn are drawn with `EVAL_MIX` when `heldout`, else `TRAIN_MIX`."""
    cfg = cfg or AssistantConfig()
    mix = EVAL_MIX if heldout else TRAIN_MIX
    rng = random.Random(seed)
    maker = TurnMaker(vocab, bank, rng, typo_rate=typo_rate, slot_typos=not heldout, number_words=not heldout,
                      invented_brands=invented_brands)
    dialogues = []
    for _ in range(n_dialogues):
        state = DialogueState()
        maker.start_dialogue()
        turns = []
        for _ in range(rng.randint(2, 6)):
            message, intent = maker.make(_choose_kind(state, rng, mix), state)
            message = noise.casing(message, rng)
            if intent.kind == "refine" and not (active_slots(state) or state.shown):
                intent = Intent("search", **{k: v for k, v in intent.__dict__.items() if k != "kind"})
            intent = Intent(**{**intent.__dict__, "query": query_text(intent.kind, message)})
            before = copy.deepcopy(state)
            n = simulate(state, intent, vocab, rng, cfg)
            turns.append(_turn(before, state, message, intent, n, hints))
            state.history.append((message, ""))
        dialogues.append(turns)
    return dialogues


def _turn(before: DialogueState, after: DialogueState, message: str, intent: Intent, n: int,
          hints: CatalogVocab | None) -> Turn:
    rp = rt = None
    if intent.kind in LM_REPLY_KINDS:
        slots = active_slots(after) if intent.kind in SEARCH_KINDS else ()
        rp = reply_prompt(intent.kind, n, slots, intent.cheaper)
        rt = reply_completion(intent.kind, n, slots, intent.cheaper)
    return Turn(before, message, intent, parse_prompt(before, message, hints), format_intent(intent), rp, rt)


def flatten(dialogues: list[list[Turn]]) -> list[Turn]:
    return [t for d in dialogues for t in d]
