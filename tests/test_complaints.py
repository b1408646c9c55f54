"""Shoppers who complain about the list, ask for ideas and steer from them, write English with French words and
word order, or question the choices before buying: a constraint said again in a complaint ("BLACK. i literally
said black"), a colour wanted beside one ruled out ("SILVER. not gold"), a pick said before its add ("the cheapest
one. add it"), a gift asked with "offer", a return asked of one item, a price drop asked about, "cheaper" right
after gift ideas. Each case read the wrong way before it was handled."""

from __future__ import annotations

import pytest

from assistant.loop import FAREWELL


def test_a_plural_synonym_names_its_aisle(say):
    say("wireless earbuds")
    reply = say("Let's forget about earbuds for now. Show me Samsung smartwatches instead.")
    assert reply.intent.kind == "search"
    assert reply.products and all(c.product.category == "watches" and c.product.brand == "Samsung"
                                  for c in reply.products)


@pytest.mark.parametrize("message", ["thats not what i asked for. SILVER. not gold", "i said silver not gold"])
def test_the_colour_wanted_beside_one_ruled_out_is_the_filter(say, message):
    say("smartwatch")
    say("silver")
    reply = say(message)
    assert reply.intent.kind == "refine" and reply.intent.color == "silver"
    assert reply.products and all(c.product.color == "silver" for c in reply.products)


def test_a_colour_said_again_in_a_complaint_narrows_the_list_instead_of_asking_why(say):
    say("running shoes under 100")
    say("only black ones")
    reply = say("BLACK. i literally said black, why is there a white pair in here")
    assert reply.intent.kind == "refine" and reply.intent.color == "black"
    assert say("why these?").intent.kind == "why"


def test_a_pick_by_price_said_before_its_add_is_added(say):
    say("casio watch")
    cheapest = min(say.session.shown, key=lambda pid: say.assistant.engine.index.product(pid).price)
    reply = say("the cheapest one. add it")
    assert reply.intent.kind == "add_to_cart" and list(say.session.cart) == [cheapest]


def test_a_put_verb_with_a_longer_object_adds(say):
    say("what does jbl have?")
    second = say.session.shown[1]
    assert say("chuck the 2nd of those in too").intent.kind == "add_to_cart"
    assert list(say.session.cart) == [second]


def test_nothing_pleases_and_a_french_goodbye_closes_the_chat(say):
    say("beige sneakers")
    reply = say("ok nothing pleases me really, au revoir")
    assert reply.intent.kind == "greeting" and FAREWELL in reply.text and not say.session.cart


@pytest.mark.parametrize("message", ["Hello, my daughter has 8 years, what can I offer her for Noël? I have no idea",
                                     "I don't know what to offer to my father for his 60 years, you have ideas?"])
def test_a_gift_asked_with_offer_gets_ideas(say, message):
    assert say(message).intent.kind == "recommend"


def test_what_the_shop_offers_is_its_range_not_gift_ideas(say):
    assert say("what do you offer?").intent.kind != "recommend"


def test_forget_the_brand_and_show_all_brands_lifts_it_without_ruling_it_out(say):
    say("a smartphone Samsung under 800")
    reply = say("forget Samsung, show me all the marks")
    assert reply.intent.kind == "refine" and "brand" in reply.intent.clear
    assert "Samsung" not in reply.intent.exclude_brands and say.session.brand is None


def test_the_french_spelling_of_t_shirt_names_the_cart_line(say):
    say("a t-shirt Nike black")
    say("put the first in my basket")
    tee = list(say.session.cart)[0]
    say("now jeans slim, Levi's")
    say("the 3rd also in the basket")
    reply = say("finally I don't want the tee-shirt anymore, take it out of the basket")
    assert reply.intent.kind == "remove_from_cart" and tee not in say.session.cart and len(say.session.cart) == 1


def test_keeping_the_other_one_removes_the_one_named(say):
    say("Dyson vacuums")
    titles = [say.assistant.engine.index.product(pid).title for pid in say.session.shown]
    other = next(n for n, title in enumerate(titles, 1) if "V8" not in title)
    say("add the V8 to my cart")
    v8 = list(say.session.cart)[0]
    say(f"also add number {other}")
    say("Wait, I only need one vacuum. Take the V8 out and keep the other one.")
    assert v8 not in say.session.cart and len(say.session.cart) == 1


def test_how_it_holds_up_against_another_compares_the_two(say):
    say("wireless earbuds")
    say("tell me about the first one")
    reply = say("How does it hold up against the third one?")
    assert reply.intent.kind == "compare" and sorted(reply.intent.references) == [1, 3]


def test_a_word_of_assent_then_the_basket_adds_the_item_looked_at(say):
    say("watches under 250")
    say("the 1st, is the bracelet in leather?")
    first = say.session.shown[0]
    reply = say("parfait, in the basket")
    assert reply.intent.kind == "add_to_cart" and list(say.session.cart) == [first]
    assert say("what is in the basket").intent.kind == "view_cart"


def test_returning_one_item_is_for_the_help_pages_and_its_warranty_for_its_listing(say):
    say("wireless earbuds")
    say("tell me about the first one")
    assert say("and I can return it if the size is not good?").intent.kind == "out_of_scope"
    assert say("Does that one come with a guarantee, in case it packs up on me?").intent.kind == "details"


@pytest.mark.parametrize("message", ["the actual price of the first one, it is the final price or there will be a "
                                     "reduction soon?", "where is my command? I have ordered last week and nothing "
                                     "has arrived"])
def test_a_price_drop_or_an_order_asked_about_is_for_the_help_pages(say, message):
    say("wireless earbuds")
    reply = say(message)
    assert reply.intent.kind == "out_of_scope" and "help pages" in reply.text and not say.session.cart


def test_a_list_judged_basic_with_more_money_offered_steps_up(say):
    say("a moisturizer CeraVe")
    reply = say("hmm these are a bit basic, I can put more money, show me something more haut de gamme")
    assert reply.intent.kind == "refine" and reply.intent.pricier and not reply.trace.not_carried


def test_less_cher_steps_down(say):
    say("jackets")
    reply = say("you have less cher?")
    assert reply.intent.kind == "refine" and reply.intent.cheaper


def test_cheaper_right_after_gift_ideas_is_cheaper_ideas_not_a_search_for_the_word(say):
    say("gift ideas for a teen")
    dearest = max(say.assistant.engine.index.product(pid).price for pid in say.session.shown)
    reply = say("cheaper please")
    assert reply.intent.kind == "recommend" and "Here are 'cheaper" not in reply.text
    assert reply.products and all(c.product.price < dearest for c in reply.products)


def test_a_brand_asked_after_gift_ideas_is_still_a_search(say):
    say("gift ideas")
    reply = say("lego under 40")
    assert reply.intent.kind == "search" and reply.intent.brand == "Lego"


@pytest.mark.parametrize("message", ["merci beaucoup", "au revoir", "danke schön", "hola", "merci, au revoir"])
def test_a_pleasantry_in_another_language_is_one_with_no_language_notice(say, message):
    say("jeans")
    reply = say(message)
    assert reply.intent.kind == "greeting" and not reply.products and "English only" not in reply.text
