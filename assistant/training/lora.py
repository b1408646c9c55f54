"""Low-rank adapters (LoRA) for fine-tuning on a CPU, merged back into plain weights on save.

Why: with the base weights frozen, backward skips their weight gradients (about a third of a
training step) and the optimizer touches ~2% of the parameters, so more steps fit in the same
minutes; adapters also tolerate the higher learning rate a short fine-tune wants. After
training, `merge` folds each adapter into its Linear layer, so the saved checkpoint is an
ordinary `AutoModelForCausalLM` folder (no adapter code needed to load it).
"""

from __future__ import annotations

import math
from typing import Any

# Linear layers of Llama-style blocks (SmolLM2); GPT-2 uses Conv1D and is trained in full instead.
TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


def _lora_class():
    import torch

    class LoRALinear(torch.nn.Module):
        """y = W x + (alpha / r) * B A x, with W frozen and B zero-initialised (starts as the base)."""

        def __init__(self, base: torch.nn.Linear, rank: int, alpha: float):
            super().__init__()
            self.base = base
            self.scale = alpha / rank
            self.lora_a = torch.nn.Parameter(torch.empty(rank, base.in_features))
            self.lora_b = torch.nn.Parameter(torch.zeros(base.out_features, rank))
            torch.nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))

        def forward(self, x):
            return self.base(x) + (x @ self.lora_a.t() @ self.lora_b.t()) * self.scale

        def merged(self) -> torch.nn.Linear:
            with torch.no_grad():
                self.base.weight += (self.lora_b @ self.lora_a) * self.scale
            return self.base

    return LoRALinear


def add_lora(model: Any, rank: int = 16, alpha: float = 32.0) -> int:
    """Freeze the model except its token embeddings, wrap the target Linears; returns how many.

    The (tied) embeddings stay trainable so new placeholder tokens learn. Models without target
    layers (GPT-2) are left fully trainable and 0 is returned.
    """
    lora = _lora_class()
    wrapped = []
    for module in list(model.modules()):
        for child_name, child in list(module.named_children()):
            if child_name in TARGETS and type(child).__name__ == "Linear":
                wrapped.append((module, child_name, child))
    if not wrapped:
        return 0
    for param in model.parameters():
        param.requires_grad_(False)
    model.get_input_embeddings().weight.requires_grad_(True)
    for parent, child_name, child in wrapped:
        setattr(parent, child_name, lora(child, rank, alpha))
    return len(wrapped)


def merge_lora(model: Any) -> int:
    """Fold every adapter into its Linear (in place); returns how many were merged."""
    merged = 0
    for module in list(model.modules()):
        for child_name, child in list(module.named_children()):
            if hasattr(child, "merged") and hasattr(child, "lora_a"):
                setattr(module, child_name, child.merged())
                merged += 1
    for param in model.parameters():
        param.requires_grad_(True)
    return merged
