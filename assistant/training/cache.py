"""The fine-tune cache: train for a catalog once, reuse it while the inputs are unchanged.

The fine-tuned model (~540 MB for SmolLM2) lives in the cache folder, not in the artifact
directory: a build writes a small `lm.json` that names the model folder and the key it was
trained for. The key hashes everything training depends on (the catalog's categories, brands,
colours and price levels, the users' tastes, the training settings, the base model, the data
generator version), so a rebuild with unchanged inputs reuses the model instead of training
again, and a changed catalog vocabulary trains a new one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from assistant.config import AppConfig, AssistantConfig
from assistant.lm.draft import draft_pairs, read_corpus, write_corpus
from assistant.lm.load import POINTER
from assistant.lm.model import META_FILE as META
from assistant.lm.model import base_checkpoint, cache_root
from assistant.lm.prior import load_prior, prior_settings, save_prior
from assistant.shopdata.atomic import atomic_write_text
from assistant.training.card import CARD, model_card
from assistant.training.shop_vocab import shop_vocab
from assistant.training.shopper_examples import shopper_set_paths
from retrieval.types import UsageError

# Bump when the generated data or the prompt format changes: old fine-tunes are then retrained.
DATA_VERSION = 10
_TRAIN_FIELDS = ("lm_base", "lm_dialogues", "lm_epochs", "lm_lr", "lm_batch_size", "lm_max_train_seconds",
                 "lm_heldout_brands", "lm_seed", "lm_bf16_train", "lm_freeze_fraction", "lm_invented_brands",
                 "lm_lora_rank", "lm_compile_train",
                 "lm_embedding_rows")


def lm_key(catalog: pd.DataFrame, events: pd.DataFrame | None, cfg: AssistantConfig) -> str:
    vocab = shop_vocab(catalog, "all", 0.0, events)
    tastes = sorted(set(vocab.tastes))
    payload = {"version": DATA_VERSION, "categories": vocab.categories, "brands": vocab.brands,
               "colors": vocab.colors, "prices": vocab.prices, "tastes": tastes,
               "train": {f: getattr(cfg, f) for f in _TRAIN_FIELDS}}
    sets = shopper_set_paths(cfg)
    if sets:  # keys of fine-tunes without labelled sets stay the same
        payload["train"]["shopper_sets"] = [hashlib.sha256(p.read_bytes()).hexdigest() for p in sets]
        payload["train"]["lm_shopper_examples"] = cfg.lm_shopper_examples
    if cfg.lm_adapters != "own":  # keys of fine-tunes made before the choice existed stay the same
        payload["train"]["lm_adapters"] = cfg.lm_adapters
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:20]


def default_model_dir(key: str, cfg: AssistantConfig) -> Path:
    return cache_root(cfg.lm_cache_dir) / "finetuned" / key


def read_meta(model_dir: str | Path) -> dict[str, Any] | None:
    path = Path(model_dir) / META
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def cached_model(catalog: pd.DataFrame, events: pd.DataFrame | None, cfg: AssistantConfig) -> Path | None:
    """The cached fine-tune for these inputs, or None when it would have to be trained."""
    key = lm_key(catalog, events, cfg)
    target = default_model_dir(key, cfg)
    meta = read_meta(target)
    return target if meta and meta.get("key") == key else None


def ensure_finetuned(catalog: pd.DataFrame, events: pd.DataFrame | None, cfg: AssistantConfig,
                     log: Callable[[str], None] = print, out_dir: str | Path | None = None,
                     force: bool = False) -> tuple[Path, dict[str, Any]]:
    """The fine-tuned model folder for these inputs: reused when its key matches, else trained."""
    from assistant.training.train_lm import finetune_for_catalog, training_examples

    key = lm_key(catalog, events, cfg)
    target = Path(out_dir) if out_dir else default_model_dir(key, cfg)
    meta = read_meta(target)
    if meta and meta.get("key") == key and not force:
        log(f"reusing fine-tuned LM {target} (inputs unchanged, key {key})")
        if not read_corpus(target):  # fine-tuned before drafts existed: its targets are regenerated exactly
            train_ex, _, _ = training_examples(catalog, events, cfg, log=lambda _m: None)
            write_corpus(draft_pairs(train_ex), target)
            log(f"wrote the draft corpus for speculative decoding into {target}")
        _refresh_prior(catalog, events, cfg, target, log)
        _refresh_card(target, meta, log)
        return target, meta
    base = base_checkpoint(cfg.lm_base, cache_root(cfg.lm_cache_dir))
    meta = finetune_for_catalog(catalog, events, cfg, base, target, key, log)
    return target, meta


def record_independent(model_dir: str | Path, entry: dict[str, Any], log: Callable[[str], None] = print) -> None:
    """Keep figures measured on the independent shopper sets in the model's metadata and card.

    `entry`: set (e.g. "demo final"), measured, messages, dialogues, intent, slot_f1, exact,
    dialogue_success. A later entry for the same set replaces the earlier one.
    """
    target = Path(model_dir)
    meta = read_meta(target)
    if meta is None:
        raise UsageError(f"{target} has no {META}: not a fine-tuned model folder")
    meta["independent"] = [e for e in meta.get("independent", []) if e["set"] != entry["set"]] + [entry]
    atomic_write_text(target / META, json.dumps(meta, indent=2, sort_keys=True))
    _refresh_card(target, meta, log)


def _refresh_card(target: Path, meta: dict[str, Any], log: Callable[[str], None]) -> None:
    """A reused fine-tune's card is rewritten from its metadata when it differs from what this version
    writes (a card from before the Hub front matter gains it)."""
    card = model_card(meta)
    path = target / CARD
    if not path.exists() or path.read_text(encoding="utf-8") != card:
        atomic_write_text(path, card)
        log(f"wrote the model card {path}")


def _refresh_prior(catalog: pd.DataFrame, events: pd.DataFrame | None, cfg: AssistantConfig, target: Path,
                   log: Callable[[str], None]) -> None:
    """A reused fine-tune gets the intent prior the config asks for when it lacks it, or has one
    trained with other settings, or an unreadable one (the prior is seconds to train, the LM minutes)."""
    from assistant.training.train_lm import intent_prior_for

    wanted = prior_settings(cfg)
    if wanted is None:
        return
    try:
        current = load_prior(target)
    except ValueError as exc:
        log(f"retraining the intent prior: {exc}")
        current = None
    if current is not None and current.settings == wanted:
        return
    prior = intent_prior_for(catalog, events, cfg, log)
    if prior is not None:
        save_prior(prior, target)
        log(f"wrote the intent prior into {target}")


def write_lm_pointer(catalog: pd.DataFrame, events: pd.DataFrame | None, out: Path, cfg: AppConfig,
                     log: Callable[[str], None]) -> dict[str, Any]:
    """Build step: fine-tune (or reuse) when the config uses the LM; write `lm.json` into the build."""
    ac = cfg.assistant
    if not ac.lm_build or "lm" not in (ac.parser, ac.writer):
        return {}
    model_dir, meta = ensure_finetuned(catalog, events, ac, log)
    return {"lm": write_pointer(out, model_dir, meta)}


def write_pointer(out: Path, model_dir: Path, meta: dict[str, Any]) -> dict[str, Any]:
    """`lm.json` in the build folder `out`, naming the fine-tune; returns what it holds."""
    pointer = {"path": str(Path(model_dir).resolve()), "key": meta["key"], "base": meta.get("base"),
               "heldout": meta.get("heldout", {}), "val_loss": meta.get("val_loss")}
    (out / POINTER).write_text(json.dumps(pointer, indent=2, sort_keys=True), encoding="utf-8")
    return pointer
