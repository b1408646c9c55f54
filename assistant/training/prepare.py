"""Once per machine, before the first fine-tune: convert the base and compile the training kernels.

Why: `train-lm` compiles its transformer blocks (finetune.py), which costs ~70 s on 2 cores the
first time and ~12 s once the kernels sit in the cache folder. The time guard counts that minute,
so a machine's first fine-tune got ~25% fewer steps than its later ones (and a different model).
`shopassist prepare-lm` (run by `make demo-lm`) pays it up front; a marker file per torch
version, base and training settings makes it a no-op afterwards.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.config import AssistantConfig
from assistant.lm.model import CausalLM, base_checkpoint, cache_root
from assistant.progress_bar import waiting
from assistant.shopdata.atomic import atomic_write_text
from assistant.training.finetune import Example, add_placeholder_tokens, train
from assistant.training.progress import quiet as quiet_progress
from assistant.training.progress import report as report_progress
from assistant.training.train_lm import train_settings

# A few examples of different lengths in the fine-tune's formats: two steps of batch 8.
_EXAMPLES = [Example("state: shown=0\nuser: running shoes under 80\nparse:", " search | cat=running shoes | under=80"),
             Example("state: cat=jeans | shown=5\nuser: cheaper\nparse:", " refine | cheaper"),
             Example("reply: search | n=5 | brand\nbot:", " Here are [count] products from [brand]."),
             Example("state: shown=5\nuser: compare 1 and 3 please\nparse:", " compare | ref=1,3")] * 4


def prepare_finetune(cfg: AssistantConfig, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Make the base checkpoint and the compiled kernels ready; returns what was done."""
    import torch

    if cfg.lm_threads:
        torch.set_num_threads(cfg.lm_threads)
    base = base_checkpoint(cfg.lm_base, cache_root(cfg.lm_cache_dir))
    settings = train_settings(cfg)
    if not (settings.compile and settings.lora_rank):
        return {"base": str(base), "compiled": False, "reason": "this config trains without compiling"}
    fingerprint = {"torch": torch.__version__, "base": str(base), "lora_rank": settings.lora_rank,
                   "bf16": settings.bf16, "attention": settings.attention}
    digest = hashlib.sha256(json.dumps(fingerprint, sort_keys=True).encode()).hexdigest()[:16]
    marker = Path(settings.compile_cache) / f"ready-{digest}.json"
    if marker.exists():
        return {**json.loads(marker.read_text(encoding="utf-8")), "already": True}
    report_progress("preparing kernels")
    started = time.perf_counter()
    lm = CausalLM.load(base)
    add_placeholder_tokens(lm.model, lm.tokenizer)
    with quiet_progress(), waiting("prepare-lm: compiling the fine-tune's kernels (once per machine)"):
        report = train(lm.model, lm.tokenizer, _EXAMPLES, _EXAMPLES[:2],
                       dataclasses.replace(settings, epochs=1.0, max_seconds=3600.0, progress=False), log)
    if not report["compiled"]:
        reason = ("the compiler failed (see the log above)" if report["lora_layers"]
                  else "this base trains without adapters, uncompiled")
        return {"base": str(base), "compiled": False, "reason": reason}
    done = {**fingerprint, "compiled": True, "compile_seconds": report["compile_seconds"],
            "seconds": round(time.perf_counter() - started, 1), "cache": settings.compile_cache}
    marker.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(marker, json.dumps(done, indent=2))
    return done
