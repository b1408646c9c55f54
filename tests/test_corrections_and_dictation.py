"""Shoppers who correct themselves mid-message ("laptop under 100... sorry 1000, missed a zero", "add the 4th. no
wait, the 3rd", "not jansport sorry, i meant herschel"), dictate by voice ("sneakers in read", "add the for one",
"ok by the first one"), write English with Korean words and manners ("gamsahamnida, bye bye~", "skinny one not
please"), or compare specs formally ("Only those with at least 30 hours of battery", "Please put the 1st and the
3rd side by side"). Each case read the wrong way before it was handled."""

from __future__ import annotations

import pytest

from assistant import rules
from assistant.retraction import retract
from assistant.types import DialogueState

_SHOES = {"category": "running shoes", "max_price": 80.0}


@pytest.mark.parametrize(("message", "slots", "meant"), [
    ("laptop under 100... sorry 1000, missed a zero", {}, "laptop under 1000"),
    ("moisturiser under 20... sorry, under 30", {}, "moisturiser under 30"),
    ("compare the 2nd and the 4th. no, 2nd and 3rd i mean", _SHOES, "compare the 2nd and 3rd"),
    ("is the 3rd one noise cancelling? wait no, the 4th, sorry", _SHOES, "is the 4th one noise cancelling"),
    ("add the 4th. no wait, the 3rd", _SHOES, "add the 3rd"),
    ("in black... no sorry, grey", _SHOES, "in grey"),
    ("not jansport sorry, i meant herschel", {"category": "backpacks"}, "herschel only"),
    ("sorry, 35. 25's a bit tight", {"category": "backpacks", "max_price": 25.0}, "under 35"),
    # no correction: said as written
    ("nike or adidas, no puma", _SHOES, "nike or adidas, no puma"),
    ("jeans under 50, no skinny", _SHOES, "jeans under 50, no skinny"),
])
def test_a_value_said_again_after_a_slip_replaces_the_one_before(demo_assistant, message, slots, meant):
    said = retract(message, DialogueState(**slots), demo_assistant.engine.vocab)
    assert said.message == meant


def test_korean_thanks_hellos_and_goodbyes_are_small_talk(say):
    say("jeans")
    for message in ["gamsahamnida, bye bye~", "gamsahamnida, very helpful ^^ bye bye", "annyeonghaseyo"]:
        assert say(message).intent.kind == "greeting", message


def test_brands_turned_down_with_no_thanks_are_ruled_out(say):
    say("headphones noise cancelling")
    reply = say("Sony and Bose, no thanks. other brand please")
    assert set(say.session.exclude_brands) == {"Sony", "Bose"} and say.session.brand is None
    assert reply.products and all(c.product.brand not in ("Sony", "Bose") for c in reply.products)
    assert say("ok no thanks").intent.kind == "greeting"


def test_a_word_then_one_not_is_ruled_out(say):
    say("jeans for man, slim fit")
    say("skinny one not please, and price under 80")
    assert "skinny" in say.session.exclude_terms and say.session.max_price == 80.0


def test_on_reflection_is_no_brand(say):
    say("insulated winter jacket, waterproof")
    reply = say("On reflection, exclude Patagonia; their sizing has not worked for me in the past.")
    assert reply.intent.kind == "refine" and say.session.brand != "On" and "Patagonia" in say.session.exclude_brands
    assert say.assistant.engine.vocab.mentioned_brands("On running shoes under 150") == ["On"]


def test_putting_two_side_by_side_compares_them(say):
    say("noise cancelling headphones")
    reply = say("Please put the 1st and the 3rd side by side: battery life, weight and ANC performance.")
    assert reply.intent.kind == "compare" and reply.intent.references == (1, 3) and not say.session.cart
    assert rules.CHOOSE.search("put the 2nd in my cart")


def test_only_those_with_a_spec_keeps_to_the_list(say):
    say("wireless earbuds for the gym")
    for message in ["Only those with at least 30 hours of battery (incl. the case), please.",
                    "Only those with at least 8 hours of battery per charge."]:
        reply = say(message)
        assert reply.intent.kind == "refine" and say.session.category == "headphones", message


def test_voice_typings_homophones_are_read_as_meant(say):
    say("okay so um I need sneakers in read for my son nothing over eighty dollars")
    assert say.session.color == "red" and say.session.category == "sneakers"
    fourth = say.session.shown[3]
    assert say("add the for one").intent.kind == "add_to_cart" and fourth in say.session.cart
    say("jeans")
    first = say.session.shown[0]
    assert say("ok by the first one").intent.kind == "add_to_cart" and first in say.session.cart


def test_a_removal_with_a_reason_about_someone_else_buying_is_one_removal(say):
    say("Nike t-shirt")
    say("add the 2nd")
    say("add the 3rd")
    reply = say("3rd one remove please, brother can buy himself")
    assert reply.intent.kind == "remove_from_cart" and len(say.session.cart) == 1


def test_why_this_order_is_a_question_not_a_new_order(say):
    say("osprey backpack")
    assert say("why this order? cheap one is not first").intent.kind == "why"
    assert say("cheapest first please").intent.order == "price"


def test_a_colour_with_no_need_is_let_go(say):
    say("osprey backpack")
    say("yellow color please")
    reply = say("yellow no need. under 150 only")
    assert say.session.color is None and say.session.max_price == 150.0 and "color" in reply.intent.clear


def test_resetting_the_filters_keeps_the_kind_of_product(say):
    say("Nike t-shirt, dri fit, for running")
    say("under 30 please")
    reply = say("hmm reset all the filter please")
    assert reply.products and say.session.category == "t-shirts"
    assert say.session.brand is None and say.session.max_price is None
    say("jeans")
    assert say("reset pls. forget everything i said").intent.clear == ("all",)


def test_words_before_an_unnamed_gift_name_no_thing(demo_assistant):
    from assistant.evidence import noun_phrases

    vocab = demo_assistant.engine.vocab
    phrases = noun_phrases("Could you recommend a suitable gift for a colleague who is retiring?", vocab)
    assert not any("suitable" in p.split() for p in phrases)
    assert noun_phrases("can I just buy a $50 gift card?", vocab) == ["gift card"]


def test_a_ceiling_said_plainly_after_around_drops_the_bands_floor(say):
    say("seiko watch around 300 dollar")
    assert say.session.min_price is not None
    say("not more than 400 please")
    assert say.session.min_price is None and say.session.max_price == 400.0
    say("headphones between 100 and 200")
    say("under 150 then")
    assert say.session.min_price == 100.0  # a floor said as one stays


def test_forgetting_the_amount_said_lifts_the_budget_and_adds_nothing(say):
    say("um a mac book")
    say("under a thousand")
    reply = say("forget the thousand i want the pro ones")
    assert reply.intent.kind == "refine" and say.session.max_price is None and not say.session.cart


def test_why_one_is_ranked_above_another_is_about_both(say):
    say("noise cancelling headphones")
    reply = say("Why is the 1st ranked above the 2nd? The 2nd seems to have the better specification.")
    assert reply.intent.kind == "why" and reply.intent.references == (1, 2)
    assert say("why is the first one first?").intent.references == (1,)
