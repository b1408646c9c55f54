"""A scripted language model: the LM parser and writer run through the real loop without a model.

Like smolagents' FakeCodeModel: the test says what the "model" writes for each prompt, so the
parsing, validation, fallback and grounding code around it is tested deterministically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator


class ScriptedLM:
    """`stream`/`generate` like `CausalLM`; `script(prompt) -> text` decides the output."""

    def __init__(self, script: Callable[[str], str], meta: dict | None = None):
        self.script = script
        self.meta = meta or {}
        self.prompts: list[str] = []
        self.expected: list[str | None] = []  # the caller's guess of each output (speculative decoding's draft)
        self.starts: list[dict[str, float] | None] = []  # the first-token constraint each call passed

    def stream(self, prompt: str, max_new_tokens: int, expected: str | None = None,
               starts: dict[str, float] | None = None) -> Iterator[str]:
        self.prompts.append(prompt)
        self.expected.append(expected)
        self.starts.append(starts)
        text = self.script(prompt)
        for i in range(0, len(text), 3):  # a few characters at a time, like tokens
            yield text[i:i + 3]

    def generate(self, prompt: str, max_new_tokens: int, expected: str | None = None,
                 starts: dict[str, float] | None = None) -> str:
        return "".join(self.stream(prompt, max_new_tokens, expected, starts))


def by_message(table: dict[str, str], default: str = " out_of_scope") -> Callable[[str], str]:
    """Script for parse prompts: the slot string for the prompt's user message."""
    def script(prompt: str) -> str:
        message = prompt.split("\nuser: ", 1)[-1].rsplit("\nparse:", 1)[0]
        return table.get(message, default)
    return script


def untrained_tiny_lm(kind: str, cache):
    """An untrained float32 tiny `CausalLM` of one architecture the assistant runs ("gpt2", or "llama" as
    SmolLM2), for tests of decoding that need real forward passes but no fine-tune."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    from assistant.lm.model import CausalLM, gpt2_tokenizer, tiny_gpt2_checkpoint

    if kind == "gpt2":
        return CausalLM.load(tiny_gpt2_checkpoint(cache, n_layer=2, n_embd=32, n_head=2))
    tokenizer = gpt2_tokenizer(cache)
    torch.manual_seed(0)
    model = LlamaForCausalLM(LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64,
                                         num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                                         max_position_embeddings=256, tie_word_embeddings=True)).eval()
    return CausalLM(model, tokenizer, cache)
