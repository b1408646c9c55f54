"""The fine-tuned model's card: Hugging Face front matter with the base, licence, data and held-out scores."""

from __future__ import annotations

import pytest

from assistant.training.card import TITLE, model_card, read_front_matter

META = {"key": "0123456789abcdef0123", "base": "smollm2", "created": "2026-11-30T10:00:00+00:00",
        "architecture": "LlamaForCausalLM", "parameters": 134_515_008, "added_tokens": 27, "dialogues": 200,
        "train_examples": 4012, "val_examples": 190, "train_tokens": 210_000, "steps": 211, "planned_steps": 268,
        "stopped_early": True, "train_seconds": 215.0, "compiled": False, "train_loss": 0.081, "val_loss": 0.094,
        "heldout": {"n": 400, "intent_accuracy": 0.995, "slot_f1": 0.93412, "exact_match": 0.9025, "fallbacks": 1,
                    "weights": "int8", "float_layers": ["model.layers.3.mlp.down_proj"]},
        "intent_prior": {"encoder": "minilm", "messages": 9000, "weight": 0.6}}


def test_card_has_hub_front_matter_with_the_held_out_scores():
    card = model_card(META)
    meta = read_front_matter(card)
    assert meta["base_model"] == "HuggingFaceTB/SmolLM2-135M-Instruct" and meta["license"] == "apache-2.0"
    assert meta["library_name"] == "transformers" and meta["pipeline_tag"] == "text-generation"
    assert meta["datasets"] == ["shopassist-generated-dialogues"]
    assert {"shopassist", "intent-parsing", "LlamaForCausalLM"} <= set(meta["tags"])
    assert meta["metrics"] == ["accuracy", "f1", "exact_match"]
    result, = meta["model-index"][0]["results"]
    assert {m["type"]: m["value"] for m in result["metrics"]} == {"accuracy": 0.995, "f1": 0.9341,
                                                                   "exact_match": 0.9025}
    body = card.split("\n---\n", 1)[1].lstrip()
    assert body.startswith(TITLE) and "211 (268) - stopped by the time guard" in body
    assert "intent accuracy 99.5%" in body and "AutoModelForCausalLM.from_pretrained" in body


def test_the_hub_library_reads_the_card():
    hub = pytest.importorskip("huggingface_hub")
    card = hub.ModelCard(model_card(META))
    assert card.data.base_model == "HuggingFaceTB/SmolLM2-135M-Instruct" and card.data.license == "apache-2.0"
    scores = {r.metric_type: r.metric_value for r in card.data.eval_results}
    assert scores == {"accuracy": 0.995, "f1": 0.9341, "exact_match": 0.9025}


@pytest.mark.parametrize(("base", "licence"), [("tiny-gpt2", "apache-2.0"), ("/models/my-checkpoint", "other")])
def test_bases_without_a_hub_model_name_none(base, licence):
    meta = read_front_matter(model_card({**META, "base": base}))
    assert "base_model" not in meta and meta["license"] == licence


def test_independent_figures_join_the_card_and_replace_their_own_set(tmp_path):
    """`bench/understanding.py --card` records totals on writers' language; a rerun of a set replaces it."""
    import json

    from assistant.lm.model import META_FILE
    from assistant.training.cache import record_independent
    from assistant.training.card import CARD

    (tmp_path / META_FILE).write_text(json.dumps(META), encoding="utf-8")
    first = {"set": "demo final", "measured": "2026-12-02", "messages": 813, "dialogues": 311, "intent": 0.9,
             "slot_f1": 0.85, "exact": 0.75, "dialogue_success": 0.6}
    record_independent(tmp_path, first, log=lambda _m: None)
    record_independent(tmp_path, {**first, "dialogue_success": 0.65}, log=lambda _m: None)
    record_independent(tmp_path, {**first, "set": "demo dev", "messages": 767}, log=lambda _m: None)
    card = (tmp_path / CARD).read_text(encoding="utf-8")
    meta = read_front_matter(card)
    assert meta["datasets"] == ["shopassist-generated-dialogues", "shopassist-independent-shoppers"]
    held, final, dev = meta["model-index"][0]["results"]
    assert held["dataset"]["split"] == "heldout" and final["dataset"]["split"] == "demo final"
    assert {m["name"]: m["value"] for m in final["metrics"]}["dialogue success"] == 0.65  # replaced, not added
    assert dev["dataset"]["split"] == "demo dev"
    assert "| demo final | 2026-12-02 | 813 | 0.900 | 0.850 | 0.750 | 311 | 0.650 |" in card
    hub = pytest.importorskip("huggingface_hub")
    assert len(hub.ModelCard(card).data.eval_results) == 3 + 4 + 4
    with pytest.raises(ValueError, match="not a fine-tuned model folder"):
        record_independent(tmp_path / "nothing", first)
