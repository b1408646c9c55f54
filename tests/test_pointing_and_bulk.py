"""Shoppers who tell a story first, write English with Portuguese words and word order, point at items by words
("the other one", "the one before it", "the puzzle, what age is it for?"), or buy in bulk for a club ("ok 30 of
the 3rd", "have you got 20 of those in stock"). Each case read the wrong way before it was handled."""

from __future__ import annotations

import pytest

from assistant.evidence import noun_phrases


def test_a_colour_and_one_right_after_a_compare_adds_that_one(say):
    say("wilson basketball under 50")
    say("is the black one indoor or outdoor")
    say("the orange one vs the black one?")
    reply = say("black one pls")
    assert reply.intent.kind == "add_to_cart" and len(say.session.cart) == 1
    assert reply.products[0].product.color == "black" and reply.products[0].product.product_id in say.session.cart


def test_the_other_one_of_two_is_the_one_not_in_focus(say):
    say("got any converse under 60")
    say("the same but in black")
    asked = say("the cheaper of those two, comfy enough to walk in all day?")
    reply = say("nah i'll take the other one")
    assert reply.intent.kind == "add_to_cart" and len(say.session.cart) == 1
    assert asked.products[0].product.product_id not in say.session.cart


def test_grab_the_other_one_too_after_a_compare_and_an_add(say):
    say("sneakers under 90")
    say("compare the 2nd and 3rd")
    say("add the 2nd")
    third = say.session.shown[2]
    reply = say("actually grab the other one too")
    assert reply.intent.kind == "add_to_cart" and third in say.session.cart and len(say.session.cart) == 2


def test_the_one_before_it_is_next_to_the_one_asked_about(say):
    say("backpack for school")
    say("is the 3rd one waterproof?")
    second = say.session.shown[1]
    reply = say("sorry not that one, the one before it")
    assert reply.intent.kind == "details" and reply.products[0].product.product_id == second


def test_a_thing_named_then_asked_about_is_that_item(say):
    say("melissa & doug toys under 15")
    titles = [c.product.title.lower() for c in say(
        "melissa & doug toys under 15").products]
    if sum("puzzle" in t for t in titles) != 1:
        pytest.skip("the list does not hold exactly one puzzle")
    reply = say("the puzzle, what age is it for?")
    assert reply.intent.kind == "details" and "puzzle" in reply.products[0].product.title.lower()


def test_the_one_with_a_feature_is_asked_about_never_searched(say):
    say("hooded rain jacket")
    reply = say("the one with the hood, does it pack down small?")
    assert reply.intent.kind == "details"
    assert "don't have" not in reply.text


@pytest.mark.parametrize("message, kind", [("ok the 2", "add_to_cart"), ("the 2 is for woman?", "details"),
                                           ("and the 2 have good reviews?", "details")])
def test_the_and_a_digit_is_a_list_position(say, message, kind):
    say("jeans")
    reply = say(message)
    assert reply.intent.kind == kind and reply.intent.references == (2,)


def test_a_pick_beside_a_gift_box_question_is_added_and_the_question_set_aside(say):
    say("watches")
    reply = say("ok the 2. it come with box of present?")
    assert reply.intent.kind == "add_to_cart" and len(say.session.cart) == 1 and "help pages" in reply.text


@pytest.mark.parametrize("message", ["what I can give for my mother? she have 60 years and love cook",
                                     "Natal is coming, what I give for my sister of 30 years? she love to travel"])
def test_a_learners_gift_question_asks_for_ideas(say, message):
    assert say(message).intent.kind == "recommend"


def test_a_tennis_for_running_is_running_shoes_and_blue_navy_is_navy(say):
    reply = say("oi! I want a tennis for running, for woman, until 120 dollars")
    assert reply.intent.category == "running shoes" and reply.intent.max_price == 120
    assert say("a dress, color blue navy, until 150 dollars").intent.color == "navy"


def test_i_think_more_and_come_back_later_closes_the_chat(say):
    assert say("hmm ok, I think more and come back later. tchau obrigada").intent.kind == "greeting"


def test_an_invoice_is_a_service_question_and_me_is_no_exclusion(say):
    say("laptops")
    reply = say("can you invoice the company instead of me paying by card?")
    assert reply.intent.kind == "out_of_scope" and "help pages" in reply.text
    assert say.session.exclude_terms == []


def test_the_under_11s_are_an_age_group_not_a_price(say):
    reply = say("8 basketballs for the under 11s, spalding if you have them")
    assert reply.intent.max_price is None and reply.products


def test_a_stock_question_with_a_count_adds_nothing(say):
    say("lego under 15")
    say("is the 1st ok for 6 year olds")
    reply = say("have you got 20 of those in stock tho")
    assert not say.session.cart and reply.intent.kind != "add_to_cart"


def test_a_bulk_count_of_a_position_is_added(say):
    say("wilson basketball under 50")
    third = say.session.shown[2]
    reply = say("ok 30 of the 3rd")
    assert reply.intent.kind == "add_to_cart" and say.session.cart == {third: 30}


def test_rather_not_bother_with_a_brand_rules_it_out(say):
    say("rain jacket under 150")
    reply = say("I had a Zara one before and the zip went within a month, so I'd rather not bother with Zara again")
    assert "Zara" in say.session.exclude_brands and say.session.brand is None
    assert reply.products and all(c.product.brand != "Zara" for c in reply.products)


def test_a_removal_said_after_a_change_of_mind_removes(say):
    say("jeans")
    say("add the 1st")
    reply = say("hmm I change my mind, take out the jeans, he have many")
    assert reply.intent.kind == "remove_from_cart" and not say.session.cart


def test_a_maker_said_with_of_ends_the_product_phrase(say):
    assert noun_phrases("and an air fryer of Philips", say.assistant.engine.vocab)[0] == "air fryer"


def test_portuguese_thanks_and_praise_is_a_pleasantry_with_no_language_notice(say):
    reply = say("obrigada!! muito legal")
    assert reply.intent.kind == "greeting" and "English only" not in reply.text


def test_muito_caro_with_a_budget_is_english_enough_and_cheaper(say):
    say("watches")
    reply = say("muito caro, maximum 200 dollars")
    assert reply.trace.language is None and reply.intent.max_price == 200
    assert reply.products and all(c.product.price <= 200 for c in reply.products)


def test_an_order_by_a_day_is_a_delivery_question(say):
    reply = say("can you get an order to us by saturday? tournament is sunday morning")
    assert reply.intent.kind == "out_of_scope" and "help pages" in reply.text
