"""The fine-tuned LM at chat time: find the model a build points at, load it once, make the parser and writer.

A build records its fine-tune in a small `lm.json` (the model folder lives in the LM cache, see
`assistant.training.cache`); `make_components` reads it, loads the weights once per process
and wraps them in the LM parser and writer the turn loop uses.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
from pathlib import Path
from typing import Any

from assistant.config import AppConfig, AssistantConfig
from assistant.lm.model import CausalLM
from assistant.lm.prior import IntentPrior, load_prior, prior_settings
from assistant.shopdata.artifacts import ArtifactError, build_dir, read_manifest

POINTER = "lm.json"
# A fine-tune the time guard stopped before this share of its planned steps (on a busy machine: 22 of 268
# seen) has not learnt the shop's reply sentences yet ("I found: I found: I found: ..."); the template
# writes its replies, and it still parses (behind the rule patterns' reading of acts and named slots).
UNDERTRAINED_SHARE = 0.5
# Below this share of its planned steps a fine-tune does not parse either: 22 of 268 steps still read 85% of
# held-out intents, but one cut to a handful of steps (4 of 272, bf16 emulated on an AVX2 CPU) reads worse
# than the rules.
UNPARSING_SHARE = 0.05

log = logging.getLogger(__name__)


def model_dir_for(art_dir: str | Path | None, cfg: AssistantConfig) -> Path:
    """The model the chat uses: `lm_model` when set, else the one the build recorded in lm.json."""
    if cfg.lm_model:
        path = Path(cfg.lm_model).expanduser()
    else:
        if art_dir is None:
            raise ArtifactError("parser/writer 'lm' needs artifacts built with it or assistant.lm_model set")
        manifest = read_manifest(art_dir)
        pointer = build_dir(art_dir, manifest) / POINTER
        if not pointer.exists():
            raise ArtifactError(f"the build in {art_dir} has no fine-tuned LM (built with parser 'rules'); rebuild "
                                "with the LM config or set assistant.lm_model (see `shopassist train-lm`)")
        path = Path(json.loads(pointer.read_text(encoding="utf-8"))["path"])
    if not (path / "config.json").exists():
        raise ArtifactError(f"fine-tuned LM {path} is missing; run: shopassist train-lm --data DATA_DIR "
                            "(or rebuild the artifacts)")
    return path


def lm_missing(art_dir: str | Path, cfg: AssistantConfig) -> str | None:
    """Why the LM this config asks for cannot be loaded from the build (None: it can, or no LM is asked for).

    A missing or corrupt build is not a missing LM: that raises `ArtifactError` as loading would."""
    if "lm" not in (cfg.parser, cfg.writer):
        return None
    read_manifest(art_dir)
    try:
        model_dir_for(art_dir, cfg)
    except ArtifactError as exc:
        return str(exc)
    return None


def undertrained(meta: dict[str, Any], share: float = UNDERTRAINED_SHARE) -> str | None:
    """Why the fine-tune is too short to write replies (None: it is not); with `share`, too short for that
    share of its planned steps."""
    steps, planned = meta.get("steps"), meta.get("planned_steps")
    if meta.get("stopped_early") and steps and planned and steps < share * planned:
        return f"the fine-tune was stopped by its time guard after {steps} of {planned} steps"
    return None


def without_lm(config: AppConfig) -> AppConfig:
    """The config with the rule parser and template writer wherever it asks for the LM (the fallback
    while a build's fine-tune is not ready)."""
    ac = config.assistant
    rules = dataclasses.replace(ac, parser="rules" if ac.parser == "lm" else ac.parser,
                                writer="template" if ac.writer == "lm" else ac.writer)
    return dataclasses.replace(config, assistant=rules)


def chat_prior(model_dir: Path, cfg: AssistantConfig) -> IntentPrior | None:
    """The model folder's intent prior, unless the config turns it off (weight 0 or "none")."""
    return load_prior(model_dir) if prior_settings(cfg) is not None else None


@functools.lru_cache(maxsize=4)
def load_lm(path: str, quantization: str, threads: int, speculate: int = 0) -> CausalLM:
    """Loaded once per process and shared by every session (inference only)."""
    return CausalLM.load(path, quantization, threads, speculate)


def make_components(cfg: AssistantConfig, art_dir: str | Path | None, vocab: Any = None,
                    currency: str = "USD") -> tuple[Any, Any]:
    """(parser, writer) for the config; None where the rule parser / template writer is meant.
    `currency`: the catalog's, for the prices the writer says."""
    for name, value, known in (("parser", cfg.parser, ("rules", "lm")), ("writer", cfg.writer, ("template", "lm"))):
        if value not in known:
            raise ValueError(f"unknown assistant.{name} '{value}' (known: {', '.join(known)})")
    if "lm" not in (cfg.parser, cfg.writer):
        return None, None
    from assistant.lm.parser import LmParser
    from assistant.lm.reply_memo import ReplyMemo
    from assistant.lm.writer import LmWriter

    model_dir = model_dir_for(art_dir, cfg)
    lm = load_lm(str(model_dir), cfg.lm_quantize, cfg.lm_threads, cfg.lm_speculate)
    if cfg.lm_batching:
        lm = lm.batched()
    parser = None
    if cfg.parser == "lm":
        parser = LmParser(lm, vocab, cfg.lm_max_parse_tokens, chat_prior(model_dir, cfg), cfg.lm_prior_weight)
    short = undertrained(lm.meta)
    if parser is not None and undertrained(lm.meta, UNPARSING_SHARE):
        log.warning("rule parser: %s (rebuild on a quieter machine)", short)
        parser = None
    if cfg.writer == "lm" and short:
        log.warning("template replies: %s (rebuild on a quieter machine or raise lm_max_train_seconds)", short)
    writer = None
    if cfg.writer == "lm" and not short:
        memo = ReplyMemo(cfg.lm_reply_memo) if cfg.lm_reply_memo else None
        writer = LmWriter(lm, cfg.lm_max_reply_tokens, currency, memo)
    return parser, writer
