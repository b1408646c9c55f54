"""Money said in another currency is read as the shop's, and said so; the question which currency is answered."""

from __future__ import annotations

import pytest

from assistant.currency_said import asks_currency, currency_answer, other_currency_note


@pytest.mark.parametrize("message", ["trainers under 50 quid", "a toaster under 60 AUD", "kettle under £30",
                                     "something under a tenner"])
def test_an_amount_in_another_currency_is_said_to_be_read_as_the_shops(message):
    note = other_currency_note(message, "USD")
    assert note and "US dollars" in note and "don't convert" in note


@pytest.mark.parametrize("message", ["under 50 dollars", "under $50", "trainers under 50", "size 10 trainers"])
def test_the_shops_own_currency_or_none_needs_no_note(message):
    assert other_currency_note(message, "USD") is None
    assert other_currency_note("tea under ₹100", "INR") is None


def test_which_currency_is_answered_and_the_list_stays(assistant):
    assert asks_currency("are these prices in pounds or dollars?") and not asks_currency("is it waterproof?")
    assert currency_answer("INR") == "Prices here are in Indian rupees; the shop does not convert them."
    session = assistant.new_session()
    assistant.respond(session, "headphones")
    shown = list(session.shown)
    reply = assistant.respond(session, "are these prices in pounds or dollars?")
    assert reply.text.startswith("Prices here are in US dollars") and session.shown == shown and not session.cart
