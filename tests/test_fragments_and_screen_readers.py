"""A Turkish speaker writing English ("teşekkürler hocam", "show me cart now", "under 30 dolar", "ok leave Canada
Goose, Columbia is there under 200?", "is there sofa?"), a blind shopper using a screen reader ("Please repeat the
second one", "the one that was read out first", "Please do not read out anything from Zara or Columbia"), an aunt
buying for teenagers ("does the 1st one come pumped up or do i need to buy a pump?", "under armour or nike ...
actually just nike") and a shopper typing fragments ("-trail", "add 2 + cart"). Each case read the wrong way before
it was handled."""

from __future__ import annotations

import pytest

from assistant import rules
from assistant.spelling import Speller
from tests.test_flat_and_materials import scripted_chat, scripted_evidence


def test_turkish_thanks_hellos_and_goodbyes_are_small_talk(say):
    say("jeans")
    for message in ["teşekkürler hocam, you are very helpful. iyi günler!", "sağol, görüşürüz bye", "tesekkurler"]:
        assert say(message).intent.kind == "greeting", message
    assert say("merhaba hocam, i need jacket").intent.kind == "search"


@pytest.mark.parametrize("message", ["show me cart now", "sepet show me please"])
def test_the_cart_asked_for_without_its_article_is_shown(say, message):
    say("lego")
    say("add 1")
    assert say(message).intent.kind == "view_cart"


def test_a_misspelled_dollar_is_a_budget(demo_assistant):
    mended, _ = Speller(demo_assistant.engine.vocab).correct("under 30 dolar")
    assert mended == "under 30 dollar"


def test_a_maker_left_with_a_comma_is_ruled_out(say):
    say("winter coat very warm, Canada Goose")
    reply = say("ok leave Canada Goose, Columbia is there under 200?")
    assert reply.intent.kind == "refine" and say.session.brand == "Columbia" and say.session.max_price == 200.0
    assert "Canada Goose" in say.session.exclude_brands


def test_a_thing_asked_about_without_its_article_is_asked_for():
    assert rules.REQUEST.search("is there sofa? my living room need new one")
    assert not rules.REQUEST.search("is there more?")


def test_more_said_in_a_learners_order_with_the_list_turned_down(say):
    say("t-shirts for summer, cotton ones")
    assert say("more show please, i dont like these ones").intent.kind == "more"


def test_a_screen_readers_words_for_the_list(say):
    say("wireless headphones")
    repeat = say("Please repeat the second one. I missed the price when it was read out.")
    assert repeat.intent.kind == "details" and repeat.intent.references == (2,)
    add = say("Please add the one that was read out first to my cart.")
    assert add.intent.kind == "add_to_cart" and add.intent.references == (1,) and len(say.session.cart) == 1


def test_makers_not_to_be_read_out_are_ruled_out(say):
    say("rain jacket")
    reply = say("Please do not read out anything from Zara or Columbia.")
    assert reply.intent.kind == "refine" and set(say.session.exclude_brands) == {"Zara", "Columbia"}
    assert say.session.brand is None


def test_a_maker_dropped_with_nothing_in_the_cart_leaves_the_list(say):
    say("white sneakers")
    say("no nike")
    reply = say("Please drop Converse as well. I would like to hear other brands in white.")
    assert reply.intent.kind == "refine" and {"Nike", "Converse"} <= set(say.session.exclude_brands)
    assert say("delete the first one").intent.kind == "remove_from_cart"


def test_something_else_one_needs_to_buy_picks_nothing(say):
    say("basketball")
    reply = say("does the 1st one come pumped up or do i need to buy a pump?")
    assert reply.intent.kind == "details" and not say.session.cart
    assert say("i'll buy the 2nd").intent.kind == "add_to_cart"


def test_a_maker_of_the_aisle_on_screen_keeps_it_whatever_the_reason_sounds_like(demo_assistant):
    """"under armour or nike, he wears that sporty stuff... actually just nike" over t-shirts: the reason's words
    match sports best, yet Nike makes t-shirts."""
    chat = scripted_chat(demo_assistant)
    session = chat.new_session()
    chat.respond(session, "t-shirts for my nephew")
    assert session.category == "t-shirts"
    chat.evidence = scripted_evidence(demo_assistant, [("Nike Sporty Football", "sports", 0.56)] * 5)
    reply = chat.respond(session, "under armour or nike, he wears that sporty stuff... actually just nike")
    assert reply.intent.kind == "refine" and session.category == "t-shirts" and session.brand == "Nike"


@pytest.mark.parametrize(("message", "meant"), [("-trail", "no trail"), ("jeans -skinny", "jeans no skinny"),
                                                ("t-shirt 20-30", "t-shirt 20-30"), ("add 2 + cart", "add 2 and cart")])
def test_signs_a_search_box_takes_are_said_in_words(demo_assistant, message, meant):
    mended, _ = Speller(demo_assistant.engine.vocab).correct(message)
    assert mended == meant


def test_a_position_then_a_plus_and_a_word_adds_it(say):
    say("sunscreen")
    reply = say("add 2 + cart")
    assert reply.intent.kind == "add_to_cart" and reply.intent.references == (2,) and say.session.min_price is None
