"""Fine-tuning a causal LM on generated dialogues: next-token cross-entropy on the target tokens.

Each example is a prompt (state + message, or reply request) and a target (slot string, or
delexicalised reply) followed by EOS; the loss covers the target tokens only, so the model
learns to answer, not to imitate shoppers. CPU speed matters (the demo fine-tune must fit in
~5 minutes on 2 cores): batches are grouped by length (little padding), the vocabulary
projection is computed only at target positions, matmuls run in bfloat16 autocast, attention
is the plain ("eager") kernel while training, the transformer blocks are compiled, and only the
token rows the data uses learn (token_rows.py).
"""

from __future__ import annotations

import contextlib
import math
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.lm.format import PLACEHOLDER_TOKENS
from assistant.lm.model import encode
from assistant.progress_bar import TimeGuardBar, waiting
from assistant.training.lora import add_lora, merge_lora
from assistant.training.progress import report as report_progress
from assistant.training.token_rows import TokenRows

IGNORE = -100


@dataclass(frozen=True)
class Example:
    prompt: str
    target: str


@dataclass(frozen=True)
class TrainSettings:
    epochs: float = 1.0
    lr: float = 2e-4
    batch_size: int = 16
    max_seconds: float = 270.0     # time guard in seconds of compute (GuardClock): stop early (recorded)
    max_tokens: int = 128          # longer examples are cut (prompts are ~30 tokens)
    bf16: bool = True
    freeze_fraction: float = 0.0   # bottom share of the transformer layers kept frozen (faster backward)
    lora_rank: int = 0             # >0: train low-rank adapters (merged back on return) instead of all weights
    lora_alpha: float = 32.0
    seed: int = 0
    progress: bool = True
    attention: str = "eager"       # attention kernel while training ("" keeps the model's); see _set_attention
    compile: bool = False          # with adapters: torch.compile each transformer block (one shared graph)
    compile_cache: str = ""        # folder for compiled kernels (TORCHINDUCTOR_CACHE_DIR), kept across runs
    embedding_rows: str = "all"    # with adapters: "used" learns offsets for the data's token rows only (token_rows.py)
    adapters: str = "own"          # who makes the adapters and row offsets: "own" (lora.py, token_rows.py) or "peft"


def add_placeholder_tokens(model: Any, tokenizer: Any) -> int:
    """Add `[count]`-style placeholders as single tokens, initialised from their sub-token pieces.

    Why the initialisation: the mean of the pieces' embeddings (" [", "count", "]") starts each new
    token near its meaning, so a few hundred steps suffice to learn it.
    """
    import torch
    from transformers import AddedToken

    new = [t for t in PLACEHOLDER_TOKENS if t not in tokenizer.get_vocab()]
    if not new:
        return 0
    pieces = {t: encode(tokenizer, t) for t in new}
    tokenizer.add_tokens([AddedToken(t, normalized=False) for t in new])
    model.resize_token_embeddings(len(tokenizer), mean_resizing=False)
    embeddings = model.get_input_embeddings().weight
    with torch.no_grad():
        for token, ids in pieces.items():
            embeddings[tokenizer.convert_tokens_to_ids(token)] = embeddings[ids].mean(dim=0)
    return len(new)


def encode_examples(tokenizer: Any, examples: list[Example], max_tokens: int) -> list[tuple[list[int], list[int]]]:
    """(input ids, labels) per example; labels are IGNORE on the prompt."""
    eos = tokenizer.eos_token_id
    out = []
    for ex in examples:
        prompt, target = encode(tokenizer, ex.prompt), encode(tokenizer, ex.target) + [eos]
        ids = (prompt + target)[-max_tokens:]
        labels = ([IGNORE] * len(prompt) + target)[-max_tokens:]
        out.append((ids, labels))
    return out


def _batches(encoded: list, batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length: sort within windows of 32 batches, then shuffle batches."""
    order = list(range(len(encoded)))
    rng.shuffle(order)
    window = batch_size * 32
    batches = []
    for start in range(0, len(order), window):
        chunk = sorted(order[start:start + window], key=lambda i: len(encoded[i][0]))
        batches.extend(chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def _tensors(encoded: list, batch: list[int], pad_id: int):
    import torch

    width = max(len(encoded[i][0]) for i in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), width), IGNORE, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for row, i in enumerate(batch):
        x, y = encoded[i]
        ids[row, :len(x)], labels[row, :len(y)], mask[row, :len(x)] = torch.tensor(x), torch.tensor(y), 1
    return ids, labels, mask


def _transformer_blocks(model: Any) -> Any:
    """The model's list of transformer blocks (Llama `layers`, GPT-2 `h`), or None."""
    import torch

    return next((m for m in model.base_model.children() if isinstance(m, torch.nn.ModuleList)), None)


def add_peft(model: Any, rank: int, alpha: float, token_ids: set[int] | None) -> tuple[Any, int]:
    """peft's LoRA on the same layers as `lora.add_lora`, in place, and its trainable token rows for
    `token_ids` (None: the whole embedding matrix learns, as `embedding_rows = "all"` does); returns the
    PeftModel (for `merge_and_unload`) and how many layers got adapters."""
    from peft import LoraConfig, get_peft_model

    from assistant.training.lora import TARGETS

    names = {n for n, m in model.named_modules() if n.rsplit(".", 1)[-1] in TARGETS and type(m).__name__ == "Linear"}
    if not names:
        return None, 0
    config = LoraConfig(r=rank, lora_alpha=alpha, lora_dropout=0.0, target_modules=list(TARGETS),
                        trainable_token_indices={"embed_tokens": sorted(token_ids)} if token_ids else None)
    wrapped = get_peft_model(model, config)
    if token_ids is None:
        model.get_input_embeddings().weight.requires_grad_(True)
    return wrapped, len(names)


def freeze_bottom(model: Any, fraction: float) -> int:
    """Freeze the bottom `fraction` of the transformer blocks; returns how many were frozen.

    Why: backward then stops at the lowest trainable block, and a format-learning fine-tune needs
    the upper blocks most. The (tied) token embeddings stay trainable through the output
    projection, so new placeholder tokens still learn; `batch_loss` feeds detached input embeddings.
    """
    blocks = _transformer_blocks(model)
    count = int(len(blocks) * fraction) if blocks is not None and fraction > 0 else 0
    for block in list(blocks or [])[:count]:
        for param in block.parameters():
            param.requires_grad_(False)
    return count


def batch_loss(model: Any, ids, labels, mask, bf16: bool, detach_inputs: bool = False, rows: TokenRows | None = None):
    """Mean next-token cross-entropy over target tokens; logits only where a label exists.

    `rows`: embed and project through its learnt token offsets (the matrix itself stays frozen)."""
    import torch

    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        if rows is not None or detach_inputs:
            embeds = rows.embed(ids) if rows is not None else model.get_input_embeddings()(ids)
            if detach_inputs:
                embeds = embeds.detach()
            hidden = model.base_model(inputs_embeds=embeds, attention_mask=mask, use_cache=False).last_hidden_state
        else:
            hidden = model.base_model(input_ids=ids, attention_mask=mask, use_cache=False).last_hidden_state
        wanted = labels[:, 1:] != IGNORE
        selected = hidden[:, :-1][wanted]
        logits = rows.logits(selected) if rows is not None else model.get_output_embeddings()(selected)
    return torch.nn.functional.cross_entropy(logits.float(), labels[:, 1:][wanted])


def evaluate_loss(model: Any, encoded: list, pad_id: int, batch_size: int = 32, bf16: bool = True) -> float:
    import torch

    if not encoded:
        return float("nan")
    model.eval()
    total = tokens = 0.0
    with torch.no_grad():
        for start in range(0, len(encoded), batch_size):
            batch = list(range(start, min(start + batch_size, len(encoded))))
            ids, labels, mask = _tensors(encoded, batch, pad_id)
            n = int((labels[:, 1:] != IGNORE).sum())
            total += float(batch_loss(model, ids, labels, mask, bf16)) * n
            tokens += n
    return total / max(tokens, 1)


def _adamw(model: Any, lr: float, adapters: bool, rows: TokenRows | None):
    """Fused AdamW (one kernel over all parameters, ~7x faster than the default step on a CPU).

    With adapters, the shared token embeddings (or their row offsets) learn at a quarter of the
    adapters' rate: they also are the output layer, and a rate meant for fresh adapters would
    shake what they know.
    """
    import torch

    trainable = _trainable(model, rows)
    if rows is not None:
        embeddings = [rows.delta]
    elif any("trainable_tokens" in n for n, _ in model.named_parameters()):  # peft's row offsets
        embeddings = [p for n, p in model.named_parameters() if p.requires_grad and "trainable_tokens" in n]
    else:
        embeddings = [model.get_input_embeddings().weight]
    if adapters:
        others = [p for p in trainable if not any(p is e for e in embeddings)]
        groups = [{"params": others, "base_lr": lr}, {"params": embeddings, "base_lr": lr / 4}]
    else:
        groups = [{"params": trainable, "base_lr": lr}]
    try:
        return torch.optim.AdamW(groups, lr=lr, weight_decay=0.0, fused=True)
    except (RuntimeError, TypeError):
        return torch.optim.AdamW(groups, lr=lr, weight_decay=0.0)


def _trainable(model: Any, rows: TokenRows | None) -> list:
    return [p for p in model.parameters() if p.requires_grad] + ([rows.delta] if rows is not None else [])


def _lr_factor(step: int, progress: float, warmup: int) -> float:
    """Linear warm-up, then linear decay to 10%. `progress` is the larger of the step fraction and
    the time-budget fraction, so a slow (shared) CPU still anneals before the time guard stops it."""
    if step < warmup:
        return (step + 1) / warmup
    return max(0.1, 1.0 - progress)


def train(model: Any, tokenizer: Any, train_examples: list[Example], val_examples: list[Example],
          settings: TrainSettings, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Fine-tune in place; returns losses, steps, seconds and whether the time guard stopped it.

    `loss_history` is every step's training loss (one batch each), kept in the model's metadata so
    `train-lm --report` can draw the curve, for a reused fine-tune too."""
    import torch

    if settings.embedding_rows not in ("used", "all"):
        raise ValueError(f"embedding_rows must be 'used' or 'all', not {settings.embedding_rows!r}")
    rng = random.Random(settings.seed)
    torch.manual_seed(settings.seed)
    data = encode_examples(tokenizer, train_examples, settings.max_tokens)
    val = encode_examples(tokenizer, val_examples, settings.max_tokens)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    epochs = max(1, math.ceil(settings.epochs))
    plan = [b for e in range(epochs) for b in _batches(data, settings.batch_size, rng)]
    plan = plan[:max(1, round(len(plan) * settings.epochs / epochs))]
    used_ids = {t for ids, _ in data for t in ids} | {pad, tokenizer.eos_token_id}
    if settings.adapters not in ("own", "peft"):
        raise ValueError(f"adapters must be 'own' or 'peft', not {settings.adapters!r}")
    peft_model = None
    if settings.adapters == "peft" and settings.lora_rank:
        peft_model, adapters = add_peft(model, settings.lora_rank, settings.lora_alpha,
                                        used_ids if settings.embedding_rows == "used" else None)
    else:
        adapters = add_lora(model, settings.lora_rank, settings.lora_alpha) if settings.lora_rank else 0
    frozen = freeze_bottom(model, settings.freeze_fraction)
    rows = (TokenRows(model, used_ids, settings.bf16)
            if adapters and settings.embedding_rows == "used" and peft_model is None else None)
    trained = sum(p.numel() for p in _trainable(model, rows))
    started = time.perf_counter()
    inference_attention = _set_attention(model, settings.attention)
    compiled = _compile_blocks(model, settings.compile_cache) if settings.compile and adapters else None
    report_progress("fine-tuning", 0, len(plan), 0.0, settings.max_seconds,
                    note="compiling the blocks" if compiled is not None else "")
    try:
        compile_seconds = _warm_up(model, data, plan[0], pad, settings, frozen > 0, rows, compiled, log)
        used_compiler = compiled is not None and compiled.active
        budget = max(1.0, settings.max_seconds - compile_seconds)
        losses, stopped = _run(model, data, plan, pad, settings, adapters > 0, frozen > 0, rows, log, budget)
    finally:
        if compiled is not None:
            compiled.restore()
        _set_attention(model, inference_attention)
    if rows is not None:
        rows.merge()
    if peft_model is not None:
        peft_model.merge_and_unload()  # in place: `model` is plain Linear and Embedding layers again
    merge_lora(model)
    model.eval()
    tail = losses[-max(1, len(losses) // 10):]
    return {"steps": len(losses), "planned_steps": len(plan), "stopped_early": stopped,
            "train_seconds": round(time.perf_counter() - started, 1),
            "train_loss": round(sum(tail) / len(tail), 4),
            "val_loss": round(evaluate_loss(model, val, pad, bf16=settings.bf16), 4),
            "train_examples": len(data), "val_examples": len(val), "frozen_layers": frozen,
            "lora_layers": adapters, "trained_parameters": trained,
            "embedding_rows": len(rows.ids) if rows is not None else "all", "compiled": used_compiler,
            "compile_seconds": round(compile_seconds, 1),
            "train_tokens": sum(len(x) for x, _ in data),
            "loss_history": [round(v, 4) for v in losses]}


def _set_attention(model: Any, implementation: str | None) -> str | None:
    """Switch the attention kernel; returns the one it replaced.

    Why eager for training: on these short sequences (~40 tokens) torch's CPU flash-attention
    kernel took ~14% of a bf16 training step in the profiler, and a fine-tune ran 14% more steps a
    minute with the plain matmul version (bench/lm_train_speed.py, spinning threads: 51.6 vs 45.4).
    Inference keeps the model's own choice (sdpa was not slower there).
    """
    current = getattr(model.config, "_attn_implementation", None)
    if implementation and current and implementation != current and hasattr(model, "set_attn_implementation"):
        model.set_attn_implementation(implementation)
    return current


class GuardClock:
    """The fine-tune's time guard counts the compute it got, not the wall clock.

    Elapsed seconds are the process's CPU time over its torch threads, never more than the wall
    time: on an idle machine (threads spinning, as the batch commands set them) the two agree, while
    on a machine other jobs keep busy a wall-clock guard stopped the demo's fine-tune after 45 of
    272 steps and the shop then served a model that had not learnt it. The wall time is still
    bounded, at `hard_factor` times the budget.
    """

    def __init__(self, threads: int, hard_factor: float = 3.0, wall: Callable[[], float] = time.perf_counter,
                 cpu: Callable[[], float] = time.process_time):
        self.threads, self.hard_factor = max(1, threads), hard_factor
        self._wall, self._cpu = wall, cpu
        self._wall0, self._cpu0 = wall(), cpu()

    def wall_elapsed(self) -> float:
        return self._wall() - self._wall0

    def elapsed(self) -> float:
        """Seconds of compute so far (the guard's clock)."""
        return min(self.wall_elapsed(), (self._cpu() - self._cpu0) / self.threads)

    def expired(self, budget: float) -> bool:
        return self.elapsed() > budget or self.wall_elapsed() > self.hard_factor * budget


def _run(model: Any, data: list, plan: list[list[int]], pad: int, settings: TrainSettings, adapters: bool,
         detach_inputs: bool, rows: TokenRows | None, log: Callable[[str], None],
         budget: float) -> tuple[list[float], bool]:
    """The optimisation loop with a progress bar; returns per-step losses and whether time ran out."""
    import torch

    params = _trainable(model, rows)
    optimizer = _adamw(model, settings.lr, adapters, rows)
    model.train()
    clock, losses = GuardClock(torch.get_num_threads()), []
    meter = TimeGuardBar("fine-tune", len(plan), budget, clock=clock.elapsed) if settings.progress else None
    for step, batch in enumerate(plan):
        progress = max(step / len(plan), clock.elapsed() / budget)
        for group in optimizer.param_groups:
            group["lr"] = group["base_lr"] * _lr_factor(step, progress, warmup=max(1, len(plan) // 20))
        loss = batch_loss(model, *_tensors(data, batch, pad), bf16=settings.bf16, detach_inputs=detach_inputs,
                          rows=rows)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(loss.item())
        report_progress("fine-tuning", step + 1, len(plan), clock.elapsed(), budget)
        if meter is not None:
            meter.step(step + 1, loss=f"{sum(losses[-20:]) / len(losses[-20:]):.3f}")
        if clock.expired(budget) and step + 1 < len(plan):
            if meter is not None:
                meter.close()
            compiling = settings.max_seconds - budget
            log(f"time guard: stopped after {step + 1}/{len(plan)} steps ({settings.max_seconds:.0f} s"
                + (f", {compiling:.0f} s of it compiling" if compiling > 0 else "")
                + _busy_note(clock) + ")")
            return losses, True
    if meter is not None:
        meter.close()
    if note := _busy_note(clock):
        log(f"fine-tune: all {len(plan)} steps{note}")
    return losses, False


def _busy_note(clock: GuardClock) -> str:
    """Says so when other jobs slowed the fine-tune (its compute took noticeably longer on the wall clock)."""
    wall, compute = clock.wall_elapsed(), clock.elapsed()
    if wall <= 1.25 * max(compute, 1.0):
        return ""
    return f"; {compute:.0f} s of compute took {wall:.0f} s: the machine was busy"


class _CompiledBlocks:
    """The model's transformer blocks swapped for compiled wrappers while training; `restore` puts
    the originals back (before adapters are merged, so the saved model has plain modules)."""

    def __init__(self, blocks: Any):
        import torch

        self.blocks, self.originals, self.active = blocks, list(blocks), True
        for i, block in enumerate(self.originals):
            blocks[i] = torch.compile(block, dynamic=True)

    def restore(self) -> None:
        for i, block in enumerate(self.originals):
            self.blocks[i] = block
        self.active = False


def _compile_blocks(model: Any, cache_dir: str) -> _CompiledBlocks | None:
    """Compile every transformer block with one shared graph.

    Why: a LoRA step on a CPU is mostly small ops (casts, the adapters' thin matmuls, norms), not
    the big matmuls; fusing them took a step from 1.2-1.25 s to 0.8-0.9 s in a profiling script, and
    a real 230 s `train-lm` from 150 to 197-200 steps. All the blocks share one code path, so one
    graph serves them all; with the kernels already in `cache_dir` this costs 11-15 s, the first
    time on a machine 70-83 s (hence `shopassist prepare-lm`).
    """
    blocks = _transformer_blocks(model)
    if blocks is None or not len(blocks):
        return None
    from torch._inductor.runtime.cache_dir_utils import default_cache_dir

    # Importing torch._dynamo already fills the variable with the /tmp default; a folder of the
    # user's own choosing is left alone.
    if cache_dir and os.environ.get("TORCHINDUCTOR_CACHE_DIR") in (None, default_cache_dir()):
        os.environ["TORCHINDUCTOR_CACHE_DIR"] = cache_dir
    return _CompiledBlocks(blocks)


def _warm_up(model: Any, data: list, batch: list[int], pad: int, settings: TrainSettings, detach_inputs: bool,
             rows: TokenRows | None, compiled: _CompiledBlocks | None, log: Callable[[str], None]) -> float:
    """Compile (forward and backward) on the first batch before the clock of the loop starts; returns
    the seconds it took. A compiler that fails (no C++ toolchain, say) leaves the eager blocks in
    place: the fine-tune goes on, slower, and the log says why."""
    if compiled is None:
        return 0.0
    started = time.perf_counter()
    model.train()
    shown = waiting("compiling the fine-tune's blocks") if settings.progress else contextlib.nullcontext()
    try:
        with shown:
            batch_loss(model, *_tensors(data, batch, pad), bf16=settings.bf16, detach_inputs=detach_inputs,
                       rows=rows).backward()
    except Exception as exc:  # noqa: BLE001 - any compiler failure means: train without it
        compiled.restore()
        log(f"torch.compile failed ({type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}); "
            "training without it")
    finally:
        model.zero_grad(set_to_none=True)
        if rows is not None:
            rows.delta.grad = None
    seconds = time.perf_counter() - started
    if compiled.active:
        log(f"compiled the transformer blocks in {seconds:.0f} s")
    return seconds
