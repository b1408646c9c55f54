"""Turns HTTP shoppers typed on the demo shop (spec-minded, skincare, budget planners, indecisive browsers): each
case is a kind of wording that changed the cart, a filter or an answer the wrong way, checked on the demo shop."""

from __future__ import annotations

import pytest


def test_any_brand_is_fine_show_me_all_of_them_lifts_the_brand_and_adds_nothing(say):
    say("show me headphones but only sony or bose pls")
    reply = say("hmm actually any brand is fine, show me all of them")
    assert say.session.cart == {}
    assert reply.intent.kind == "refine" and "brand" in reply.intent.clear
    assert {c.product.brand for c in reply.products} - {"Sony", "Bose"}, "other brands are back"


def test_remove_everything_asked_politely_asks_to_empty_the_cart(say):
    say("watch for running")
    say("add the first one")
    reply = say("wait can u just remove everything, im gonna think")
    assert reply.intent.cart_action == "clear" and "Empty your cart?" in reply.text


def test_one_less_of_a_thing_not_in_the_cart_takes_nothing_else(say):
    say("running shoes")
    say("add the first one")
    cart = dict(say.session.cart)
    reply = say("hmm remove one of the tees, 1 is enough")
    assert say.session.cart == cart and "tees" in reply.text


def test_a_line_set_to_n_instead_of_m_or_with_a_remark_after(say):
    say("t-shirts under 20")
    say("add 3 of the first one")
    tee = say.session.last_added
    say("jeans")
    say("add the first one")
    say("change the tees to 2 instead of 3")
    assert say.session.cart[tee] == 2
    say("make the t-shirt 4, they go fast lol")
    assert say.session.cart[tee] == 4


def test_a_removal_with_the_new_total_asked_removes_and_tells_it(say):
    say("frying pan")
    say("add the first one")
    pan = say.session.last_added
    say("kettle")
    say("add the first one")
    kettle = say.session.last_added
    reply = say("remove the frying pan and tell me the new total")
    assert pan not in say.session.cart and kettle in say.session.cart
    price = demo_assistant_product(say, kettle).price
    assert reply.intent.kind == "remove_from_cart" and f"${price:,.2f} in total" in reply.text


def demo_assistant_product(say, pid):
    return say.assistant.product(pid)


def test_add_n_after_a_look_at_another_item_adds_item_n_and_offers_n_of_it(say):
    say("moisturizer")
    say("the top one, what size")
    looked = say.session.focus
    reply = say("add 3")
    added = say.session.last_added
    assert added != looked and say.session.cart == {added: 1}, "the list's third, as positions are read"
    assert "If you meant 3 of the first one" in reply.text
    say("undo")
    say("add 3 of the first one")
    assert say.session.cart == {looked: 3}, "the words offered do what they say"


def test_a_need_with_what_would_you_recommend_is_read_word_by_word_when_the_phrase_grounds_nothing(demo_assistant):
    """"dry" alone matches moisture-wicking tees and "winter" jackets; "skin" alone is all beauty and closest."""
    from types import SimpleNamespace

    from assistant.evidence import word_aisle
    from assistant.loop import _without_the_ask

    need = _without_the_ask("got super dry flaky skin in winter, what would u recommend")
    assert need == "got super dry flaky skin in winter"
    reads = {"skin": (("beauty", 1.0),), "winter": (("jackets", 1.0),), "dry": (("t-shirts", 0.6), ("beauty", 0.4)),
             "flaky": (("beauty", 1.0),), "super": (("toys", 1.0),)}
    scores = {"skin": 0.40, "winter": 0.39, "dry": 0.45, "flaky": 0.30, "super": 0.2}
    reader = SimpleNamespace(read=lambda w: SimpleNamespace(shares=reads.get(w, ()), top_score=scores.get(w, 0.0),
                                                            top_category=(reads.get(w) or ((None,),))[0][0]))
    assert word_aisle(need, demo_assistant.engine.vocab, reader).top_category == "beauty"


def test_a_colour_word_naming_something_else_is_no_colour_filter(say):
    reply = say("sunscreen spf 50 thats not mineral, i get white cast")
    assert reply.intent.color is None and "mineral" in reply.intent.exclude_terms
    assert say("white sunscreen").intent.color == "white"


def test_a_line_named_by_colour_and_kind_is_the_one_of_that_kind():
    """"the pink lipstick" with a pink mascara and a red lipstick in the cart: the lipstick (the head word)."""
    from assistant.parser import title_word_hits
    from retrieval.types import Product

    lines = [Product("M", "Maybelline Lash Sensational Mascara - Pink", 9.99, category="beauty"),
             Product("L", "Clinique Fragrance-Free Lipstick Glow (Red)", 15.99, category="beauty"),
             Product("B", "Bose QuietComfort 45 Headphones - Black", 99.0, category="headphones"),
             Product("S", "Sony WH-1000XM5 Headphones - Black", 89.0, category="headphones")]
    assert title_word_hits("the pink lipstick", lines) == (2,)
    assert title_word_hits("the black bose", lines) == (3,)
    assert title_word_hits("the headphones", lines) == (3, 4)


def test_questions_that_name_a_count_or_a_want_change_no_cart(say):
    say("black backpack")
    reply = say("compare 1 and 3 of the backpacks, which is lighter")
    assert say.session.cart == {} and reply.intent.kind == "compare" and reply.intent.references == (1, 3)
    say("toasters")
    reply = say("Which colours does the second come in? I want one to match my kettle.")
    assert say.session.cart == {} and reply.intent.kind == "details" and reply.intent.references == (2,)
    say("phones")
    say("Is the first one in stock? I dont want to order something that isnt.")
    assert say.session.cart == {}


def test_did_you_add_both_and_cart_questions_show_the_cart(say):
    say("headphones")
    say("add the first one")
    cart = dict(say.session.cart)
    for message in ("did u add both?", "did you add both? total?", "whats cheapest thing in my cart rn"):
        reply = say(message)
        assert say.session.cart == cart and reply.intent.kind == "view_cart", message


@pytest.mark.parametrize("message, stars", [("4.5+", 4.5), ("4.3 or better", 4.3), ("nothing under 4", 4.0)])
def test_a_bare_rating_over_a_list_priced_far_above_it_is_stars(say, message, stars):
    say("headphones under 100")
    reply = say(message)
    assert reply.intent.min_rating == stars and reply.intent.min_price is None
    assert all(c.product.rating is not None and c.product.rating >= stars for c in reply.products)


def test_a_bare_number_near_the_prices_shown_stays_a_price():
    from assistant.ordering import bare_rating_floor

    assert bare_rating_floor("nothing under 4", [3.5, 6.0]) is None
    assert bare_rating_floor("4", [50.0]) is None, "no cue that it is a rating"
    assert bare_rating_floor("4+", [50.0]) == 4.0


def test_a_second_one_for_someone_asked_politely_is_one_more_of_the_line(say):
    say("frying pan")
    say("add the first one")
    pan = say.session.last_added
    say("And could you add a second one for my sister, please?")
    assert say.session.cart == {pan: 2}


def test_remove_that_one_and_add_the_first_one_instead_on_second_thought_swaps(say):
    shown = [c.product.product_id for c in say("backpack under 80").products]
    say("Please add the second one to my cart.")
    say("Hmm, on second thought, please remove that one and add the first one instead.")
    assert say.session.cart == {shown[0]: 1}


def test_a_sum_to_spend_on_a_present_is_no_question_about_the_cart(say):
    reply = say("Hi, I have about $150 in total to spend on a birthday present for a 7 year old who loves "
                "building things. What can I get?")
    assert reply.intent.kind != "view_cart" and reply.products and reply.intent.max_price == 150


def test_what_would_you_recommend_and_why_with_nothing_shown_searches(say):
    reply = say("I need a pair of running shoes for road running. What would you recommend and why?")
    assert reply.intent.kind != "why" and reply.products


def test_add_the_first_of_a_kind_no_item_on_the_list_is_adds_nothing(say):
    say("kettle")
    reply = say("add the first laptop")
    assert say.session.cart == {} and reply.intent.kind == "search" and reply.intent.category == "laptops"


def test_a_kit_budget_is_kept_for_what_is_left_and_the_item_ceiling_for_the_search(say):
    reply = say("my budget for a running kit is 220. start me with running shoes under 140")
    assert reply.intent.max_price == 140 and all(c.product.price <= 140 for c in reply.products)
    say("add the first one")
    reply = say("whats my running total and whats left")
    assert "under your $220.00" in reply.text
    reply = say("budget 250 total. show me black jeans under 90")
    assert reply.intent.max_price == 90


def test_add_that_one_after_which_has_the_biggest_screen_adds_the_biggest():
    from assistant.asked_facts import sized_pick
    from retrieval.types import Product

    laptops = [Product("A", "Acer 14-inch Laptop", 319.0, size='14"'), Product("L", "Lenovo 16-inch Laptop", 439.0,
                                                                              size='16"'),
               Product("D", "Dell 15-inch Laptop", 669.0, size='15"')]
    assert sized_pick("which of these has the biggest screen", laptops) == 1
    assert sized_pick("which is the smallest", laptops) == 0
    assert sized_pick("which is cheapest", laptops) is None


def test_the_biggest_named_by_a_compare_is_the_one_added_next(say):
    say("laptops")
    say("tell me about the first one")
    reply = say("which of these has the biggest screen")
    assert "The biggest:" in reply.text
    biggest = max(reply.products, key=lambda c: float(c.product.size.strip('"')))
    say("ok add that one to cart")
    assert say.session.cart == {biggest.product.product_id: 1}


def test_swap_to_that_over_a_list_asks_which_and_the_answer_swaps(say):
    first = say("backpacks").products[0].product.product_id
    say("add the first one")
    shown = [c.product.product_id for c in say("jansport ones").products]
    reply = say("swap to that then")
    assert say.session.cart == {first: 1} and "Which one" in reply.text
    say("the second one")
    assert say.session.cart == {shown[1]: 1}
    say("tell me about the third one")
    say("swap to that then")
    assert say.session.cart == {shown[2]: 1}


def test_how_much_am_i_at_against_a_budget_is_a_cart_question(say):
    say("dumbbells")
    say("add the first one")
    reply = say("how much am i at now? still under 100?")
    assert reply.intent.kind == "view_cart" and "under your $100.00" in reply.text


def test_add_that_after_the_cheapest_was_asked_for_adds_the_cheapest(say):
    shown = [c.product for c in say("cheapest dumbell set first").products]
    say("add that")
    assert say.session.cart == {shown[0].product_id: 1}
    assert shown[0].price == min(p.price for p in shown)
    say("dumbbells")
    reply = say("add that")
    assert "Which one" in reply.text, "over a list in no asked order, which one is asked"


def test_a_kind_word_said_as_a_verb_names_no_new_product(say):
    """"he's rather set in his ways": "set" (a dumbbell set, a Lego set) is no product asked for here."""
    say("headphones for my husband under 100")
    reply = say("Have you got any in white? His old pair were white and he's rather set in his ways.")
    assert reply.intent.kind == "refine" and reply.intent.color == "white"
    assert reply.products and all(c.product.category == "headphones" for c in reply.products)


def test_casual_put_verbs_and_bare_positions_into_the_basket_add_those_items(say):
    say("yoga mat")
    third = say.session.shown[2]
    say("chuck the 3rd in")  # "chuck" is also a Converse Chuck Taylor: here it is the verb
    assert say.session.cart == {third: 1}
    say("lego")
    second, fourth = say.session.shown[1], say.session.shown[3]
    reply = say("2 and 4 in the basket please")
    assert reply.intent.kind == "add_to_cart" and {second, fourth} <= set(say.session.cart)
    say("backpacks")
    pick = say.session.shown[3]
    say("yep that 4th one looks mint, bung it in")
    assert pick in say.session.cart


def test_a_removal_with_a_reason_about_the_store_still_removes(say):
    say("white sneakers")
    say("add the 1st")
    sneakers = say.session.last_added
    say("grey t-shirts")
    say("add the second one")
    reply = say("hmm take the sneakers out, I'll get them in store")
    assert reply.intent.kind == "remove_from_cart" and sneakers not in say.session.cart and len(say.session.cart) == 1


def test_a_budget_said_as_more_like_a_number_is_the_ceiling():
    from assistant import rules

    for text, ceiling in [("my budget's more like 60", 60.0), ("his budget's more like 100", 100.0),
                          ("budget more like 400", 400.0), ("my budget's closer to 250", 250.0)]:
        assert rules.parse_prices(text) == (None, ceiling), text


def test_a_price_said_as_taste_steps_down_and_a_brand_priced_out_is_left_out(say):
    say("watches")
    assert say("hmm these are a bit too fancy for him, he's a simple bloke").intent.cheaper
    say("dutch oven")
    reply = say("le creuset's way out of my league, what else have you got?")
    assert reply.intent.kind == "refine" and reply.intent.exclude_brand == "Le Creuset" and not reply.intent.cheaper
    assert reply.products and all(c.product.brand != "Le Creuset" for c in reply.products)
    asked = say("would a garmin be too much? like what have you got under 250")  # a question, no complaint
    assert asked.intent.brand == "Garmin" and "Garmin" not in asked.intent.exclude_brands


def test_brands_ruled_out_by_an_idiom_are_all_left_out(say):
    say("school backpack")
    reply = say("he wouldn't be seen dead with Jansport or Nike")
    assert set(reply.intent.exclude_brands) | {reply.intent.exclude_brand} >= {"Jansport", "Nike"}
    assert reply.intent.brand is None
    assert reply.products and not {c.product.brand for c in reply.products} & {"Jansport", "Nike"}


def test_a_verdict_on_the_list_refines_it_and_what_it_finds_fault_with_is_not_searched(say):
    say("summer dress")
    reply = say("these all look a bit plain tbh")
    assert reply.intent.kind == "refine" and not reply.trace.not_carried
    assert reply.products and all(c.product.category == "dresses" for c in reply.products)
    say("t-shirts for the gym")
    reply = say("meh these all look like plain cotton, i want sweat wicking stuff")
    assert reply.intent.kind == "refine" and "cotton" not in say.session.query


def test_children_to_keep_busy_are_looked_for_among_toys(demo_assistant):
    from assistant.evidence import noun_phrases

    vocab = demo_assistant.engine.vocab
    for message in ["taking 3 kids on a long haul flight next month, need stuff to keep them busy",
                    "kids are going stir crazy on rainy days, what have you got"]:
        assert noun_phrases(message, vocab)[0] == "toys for kids", message
    assert noun_phrases("need stuff to keep them busy on the flight", vocab)[0] != "toys for kids"  # no child


def test_a_wish_for_the_weekend_closes_the_chat(say):
    say("kettle")
    say("add the first")
    reply = say("ta, have a good one!")
    assert reply.intent.kind == "greeting" and reply.text.startswith("Thanks for shopping with us")
    assert say("thanks so much, have a good weekend!").intent.kind == "greeting"


def test_the_sentence_that_asks_for_a_thing_says_what_is_asked_for(demo_assistant):
    from assistant.evidence import _asking_sentence

    vocab = demo_assistant.engine.vocab
    assert _asking_sentence("will need shoes to go with it... do you do heels?", vocab) == "do you do heels?"
    assert _asking_sentence("going camping next week. do you sell tents?", vocab) == "do you sell tents?"
    for message in ["running shoes. do you have any in blue?",  # no thing of its own
                    "she always wanted one of those heavy Le Creuset pots. Do you carry them?",
                    "the kitchen's completely bare. have you got basics under 40?",  # the message names its aisle
                    "do you do heels?"]:  # one sentence: read whole
        assert _asking_sentence(message, vocab) is None, message


def test_service_questions_slang_matching_colours_and_asks_after_an_answer(say):
    say("kettle")
    assert say("ok we'll have a think. do you do student discounts?").intent.kind == "out_of_scope"
    reply = say("lappy for uni under 700")
    assert reply.intent.category == "laptops" and reply.intent.max_price == 700
    say("red kettle")
    say("put the first one in")
    assert say("and a toaster to match").intent.color == "red"
    from assistant.reading import asks_for_thing

    assert asks_for_thing("fair enough. a hat then? the sun up there is brutal", say.assistant.engine.vocab)
    fresh = say.assistant.new_session()
    reply = say.assistant.respond(fresh, "first date friday and i want to smell amazing, what perfumes do you stock")
    assert reply.intent.kind != "details" and not reply.intent.unresolved  # "first date": no item, nothing shown


def test_a_list_of_best_rated_or_dearer_ones_is_asked_for_and_nothing_is_added(say):
    say("headphones")
    reply = say("top rated ones please")
    assert reply.intent.kind == "refine" and reply.intent.order == "rating" and say.session.cart == {}
    assert say("show me the best rated ones").intent.kind == "refine"
    say("football")
    reply = say("These seem awfully cheap, dear. I'd like to get him a proper one that'll last, something a bit "
                "better. Could you show me some dearer ones?")
    assert reply.intent.kind == "refine" and reply.intent.pricier and not reply.intent.references
    assert say.session.cart == {}


def test_wiping_the_search_and_ruling_colours_out(say):
    say("white tshirts")
    say("under 20")
    assert say("clear all that").intent.clear == ("all",)
    say("jackets under 100")
    assert "max_price" in say("ok forgot the budget lol").intent.clear
    say("running shoes")
    reply = say("none in orange or yellow pls, too loud")
    assert reply.intent.color is None and {"orange", "yellow"} <= set(reply.intent.exclude_terms)


def test_a_word_for_a_sofa_is_not_split_into_catalog_words(demo_assistant):
    from assistant.spelling import Speller

    speller = Speller(demo_assistant.engine.vocab)
    assert "settee" in speller.correct("he'd lose them down the side of the settee")[0]
    assert speller.correct("airfryer")[0] == "air fryer"


def test_the_first_and_the_last_are_compared_whatever_else_says_all(say):
    say("headphones")
    reply = say("Compare the first and the last one for me, would you? I don't know what all these numbers mean.")
    assert reply.intent.kind == "compare" and reply.intent.references == (1, len(say.session.shown))


def test_delivery_and_weather_chat_are_no_product_requests(say):
    say("kettle")
    say("add the first")
    assert say("Can you tell me when it'll be delivered? I'm out on Thursdays.").intent.kind == "out_of_scope"
    assert say("Thank you. Do you get much rain where you are, dear?").intent.kind in ("out_of_scope", "greeting")


def test_a_matching_thing_if_you_do_them_is_another_kind_of_product(demo_assistant):
    from assistant.types import DialogueState
    from assistant.validate import new_kind_of_product

    state = DialogueState(query="a red kettle", category="kitchen")
    message = ("Thank you ever so much. Now my daughter says I ought to have a matching toaster, a red one, "
               "if you do them.")
    assert new_kind_of_product(message, state, demo_assistant.engine.vocab)
    assert not new_kind_of_product("white, matching the toaster", state, demo_assistant.engine.vocab)


def test_a_word_only_another_aisles_titles_use_is_no_description_of_the_list(demo_assistant):
    from assistant.on_the_list import described_words

    vocab = demo_assistant.engine.vocab
    assert described_words("galaxy buds?", vocab, "smartphones") == []  # only headphones' titles say "buds"


def test_the_top_one_of_a_kind_is_the_lists_first(say):
    say("iphone under 800")
    first = say.session.shown[0]
    reply = say("add the top iphone")
    assert reply.intent.kind == "add_to_cart" and first in say.session.cart


def test_an_approximate_bound_is_that_bound_and_nothing_dearer_than_is_a_ceiling():
    from assistant import rules
    from assistant.reading import pricier

    assert rules.parse_prices("Up to about two hundred and fifty dollars.") == (None, 250.0)
    assert rules.parse_prices("over about 100") == (100.0, None)
    assert rules.parse_prices("around 300") == (240.0, 360.0)  # a price said loosely is still a band
    assert not pricier("could you show me some? Nothing dearer than 400 please.")
    assert pricier("could you show me some dearer ones?")


def test_an_everyday_word_of_a_the_brand_in_lower_case_after_an_article_is_the_word(demo_assistant):
    vocab = demo_assistant.engine.vocab
    assert vocab.mentioned_brands("a proper watch, an ordinary one with hands") == []
    assert vocab.mentioned_brands("the ordinary serum") == ["The Ordinary"]


def test_one_of_those_is_which_kind_not_how_many_and_the_watch_is_searched(say):
    from assistant.cart_clauses import split_cart_clauses

    message = ("I'd like to buy him a proper watch, an ordinary one with hands, not one of those smart computer ones. "
               "Up to about two hundred and fifty dollars.")
    assert split_cart_clauses(message) is None
    reply = say(message)
    assert reply.intent.kind == "search" and reply.intent.max_price == 250 and reply.intent.brand is None
    assert split_cart_clauses("add 2 of the first and 1 of the third") is not None  # two quantities still


def test_all_the_oil_rules_out_no_word_all(demo_assistant):
    from assistant.reading import excluded_terms

    assert "all" not in excluded_terms("the ones where you cook the chips without all the oil",
                                       demo_assistant.engine.vocab, [])


def test_a_colour_for_the_list_said_as_something_in_a_shade_refines_it(say):
    say("throw blanket")
    reply = say("Something in a soft pink, if you have it.")
    assert reply.intent.kind == "refine" and reply.intent.color == "pink"
    assert say("Lovely, thank you. Cheerio.").text.startswith("Thanks for shopping with us")


def test_the_cheaper_of_the_kind_said_is_picked_among_those_shown(demo_assistant):
    from assistant.parser import shown_references
    from recsys.types import Candidate
    from retrieval.types import Product

    def item(pid, title, price):
        return Candidate(Product(pid, title, price, "", "kitchen", "Tefal", "red"), 1.0, "")

    shown = [item("A", "Compact Kettle, Red", 65.99), item("B", "Rapid-Boil Kettle (Red)", 27.99),
             item("C", "Compact Saucepan Set, Red", 19.99), item("D", "Stand Mixer (Red)", 469.99)]
    vocab = demo_assistant.engine.vocab
    assert shown_references("I'll take the cheaper of the red kettles then please.", shown, vocab) == (2,)
    assert shown_references("the cheaper one", shown, vocab) == ()  # of four, no pair to pick from


def test_another_item_with_its_own_count_is_added_not_the_last_ones_count_changed(say):
    say("scented candle")
    first, fourth = say.session.shown[0], say.session.shown[3]
    say("ok 3 of the first")
    say("and the 4th one too, just 1")
    assert say.session.cart == {first: 3, fourth: 1}
    say("mascara")
    second = say.session.shown[1]
    reply = say("1 of the 2nd")
    assert reply.intent.kind == "add_to_cart" and say.session.cart.get(second) == 1


def test_a_removal_that_says_what_is_enough_keeps_it(say):
    say("sunscreen")
    first = say.session.shown[0]
    say("2 of the first and 1 of the second")
    say("on second thoughts remove the second one, the first is enough")
    assert say.session.cart == {first: 2}


def test_a_cap_is_a_ceiling_and_whats_in_there_is_the_cart(say):
    from assistant import rules

    assert rules.parse_prices("secret santa at work, $25 cap. what would u get") == (None, 25.0)
    assert rules.parse_prices("baseball cap") == (None, None)
    say("toys")
    say("add the 1st and the 3rd")
    assert say("ok what's in there now").intent.kind == "view_cart"


def test_a_category_word_before_a_thing_the_shop_lacks_is_no_request_for_that_category(demo_assistant):
    vocab = demo_assistant.engine.vocab
    assert vocab.wanted_categories("do you have phone cases too") == []


def test_a_size_said_with_how_the_product_is_used_refines_the_list(say):
    from assistant.reading import names_other_thing

    assert not names_other_thing("ideally , i carry it everywhere", say.assistant.engine.vocab)
    assert names_other_thing("got tvs too?", say.assistant.engine.vocab)
    say("laptop under 800")
    assert say("battery's my main thing tbh, anything with 16gb?").intent.kind == "refine"


def test_a_long_take_out_removes_and_a_frock_is_a_dress(say):
    say("toaster")
    say("add the first one")
    first = say.session.last_added
    say("and the 3rd")
    reply = say("take the second thing in my cart out")
    assert reply.intent.kind == "remove_from_cart" and say.session.cart == {first: 1}
    assert say("party wear frock in red, below 100 dollars").intent.category == "dresses"


@pytest.mark.parametrize(("before", "message"), [
    ("frying pan", "no non-stick please, they never last"),
    ("black jeans for me under 60", "oh forget the budget, just want some that last more than 5 mins"),
])
def test_last_said_as_a_verb_adds_nothing(say, before, message):
    say(before)
    reply = say(message)
    assert say.session.cart == {} and reply.intent.kind == "refine", message


def test_wont_wear_a_brand_rules_it_out(say):
    reply = say("trainers for my lad nothin over 45, he wont wear nike")
    assert say.session.exclude_brands == ["Nike"] and reply.intent.brand is None
    assert reply.products and all(c.product.brand != "Nike" for c in reply.products)


def test_a_story_about_money_before_a_request_for_pricier_ones(say):
    say("headphones under 40")
    reply = say("ok my refund check came in lol show me the pricier ones")
    assert reply.intent.kind == "refine" and reply.intent.pricier


@pytest.mark.parametrize(("context", "message", "cheaper"), [
    ((), "need a good moisturiser for dry skin, nothing too pricey.. under $25 maybe?", False),
    (("looking for a backpack for uni",), "got any in navy? and not too dear, under 60 is fine", False),
    (("running shoes",), "bit much, got anything under 120?", False),
    (("duvet cover for my daughters room, pink",), "bit much for a duvet cover tbh", True),
])
def test_a_loose_ceiling_beside_a_price_is_a_budget_not_a_step_down(say, context, message, cheaper):
    for before in context:
        say(before)
    reply = say(message)
    assert reply.intent.cheaper is cheaper, message


@pytest.mark.parametrize("message", ["hiya! moved in yesterday and the place is bare. what should I get first?",
                                     "morning! just moved in. what do people always forget to buy for a new place?"])
def test_what_to_get_first_asks_for_ideas(say, message):
    assert say(message).intent.kind == "recommend"


def test_a_laptop_for_homework_is_a_laptop(say):
    reply = say("laptop for my daughters homework, under 500")
    assert reply.intent.kind == "search" and reply.intent.category == "laptops" and reply.intent.max_price == 500


def test_forget_one_colour_for_another_switches_to_it(say):
    say("running shoes under 80")
    say("any in pink")
    reply = say("hmm actually forget pink, black goes w everything")
    assert reply.intent.color == "black" and say.session.color == "black"


def test_all_brands_and_all_colours_lift_them(say):
    say("smartwatch")
    say("any samsung ones?")
    assert "brand" in say("nvm go back to all brands").intent.clear and say.session.brand is None
    say("in pink?")
    assert "color" in say("hmm, show me all the colours again").intent.clear and say.session.color is None


def test_max_like_n_is_a_ceiling(say):
    say("noise cancelling headphones")
    reply = say("but max like 150")
    assert reply.intent.kind == "refine" and reply.intent.max_price == 150


def test_no_clue_what_kids_are_into_asks_for_ideas(say):
    reply = say("I need a present for my nephew, he's turning 6, no clue what kids are into these days")
    assert reply.intent.kind == "recommend"


def test_a_shop_to_pop_into_is_a_store_question():
    from assistant import rules

    assert rules.OFF_TOPIC.search("cheers. do you have a shop in Perth I can pop into?")


def test_go_on_with_a_pick_adds_it_and_that_will_do_me_says_goodbye(say):
    shown = say("kettles under 35").products
    reply = say("that one at the top, go on")
    assert reply.intent.kind == "add_to_cart" and say.session.cart == {shown[0].product.product_id: 1}
    cart = dict(say.session.cart)
    assert say("cheers, that'll do me for today").intent.kind == "greeting" and say.session.cart == cart
    say("toasters")
    assert say("ok forget it ill ask her dad tonight, ta").intent.kind == "greeting"


def test_take_the_laptop_out_removes_it_over_bags(say):
    say("macbook air")
    say("add the 1st")
    laptop = say.session.last_added
    say("backpacks")
    say("add the 1st")
    say("let me see the cart")
    reply = say("take the laptop out, I'll have a think about that one")
    assert reply.intent.kind == "remove_from_cart" and laptop not in say.session.cart and len(say.session.cart) == 1


@pytest.mark.parametrize("message", ["pop it in", "add it", "perfect add it"])
def test_add_it_right_after_a_list_adds_the_top_one(say, message):
    say("jackets")
    top = say("in black").products[0].product.product_id
    reply = say(message)
    assert reply.intent.kind == "add_to_cart" and say.session.cart == {top: 1}, message


def test_add_it_after_a_comparison_still_asks_which(say):
    say("jackets")
    say("compare 1 and 2")
    reply = say("add it")
    assert reply.intent.kind == "add_to_cart" and say.session.cart == {}


def test_a_size_said_with_a_pick_chooses_it(say):
    say("jackets")
    reply = say("the 1st pls, size 8")
    assert reply.intent.kind == "add_to_cart" and reply.intent.references == (1,)


def test_stick_with_what_one_has_is_no_add(say):
    say("headphones")
    say("add the first")
    say("jackets")
    say("add the 2nd")
    reply = say("actually take the headphones out, gonna stick w my old ones")
    assert reply.intent.kind == "remove_from_cart" and len(say.session.cart) == 1


def test_a_brand_named_then_left_out(say):
    say("I need a mobile telephone for myself, nothing too complicated. My old one only makes calls.")
    reply = say("My son tells me the Apple ones are far too fiddly for somebody my age, so could you leave those "
                "out, please?")
    assert reply.intent.kind == "refine" and say.session.exclude_brands == ["Apple"]
    assert all(c.product.brand != "Apple" for c in reply.products)


def test_should_not_get_a_brand_rules_it_out(say):
    say("I am after a mobile telephone for myself. Something under three hundred dollars, please.")
    reply = say("My son says I should not get an Apple one, as they are too fiddly. Could you take those away, please?")
    assert reply.intent.brand is None and say.session.exclude_brands == ["Apple"]


def test_on_second_thoughts_is_no_second_item(say):
    say("jackets")
    say("I will take the second one of those, please.")
    say("Could you show me my basket, please, with the price? I want to write it down.")
    reply = say("On second thoughts, please take it out again. I shall ask my daughter what she thinks first.")
    assert reply.intent.kind == "remove_from_cart" and say.session.cart == {}


def test_a_kind_the_shopper_owns_is_no_new_search(say):
    say("smartwatch")
    say("under 250")
    reply = say("not apple, I've got an android phone")
    assert reply.intent.kind == "refine" and say.session.category == "watches"
    assert say.session.exclude_brands == ["Apple"]


def test_a_room_said_as_a_place_and_could_do_with_name_what_is_wanted(say):
    say("KitchenAid stand mixer")
    reply = say("Have you got one in red? It would look cheerful in my kitchen.")
    assert reply.intent.kind == "refine" and reply.intent.color == "red" and say.session.brand == "KitchenAid"
    say("jeans for my husband")
    reply = say("He could also do with some plain T-shirts for under his jumpers. Have you got white ones by Uniqlo?")
    assert reply.intent.category == "t-shirts"


def test_a_story_that_says_free_before_a_removal_removes_and_haggling_is_refused(say):
    say("noise cancelling headphones")
    say("I take the first of these")
    reply = say("Ach, my colleague just told me the company gives them for free. Please remove it again")
    assert reply.intent.kind == "remove_from_cart" and say.session.cart == {}
    say("add the 2nd one")
    for message in ("can u knock 10 off if i buy today lol", "can I have it for free?", "make it free of charge"):
        reply = say(message)
        assert reply.trace.policy == "price_change", message
    assert len(say.session.cart) == 1, "no refused turn changes the cart"


def test_a_request_beside_a_remark_about_paying_is_answered(say):
    say("garmin gps watch")
    reply = say("Are there cheaper ones? These are more than I pay in Germany")
    assert reply.intent.kind == "refine" and reply.intent.cheaper


@pytest.mark.parametrize("message", ["hiya! whats good?", "hey, whats good today?", "hello! what's popular?"])
def test_a_hello_before_whats_good_asks_for_picks(say, message):
    assert say(message).intent.kind == "recommend"


def test_a_requirement_said_with_a_reason_narrows_the_list_on_screen(say):
    say("I cycle to my new office, so I need a backpack where my laptop fits")
    reply = say("It must be waterproof, here it rains really a lot")
    assert reply.intent.kind == "refine"
    assert reply.products and {c.product.category for c in reply.products} == {"backpacks"}


def test_a_thing_asked_for_with_a_clause_about_who_uses_it_is_found(say):
    from assistant.evidence import noun_phrase

    message = "maybe a board game he can play with his mates?"
    assert noun_phrase(message, say.assistant.engine.vocab) == "board game"  # not "board game he play"
    say("toys for a 9 year old boy")
    reply = say(message)
    assert not reply.trace.not_carried
    assert reply.products and all("board game" in c.product.title.lower() for c in reply.products)


def test_a_title_word_two_listed_items_share_adds_the_higher_ranked_and_and_the_x_too_adds_another(say):
    listed = say("board games under 15").products
    titles = [c.product.title for c in listed]
    named = [w for w in ("Monopoly", "Uno", "Jenga") if sum(w in t for t in titles) >= 1]
    assert len(named) >= 2, titles
    first, second = named[:2]
    reply = say(f"add the {first.lower()}")
    assert reply.intent.kind == "add_to_cart"
    assert [say.assistant.product(p).title for p in say.session.cart] == [next(t for t in titles if first in t)]
    reply = say(f"oh and the {second.lower()} too, it's cheap")
    assert reply.intent.kind == "add_to_cart" and len(say.session.cart) == 2
    assert any(second in say.assistant.product(p).title for p in say.session.cart)


def test_a_brand_called_a_bit_dear_beside_another_asked_for_is_swapped(say):
    say("laptop backpack, not more than 80")
    reply = say("hmm herschel's a bit dear actually, any jansport under 40?")
    assert reply.intent.brand == "Jansport" and reply.intent.exclude_brand == "Herschel"
    assert not any("laptops" in n for n in reply.trace.notices)  # "laptop" says what the backpack is for
    assert reply.products and {c.product.brand for c in reply.products} == {"Jansport"}


def test_a_refinement_that_leaves_few_of_the_kind_says_the_rest_are_other_things(say):
    say("kitchen kettles")
    reply = say("in red")
    kettles = sum("Kettle" in c.product.title for c in reply.products)
    assert 0 < kettles < len(reply.products)
    assert f"Only {kettles} of these are kettles; the rest are the closest other kitchen products." \
        in reply.trace.notices



@pytest.mark.parametrize("message, prices", [("cheapest headphones u got? nothing north of 40", (None, 40.0)),
                                             ("headphones south of 50", (None, 50.0)),
                                             ("a watch north of 200", (200.0, None))])
def test_north_and_south_of_a_price_bound_it(message, prices):
    from assistant import rules

    assert rules.parse_prices(message) == prices


def test_more_said_first_with_a_remark_shows_more_and_with_a_constraint_narrows(say):
    say("warm jackets under 150")
    assert say("more pls, none of these are really his style").intent.kind == "more"
    reply = say("more, in blue")
    assert reply.intent.kind == "refine" and reply.intent.color == "blue"


@pytest.mark.parametrize("message, kind", [
    ("I am new in this country and have almost nothing. What would you recommend me to buy first?", "recommend"),
    ("Vielen Dank, you were very helpful! Have a nice evening", "greeting"),
    ("cheers, you've been a star", "greeting"),
])
def test_a_first_purchase_asked_for_and_thanks_in_other_words(say, message, kind):
    assert say(message).intent.kind == kind


def test_the_sum_asked_after_a_cart_change_shows_the_cart(say):
    say("lodge pans")
    say("add the first")
    say("add the second")
    say("take out the second one")
    for message in ("ok how much is it now", "and where does that leave me"):
        reply = say(message)
        assert reply.intent.kind == "view_cart" and "Total:" in reply.text, message


def test_throw_in_names_no_product_and_adds_nothing_unseen(say):
    from assistant.evidence import noun_phrase

    assert noun_phrase("also throw in some socks", say.assistant.engine.vocab) == "socks"  # no throw blankets
    say("hoka running shoes")
    say("add the second")
    say("also throw in some socks")
    assert len(say.session.cart) == 1


def test_about_a_sum_left_is_a_ceiling_and_discount_questions_are_for_the_help_pages(say):
    from assistant import rules

    assert rules.parse_prices("i've only got about 600 left in the budget tho") == (None, 600.0)
    assert rules.parse_prices("around 100") == (80.0, 120.0)
    say("air fryers")
    say("add 1 and 2")
    reply = say("any bundle discount if i get both?")
    assert reply.intent.kind == "out_of_scope" and len(say.session.cart) == 2


def test_someone_hard_to_buy_for_with_hobbies_asks_for_picks(say):
    reply = say("my sister is impossible to buy for. she runs, does yoga, drinks way too much coffee. ideas?")
    assert reply.intent.kind == "recommend"


def test_the_thing_in_mind_after_thinking_is_what_is_asked_for(say):
    from assistant.evidence import noun_phrases

    message = "Got 5 teachers to buy for this year, thinking candles, no more than $12 each"
    assert noun_phrases(message, say.assistant.engine.vocab)[0] == "candles"
    assert say("I'm thinking about what to get my mum").intent.kind == "recommend"

