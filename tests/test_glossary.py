"""What a word of the shop's titles means is answered in plain words, not searched."""

from __future__ import annotations

import pytest

from assistant.glossary import TERMS, asked_term, term_answer


@pytest.mark.parametrize("message, term", [("what is noise cancelling?", "noise cancelling"),
                                           ("what does SPF 50 mean", "spf"), ("whats a midi dress", "midi"),
                                           ("Excuse me, what is a cast iron pan?", "cast iron"),
                                           ("what does non stick mean", "non-stick")])
def test_a_term_asked_is_read(message, term):
    assert asked_term(message) == term


@pytest.mark.parametrize("message", ["what is the price", "what is the cheapest one", "whats noise cancelling like "
                                     "on the sony", "noise cancelling headphones", "what colours"])
def test_no_term_asked(message):
    assert asked_term(message) is None


def test_every_term_is_answered_and_the_answer_defers_to_listings():
    for term in TERMS:
        answer = term_answer(term)
        assert TERMS[term] in answer and "listing" in answer


def test_a_term_asked_in_chat_is_explained_and_nothing_is_searched(assistant):
    session = assistant.new_session()
    assistant.respond(session, "headphones")
    shown = list(session.shown)
    reply = assistant.respond(session, "what is noise cancelling?")
    assert "outside sound" in reply.text and not reply.products and session.shown == shown
