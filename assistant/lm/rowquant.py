"""Linear layers in a batched pass: only the rows' real positions are computed, and an int8 layer
quantises each row's activations with that row's own scale, as a pass of that row alone would.

Why: torch's dynamic int8 Linear (`lm_quantize = "int8"`) quantises its whole input with one
activation scale. In a batched pass that scale is set by every row together, so a row's tokens
would depend on which other shoppers' decodes share its pass: on the demo fine-tune, 4 parse
prompts decoded in one pass gave 4 parses other than their one-at-a-time ones (logits off by 5 to
11). Here each row's scale and zero point are chosen from that row's real positions only, with
fbgemm's rules (`_qparams`), so each row rounds as it does alone and its tokens are its serial
tokens up to float rounding, whoever shares the pass (tests/test_lm_batching.py). Padding positions are
left out of every Linear (zeros come back for them; attention masks them), so padding costs no
matrix products.

The integer product runs as a float32 matrix product of the integer values: with 7-bit activations
(`reduce_range`, as torch's dynamic quantisation uses) and int8 weights every partial sum of a
576-wide layer stays below 2^24, where float32 is exact, so the sum is fbgemm's; only the final
scaling may round differently. The price: batched passes run float32 products (a float copy of each
int8 weight, made on the first batched pass: ~4 bytes a weight), not fbgemm's int8 kernels.

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
# fbgemm's ChooseQuantizationParams: scales below this are raised to it.
SMALL_SCALE = 6.1e-5


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
            module.forward = _row_forward(module, module.forward, isinstance(module, DynamicLinear))
    setattr(model, _INSTALLED, True)


def _row_forward(module: Any, own: Any, quantized: bool):
    import torch

    def forward(x: Any) -> Any:
        valid = getattr(_pass, "valid", None)
        if valid is None or x.dim() != 3:
            return own(x)
        if x.shape[:2] != valid.shape:  # the LM head after `logits_to_keep`: every kept position is real
            valid = x.new_ones(x.shape[:2], dtype=bool)
        flat = x[valid]
        counts = valid.sum(1).tolist()
        if quantized:
            out_flat = _int8_rows(module, flat, counts)
        else:  # each row's product in the shape of its own pass: float sums then add up in the same order
            out_flat = torch.cat([own(segment[None])[0] for segment in torch.split(flat, counts)])
        out = out_flat.new_zeros((*valid.shape, out_flat.shape[-1]))
        out[valid] = out_flat
        return out
    return forward


def _int8_rows(module: Any, flat: Any, counts: list[int]) -> Any:
    """`module`'s dynamic int8 product for consecutive rows of `flat`, each quantised on its own."""
    import torch

    weights = getattr(module, "_shopassist_float_weight", None)
    if weights is None:
        weight = module.weight()  # per-tensor qint8, zero point 0 (torch's default dynamic qconfig)
        weights = (weight.int_repr().float().t().contiguous(), float(weight.q_scale()), module.bias())
        module._shopassist_float_weight = weights
    matrix, weight_scale, bias = weights
    scales, zeros = [], []
    for segment in torch.split(flat, counts):
        scale, zero = _qparams(float(segment.min()), float(segment.max()))
        scales.append(scale)
        zeros.append(zero)
    scale = torch.tensor(scales, dtype=torch.float32).repeat_interleave(torch.tensor(counts))[:, None]
    zero = torch.tensor(zeros, dtype=torch.float32).repeat_interleave(torch.tensor(counts))[:, None]
    quantized = torch.clamp(torch.round(flat * (1.0 / scale) + zero), 0, 255) - zero
    out = (quantized @ matrix) * (scale * weight_scale)
    return out + bias if bias is not None else out


def _qparams(low: float, high: float, qmin: int = 0, qmax: int = 127) -> tuple[float, int]:
    """(scale, zero point) as fbgemm's ChooseQuantizationParams picks them for uint8 with reduce_range."""
    import numpy as np

    low, high = min(low, 0.0), max(high, 0.0)
    scale = (high - low) / (qmax - qmin)  # a double, as there; stored as float32 at the end
    if np.float32(scale) == 0.0 or np.isinf(np.float32(1.0) / np.float32(scale)):
        scale = 0.1
    if scale < SMALL_SCALE:
        original, scale = scale, SMALL_SCALE
        if low == 0.0:
            high = SMALL_SCALE * (qmax - qmin)
        elif high == 0.0:
            low = -SMALL_SCALE * (qmax - qmin)
        else:
            low, high = low * SMALL_SCALE / original, high * SMALL_SCALE / original
    from_min, from_max = qmin - low / scale, qmax - high / scale
    error_min, error_max = abs(qmin) - abs(low / scale), abs(qmax) - abs(high / scale)
    initial = from_min if error_min < error_max else from_max
    zero = qmin if initial < qmin else qmax if initial > qmax else int(np.rint(initial))
    return float(np.float32(scale)), zero
