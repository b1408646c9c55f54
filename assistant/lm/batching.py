"""Continuous batching of greedy (speculative) decodes across concurrent sessions.

Why: one forward pass of the 135M model on a 2-core CPU costs ~30 ms for one token and not much
more for a few dozen, so running each session's parse and reply one at a time behind a lock
wastes most of every pass. Here session threads hand their decodes to one worker thread that
runs the forward passes of every active decode together; rows join (their prompt pass) and leave
(EOS, their token limit, cancelled, failed) between steps, so a decode never waits for another
to finish ("continuous batching").

What each row computes is what `CausalLM._speculative` computes for the same prompt: a prompt
pass without guesses (its first token may be constrained by a prior over first tokens), then
passes that feed the last token plus a draft (the caller's expected output while the output
follows it, else the n-gram draft index) and keep the draft's prefix that equals the model's own
greedy choices. Greedy outputs are therefore the serial path's, token for token, up to float
rounding across batch shapes (tests/test_lm_batching.py checks equality on the float32 tiny
model; docs/language-model.md "Batching concurrent decodes" says what holds with int8 weights).

How a batched pass is laid out. Each row keeps its own KV entries in a buffer of its own (so
rejected guesses are simply never copied back, and rows join and leave without touching the
others). A pass builds one padded cache: the rows' cached entries are right-aligned in a past
region of the longest row's width (left padding), the new tokens (the prompt, or the last token
plus the draft) follow in a region as wide as the longest row's input (right padding). Padding
columns have attention mask 0 and zeros as keys and values, position ids are each row's own, and
the new entries are written into the preallocated buffer in place (`_padded_layer`) instead of
being concatenated. After the pass each row copies back the entries of the tokens it keeps.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from assistant.lm import rowquant

# Most guessed tokens checked per row per pass while a row follows its caller's expected output
# (the serial path's HINT_GUESSES; kept equal so a batch of one is the serial path exactly).
HINT_GUESSES = 16
# Most rows in one pass; more decodes wait for a row to leave.
MAX_ROWS = 64

_DONE = object()
_local = threading.local()


@contextlib.contextmanager
def released_while_waiting(lock: Any) -> Iterator[None]:
    """Inside this block, a thread that holds `lock` releases it while it waits for its decode.

    Why: the chat service serialises turns with one lock because the engine's models are not
    thread-safe; a turn waiting for the LM must let the other sessions' turns run up to their own
    decodes, or no two decodes would ever be in a batch. The lock is taken back before the waiting
    thread runs any more of its turn.
    """
    before = getattr(_local, "lock", None)
    _local.lock = lock
    try:
        yield
    finally:
        _local.lock = before


def _wait(get: Callable[[], Any]) -> Any:
    lock = getattr(_local, "lock", None)
    if lock is None:
        return get()
    lock.release()
    try:
        return get()
    finally:
        lock.acquire()


@dataclass
class DecodeRequest:
    """One greedy decode: what `CausalLM.stream_ids` decodes, with the text already tokenised.

    `bonus`: log-probability bonus per allowed first token (None: the first token is greedy too);
    `hint`: the expected output's ids ending in EOS (None: no expected output); `guesses`: most
    draft tokens per pass (0: one token per pass, no guesses at all); `eos`: None decodes exactly
    `max_new_tokens`; `on_token` is called on the worker thread with each token, in order.
    """

    prompt_ids: Sequence[int]
    max_new_tokens: int
    eos: int | None = None
    guesses: int = 0
    hint: Sequence[int] | None = None
    bonus: dict[int, float] | None = None
    on_token: Callable[[int], None] | None = None


@dataclass
class _Row:
    request: DecodeRequest
    future: Future
    context: list[int] = field(default_factory=list)
    cached: int = 0  # tokens of `context` whose KV entries are in `keys`/`values`
    produced: int = 0
    keys: Any = None    # [layers, kv heads, capacity, head dim]
    values: Any = None
    cancelled: bool = False
    pending: list[int] = field(default_factory=list)  # this pass's input: uncached tokens + draft
    draft: list[int] = field(default_factory=list)
    new_keys: Any = None  # the last pass's entries for `pending`, until `_accept` keeps some
    new_values: Any = None

    @property
    def prompt_len(self) -> int:
        return len(self.request.prompt_ids)


class DecodeTicket:
    """A submitted decode: `future` resolves to its tokens; `cancel` lets the row leave at the next step."""

    def __init__(self, row: _Row):
        self._row = row
        self.future = row.future

    def cancel(self) -> None:
        self._row.cancelled = True


class DecodeBatcher:
    """One worker thread running the forward passes of every submitted decode together.

    Owned by a loaded `CausalLM` (`CausalLM.batched`); any number of threads may submit. The worker
    starts with the first request and is a daemon (it holds no state worth saving).

    Prompt passes run one row at a time, decode passes with every active row. Why: a prompt pass of
    ~100 tokens is arithmetic-bound already (sharing it saves little), and alone it is exactly the
    serial path's pass, so the first token, the intent the parser reads, is the serial one bit for
    bit. A decode pass of one token plus a few guesses is per-op overhead on this CPU: that is what
    sharing saves.
    """

    def __init__(self, lm: Any, max_rows: int = MAX_ROWS):
        self.lm = lm
        self.max_rows = max_rows
        # Each row's Linear products as in its own pass (assistant/lm/rowquant.py); False: one int8 scale
        # per pass, padding computed (faster with int8 weights, but a row's tokens depend on its pass-mates;
        # bench/lm_concurrency.py measures both).
        self.rows_alone = True
        rowquant.install(lm.model)
        self._pending: list[_Row] = []
        self._active: list[_Row] = []
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False
        atexit.register(self.close)
        # Passes run and rows per pass since start (benchmarks read the mean batch size); counters only.
        self.counts: dict[str, float] = {"passes": 0, "prompt_passes": 0, "rows": 0, "prompt_tokens": 0,
                                         "busy_s": 0.0, "prompt_s": 0.0}

    def close(self, timeout_s: float = 10.0) -> None:
        """Let the worker finish the decodes it has and stop (at exit: a worker killed inside a forward
        pass aborts the interpreter's shutdown). A later `submit` starts it again."""
        with self._wake:
            self._closed = True
            self._wake.notify()
        if self._thread is not None:
            self._thread.join(timeout_s)

    # -- callers ----------------------------------------------------------------------------------

    def submit(self, request: DecodeRequest) -> DecodeTicket:
        row = _Row(request, Future(), list(request.prompt_ids))
        if request.max_new_tokens <= 0:
            row.future.set_result([])
            return DecodeTicket(row)
        if not request.prompt_ids:
            row.future.set_exception(ValueError("a decode needs at least one prompt token"))
            return DecodeTicket(row)
        with self._wake:
            self._closed = False
            self._pending.append(row)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="lm-decode-batcher", daemon=True)
                self._thread.start()
            self._wake.notify()
        return DecodeTicket(row)

    def stream(self, request: DecodeRequest) -> Iterator[int]:
        """The request's tokens as the worker produces them; closing the iterator cancels the row.

        A failed row raises its error here (other rows of the same passes carry on)."""
        tokens: queue.SimpleQueue = queue.SimpleQueue()
        callback = request.on_token

        def on_token(token: int) -> None:
            if callback is not None:
                callback(token)
            tokens.put(token)

        ticket = self.submit(dataclasses.replace(request, on_token=on_token))
        ticket.future.add_done_callback(lambda _f: tokens.put(_DONE))
        try:
            while (item := _wait(tokens.get)) is not _DONE:
                yield item
            ticket.future.result()  # re-raises the row's error
        finally:
            ticket.cancel()

    # -- the worker -------------------------------------------------------------------------------

    def _run(self) -> None:
        import torch

        with torch.inference_mode():
            while True:
                with self._wake:
                    while not self._pending and not self._active and not self._closed:
                        self._wake.wait()
                    if self._closed and not self._pending and not self._active:
                        return
                    room = max(0, self.max_rows - len(self._active))
                    joining, self._pending = self._pending[:room], self._pending[room:]
                started = time.perf_counter()
                try:
                    self._step(joining)
                except BaseException as exc:  # a bug here must not leave callers waiting forever
                    for row in [*joining, *self._active]:
                        if not row.future.done():
                            row.future.set_exception(exc)
                    self._active = []
                    if not isinstance(exc, Exception):
                        raise
                self.counts["busy_s"] += time.perf_counter() - started

    def _step(self, joining: list[_Row]) -> None:
        """The prompt pass of the rows joining, then one decode pass of every active row."""
        for row in joining:  # prompt passes one row at a time: see the class docstring
            if not self._finish_cancelled(row):
                started = time.perf_counter()
                self._pass([row], prompt=True)
                self.counts["prompt_s"] += time.perf_counter() - started
                if not row.future.done():
                    self._active.append(row)
        self._active = [r for r in self._active if not self._finish_cancelled(r)]
        if self._active:
            self._pass(self._active, prompt=False)
            self._active = [r for r in self._active if not r.future.done()]

    @staticmethod
    def _finish_cancelled(row: _Row) -> bool:
        if row.cancelled and not row.future.done():
            row.future.set_result(row.context[row.prompt_len:])
        return row.future.done()

    def _pass(self, rows: list[_Row], prompt: bool) -> None:
        """One forward pass for `rows`; a pass that fails is retried row by row, so one bad row
        (a prompt longer than the model's positions) fails alone."""
        for row in rows:
            self._prepare(row, prompt)
        try:
            choices = self._forward(rows, prompt)
        except Exception as exc:  # noqa: BLE001  (reported to the row, or the rows, it belongs to)
            if len(rows) == 1:
                rows[0].future.set_exception(exc)
                return
            for row in rows:
                self._pass([row], prompt)
            return
        for row, row_choices in zip(rows, choices, strict=True):
            try:
                self._accept(row, row_choices, prompt)
            except Exception as exc:  # noqa: BLE001  (a failing callback fails its own row only)
                if not row.future.done():
                    row.future.set_exception(exc)

    def _prepare(self, row: _Row, prompt: bool) -> None:
        """This pass's input for the row: its uncached tokens, plus a draft after the prompt pass."""
        request = row.request
        row.draft = []
        if not prompt and request.guesses > 0 and self.lm.draft is not None:
            room = request.max_new_tokens - row.produced - 1
            written = row.context[row.prompt_len:]
            hint = request.hint
            if hint is not None and list(hint[:len(written)]) == written and len(written) < len(hint):
                row.draft = list(hint[len(written):len(written) + min(room, max(request.guesses, HINT_GUESSES))])
            else:
                row.draft = self.lm.draft.propose(row.context, row.prompt_len, min(request.guesses, room))
        row.pending = [*row.context[row.cached:], *row.draft]

    def _forward(self, rows: list[_Row], prompt: bool) -> list[list[int]]:
        """Runs the pass; each row's greedy choices after each of its input tokens (the prompt pass:
        after the last one only, constrained by the row's first-token bonus)."""
        import torch

        model = self.lm.model
        width = max(len(r.pending) for r in rows)
        past = 0 if prompt else max(r.cached for r in rows)
        n = len(rows)
        ids = torch.zeros((n, width), dtype=torch.long)
        positions = torch.zeros((n, width), dtype=torch.long)
        mask = torch.zeros((n, past + width), dtype=torch.long)
        for i, row in enumerate(rows):
            k = len(row.pending)
            # Padding repeats the row's last input token: masked out, it changes no row's attention, and
            # it keeps its activations ordinary (an EOS or BOS token's can be hundreds of times larger,
            # which would set the pass's shared int8 activation scale for every row).
            ids[i] = torch.tensor([*row.pending, *[row.pending[-1]] * (width - k)], dtype=torch.long)
            positions[i] = torch.arange(row.cached, row.cached + width)
            mask[i, past - row.cached:past] = 1
            mask[i, past:past + k] = 1
        cache = self._padded_cache(rows, past, width)
        padded = bool((mask == 0).any())
        if prompt:
            keep: Any = torch.tensor([[len(r.pending) - 1] for r in rows], dtype=torch.long)
        else:
            keep = width
        alone = n == 1 and not padded  # exactly the serial path's pass: its own kernels
        with contextlib.nullcontext() if alone or not self.rows_alone else rowquant.rows(mask[:, past:].bool()):
            out = model(input_ids=ids, attention_mask=mask if padded else None, position_ids=positions,
                        cache=cache, use_cache=True, logits_to_keep=keep)
        self.counts["passes"] += 1
        self.counts["prompt_passes"] += int(prompt)
        self.counts["prompt_tokens"] += sum(len(r.pending) for r in rows) if prompt else 0
        self.counts["rows"] += n
        self.lm.decode_counts["passes"] += 1
        self._store(rows, cache, past, prompt)
        logits = out.logits
        if prompt:
            return [[self.lm.pick_first(logits[i, -1], row.request.bonus)] for i, row in enumerate(rows)]
        best = logits.argmax(-1).tolist()
        return [best[i][:len(row.pending)] for i, row in enumerate(rows)]

    def _padded_cache(self, rows: list[_Row], past: int, width: int) -> Any:
        """A cache of `past + width` columns holding each row's entries right-aligned in the first `past`."""
        from transformers import DynamicCache

        cache = DynamicCache(config=self.lm.model.config)
        if not past:
            return cache
        first = rows[0].keys
        shape = (first.shape[0], len(rows), first.shape[1], past + width, first.shape[3])
        keys = first.new_zeros(shape)
        values = first.new_zeros(shape)
        for i, row in enumerate(rows):
            keys[:, i, :, past - row.cached:past] = row.keys[:, :, :row.cached]
            values[:, i, :, past - row.cached:past] = row.values[:, :, :row.cached]
        cache.layers = [_padded_layer(keys[layer], values[layer], past) for layer in range(shape[0])]
        return cache

    def _store(self, rows: list[_Row], cache: Any, past: int, prompt: bool) -> None:
        """Keep each row's new entries: the whole prompt (prompt pass), else its input's (decided in `_accept`)."""
        import torch

        keys = torch.stack([layer.keys[:, :, past:] for layer in cache.layers])
        values = torch.stack([layer.values[:, :, past:] for layer in cache.layers])
        for i, row in enumerate(rows):
            row.new_keys, row.new_values = keys[:, i], values[:, i]  # [layers, heads, width, dim]
            if row.keys is None:
                layers, heads, _, dim = row.new_keys.shape
                capacity = row.prompt_len + row.request.max_new_tokens
                row.keys = keys.new_zeros((layers, heads, capacity, dim))
                row.values = values.new_zeros((layers, heads, capacity, dim))

    def _accept(self, row: _Row, choices: list[int], prompt: bool) -> None:
        """Keep the draft's agreeing prefix and the next choice; emit them; finish the row at EOS or its limit."""
        draft = row.draft
        kept = 0
        while kept < len(draft) and draft[kept] == choices[kept]:
            kept += 1
        keep = len(row.pending) - len(draft) + kept  # uncached tokens + agreeing guesses
        row.keys[:, :, row.cached:row.cached + keep] = row.new_keys[:, :, :keep]
        row.values[:, :, row.cached:row.cached + keep] = row.new_values[:, :, :keep]
        row.new_keys = row.new_values = None
        row.cached += keep
        request = row.request
        for token in [*draft[:kept], choices[kept]]:
            if token == request.eos:
                row.future.set_result(row.context[row.prompt_len:])
                return
            row.context.append(token)
            row.produced += 1
            self.lm.decode_counts["tokens"] += 1
            if request.on_token is not None:
                request.on_token(token)
            if row.produced == request.max_new_tokens:
                row.future.set_result(row.context[row.prompt_len:])
                return


def _padded_layer(keys: Any, values: Any, past: int) -> Any:
    """A KV cache layer over a preallocated buffer whose first `past` columns are filled: a pass's new
    entries are written in place after them (a plain `DynamicLayer` concatenates, copying every
    row's entries once more per pass)."""
    global _PaddedLayer
    if _PaddedLayer is None:
        from transformers.cache_utils import DynamicLayer

        class PaddedLayer(DynamicLayer):
            def __init__(self, keys: Any, values: Any, past: int):
                super().__init__()
                self._keys_buffer, self._values_buffer = keys, values
                self.keys, self.values = keys[..., :past, :], values[..., :past, :]
                self.is_initialized = True
                self.device, self.dtype = keys.device, keys.dtype

            def update(self, key_states: Any, value_states: Any, *args: Any, **kwargs: Any) -> tuple[Any, Any]:
                start = self.keys.shape[-2]
                end = start + key_states.shape[-2]
                self._keys_buffer[..., start:end, :] = key_states
                self._values_buffer[..., start:end, :] = value_states
                self.keys, self.values = self._keys_buffer[..., :end, :], self._values_buffer[..., :end, :]
                return self.keys, self.values

        _PaddedLayer = PaddedLayer
    return _PaddedLayer(keys, values, past)


_PaddedLayer: Any = None
