"""Remembered reply decodes: a repeated writer prompt replays the model's pieces without decoding."""

from __future__ import annotations

import pytest

from assistant.lm.reply_memo import ReplyMemo
from assistant.lm.writer import LmWriter
from assistant.loop import Assistant
from tests.lmfakes import ScriptedLM


def _text(prompt: str) -> str:
    return f" Here are [count] picks for {prompt.split(' | ')[0]}."


def test_a_repeated_prompt_is_replayed_piece_for_piece_without_the_model():
    lm, memo = ScriptedLM(_text), ReplyMemo()
    first = list(memo.stream(lm, "reply: search | n=5", 32))
    again = list(memo.stream(lm, "reply: search | n=5", 32))
    assert again == first == list(ScriptedLM(_text).stream("reply: search | n=5", 32))
    assert len(lm.prompts) == 1 and memo.counts == {"hits": 1, "misses": 1}
    list(memo.stream(lm, "reply: refine | n=5", 32))  # another prompt, or another guess, is decoded
    list(memo.stream(lm, "reply: search | n=5", 32, expected=" Here"))
    assert len(lm.prompts) == 3


def test_a_decode_read_only_in_part_is_finished_by_the_next_reader_that_wants_more():
    lm, memo = ScriptedLM(_text), ReplyMemo()
    stream = memo.stream(lm, "reply: why | n=2", 32)
    head = [next(stream), next(stream)]
    stream.close()  # the reader stopped (the writer's guard does at a word it refuses)
    whole = "".join(memo.stream(lm, "reply: why | n=2", 32))
    assert whole == _text("reply: why | n=2") and whole.startswith("".join(head))
    assert len(lm.prompts) == 2
    assert "".join(memo.stream(lm, "reply: why | n=2", 32)) == whole and len(lm.prompts) == 2
    assert memo.counts == {"hits": 1, "misses": 2}


def test_a_reader_that_stops_within_what_is_kept_needs_no_decode():
    lm, memo = ScriptedLM(_text), ReplyMemo()
    first = memo.stream(lm, "reply: why | n=2", 32)
    next(first), next(first)
    first.close()
    again = memo.stream(lm, "reply: why | n=2", 32)
    next(again)
    again.close()  # the same guard stops at the same word: all it read was kept
    assert len(lm.prompts) == 1 and memo.counts == {"hits": 1, "misses": 1}


def test_the_least_recently_used_prompt_leaves_first():
    lm, memo = ScriptedLM(_text), ReplyMemo(size=2)
    for prompt in ("a", "b", "a", "c"):  # "b" is the least recently used when "c" comes
        list(memo.stream(lm, prompt, 8))
    list(memo.stream(lm, "a", 8))
    assert lm.prompts == ["a", "b", "c"]
    list(memo.stream(lm, "b", 8))
    assert lm.prompts == ["a", "b", "c", "b"]
    with pytest.raises(ValueError, match="at least 1"):
        ReplyMemo(size=0)


def test_the_writer_with_a_memo_says_what_it_says_without_one_and_decodes_each_prompt_once(assistant):
    from tests.test_lm_loop import _reply_script

    plain_lm, memo_lm = ScriptedLM(_reply_script), ScriptedLM(_reply_script)
    plain = Assistant(assistant.engine, None, LmWriter(plain_lm))
    kept = Assistant(assistant.engine, None, LmWriter(memo_lm, memo=ReplyMemo()))
    messages = ("running shoes under 120", "jackets under 200", "why these?", "why these?", "in blue")
    for bot in (plain, kept):
        session = bot.new_session()
        bot.replies = [bot.respond(session, message).text for message in messages]
    assert kept.replies == plain.replies and "jackets" in kept.replies[1]
    assert len(plain_lm.prompts) == 5
    # "running shoes under 120" and "jackets under 200" share "reply: search | n=5 | cat | under", "why these?" twice
    assert len(memo_lm.prompts) == len(set(memo_lm.prompts)) == 3
