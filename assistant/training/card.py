"""The fine-tuned model's card (`README.md` in its folder), in the form the Hugging Face Hub reads.

Why Hub front matter on a model that is never uploaded: the folder is a `transformers` checkpoint
(`AutoModelForCausalLM.from_pretrained(folder)` loads it), and people and tools that meet one look
for its base model, licence, library and scores in the YAML block at the top of its README. The
scores are the held-out parsing figures `train-lm` measured and, once `bench/understanding.py --card`
has scored the assistant built on the model, its figures on shopper language no generator wrote
(`independent`); the body says how each was measured.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

CARD = "README.md"
TITLE = "# shopassist fine-tuned LM"
# Built-in bases (`assistant.lm.model.BUILTIN_BASES`): the Hub model each was made from, and the licence
# the fine-tune carries. tiny-gpt2 is initialised from scratch (GPT-2's tokenizer only): no base model.
HUB_BASES: dict[str, tuple[str | None, str]] = {
    "smollm2": ("HuggingFaceTB/SmolLM2-135M-Instruct", "apache-2.0"),
    "tiny-gpt2": (None, "apache-2.0"),
}
DATASET = "shopassist-generated-dialogues"  # made from the shop's catalog by train-lm; not on the Hub
SHOPPERS = "shopassist-independent-shoppers"  # bench/data/shoppers: written by independent writers


def front_matter(meta: dict[str, Any]) -> dict[str, Any]:
    """The card's metadata: base model, licence, library, data, tags and the held-out scores."""
    base_model, licence = HUB_BASES.get(meta["base"], (None, "other"))
    held = meta["heldout"]
    scores = [("accuracy", "intent accuracy", held["intent_accuracy"]), ("f1", "slot F1", held["slot_f1"]),
              ("exact_match", "exact match", held["exact_match"])]
    results = [{
        "task": {"type": "text-generation", "name": "shopper intent parsing"},
        "dataset": {"type": DATASET, "name": f"held-out shopper messages ({held['n']})", "split": "heldout"},
        "metrics": [{"type": metric, "name": name, "value": round(float(value), 4)}
                    for metric, name, value in scores],
    }]
    results += [_independent_result(entry) for entry in meta.get("independent", [])]
    out: dict[str, Any] = {}
    if base_model:
        out["base_model"] = base_model
    out.update({
        "license": licence,
        "library_name": "transformers",
        "pipeline_tag": "text-generation",
        "language": ["en"],
        "datasets": [DATASET] + ([SHOPPERS] if meta.get("independent") else []),
        "tags": ["shopassist", "shopping-assistant", "intent-parsing", "slot-filling", meta["architecture"]],
        "metrics": [metric for metric, _, _ in scores],
        "model-index": [{
            "name": f"shopassist-{Path(meta['base']).name}-{meta['key']}",
            "results": results,
        }],
    })
    return out


def _independent_result(entry: dict[str, Any]) -> dict[str, Any]:
    scores = [("accuracy", "intent accuracy", entry["intent"]), ("f1", "slot F1", entry["slot_f1"]),
              ("exact_match", "exact match", entry["exact"]),
              ("accuracy", "dialogue success", entry["dialogue_success"])]
    return {
        "task": {"type": "text-generation", "name": "shopper intent parsing, whole assistant"},
        "dataset": {"type": SHOPPERS, "name": f"independent shoppers, {entry['set']} ({entry['messages']} messages, "
                                              f"{entry['dialogues']} dialogues)", "split": entry["set"]},
        "metrics": [{"type": metric, "name": name, "value": round(float(value), 4)}
                    for metric, name, value in scores if value is not None],
    }


def model_card(meta: dict[str, Any]) -> str:
    """The whole card: YAML front matter, then what was trained on what, and how it scored."""
    header = yaml.safe_dump(front_matter(meta), sort_keys=False, allow_unicode=True)
    return f"---\n{header}---\n\n{_body(meta)}"


def read_front_matter(text: str) -> dict[str, Any] | None:
    """The YAML block at the top of a card; None when it has none."""
    if not text.startswith("---\n"):
        return None
    block, sep, _ = text[4:].partition("\n---\n")
    return yaml.safe_load(block) if sep else None


def _body(meta: dict[str, Any]) -> str:
    h = meta["heldout"]
    guard = " - stopped by the time guard" if meta["stopped_early"] else ""
    return f"""{TITLE}

Base: `{meta['base']}` ({meta['architecture']}, {meta['parameters']:,} parameters, {meta['added_tokens']} placeholder
tokens added). Fine-tuned {meta['created']} with next-token cross-entropy on the target tokens, on
dialogues `train-lm` generated from the shop's catalog ({DATASET}).

| data | value |
|---|---|
| generated dialogues | {meta['dialogues']} |
| training / validation examples | {meta['train_examples']} / {meta['val_examples']} |
| training tokens | {meta['train_tokens']} |
| steps (planned) | {meta['steps']} ({meta['planned_steps']}){guard} |
| training time | {meta['train_seconds']} s{_compile_note(meta)} |
| train / validation loss | {meta['train_loss']} / {meta['val_loss']} |

Held-out parsing ({h['n']} messages from a paraphrase bank not used in training, brands withheld from
training, {h.get('weights', 'fp32')} weights{_float_note(h)}): intent accuracy {h['intent_accuracy']:.1%},
slot F1 {h['slot_f1']:.3f}, exact match {h['exact_match']:.1%}, {h['fallbacks']} fallbacks to the rule parser.
{_independent_note(meta)}
{_prior_note(meta)}

Load it with `transformers` by its folder: `AutoModelForCausalLM.from_pretrained(FOLDER)` and
`AutoTokenizer.from_pretrained(FOLDER)`. Prompt format: `assistant/lm/format.py`. Key of the inputs
it was trained for: `{meta['key']}`.
"""


def _compile_note(meta: dict[str, Any]) -> str:
    return f" (of which compiling the blocks: {meta['compile_seconds']} s)" if meta.get("compiled") else ""


def _prior_note(meta: dict[str, Any]) -> str:
    prior = meta.get("intent_prior")
    if not prior:
        return "The model picks intents alone (no intent prior)."
    return (f"The model picks each intent with the intent prior `intent_prior.npz` (weight {prior['weight']}):\n"
            f"logistic regression over {prior['encoder']} embeddings of {prior['messages']} generated messages.")


def _float_note(heldout: dict[str, Any]) -> str:
    layers = heldout.get("float_layers") or []
    return f" with {len(layers)} outlier layers kept in fp32" if layers else ""


def _independent_note(meta: dict[str, Any]) -> str:
    entries = meta.get("independent") or []
    if not entries:
        return ""
    lines = ["", "On shopper language no generator wrote (`bench/data/shoppers`, scored by `bench/understanding.py",
             "--card` through the whole assistant with this model as its parser, the rule patterns reading",
             "conversation acts included; the held-out figures above are the model alone on generated text):", "",
             "| set | measured | messages | intent | slot F1 | exact | dialogues | dialogue success |",
             "|---|---|---|---|---|---|---|---|"]
    for e in entries:
        lines.append(f"| {e['set']} | {e['measured']} | {e['messages']} | {e['intent']:.3f} | {e['slot_f1']:.3f} | "
                     f"{e['exact']:.3f} | {e['dialogues']} | {e['dialogue_success']:.3f} |")
    return "\n".join(lines) + "\n"
