"""Sizes, model numbers and storage said in words, as dictation writes them, are read as digits."""

from __future__ import annotations

import pytest

from assistant.spoken_numbers import spoken_numbers


@pytest.mark.parametrize("said, read", [
    ("i need new jeans levis five oh one size thirty two", "i need new jeans levis 501 size 32"),
    ("a size eight please", "a size 8 please"), ("size ten and a half", "size 10.5"),
    ("what colors does the v eight come in", "what colors does the v8 come in"),
    ("galaxy s twenty four", "galaxy s24"), ("iphone with two fifty six gigs", "iphone with 256GB"),
    ("actually make that to of them", "actually make that two of them"), ("ad to more", "ad two more"),
    ("i want to buy a kettle", "i want to buy a kettle"), ("add to cart", "add to cart"),
    # left as said: references, counts and prices (read elsewhere)
    ("the second one", "the second one"), ("add two of those", "add two of those"),
    ("one of those", "one of those"), ("under fifty dollars", "under fifty dollars"), ("x two", "x two")])
def test_numbers_in_words_where_a_shop_reads_digits(said, read):
    assert spoken_numbers(said) == read


def test_a_size_said_in_words_is_the_size_asked_for(demo_assistant):
    session = demo_assistant.new_session()
    reply = demo_assistant.respond(session, "running shoes a size ten and a half")
    assert session.size == "10.5" and reply.products


def test_a_bare_number_while_a_size_is_on_is_another_size_not_a_price(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "levis jeans size 32")
    assert session.size == "W32"
    for said, size in (("okay and the 34?", "W34"), ("and the thirty four", "W34"), ("what about 30", "W30")):
        demo_assistant.respond(session, said)
        assert (session.size, session.min_price, session.max_price) == (size, None, None), said


@pytest.mark.parametrize("said, meant", [("actually make it too pairs", "actually make it two pairs"),
                                         ("add too of them", "add two of them"),
                                         ("add too candles", "add two candles"),
                                         ("add for of the cheapest one", "add four of the cheapest one"),
                                         ("get too many", "get too many"),
                                         ("i want to buy shoes", "i want to buy shoes")])
def test_counts_heard_as_too_and_for(said, meant):
    from assistant.spoken_numbers import spoken_numbers

    assert spoken_numbers(said) == meant
