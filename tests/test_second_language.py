"""Wordings of shoppers writing English as a second language, dictating, describing a look or typing tersely: a
question without "do", a Spanish word mixed in, a budget limit said in words, parts a product must lack, a
price said of the list beside the budget wanted, picks and removals said in few words. Each case read the wrong
way before it was handled."""

from __future__ import annotations

import pytest

from assistant import rules
from assistant.evidence import noun_phrases
from assistant.reading import NO_BUDGET, excluded_terms
from assistant.spanish import in_english


def test_order_tracking_in_the_bare_verb_is_out_of_scope_even_after_a_hello(say):
    assert rules.OFF_TOPIC.search("I make an order the last week and still not arrive")
    assert rules.OFF_TOPIC.search("my parcel did not arrive")
    assert not rules.OFF_TOPIC.search("sneakers that don't arrive late")
    assert say("Hello, I make an order the last week and still not arrive. Where is it?").intent.kind \
        == "out_of_scope"


@pytest.mark.parametrize("message", ["ok that is all, thank you so much, you are very amable", "you are so kind",
                                     "you're very helpful"])
def test_thanks_said_as_you_are_kind_is_a_goodbye(say, message):
    say("running shoes")
    assert say(message).intent.kind == "greeting"


def test_spanish_words_mixed_in_are_read_in_english():
    assert in_english("something more económico please")[0] == "something more cheap please"
    assert in_english("you have also cafeteras?")[0] == "you have also coffee makers?"
    assert in_english("running shoes for my economist friend") == ("running shoes for my economist friend", False)


def test_cheaper_said_with_a_spanish_word_refines(say):
    say("jeans")
    reply = say("something more económico please, these are a lot of money for jeans")
    assert reply.intent.kind == "refine" and reply.intent.cheaper


def test_a_question_without_do_asks_whether_the_shop_sells_it():
    assert rules.REQUEST.search("you have also coffee makers? the machine for make coffee")
    assert rules.REQUEST.search("ok. and you have of L'Oreal?")
    assert not rules.REQUEST.search("you have been a great help")


def test_someone_elses_recommendation_asks_for_none():
    assert not rules.RECOMMEND.search("you have of L'Oreal? my dermatologist recommend it")
    assert rules.RECOMMEND.search("what would you recommend?")


def test_a_budget_limit_said_in_words_is_lifted(say):
    assert NO_BUDGET.search("forget the hundred dollar limit")
    assert NO_BUDGET.search("drop the fifty quid cap")
    say("kettle under a hundred")
    reply = say("ok actually forget the hundred dollar limit my wife says just get a good one")
    assert "max_price" in reply.intent.clear and say.session.max_price is None


@pytest.mark.parametrize("message", ["is possible without laces? for him is difficult to tie them",
                                     "better without laces, he can't bend to tie them", "without laces"])
def test_a_part_the_catalog_never_names_is_still_ruled_out(say, message):
    say("sneakers for my dad")
    reply = say(message)
    assert reply.intent.kind == "refine" and reply.intent.exclude_terms == ("laces",)


def test_common_words_after_no_are_no_parts(say):
    say("lamps")
    assert say("no worries, no kids here").intent.exclude_terms == ()


def test_a_search_naming_a_part_to_lack_keeps_it(demo_assistant):
    vocab = demo_assistant.engine.vocab
    assert excluded_terms("slip on sneakers for my five year old no laces he can't tie em yet", vocab, []) \
        == ("laces",)
    assert excluded_terms("a lamp for the hall, no kids in the house", vocab, []) == ()  # a common word: no part


def test_a_thing_asked_for_after_its_use_is_a_search_not_a_refinement(say):
    say("samsung phones")
    say("add the first one")
    reply = say("she's also gonna need a case for it do you have phone cases")
    assert reply.intent.kind == "search"


def test_removing_a_list_of_brands_with_take_out_all_excludes_them(say):
    say("jackets")
    reply = say("can u take out all the north face stuff, way too outdoorsy for me")
    assert reply.intent.exclude_brand == "The North Face" and reply.intent.kind == "refine"
    assert not any(c.product.brand == "The North Face" for c in reply.products)


def test_a_clause_that_opens_with_thats_ends_the_product_phrase(demo_assistant):
    vocab = demo_assistant.engine.vocab
    assert noun_phrases("looking for a lipstick thats a proper red", vocab)[0] == "lipstick"


def test_another_thing_names_no_product(demo_assistant):
    assert noun_phrases("I want to search other thing", demo_assistant.engine.vocab) == []


def test_a_restart_from_zero_to_search_something_else_clears_the_search(say):
    say("t-shirts")
    say("in green")
    reply = say("mejor we start again from zero, I want to search other thing")
    assert reply.intent.kind == "refine" and reply.intent.clear == ("all",)


@pytest.mark.parametrize("message", ["between the 2nd and 4th which would be comfier for walking round all day",
                                     "between the first and the third, which is lighter?"])
def test_between_two_then_which_compares_them(say, message):
    say("sneakers")
    reply = say(message)
    assert reply.intent.kind == "compare" and len(reply.intent.references) == 2


@pytest.mark.parametrize("message", ["nah next", "nah non of these are it, show me sum more?", "no, more"])
def test_more_said_after_turning_the_list_down(say, message):
    say("headphones")
    assert say(message).intent.kind == "more"


def test_no_more_alone_is_not_more(say):
    say("headphones")
    assert say("no more").intent.kind != "more"


def test_a_brand_one_said_tersely_is_a_pick_but_asked_is_the_brand(say):
    brand = say("headphones").products[0].product.brand
    wanted = say.session.shown[0]
    reply = say(f"{brand.lower()} one add")
    assert reply.intent.kind == "add_to_cart" and wanted in say.session.cart
    assert say(f"a {brand.lower()} one?").intent.kind != "add_to_cart"


def test_a_terse_question_on_a_position_is_about_that_item(say):
    say("headphones")
    reply = say("battery on 2?")
    assert reply.intent.kind == "details" and reply.intent.references == (2,)


def test_a_price_said_of_the_list_beside_the_budget_is_no_floor():
    assert rules.parse_prices("some of these are like $200+ wtf. under 150") == (None, 150.0)
    assert rules.parse_prices("these are all over 100, under 80 pls") == (None, 80.0)
    assert rules.parse_prices("these are over 100") == (100.0, None)  # no budget beside it: read as said


def test_the_brand_said_after_a_change_of_mind_is_the_one_wanted(say):
    say("running shoes")
    reply = say("Nike or Asics... no, better only Asics, he like them")
    assert reply.intent.brand == "Asics"
    assert say("sony headphones, actually bose").intent.brand == "Bose"


def test_quit_removes_a_cart_line(say):
    say("running shoes")
    say("add the first one")
    say("add the second one")
    first = say.session.shown[0]
    reply = say("ok she say she want only the first. Please quit the other one")
    assert reply.intent.kind == "remove_from_cart" and list(say.session.cart) == [first]


def test_the_next_thing_for_another_person_is_a_new_search(say):
    say("running shoes from Nike")
    say("add the first one")
    reply = say("and one for my sister, under 100")
    assert reply.intent.kind == "search" and say.session.category == "running shoes"
    assert say.session.brand is None and say.session.max_price == 100


def test_an_item_picked_for_another_person_is_still_added(say):
    say("running shoes")
    say("add the first one")
    fourth = say.session.shown[3]
    reply = say("and the fourth one too, it's for my sister")
    assert reply.intent.kind == "add_to_cart" and fourth in say.session.cart



def test_a_bare_search_for_another_person_keeps_the_kind_of_product(demo_assistant):
    """The LM parser reads "and one for my sister, under 100" as a search naming nothing: one of the same kind."""
    from assistant.types import Intent, Trace

    session = demo_assistant.new_session()
    demo_assistant.respond(session, "running shoes")
    said = Intent("search", query="and one for my sister", max_price=100.0)
    read = demo_assistant._ground(said, "and one for my sister, under 100", session, Trace())
    assert read.kind == "search" and read.category == "running shoes"
    other = Intent("search", query="and a kettle for my sister")
    assert demo_assistant._ground(other, "and a kettle for my sister", session, Trace()).category != "running shoes"
