"""Shoppers who write English with Polish or Japanese words and manners ("to 100 dollar", "ok I think about it.
dzięki", "Number 1 and 2, what is the difference?"), go back to an earlier search or weigh what is in the cart
("go back to dell but keep it under 900", "drop the more expensive jacket"), or grumble at the list ("under 70
tho. these prices are a joke", "the 3rd, whatever"). Each case read the wrong way before it was handled."""

from __future__ import annotations

from assistant import rules


def test_a_learners_to_before_an_amount_is_a_ceiling():
    assert rules.parse_prices("earbuds for sport maybe, to 100 dollar") == (None, 100.0)
    assert rules.parse_prices("laptop for study, light one, to 700 dollars maximum") == (None, 700.0)
    assert rules.parse_prices("from 50 to 100 dollars") == (50.0, 100.0)
    assert rules.parse_prices("went to 3 shops") == (None, None)


def test_numbers_listed_after_number_are_positions():
    assert rules.parse_references("Number 1 and 2, what is the difference?", allow_bare_numbers=False) == (1, 2)
    assert rules.parse_references("number 3 and 2 more", allow_bare_numbers=False) == (3,)


def test_polish_thanks_and_a_learners_i_think_about_it_close_the_chat(say):
    say("jeans")
    assert say("ok dzięki, this is all for today").intent.kind == "greeting"
    assert say("ok I think about it. dzięki").intent.kind == "greeting"


def test_a_joke_said_of_the_prices_is_a_grumble_with_a_budget(say):
    say("white sneakers")
    reply = say("under 70 tho. these prices are a joke")
    assert reply.intent.kind == "refine" and say.session.max_price == 70.0
    assert rules.OFF_TOPIC.search("tell me a joke")


def test_a_pick_with_a_shrug_is_an_add(say):
    say("badminton racket under 40")
    third = say.session.shown[2]
    assert say("the 3rd, whatever").intent.kind == "add_to_cart" and third in say.session.cart
    say("jackets")
    first = say.session.shown[0]
    assert say("fine. the first. whatever").intent.kind == "add_to_cart" and first in say.session.cart


def test_two_positions_said_alone_are_picks(say):
    say("plain white tees under 25")
    first, third = say.session.shown[0], say.session.shown[2]
    reply = say("the 1st and the 3rd")
    assert reply.intent.kind == "add_to_cart" and {first, third} <= set(say.session.cart)
    say("headphones")
    assert say("the 1st and the 3rd?").intent.kind == "compare"


def test_a_brand_whose_prices_are_insane_so_not_them_is_ruled_out(say):
    reply = say("cast iron pan. and le creuset prices are insane so not them")
    assert "Le Creuset" in say.session.exclude_brands and say.session.brand is None
    assert all(c.product.brand != "Le Creuset" for c in reply.products)


def test_going_back_to_a_brand_keeps_the_budget_said_with_it(say):
    say("dell laptop")
    say("show me lenovo ones instead")
    reply = say("hmm no, go back to dell but keep it under 900")
    assert say.session.brand == "Dell" and say.session.max_price == 900.0
    assert all(c.product.price <= 900 for c in reply.products)


def test_the_dearer_of_two_lines_of_a_kind_is_removed(say):
    say("puffer jackets under 200")
    say("add the 1st and the 4th")
    say("backpacks")
    say("add the 2nd")
    jackets = {pid: say.assistant.engine.index.product(pid).price for pid in list(say.session.cart)[:2]}
    reply = say("drop the more expensive jacket")
    assert reply.intent.kind == "remove_from_cart" and max(jackets, key=jackets.get) not in say.session.cart
    assert len(say.session.cart) == 2


def test_a_colour_weighed_then_said_again_is_the_one_chosen(say):
    say("backpacks")
    say("Navy or black... black please. Sorry, I can't decide easily.")
    assert say.session.color == "black"


def test_the_weather_asked_after_an_add_is_no_question_about_the_item(say):
    say("lipstick")
    say("add the 1st")
    assert say("By the way, will it rain tomorrow in Tokyo? Haha, sorry").intent.kind == "out_of_scope"


def test_more_with_a_grumble_about_the_list_pages_on(say):
    say("summer dress")
    assert say("more. these are all the same dress in five colours").intent.kind == "more"


def test_ideas_for_a_child_come_from_the_toys_and_a_brand_after_them_is_a_search(say):
    reply = say("my nephew turns 7 next week, what do kids that age even like these days?")
    assert reply.intent.kind == "recommend" and reply.intent.category == "toys"
    assert say("ok let's do lego, under 50").intent.kind == "search" and say.session.brand == "Lego"


def test_ideas_asked_for_a_gift_by_what_the_person_likes_are_ideas(say):
    reply = say("ok. I need present for my boyfriend, he like sport and music. what you propose?")
    assert reply.intent.kind == "recommend" and reply.products


def test_give_me_back_all_brands_lifts_the_brand(say):
    say("moisturizer")
    say("CeraVe please")
    reply = say("ok give me back all brands")
    assert reply.intent.kind == "refine" and "brand" in reply.intent.clear and say.session.brand is None
