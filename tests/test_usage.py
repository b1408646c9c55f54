"""Sentences about what a product is for (assistant/usage.py)."""

from __future__ import annotations

import pytest

from assistant.usage import describes_use, without_verb_homonyms


@pytest.mark.parametrize("message", [
    "she mostly writes essays", "he mostly plays games", "it's mostly for browsing and streaming",
    "i mostly use them at the gym", "I'll use it for work", "mainly for school", "my son mostly games",
    "ok they're just for the gym", "we usually cook for six",
])
def test_a_sentence_about_the_use_is_read_as_one(message):
    assert describes_use(message)


@pytest.mark.parametrize("message", [
    "laptops for school", "gaming laptop under 1000", "she needs a laptop", "show me watches",
    "is it good for running?", "for my mum", "just show me the cheap ones",
])
def test_a_request_is_not(message):
    assert not describes_use(message)


def test_a_category_word_said_as_a_verb_is_no_product_word():
    assert "watches" not in without_verb_homonyms("she writes essays and watches netflix")
    assert "watches" in without_verb_homonyms("watches for men")
