"""Trainable offsets for the token rows a fine-tune's data uses, on a frozen (tied) embedding matrix.

Why: SmolLM2 ties its 49k x 576 token embeddings to the output layer. Training the whole matrix
meant, every step, casting it to bfloat16, a dense 28M-value gradient (zeroed, filled, clipped,
Adam-updated) and a weight-gradient matmul over the full vocabulary: in a timed A/B of compiled
fine-tunes, learning offsets instead gave 1.28x the steps (57 and 67 against 45 and 51 in 60 s).
Rows of tokens the data never contains only got the softmax's small push-down on the output side,
so learning offsets for the used rows keeps what the embeddings' adaptation brings (new
placeholder tokens, shop words) at a fraction of the cost. `merge` adds the offsets into the
matrix, so the saved checkpoint is an ordinary one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class TokenRows:
    """Embedding lookup and output projection of `model` with learnt offsets for `token_ids`."""

    def __init__(self, model: Any, token_ids: Iterable[int], bf16: bool):
        import torch

        self.weight = model.get_input_embeddings().weight
        self.weight.requires_grad_(False)
        vocab, dim = self.weight.shape
        self.ids = torch.tensor(sorted(set(token_ids)), dtype=torch.long)
        # Row index of each token in `delta`; unused tokens point at an extra all-zero row.
        self.slot = torch.full((vocab,), len(self.ids), dtype=torch.long)
        self.slot[self.ids] = torch.arange(len(self.ids))
        self.delta = torch.nn.Parameter(torch.zeros(len(self.ids), dim))
        # The frozen matrix in the matmul dtype, cast once instead of by autocast every step.
        self.output_weight = self.weight.detach().to(torch.bfloat16) if bf16 else self.weight.detach()

    def embed(self, ids):
        import torch

        rows = torch.cat([self.delta, self.delta.new_zeros(1, self.delta.shape[1])])
        return torch.nn.functional.embedding(ids, self.weight) + rows[self.slot[ids]]

    def logits(self, hidden):
        import torch

        base = torch.nn.functional.linear(hidden, self.output_weight)
        extra = torch.nn.functional.linear(hidden, self.delta)
        return base.index_add(1, self.ids, extra.to(base.dtype))

    def merge(self) -> None:
        import torch

        with torch.no_grad():
            self.weight[self.ids] += self.delta
        self.weight.requires_grad_(True)
