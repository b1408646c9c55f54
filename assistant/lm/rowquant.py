"""Linear layers in a batched decode pass: each row's product is computed as in a pass of that row
alone, and padding positions are not computed at all.

Why: torch's dynamic int8 Linear (`lm_quantize = "int8"`) quantises its whole input with one
activation scale. In a batched pass that scale is set by every row together, so a row's tokens
would depend on which other shoppers' decodes share its pass: on the demo fine-tune, 4 parse
prompts decoded in one pass gave 4 parses other than their one-at-a-time ones (logits off by 5 to
11). Here each Linear layer runs its own kernel once per row, on that row's real positions only,
so it quantises (and, in float, sums) exactly as the row's own pass does. Attention, norms and the
rest of the pass stay batched, and they are where a decode pass of a few tokens spends most of
its time on this CPU (per-op overhead, not arithmetic).

Tried first: one float32 product of the integer values with a scale per row (exact sums, one
matrix product for all rows). Batched prompt passes then cost float32 arithmetic instead of
fbgemm's int8, and a 100-token prompt pass is arithmetic-bound: slower than one at a time.

Outside a batched pass (`rows(...)` not active on this thread) every layer runs its own forward:
the one-at-a-time path is untouched.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

_pass = threading.local()
_INSTALLED = "_shopassist_rows"


@contextlib.contextmanager
def rows(valid: Any) -> Iterator[None]:
    """On this thread, Linear layers of an installed model treat `valid` ([batch, width] bool) as the
    real positions of the pass's rows."""
    _pass.valid = valid
    try:
        yield
    finally:
        _pass.valid = None


def install(model: Any) -> None:
    """Make every Linear layer of `model` (float or dynamic int8) honour `rows`; once per model."""
    import torch
    from torch.ao.nn.quantized.dynamic import Linear as DynamicLinear

    if getattr(model, _INSTALLED, False):
        return
    for module in model.modules():
        if isinstance(module, torch.nn.Linear | DynamicLinear):
            module.forward = _row_forward(module, module.forward)
    setattr(model, _INSTALLED, True)


def _row_forward(module: Any, own: Any):
    import torch

    def forward(x: Any) -> Any:
        valid = getattr(_pass, "valid", None)
        if valid is None or x.dim() != 3:
            return own(x)
        if x.shape[:2] != valid.shape:  # the LM head after `logits_to_keep`: every kept position is real
            valid = x.new_ones(x.shape[:2], dtype=bool)
        rows = torch.split(x[valid], valid.sum(1).tolist())
        out_flat = torch.cat([own(row[None])[0] for row in rows])  # each row in the shape of its own pass
        out = out_flat.new_zeros((*valid.shape, out_flat.shape[-1]))
        out[valid] = out_flat
        return out
    return forward
