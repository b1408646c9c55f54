"""Shoppers who react to the list and decide late, buy for a team or for two children, replace what they own,
dictate, write Indian English or English with German word order, or go back and forth between kinds of product:
a grudging pick ("meh the 2nd I guess", "ok 2"), a liking with a price complaint, closings said at length, a lift
said as "forget what I said about the colour", a brand let back in with words around it, a companion product asked
"for them", a requirement of the kind on screen ("it should be waterproof"), the brand the shopper owned, a pick
"for him". Each case read the wrong way before it was handled."""

from __future__ import annotations

import pytest

from assistant import rules
from assistant.cart_acts import _NOT_CHECKOUT, CHECKOUT
from assistant.evidence import noun_phrases
from assistant.reading import ALLOW_BRAND, ANY_COLOUR, NO_BUDGET, pricier


@pytest.mark.parametrize("message", ["ok whatever, the first one", "meh the 2nd I guess", "the second one I guess",
                                     "just the 2nd one"])
def test_a_grudging_pick_adds_it(say, message):
    say("jeans")
    reply = say(message)
    assert reply.intent.kind == "add_to_cart" and len(say.session.cart) == 1


@pytest.mark.parametrize("message", ["ok 2", "whatever, 3"])
def test_a_position_given_as_a_bare_digit_after_an_acceptance_adds_it(say, message):
    say("jeans")
    shown = list(say.session.shown)
    reply = say(message)
    assert reply.intent.kind == "add_to_cart"
    assert list(say.session.cart) == [shown[int(message[-1]) - 1]]


def test_a_bare_digit_past_the_list_adds_nothing(say):
    say("jeans")
    say("only levis")
    count = len(say.session.shown)
    say(f"ok {count + 1}" if count < 9 else "ok 9")
    assert not say.session.cart


def test_only_the_colour_ones_narrows_the_list_rather_than_picking_one(say):
    say("t-shirts")
    reply = say("Only the white ones, please.")
    assert reply.intent.kind == "refine" and reply.intent.color == "white" and not say.session.cart


def test_a_liked_item_that_costs_too_much_asks_for_cheaper(say):
    say("jeans")
    for message in ("I like the vibe of the first but its too pricey", "the 2nd looks nice but it's way too expensive"):
        reply = say(message)
        assert reply.intent.kind == "refine" and reply.intent.cheaper
    assert say("the 2nd looks nice").intent.kind == "details"


def test_a_checkout_left_for_later_is_no_checkout(say):
    message = "Please add the first one. I'll sort out the quantity and sizes at checkout."
    assert CHECKOUT.search(message) and _NOT_CHECKOUT.search(message)
    assert not _NOT_CHECKOUT.search("ok checkout now")
    say("headphones")
    reply = say(message)
    assert reply.intent.kind == "add_to_cart" and len(say.session.cart) == 1


def test_this_also_in_the_basket_adds_the_item_in_focus_not_a_storage_basket(say):
    assert rules.PUT_IN_CART.search("Good, this also in the basket.")
    say("headphones")
    say("is the second one comfortable?")
    second = say.session.shown[1]
    reply = say("Good, this also in the basket.")
    assert reply.intent.kind == "add_to_cart" and list(say.session.cart) == [second]


@pytest.mark.parametrize("message", ["meh. i'll leave it for now, thanks anyway", "eh nvm, bye",
                                     "Thanks, I'll have a think about those and come back later.",
                                     "That was all, thank you very much for your help. I wish you a nice evening!"])
def test_closings_said_at_length_are_goodbyes(say, message):
    say("jeans")
    assert say(message).intent.kind == "greeting"


def test_having_the_first_one_is_still_an_add_after_thanks(say):
    say("jeans")
    assert say("ok i'll have the first one, thanks").intent.kind == "add_to_cart"


@pytest.mark.parametrize("message", ["whats popular rn?", "Do you have any suggestions?",
                                     "I would like a little present for myself. What can you propose?"])
def test_asking_for_suggestions_is_a_recommendation(message):
    assert rules.RECOMMEND.search(message)


def test_any_suggestions_for_a_named_product_is_still_its_search(say):
    reply = say("any suggestions for running shoes under 100?")
    assert reply.intent.kind == "search" and reply.intent.max_price == 100


def test_show_me_just_the_brand_ones_asked_politely_narrows(say):
    say("watches")
    brand = say.assistant.product(say.session.shown[0]).brand
    reply = say(f"Could you show me just the {brand} ones?")
    assert reply.intent.kind == "refine" and reply.intent.brand == brand


def test_a_search_with_its_own_price_replaces_the_gift_budget(say):
    say("Do you have any suggestions for a colleague at around $60?")
    assert say.session.min_price is not None
    say("A watch is a good idea. Please show me watches under $60.")
    assert say.session.min_price is None and say.session.max_price == 60


def test_a_removal_after_never_mind_removes(say):
    say("jeans")
    say("add the 2nd")
    say("t-shirts")
    say("add the first")
    jeans = next(pid for pid in say.session.cart if say.assistant.product(pid).category == "jeans")
    reply = say("nvm take the jeans out")
    assert reply.intent.kind == "remove_from_cart" and jeans not in say.session.cart


def test_the_shoppers_own_bag_is_not_the_cart(say):
    say("headphones")
    say("add the 2nd")
    reply = say("Have you also a protective case for them? So they don't get scratched in my bag.")
    assert reply.intent.kind == "search" and len(say.session.cart) == 1
    assert say("whats in my bag").intent.kind == "view_cart"


@pytest.mark.parametrize("message", ["show bag", "my bag", "whats in my bag"])
def test_the_bag_said_alone_is_the_cart(say, message):
    say("headphones")
    say("add the 2nd")
    assert say(message).intent.kind == "view_cart"


def test_the_reason_after_a_request_names_no_product(demo_assistant):
    phrases = noun_phrases("Have you also a protective case for them? So they don't get scratched in my bag.",
                           demo_assistant.engine.vocab)
    assert phrases[0].endswith("case") and not any(p.endswith("bag") for p in phrases)


def test_a_price_limit_said_as_maximal():
    assert rules.parse_prices("It should cost maximal 150 dollars.") == (None, 150.0)


def test_forget_what_i_said_about_a_constraint_lifts_it(say):
    assert ANY_COLOUR.search("actually forget what I said about the colour")
    assert NO_BUDGET.search("forget what I said about the budget")
    say("summer dresses")
    say("in red")
    reply = say("actually forget what I said about the colour")
    assert reply.intent.kind == "refine" and "color" in reply.intent.clear and say.session.color is None


def test_a_brand_let_back_in_with_words_around_it(say):
    assert ALLOW_BRAND.match("hmm actually vans are fine, put them back in")
    say("white sneakers")
    say("not vans")
    reply = say("hmm actually vans are fine, put them back in")
    assert reply.intent.clear == ("exclude_brands",) and not reply.intent.brand and not say.session.exclude_brands


def test_another_colour_judged_nicer_is_no_step_up_in_price():
    assert not pricier("eh actually navy might be nicer")
    assert pricier("something nicer")


def test_any_brand_but_one_left_out_keeps_that_one_out(say):
    say("headphones under 80")
    reply = say("Any brand is fine, but please leave Beats out of it.")
    assert "Beats" in (reply.intent.exclude_brand, *reply.intent.exclude_brands)
    assert "exclude_brands" not in reply.intent.clear and "Beats" in say.session.exclude_brands


@pytest.mark.parametrize("message", ["Then show me please only the maxi dresses.",
                                     "forget zara, just red dresses under 60"])
def test_only_some_of_the_kind_on_screen_narrows_it(say, message):
    say("navy dresses under 150" if "maxi" in message else "zara dresses")
    before = (say.session.color, say.session.max_price)
    reply = say(message)
    assert reply.intent.kind == "refine"
    if "maxi" in message:
        assert (say.session.color, say.session.max_price) == before


def test_a_filler_between_the_price_cue_and_the_amount():
    assert rules.parse_prices("under like nine hundred bucks") == (None, 900.0)
    assert rules.parse_prices("under like eighty dollars") == (None, 80.0)
    assert rules.parse_prices("i like 80s style under 50") == (None, 50.0)


@pytest.mark.parametrize("message", ["my bose headphones finally died, want something similar under 200",
                                     "my old kitchenaid mixer's motor finally burnt out, need a stand mixer"])
def test_the_brand_the_shopper_owned_is_no_filter(say, message):
    assert say(message).intent.brand is None


def test_the_brand_owned_and_wanted_again_is_kept(say):
    assert say("my old kitchenaid died, want another kitchenaid").intent.brand == "KitchenAid"


@pytest.mark.parametrize("message", ["my son turns 14 next month and i have zero clue what to get him",
                                     "whats good like what are people buying right now"])
def test_not_knowing_what_to_buy_asks_for_ideas(message):
    assert rules.RECOMMEND.search(message)


def test_what_the_shopper_paid_before_is_no_question_about_sponsoring(say):
    say("stand mixer")
    reply = say("oof these are all way more than i paid for my old one. anything cheaper?")
    assert reply.intent.kind == "refine" and reply.intent.cheaper
    assert say("are these paid for?").intent.kind == "why"


@pytest.mark.parametrize("message", ["2nd one for him", "and the 2nd for my son", "the first one for my little sister"])
def test_a_pick_said_for_a_person_adds_it(say, message):
    say("white sneakers")
    assert say(message).intent.kind == "add_to_cart" and len(say.session.cart) == 1


def test_a_pick_asked_about_is_no_add(say):
    say("white sneakers")
    assert say("and the 2nd?").intent.kind == "details" and not say.session.cart


def test_looking_around_and_coming_back_is_a_goodbye(say):
    say("headphones")
    assert say("thanks, i'll have a look and come back").intent.kind == "greeting"


def test_a_discount_asked_of_a_listed_item_is_for_the_help_pages(say):
    assert rules.OFF_TOPIC.search("Any discount can be given on the first one? Festival offer is there?")
    assert not rules.OFF_TOPIC.search("any discounted headphones?")
    say("headphones")
    assert say("Any discount can be given on the first one? Festival offer is there?").intent.kind == "out_of_scope"


@pytest.mark.parametrize(("first", "then"), [
    ("sneakers for my 14 yr old", "now one for my 6 yr old, green pls shes into dinosaurs lol. max 40 for hers"),
    ("jackets for my daughter", "and one for my 14 yo son but he'd die if it was yellow lol, black for him")])
def test_the_next_thing_for_a_child_of_another_age_is_a_search(say, first, then):
    say(first)
    assert say(then).intent.kind == "search"


@pytest.mark.parametrize("message", ["thanks, i'll have a look and come back", "ok i'll think about it, ta"])
def test_a_closing_mid_conversation_is_answered_with_a_goodbye(say, message):
    from assistant.loop import FAREWELL

    say("jeans")
    assert say(message).text == FAREWELL


def test_just_browsing_is_no_goodbye(say):
    from assistant.loop import FAREWELL

    say("jeans")
    assert say("just browsing").text != FAREWELL
