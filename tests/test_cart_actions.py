"""Cart actions in chat: quantities, emptying the cart only after a yes, checkout with a confirmation."""

from __future__ import annotations

import re

import pytest


@pytest.fixture()
def chat(assistant):
    session = assistant.new_session()

    def say(message: str):
        return assistant.respond(session, message)

    return session, say


def test_make_it_two_sets_the_quantity_of_the_line_just_added(chat):
    session, say = chat
    shown = say("headphones").products
    say("add the first one")
    reply = say("make it two")
    assert reply.intent.cart_action == "set_quantity" and session.cart == {shown[0].product.product_id: 2}
    assert "Now 2 ×" in reply.text
    say("add 3 of the second one")
    assert session.cart[shown[1].product.product_id] == 3, "the quantity, not product number 3"
    assert list(session.cart) == [shown[0].product.product_id, shown[1].product.product_id]


def test_a_price_is_not_a_quantity(chat):
    session, say = chat
    say("headphones")
    say("add the first one")
    cart = dict(session.cart)
    for message in ("make it 70", "make it $15"):
        assert say(message).intent.cart_action == "" and session.cart == cart


def test_emptying_the_cart_is_asked_first(chat):
    session, say = chat
    say("headphones")
    say("add the first one")
    cart = dict(session.cart)
    asked = say("clear my cart")
    assert "Say 'yes'" in asked.text and session.cart == cart, "one message never empties a cart"
    say("no, keep it")
    assert session.cart == cart
    say("yes")
    assert session.cart == cart, "a yes with no question pending is not a confirmation"
    for refusal in ("don't clear my cart", "please do not empty my basket"):
        assert say(refusal).intent.cart_action == "keep_cart" and session.cart == cart, refusal
    say("empty my basket")
    done = say("yes please")
    assert session.cart == {} and "empty" in done.text


def test_checkout_shows_the_cart_then_places_the_order_on_a_yes(chat):
    session, say = chat
    shown = say("headphones").products
    say("add the first two")
    say("add 2 of the second one")
    expected = round(shown[0].product.price + 2 * shown[1].product.price, 2)
    cart = dict(session.cart)
    asked = say("ok checkout")
    assert session.last_order is None and session.cart == cart, "one word never places an order"
    assert asked.intent.kind == "view_cart" and "Say 'yes'" in asked.text and len(asked.products) == 2
    reply = say("yes please")
    order = session.last_order
    assert order is not None and session.cart == {}
    assert order["total"] == expected and [line["quantity"] for line in order["lines"]] == [1, 2]
    assert order["order_id"] in reply.text and "No payment" in reply.text
    assert say("checkout").text.startswith("Your cart is empty"), "nothing to order twice"


@pytest.mark.parametrize("answer", ["no wait", "not yet", "hmm actually add the third one too"])
def test_checkout_not_confirmed_keeps_the_cart(chat, answer):
    session, say = chat
    say("headphones")
    say("add the first one")
    say("alright lets check out")
    say(answer)
    assert session.last_order is None and session.cart, answer
    say("yes")
    assert session.last_order is None, "a yes with the question no longer pending places nothing"


@pytest.mark.parametrize("message", ["checkout and pay with my saved card", "before I check out, what's in my cart?",
                                     "how do I check out?"])
def test_not_a_checkout(chat, message):
    session, say = chat
    say("headphones")
    say("add the first one")
    cart = dict(session.cart)
    say(message)
    assert session.cart == cart and session.last_order is None


def test_checkout_with_an_out_of_stock_line_orders_the_rest_and_says_so():
    from assistant import cart
    from assistant.types import DialogueState
    from retrieval.types import Product

    products = {"A": Product("A", "Kettle A", 20.0), "B": Product("B", "Kettle B", 30.0, in_stock=False)}

    class Index:
        def product(self, pid):
            return products.get(pid)

    state = DialogueState(cart={"A": 2, "B": 1})
    bought, text = cart.checkout(state, Index(), "SA-TEST")
    assert [c.product.product_id for c in bought] == ["A"] and state.cart == {"B": 1}
    assert text == ("Order SA-TEST placed: 2 items, total $40.00. No payment is taken in this demo; this is your "
                    "confirmation. 1 item out of stock stays in your cart.")


def _ids(products):
    return [c.product.product_id for c in products]


def test_one_more_and_one_less_of_a_line(chat):
    session, say = chat
    first = _ids(say("headphones").products)[0]
    say("add the first one")
    reply = say("add another one of the same")
    assert reply.intent.cart_action == "set_quantity" and session.cart == {first: 2}
    reply = say("remove one of the headphones")
    assert reply.intent.cart_action == "one_less" and session.cart == {first: 1}, "one less, not the whole line"
    assert "Now 1 ×" in reply.text
    say("one less please")
    assert session.cart == {}


def test_a_quantity_said_with_its_line(chat):
    session, say = chat
    shown = _ids(say("headphones").products)
    say("add the first two")
    say("show me the cart")
    reply = say("change the second one to 3 pairs")
    assert reply.intent.cart_action == "set_quantity" and session.cart == {shown[0]: 1, shown[1]: 3}
    for not_a_quantity in ("change the budget to 5", "set the size to 10"):
        assert say(not_a_quantity).intent.cart_action != "set_quantity", not_a_quantity
    assert session.cart == {shown[0]: 1, shown[1]: 3}


def test_a_quantity_for_a_line_named_twice_is_asked_then_set(chat):
    session, say = chat
    shown = _ids(say("headphones").products)
    say("add the first two")
    asked = say("set the headphones quantity to 2")
    assert asked.text.startswith("Which one should be 2?") and session.cart == {shown[0]: 1, shown[1]: 1}
    say("the second one")
    assert session.cart == {shown[0]: 1, shown[1]: 2}


def test_a_cart_line_picked_by_its_price(chat):
    session, say = chat
    products = say("headphones").products
    say("add the first two")
    dearer = max(products[:2], key=lambda c: c.product.price).product.product_id
    assert products[0].product.price != products[1].product.price
    reply = say("drop the expensive one")
    assert reply.intent.kind == "remove_from_cart" and dearer not in session.cart and len(session.cart) == 1


def test_compare_them_right_after_adding_two(chat):
    session, say = chat
    say("headphones")
    say("add the first one")
    say("and the third one too")
    reply = say("compare them")
    assert reply.intent.kind == "compare" and sorted(reply.intent.references) == [1, 3]


def test_a_removal_is_no_answer_to_which_two(chat):
    session, say = chat
    shown = _ids(say("headphones").products)
    say("add the first one")
    assert say("compare the first one").intent.kind == "compare"
    reply = say("remove the first one")
    assert reply.intent.kind == "remove_from_cart" and shown[0] not in session.cart


def test_and_the_brand_too_right_after_an_add(chat):
    session, say = chat
    products = say("headphones").products
    brands = [c.product.brand for c in products]
    other = next(b for b in brands[1:] if b and b != brands[0])
    say("add the first one")
    reply = say(f"and the {other} too")
    assert reply.intent.kind == "add_to_cart"
    assert {c.product.brand for c in products if c.product.product_id in session.cart} == {brands[0], other}


def test_a_count_of_the_cheapest_or_a_named_one_is_its_quantity(chat):
    """"add 2 of the cheapest": two of the cheapest, not one of item 2."""
    session, say = chat
    shown = [c.product for c in say("headphones").products]
    cheapest = min(shown, key=lambda p: p.price)
    reply = say("add 2 of the cheapest one")
    assert reply.intent.cart_action == "set_quantity" and session.cart == {cheapest.product_id: 2}
    bose = next(p for p in shown if p.brand == "Bose")
    say("add three of the bose one")
    assert session.cart[bose.product_id] == 3


def test_an_ordinal_of_a_brand_counts_among_that_brand(chat):
    session, say = chat
    shown = [c.product for c in say("headphones").products]
    sonys = [p for p in shown if p.brand == "Sony"]
    assert len(sonys) >= 2 and shown.index(sonys[1]) != 1, "the second Sony is not item 2"
    say("add the second sony one")
    assert session.cart == {sonys[1].product_id: 1}


def test_an_add_of_a_brand_nothing_on_screen_is_adds_nothing(chat):
    """"add the first nike one" over headphones without Nike: Nike's items are shown and the reply asks which;
    the item in focus is not added in its place."""
    session, say = chat
    say("headphones")
    say("add the first one")
    cart = dict(session.cart)
    reply = say("add the first nike one")
    assert session.cart == cart and reply.products and all(c.product.brand == "Nike" for c in reply.products)
    assert "which of these" in reply.text


def test_a_thing_for_the_item_in_the_cart_is_not_another_of_it(chat):
    """"also add a case for them" after AirPods: the shop has no cases, and a second pair is not a case."""
    session, say = chat
    say("headphones")
    say("add the first one")
    cart = dict(session.cart)
    say("also add a case for them")
    assert session.cart == cart


def test_a_number_in_a_model_name_or_with_a_unit_is_no_position(chat):
    """"add the sony 14" names the Sony Sound 14 and "the 4 star one" a rating: neither is item 4 or 14."""
    session, say = chat
    shown = [c.product for c in say("headphones").products]
    late = shown[-1]
    model = re.search(r"\b(\d+)\b", late.title)[1]
    say(f"add the {late.brand.lower()} {model}")
    assert session.cart == {late.product_id: 1}
    reply = say(f"the {model}? add it please")
    assert reply.intent.references != (int(model),)


def test_a_shown_product_named_by_its_price(chat):
    session, say = chat
    for aisle in ("headphones", "jackets", "running shoes"):
        shown = [c.product for c in say(aisle).products]
        prices = [p.price for p in shown]
        unique = next((p for p in shown[1:] if prices.count(p.price) == 1), None)
        if unique is not None:
            break
    say(f"the {unique.price:.2f} one. add to cart pls")
    assert session.cart == {unique.product_id: 1}


@pytest.mark.parametrize(("message", "positions"), [
    ("the osprey has 4 stars, add it", ()), ("put the oxo in the cart, 2 pieces", ()),
    ("add the white ideapad 16 inch", ()), ("the 104.99 one", ()), ("under 50", ()), ("size 10 pls", ()),
    ("put 4 in my basket", (4,)), ("put the 1 in cart also", (1,)), ("1 or 5?", (1, 5)), ("add 3 and 5", (3, 5))])
def test_bare_numbers_that_are_positions(message, positions):
    from assistant import rules

    assert rules.parse_references(message, allow_bare_numbers=True) == positions


def test_thanks_said_after_a_pick_keeps_the_pick(chat):
    """"ok i'll get that one. thank you so much" after asking about one item adds it; thanks alone adds nothing."""
    session, say = chat
    shown = [c.product for c in say("jackets").products]
    say("does the second one have a hood?")
    say("ok i'll get that one. thank you so much")
    assert session.cart == {shown[1].product_id: 1}
    assert say("you're a star, thanks").intent.kind == "greeting" and len(session.cart) == 1


def test_both_after_two_named_items_adds_those_two(chat):
    """"the red nike one and the blue bose one would match. add both": the two named, not the first two."""
    session, say = chat
    shown = [c.product for c in say("jackets").products]
    unique = [p for p in shown[2:] if sum((q.brand, q.color) == (p.brand, p.color) for q in shown) == 1]
    first, second = unique[0], unique[-1]
    assert first != second
    said = (f"ooh the {first.color} {first.brand.lower()} one and the {second.color} {second.brand.lower()} one "
            "would match. add both")
    say(said)
    assert set(session.cart) == {first.product_id, second.product_id}


def test_positions_said_in_a_complaint_are_not_the_add(chat):
    """"2 and 3 are too pricey!! anyway, add the red nike one": the add's own sentence says which."""
    session, say = chat
    shown = [c.product for c in say("jackets").products]
    named = next(p for p in shown[3:] if sum((q.brand, q.color) == (p.brand, p.color) for q in shown) == 1)
    say(f"2 and 3 are too pricey!! anyway, add the {named.color} {named.brand.lower()} one")
    assert session.cart == {named.product_id: 1}


def test_last_as_a_verb_is_no_position():
    from assistant import rules

    assert rules.parse_references("the apple one, how long does the battery last?", allow_bare_numbers=True) == ()
    assert rules.parse_references("will it last?", allow_bare_numbers=True) == ()
    assert rules.parse_references("add the last one", allow_bare_numbers=True) == (-1,)


def test_a_cart_line_named_in_words_is_swapped_for_an_item_on_screen(chat):
    """"swap the nike for the 2nd one": the Nike line comes out, item 2 goes in with the Nike's quantity."""
    session, say = chat
    shown = [c.product for c in say("jackets").products]
    nike = next(p for p in shown if p.brand == "Nike")
    other = next(p for p in shown if p.brand != "Nike")
    say(f"add the {nike.color} nike one")
    say("make it 2")
    reply = say(f"swap the nike for the {ordinal(shown.index(other) + 1)} one")
    assert reply.intent.cart_action == "swap_line" and session.cart == {other.product_id: 2}
    assert reply.text.startswith(f"Took out {nike.title}")


def test_a_swap_of_a_line_not_in_the_cart_changes_nothing(chat):
    session, say = chat
    say("jackets")
    say("add the first one")
    cart = dict(session.cart)
    reply = say("swap the headphones for the 2nd one")
    assert session.cart == cart and "can't find" in reply.text


def ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def test_a_short_question_right_after_an_add_is_no_add(chat):
    """"add the 3rd" then "2nd waterproof?" asks about item 2; "add it too" then adds it."""
    session, say = chat
    say("jackets")
    say("add the 3rd")
    assert say("2nd waterproof?").intent.kind == "details" and len(session.cart) == 1
    say("add it too")
    assert len(session.cart) == 2


def test_counts_and_corrections_of_a_count(chat):
    """"add 2 of number 1" is two of item 1; "hmm no, 2 is enough" and "just 1" set the line just added;
    "take the 2nd out, one is enough" is still a removal."""
    session, say = chat
    shown = [c.product for c in say("headphones").products]
    say("add 3 of number 1")
    assert session.cart == {shown[0].product_id: 3}
    say("hmm no, 2 is enough")
    assert session.cart == {shown[0].product_id: 2}
    say("just 1 please")
    assert session.cart == {shown[0].product_id: 1}


def test_a_count_of_items_named_but_not_shown_changes_nothing(chat):
    session, say = chat
    say("headphones")
    say("add the first one")
    cart = dict(session.cart)
    say("add 2 of the purple bass boost ones")
    assert session.cart == cart


def test_several_words_of_a_title_pick_the_one_they_all_name(chat):
    """"i'll get the green levis anyway": a colour said before the brand picks that brand's item in it."""
    session, say = chat
    shown = [c.product for c in say("headphones").products]
    brand = next(b for b in {p.brand for p in shown} if sum(p.brand == b for p in shown) >= 2)
    own = [p for p in shown if p.brand == brand]
    later = own[-1]
    say(f"i'll get the {later.color} {brand.lower()} anyway, add it")
    assert session.cart == {later.product_id: 1}


def test_every_word_of_a_name_narrows_the_pick():
    """"the m3 oled one" of two MacBook Air M3s: the OLED one, not the first M3."""
    from types import SimpleNamespace

    from assistant.parser import title_word_reference

    titles = ["Apple MacBook Air M2 14-inch Laptop", "Apple MacBook Air M3 Long-Battery 14-inch Laptop",
              "Apple MacBook Air M3 OLED 14-inch Laptop"]
    products = [SimpleNamespace(title=t, category="laptops") for t in titles]
    assert title_word_reference("the m3 oled one", products, first_of_few=True) == (3,)
    assert title_word_reference("the m3 one", products, first_of_few=True) == (2,)


def test_all_of_them_adds_every_item_shown(chat, assistant):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    reply = say("add all of them")
    assert reply.intent.kind == "add_to_cart" and list(session.cart) == shown
    other = assistant.new_session()
    assistant.respond(other, "headphones")
    for message in ("show me all of them", "are all of them wireless?"):
        assistant.respond(other, message)
        assert other.cart == {}, message


def test_removing_the_rest_keeps_the_lines_named(chat):
    session, say = chat
    shown = [c.product for c in say("headphones").products]
    say("add the first, second and third")
    lines = shown[:3]
    brands = [p.brand for p in lines]
    alone = next((p for p in lines if brands.count(p.brand) == 1), None)
    assert alone is not None, "the test shop should show three headphones with one brand of its own"
    say(f"whoa i only wanted the {alone.brand} one! remove the rest")
    assert list(session.cart) == [alone.product_id], "what was kept is what stays"
    say("add the first and the second")
    first = list(session.cart)[0]
    say("keep the first one and remove the rest")
    assert list(session.cart) == [first]
    say("add the 2nd and the 3rd")
    kept = list(session.cart)[1]
    say("remove all but the second")
    assert list(session.cart) == [kept], "'remove all but' is no emptying of the cart"


def _own_brands(products) -> list:
    """The products whose brand no other one of them has."""
    brands = [p.brand for p in products]
    return [p for p in products if brands.count(p.brand) == 1]


def test_a_count_said_with_the_one_item_named_is_how_many(chat, assistant):
    session, say = chat
    shown = [c.product for c in say("jackets").products]
    alone = _own_brands(shown)[-1]
    say(f"ok the {alone.brand.lower()}, add 2 please, my brother wants one too")
    assert session.cart == {alone.product_id: 2}, "two of the one named, not item 2"
    several = next(p for p in shown if [q.brand for q in shown].count(p.brand) > 1)
    say(f"and the {several.brand.lower()}, add 3 please")
    assert session.cart[several.product_id] == 3, "of several of a brand, three of the first, not item 3"
    other = assistant.new_session()
    listed = [c.product for c in assistant.respond(other, "headphones").products]
    assistant.respond(other, "tell me about the 3rd")
    assistant.respond(other, "ok add it, make it 2, one for each twin")
    assert other.cart == {listed[2].product_id: 2}
    assistant.respond(other, "add 1")
    assert other.cart == {listed[2].product_id: 2, listed[0].product_id: 1}, "'add 1' alone is still a position"


def test_a_removal_goes_by_the_line_its_words_name(chat):
    session, say = chat
    shown = [c.product for c in say("jackets").products]
    first, second = _own_brands(shown)[:2]
    ordinal = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th"}
    say(f"add the {ordinal[shown.index(first) + 1]}")
    say(f"add the {ordinal[shown.index(second) + 1]}")
    say(f"actually that {first.brand.lower()} one only has 2 stars, take it out")
    assert list(session.cart) == [second.product_id], "the line named goes, not the last one added nor line 2"
    say(f"add the {ordinal[shown.index(first) + 1]}")
    say(f"keep the {second.brand.lower()} and remove the {first.brand.lower()}")
    assert list(session.cart) == [second.product_id], "the line to keep stays"


def test_an_add_then_a_question_about_the_total_adds_the_one(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    reply = say("add the first one. so whats the total for both")
    assert reply.intent.kind == "add_to_cart" and list(session.cart) == [shown[0]]


def test_the_cheaper_of_the_first_two_is_one_item(chat):
    session, say = chat
    shown = [c.product for c in say("jackets").products]
    say("ok out of the first two, add the cheaper one")
    assert list(session.cart) == [min(shown[:2], key=lambda p: p.price).product_id]
    say("of the first three add the pricier one")
    assert list(session.cart)[-1] == max(shown[:3], key=lambda p: p.price).product_id and len(session.cart) == 2


def test_an_add_sentence_naming_nothing_takes_the_item_named_before_it(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("jackets").products]
    say("tell me about the 2nd")
    say("no, number 4. add to cart. is it warm btw?")
    assert list(session.cart) == [shown[3]], "number 4, not the one looked at"


def test_a_question_ending_in_it_is_adds_nothing(chat):
    session, say = chat
    say("jackets")
    reply = say("does the blue one for 120 say how warm it is?")
    assert reply.intent.kind != "add_to_cart" and session.cart == {}
    say("the 2nd it is")
    assert len(session.cart) == 1, "'the 2nd it is' still picks"


def test_two_items_named_in_one_add_both_go_in(chat):
    session, say = chat
    shown = [c.product for c in say("jackets").products]
    first, second = _own_brands(shown)[:2]
    say(f"add the {first.brand.lower()} one and the {second.brand.lower()} one")
    assert set(session.cart) == {first.product_id, second.product_id}


def test_remove_one_and_add_another_instead_swaps_them(chat):
    session, say = chat
    shown = [c.product for c in say("jackets").products]
    first, second = _own_brands(shown)[:2]
    say(f"add the {first.brand.lower()} one")
    reply = say(f"remove the {first.brand.lower()} and add the {second.brand.lower()} one instead")
    assert reply.intent.cart_action == "swap_line" and list(session.cart) == [second.product_id]


def test_going_with_the_one_looked_at_adds_it(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("jackets").products]
    say("tell me about the 2nd")
    say("ok I'll go with that one")
    assert list(session.cart) == [shown[1]]
    say("also a water bottle to go with it")
    assert list(session.cart) == [shown[1]], "a thing to go with it is no add"


def test_a_count_of_the_item_named_by_its_words(chat):
    session, say = chat
    shown = [c.product for c in say("jackets").products]
    alone = _own_brands(shown)[0]
    say(f"now add 2 of the {alone.brand.lower()} jacket please")
    assert session.cart == {alone.product_id: 2}


def test_an_add_that_names_its_item_in_an_earlier_clause_adds_that_one(chat):
    session, say = chat
    shown = [c.product for c in say("jackets").products]
    red = [p for p in shown if p.color.lower() == "red"]
    assert len(red) == 1, "the test shop should show one red jacket"
    say("ok the red shell then, is it warm? if so throw it in the cart")
    assert list(session.cart) == [red[0].product_id]


def test_an_add_then_a_search_after_a_plus_does_both(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("jackets").products]
    reply = say("add the first one + show me some headphones")
    assert list(session.cart) == [shown[0]], "the add is its own clause: the headphones after it are no unseen add"
    assert reply.products and any(c.product.category == "headphones" for c in reply.products)


def test_two_cart_actions_in_one_message_are_both_done_in_order(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    say("add the first one and the third one")
    reply = say("make the first one 3 and remove the third")
    assert session.cart == {shown[0]: 3}, "the first line set to 3, the third removed (not the first)"
    assert "Now 3" in reply.text and "Removed" in reply.text
    say("add 2 of the second and 1 of the fourth")
    assert session.cart == {shown[0]: 3, shown[1]: 2, shown[3]: 1}
    reply = say("add the fifth one and show me my cart")
    assert shown[4] in session.cart and "Total" in reply.text and reply.intent.kind == "add_to_cart"
    say("add the third one")
    assert session.cart.get(shown[2]) == 1 and session.cart[shown[3]] == 1, \
        "the list's third, as after a look at the cart"


def test_a_line_said_to_be_a_count_is_set_and_one_not_in_the_cart_changes_nothing(chat):
    session, say = chat
    jacket = say("jackets").products[0].product.product_id
    say("add the first one")
    headphones = say("headphones").products[0].product.product_id
    say("add the first one")
    say("the jacket should be 3, not 1. and the headphones remove")
    assert session.cart == {jacket: 3}
    cart = dict(session.cart)
    reply = say("the headphones should be 2")
    assert session.cart == cart and "your cart has no headphones" in reply.text.lower()
    assert headphones not in session.cart


def test_a_question_about_the_item_in_the_cart_is_about_that_line(chat):
    session, say = chat
    phones = say("headphones").products[0].product
    say("add the first one")
    jackets = [c.product.product_id for c in say("jackets").products]
    reply = say("are the headphones in my cart any good?")
    assert reply.intent.kind == "details" and [c.product.product_id for c in reply.products] == [phones.product_id]
    assert session.cart == {phones.product_id: 1}
    reply = say("tell me about the second one")
    assert reply.products[0].product.product_id == jackets[1], "the list on screen is still the jackets"


def test_that_one_said_as_a_pick_adds_the_one_looked_at_or_asks_which(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    say("tell me about the 3rd")
    say("this one please")
    assert session.cart == {shown[2]: 1}
    say("compare the first two")
    reply = say("ok that one then")
    assert session.cart == {shown[2]: 1} and "Which one" in reply.text, "two compared: asked, nothing added"
    say("the second")
    assert session.cart == {shown[2]: 1, shown[1]: 1}



def test_a_compare_naming_one_item_sets_it_beside_the_one_looked_at(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    say("tell me about the 2nd")
    reply = say("and the third one, how do they compare?")
    assert reply.intent.kind == "compare" and [c.product.product_id for c in reply.products] == [shown[1], shown[2]]


def test_a_bare_price_question_is_about_the_one_looked_at_or_the_first(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    reply = say("price?")
    assert reply.intent.kind == "details" and reply.products[0].product.product_id == shown[0]
    say("tell me about the 3rd")
    reply = say("how much?")
    assert reply.intent.kind == "details" and reply.products[0].product.product_id == shown[2]


@pytest.mark.parametrize("message", [
    "I don't want a jacket. Is the Sony black one any good?",
    "The first one is nice, is it good for a newborn's room?",
    "The first one sounds sensible. Can I put it in the washing machine?",
])
def test_a_question_about_an_item_adds_nothing(chat, message):
    session, say = chat
    say("headphones")
    reply = say(message)
    assert session.cart == {} and reply.intent.kind != "add_to_cart", message


def test_a_question_said_with_an_add_still_adds(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    say("i'll take the first one, is it any good?")
    assert session.cart == {shown[0]: 1}


def test_make_it_just_one_and_thanks_before_the_total(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    say("add 2 of the first one")
    say("Oh no, I only wanted one! Please make it just one Sony headphones.")
    assert session.cart == {shown[0]: 1}
    reply = say("Thank you, and the total now?")
    assert reply.intent.kind == "view_cart" and "Total" in reply.text


def test_a_question_about_it_right_after_an_add_is_about_the_item_added(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    say("add the second one")
    reply = say("Oh, and remind me, is it waterproof? He does like a swim.")
    assert reply.intent.kind == "details" and reply.products[0].product.product_id == shown[1]


@pytest.mark.parametrize("message", ["tell me about the one before the last", "the second to last one, is it any good?",
                                     "and the second-to-last?"])
def test_the_one_before_the_last_is_the_next_to_last_shown(chat, message):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    reply = say(message)
    assert reply.intent.kind == "details" and reply.products[0].product.product_id == shown[-2], message


def test_a_removal_then_the_total_removes_and_shows_the_cart(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    say("add the first one")
    say("add the second one")
    reply = say("take the first one out and whats the total now")
    assert session.cart == {shown[1]: 1} and "Total" in reply.text


def test_an_add_then_a_question_about_the_spend_adds_one_and_shows_the_cart(chat):
    session, say = chat
    shown = [c.product.product_id for c in say("headphones").products]
    reply = say("ok add the first one and tell me if im under 100")
    assert session.cart == {shown[0]: 1} and "Total" in reply.text


def test_one_named_line_taken_off_and_a_bare_name_set_to_a_count(chat):
    session, say = chat
    phones = [c.product.product_id for c in say("headphones").products]
    say("add 2 of the first one")
    say("take one sony off")
    assert session.cart == {phones[0]: 1}
    say("jackets")
    say("add the first one")
    say("set sony to 3")
    assert session.cart[phones[0]] == 3



def _cheapest(assistant, brand: str, category: str):
    return min((p for p in assistant.engine.index.products if p.brand == brand and p.category == category),
               key=lambda p: p.price)


def test_an_add_of_the_cheapest_of_a_named_thing_adds_the_shops_cheapest(assistant, chat):
    """"add the cheapest nike jacket" over headphones: one product of the shop, so it is added (and said)."""
    session, say = chat
    say("headphones")
    reply = say("add the cheapest nike jacket")
    cheapest = _cheapest(assistant, "Nike", "jackets")
    assert session.cart == {cheapest.product_id: 1} and "The cheapest Nike jacket I have:" in reply.text
    columbia = _cheapest(assistant, "Columbia", "jackets")
    say("and the cheapest columbia jacket")  # the next of a run of adds, the verb left out
    assert session.cart == {cheapest.product_id: 1, columbia.product_id: 1}


@pytest.mark.parametrize("message", ["add the two cheapest nike jackets", "add the jacket"])
def test_an_add_that_picks_no_one_product_adds_nothing(chat, message):
    session, say = chat
    say("headphones")
    say(message)
    assert session.cart == {}


def test_the_cheapest_of_a_brand_pls_asks_to_see_them_not_to_add_one(chat):
    session, say = chat
    assert len(say("jackets from nike").products) >= 2
    reply = say("cheapest nike pls")
    assert session.cart == {} and reply.intent.order == "price"
    say("the cheapest one pls")
    assert len(session.cart) == 1, "with 'the ... one' it is a pick"


def test_a_line_named_before_qty_gets_the_quantity(chat):
    session, say = chat
    first = say("headphones").products[0].product
    say("add the first one")
    say("jackets")
    say("add the first one")
    reply = say("can you change the headphones qty to 3, i go through them fast")
    assert reply.intent.cart_action == "set_quantity" and session.cart[first.product_id] == 3


@pytest.mark.parametrize("message", ["how much are we at", "how much have we spent so far", "where are we at now"])
def test_how_much_are_we_at_is_the_cart(chat, message):
    session, say = chat
    say("headphones")
    say("add the first one")
    reply = say(message)
    assert reply.intent.kind == "view_cart" and "Total" in reply.text


def test_empty_it_after_looking_at_the_cart_asks_to_empty_it(chat):
    session, say = chat
    say("headphones")
    say("add the first one")
    say("what's in my cart")
    reply = say("empty it")
    assert reply.intent.cart_action == "clear" and "Say 'yes'" in reply.text and len(session.cart) == 1
    say("yes")
    assert session.cart == {}


@pytest.mark.parametrize("message, colour", [("he says no to red", "red"), ("red is a no", "red"),
                                             ("ok blue is a hard no for her", "blue")])
def test_a_colour_vetoed_is_ruled_out_not_wanted(chat, message, colour):
    session, say = chat
    say("jackets")
    reply = say(message)
    assert reply.intent.color is None and colour in reply.intent.exclude_terms
    assert reply.products and all(c.product.color != colour for c in reply.products)


@pytest.mark.parametrize("message", ["he says no to nike", "nike is a no", "nike is a no-go for him"])
def test_a_brand_vetoed_is_ruled_out_not_wanted(chat, message):
    session, say = chat
    say("jackets")
    reply = say(message)
    assert reply.intent.brand is None and "Nike" in reply.intent.exclude_brands and not reply.intent.exclude_terms
    assert reply.products and all(c.product.brand != "Nike" for c in reply.products)


@pytest.mark.parametrize("add", ["add it", "yep that one, add"])
def test_add_it_after_asking_for_the_cheapest_adds_that_one(assistant, chat, add):
    session, say = chat
    reply = say("whats the cheapest nike jacket")
    cheapest = _cheapest(assistant, "Nike", "jackets")
    assert reply.products[0].product.product_id == cheapest.product_id
    say(add)
    assert session.cart == {cheapest.product_id: 1}


def test_add_it_after_a_list_asked_cheapest_first_asks_which(chat):
    session, say = chat
    reply = say("jackets cheapest first")
    prices = [c.product.price for c in reply.products]
    assert len(prices) >= 2 and prices == sorted(prices)
    say("add it")
    assert session.cart == {}


@pytest.mark.parametrize("message", ["remove the jacket if i added it", "take the nike out if it's in there"])
def test_a_removal_of_what_the_cart_does_not_hold_removes_nothing(chat, message):
    """"remove the airpods if i added them" with only Beats in the cart: said, the Beats kept."""
    session, say = chat
    say("headphones from sony")
    say("add the first one")
    cart = dict(session.cart)
    reply = say(message)
    assert session.cart == cart and "Your cart has no" in reply.text
    say("remove the sony if i added it")
    assert session.cart == {}


def test_a_liking_then_a_question_answers_and_adds_nothing(chat):
    """"the ikea one is fine. whats its rating": the rating, asked before any decision."""
    session, say = chat
    shown = say("headphones from sony").products
    reply = say("the first one is fine. whats its rating")
    assert reply.intent.kind == "details" and session.cart == {} and "rated" in reply.text
    say("the first one is fine")
    assert session.cart == {shown[0].product.product_id: 1}


def test_a_count_of_those_over_a_list_asks_which_and_is_no_position(chat):
    """"add 2 of those" over five items: 2 of which? Never one of item 2."""
    session, say = chat
    say("headphones")
    reply = say("add 2 of those")
    assert reply.intent.kind == "add_to_cart" and session.cart == {} and "Which one" in reply.text
    first = say("headphones").products[0].product
    say("tell me about the first one")
    say("add 2 of them")
    assert session.cart == {first.product_id: 2}


def test_another_one_for_someone_is_one_more_of_the_line_or_asks_with_an_empty_cart(chat):
    session, say = chat
    first = say("headphones").products[0].product
    say("add another one for my gf")
    assert session.cart == {}, "nothing was added, so there is nothing to add another of"
    say("add the first one")
    say("add another one for my gf")
    assert session.cart == {first.product_id: 2}


@pytest.mark.parametrize("message", ["are all of those in stock? i need 6 of the same one",
                                     "do you have 8 of the cheapest one in stock?"])
def test_a_stock_question_with_a_count_changes_no_cart(chat, message):
    session, say = chat
    say("headphones")
    say(message)
    assert session.cart == {}


def test_which_is_the_cheapest_thing_in_my_cart_is_answered_from_the_cart(chat):
    session, say = chat
    shown = [c.product for c in say("headphones").products]
    say("add the first one")
    say("add the second one")
    cart = dict(session.cart)
    reply = say("which is the cheapest thing in my cart")
    cheaper = min(shown[:2], key=lambda p: p.price)
    assert session.cart == cart and reply.intent.kind == "view_cart"
    assert reply.text.startswith(f"The cheapest thing in your cart is {cheaper.title}")


def test_a_pick_with_the_facts_asked_reads_them_out_and_adds_nothing(chat):
    session, say = chat
    shown = say("headphones").products
    reply = say("number 2 please, price and colour")
    assert reply.intent.kind == "details" and session.cart == {} and shown[1].product.title in reply.text


def test_two_of_one_and_one_of_another_are_two_quantities(chat):
    session, say = chat
    shown = [c.product for c in say("headphones").products]
    say("add two of the first one and one of the third")
    assert session.cart == {shown[0].product_id: 2, shown[2].product_id: 1}


def test_a_quantity_of_an_item_out_of_stock_says_so():
    from assistant.cart import set_quantity
    from assistant.types import DialogueState
    from recsys.types import Candidate
    from retrieval.types import Product

    gone = Candidate(Product("P9", "Puma Pro Football - Grey", 18.99, "", in_stock=False), 0.0, ())
    session = DialogueState()
    _, text = set_quantity(session, [gone], 12, index=None)
    assert session.cart == {"P9": 12} and "out of stock right now" in text


def test_make_it_the_2nd_one_instead_swaps_the_add(chat):
    session, say = chat
    shown = [c.product for c in say("headphones").products]
    say("add the 1st")
    say("hmm actually make it the 2nd one instead")
    assert session.cart == {shown[1].product_id: 1}


@pytest.mark.parametrize("message", ["and a second identical one for my mom pls",
                                     "and add a second one as a gift for my dad"])
def test_a_second_identical_one_is_one_more_of_the_line(chat, message):
    session, say = chat
    shown = [c.product for c in say("headphones").products]
    say("add the 1st")
    say(message)
    assert session.cart == {shown[0].product_id: 2}


@pytest.mark.parametrize("message, quantity", [("add 3 more", 4), ("make it a dozen", 12), ("bump that up to 10", 10),
                                               ("great add 8", 8), ("make it half a dozen", 6)])
def test_a_quantity_said_against_the_line_just_added(chat, message, quantity):
    session, say = chat
    first = say("headphones").products[0].product
    say("add the first one")
    reply = say(message)
    assert session.cart == {first.product_id: quantity} and reply.intent.cart_action == "set_quantity"
    say("reduce it by two")
    assert session.cart == {first.product_id: quantity - 2}
    say("add 2")  # a position on the list of five, not a count
    assert len(session.cart) == 2


def test_a_question_with_no_go_for_me_adds_nothing(chat):
    """"is the first one wired or wireless? wireless lag is a no go for me": "go for" there picks nothing."""
    session, say = chat
    say("headphones")
    reply = say("is the first one wired or wireless? wireless lag is a no go for me")
    assert reply.intent.kind == "details" and session.cart == {}


def test_nah_two_and_remove_one_more_move_the_quantity_just_set(chat):
    session, say = chat
    first = say("headphones").products[0].product
    say("add the first one")
    say("make it 3 for my squad")
    say("nah 2")
    assert session.cart == {first.product_id: 2}
    say("remove 1 more")
    assert session.cart == {first.product_id: 1}


def test_whats_the_rating_after_a_look_at_one_item_is_about_it(chat):
    session, say = chat
    shown = say("headphones").products
    say("tell me about the second one")
    reply = say("whats the rating")
    assert reply.intent.kind == "details" and reply.products[0].product.product_id == shown[1].product.product_id
    assert "rated" in reply.text



def test_a_reason_after_a_removal_names_no_line(request):
    """"remove the moisturiser, i have one at home": "home" (an aisle of the shop) is no cart line asked about."""
    from tests.dialogue_plugin import dialogue_runner

    bot = dialogue_runner(request.config).assistant_for({})
    session = bot.new_session()
    for message in ("what's your best rated sunscreen", "and best rated moisturiser", "put both in"):
        bot.respond(session, message)
    cart = dict(session.cart)
    reply = bot.respond(session, "remove the moisturiser, i have one at home")
    assert cart and "has no home" not in reply.text


def test_quantities_said_against_the_line_just_added(chat):
    """"take 2 off" of 4 leaves 2 (not the line removed); "-1", "+1", "x3", "bump it to 2", "reduce that to 1"."""
    session, say = chat
    second = _ids(say("headphones").products)[1]
    say("add 4 of the second one")
    for message, held in (("thats too many, take 2 off", 2), ("-1", 1), ("+1", 2), ("x3", 3), ("plus 2", 5),
                          ("+1 more of that", 6),
                          ("reduce that to 1", 1), ("bump it to 2", 2)):
        reply = say(message)
        assert reply.intent.cart_action == "set_quantity" and session.cart == {second: held}, message


def test_a_small_number_after_an_add_is_a_count_not_a_budget(chat):
    session, say = chat
    first = _ids(say("headphones under 800").products)[0]
    say("add the first one")
    say("bump it to 2")
    assert session.cart == {first: 2} and session.max_price == 800.0
    say("bump it to 900")
    assert session.cart == {first: 2} and session.max_price == 900.0, "a budget-sized number is the budget"


def test_a_signed_count_with_nothing_just_added_changes_nothing(chat):
    session, say = chat
    say("headphones")
    reply = say("-1")
    assert reply.intent.kind == "view_cart" and session.cart == {}


def test_a_cart_verb_alone(chat):
    """"add" over a list asks which; "nvm rmv" with one line removes it; "actually no" right after an add takes it
    back, and not an add made turns before."""
    session, say = chat
    shown = _ids(say("headphones").products)
    reply = say("ok add pls")
    assert reply.intent.kind == "add_to_cart" and session.cart == {} and "Which one?" in reply.text
    say("add the first one")
    say("nvm rmv")
    assert session.cart == {}
    say("add the first one")
    say("add the second one")
    reply = say("actually no")
    assert reply.intent.cart_action == "undo" and session.cart == {shown[0]: 1}
    say("headphones")
    say("no")
    assert session.cart == {shown[0]: 1}, "no add just before: nothing taken back"


@pytest.mark.parametrize("message", ["tot?", "ttl", "tot pls", "hw much all", "subtotal", "What is the sum?",
                                     "how many articles I have?", "How much I pay in total?"])
def test_the_total_asked_in_shorthand(chat, message):
    session, say = chat
    say("headphones")
    say("add the first one")
    reply = say(message)
    assert reply.intent.kind == "view_cart" and "Total:" in reply.text and len(session.cart) == 1


def test_start_over_clear_everything_asks_to_empty_the_cart_too(chat):
    session, say = chat
    say("headphones")
    say("add the first one")
    reply = say("actually start over, clear everything")
    assert "Empty your cart?" in reply.text and session.cart
    say("yes clear it")
    assert session.cart == {}
    say("headphones")
    say("add the first one")
    assert "your cart is kept" in say("start over").text and session.cart  # the search only


def test_keep_the_one_in_the_cart_changes_nothing(chat):
    session, say = chat
    say("headphones")
    say("add the first one")
    cart = dict(session.cart)
    say("whats the most expensive one")
    reply = say("too much. keep the one in the cart")
    assert reply.intent.kind == "view_cart" and session.cart == cart


def test_a_rating_asked_in_one_word_is_about_the_item_in_focus(chat):
    session, say = chat
    shown = say("headphones").products
    assert say("rating?").intent.kind == "details"
    say("tell me about the 2nd")
    reply = say("rating?")
    assert reply.intent.kind == "details" and shown[1].product.title in reply.text and not session.cart


def test_the_cheapest_of_a_brand_without_the_kind_searched_is_not_added(chat, assistant):
    """"add the cheapest philips" while vacuums are searched, and the shop has no Philips vacuum: nothing added
    (it was a Philips table lamp)."""
    catalog = assistant.engine.index.catalog
    assert not catalog[(catalog["brand"] == "Philips") & catalog["title"].str.contains("Vacuum")].shape[0]
    session, say = chat
    say("i need a cordless vacuum")
    say("add the cheapest philips")
    assert session.cart == {}


def test_a_count_said_in_pieces_or_pairs(chat):
    session, say = chat
    shown = _ids(say("headphones").products)
    say("I take the second, two pieces")
    assert session.cart == {shown[1]: 2}
    say("Change to 3 pieces, it is for my family")
    assert session.cart == {shown[1]: 3}
    say("make it 2 pairs")
    assert session.cart == {shown[1]: 2}


def test_a_removal_of_a_colour_no_line_has_removes_nothing(chat):
    session, say = chat
    shown = say("headphones").products
    say("add the first one")
    colour = shown[0].product.color
    other = next(c for c in ("red", "blue", "white", "black") if c != (colour or "").casefold()
                 and c not in shown[0].product.title.casefold())
    reply = say(f"delete the {other} one please")
    assert session.cart == {shown[0].product.product_id: 1} and f"Your cart has no {other} one" in reply.text


def test_the_most_expensive_of_one_cart_line_is_that_line(chat):
    session, say = chat
    say("headphones")
    say("add the first one")
    say("remove the most expensive")
    assert session.cart == {}


def test_take_it_to_three_is_a_count_and_with_nothing_added_changes_nothing(chat):
    session, say = chat
    first = _ids(say("headphones").products)[0]
    say("add the first one")
    say("take it to 3")
    assert session.cart == {first: 3}
    say("headphones")
    say("remove it")
    reply = say("change it to 2")
    assert reply.intent.kind == "view_cart" and session.cart == {}, "no item 2 added"


def test_i_dont_want_is_no_add(chat):
    session, say = chat
    say("headphones")
    reply = say("is the second one wireless? i dont want a wired one")
    assert reply.intent.kind == "details" and session.cart == {}


def test_the_price_gap_of_the_two_compared(chat):
    session, say = chat
    shown = [c.product for c in say("headphones").products]
    say("compare 1 and 2")
    reply = say("whats the price gap")
    low, high = sorted(shown[:2], key=lambda p: p.price)
    gap = f"${high.price - low.price:,.2f}"
    assert reply.intent.kind == "compare" and gap in reply.text and low.title in reply.text
    reply = say("price difference between 1 and 3")
    low, high = sorted((shown[0], shown[2]), key=lambda p: p.price)
    assert f"${high.price - low.price:,.2f}" in reply.text and session.cart == {}


def test_the_better_rated_of_the_two_compared(chat):
    """Of the two compared, the better rated: not the best rated of the whole list, nor the first of the two."""
    session, say = chat
    shown = [c.product for c in say("headphones").products]
    top = max(range(len(shown)), key=lambda i: shown[i].rating or 0.0)
    others = [i for i in range(len(shown)) if i != top]
    pair = next((i, j) for i in others for j in others if i < j and (shown[j].rating or 0) > (shown[i].rating or 0))
    say(f"compare {pair[0] + 1} and {pair[1] + 1}")
    say("ok go with the better rated one")
    assert session.cart == {shown[pair[1]].product_id: 1}


def test_a_compare_with_the_cart_sets_the_two_side_by_side_and_adds_nothing(chat):
    session, say = chat
    say("headphones")
    reply = say("compare the first one with the one in my cart")
    assert reply.intent.kind == "compare" and session.cart == {} and "Your cart is empty" in reply.text
    first = _ids(say("headphones").products)[0]
    say("add the first one")
    shown = _ids(say("headphones under 100").products)
    second = next(p for p in shown if p != first)
    reply = say(f"how does the one in my cart compare to the number {shown.index(second) + 1} here")
    assert reply.intent.kind == "compare" and session.cart == {first: 1}
    assert [c.product.product_id for c in reply.products] == [first, second]


def test_the_colour_asked_next_not_the_one_disliked(chat):
    session, say = chat
    say("white headphones")
    assert session.color == "white"
    say("ngl the white ones are kinda basic, got any black?")
    assert session.color == "black"


def test_a_statement_asked_as_a_question_about_the_item_just_added(chat):
    session, say = chat
    say("headphones")
    say("add the first one")
    reply = say("They resist to the sweat?")
    assert reply.intent.kind == "details" and len(session.cart) == 1


def test_put_back_one_line_and_get_two_of_another(chat, assistant):
    session, say = chat
    first = _ids(say("headphones").products)[0]
    say("add 3 of the first")
    shown = [c.product for c in say("headphones under 100").products]
    brand = next(p.brand for p in shown if p.product_id != first)
    pick = next(p for p in shown if p.brand == brand)
    say(f"ok put back the {assistant.engine.index.product(first).brand.lower()} one and get 2 {brand.lower()} instead")
    assert session.cart == {pick.product_id: 2}


def _unique_colour(shown, but):
    """The first item of another colour than item `but` (the first one of that colour on screen)."""
    colours = [(c.product.color or "").lower() for c in shown]
    return next(i for i, c in enumerate(colours) if c and c != colours[but])


def test_make_it_the_colour_one_instead_swaps_the_add(chat):
    session, say = chat
    shown = say("headphones").products
    say("add the first one")
    other = _unique_colour(shown, 0)
    say(f"make it the {shown[other].product.color.lower()} one instead")
    assert session.cart == {shown[other].product.product_id: 1}


def test_change_a_cart_line_to_the_colour_one_on_screen(chat):
    session, say = chat
    shown = say("headphones").products
    say("add the first one")
    other = _unique_colour(shown, 0)
    say(f"change the headphones to the {shown[other].product.color.lower()} one")
    assert session.cart == {shown[other].product.product_id: 1}
    say("change it to 2 pairs")
    assert session.cart == {shown[other].product.product_id: 2}


def test_swap_mine_for_the_colour_one(chat):
    session, say = chat
    shown = say("headphones").products
    say("add the first one")
    other = _unique_colour(shown, 0)
    say(f"ok swap mine for that {shown[other].product.color.lower()} one")
    assert session.cart == {shown[other].product.product_id: 1}


def test_a_question_with_too_after_an_add_adds_nothing(chat):
    session, say = chat
    say("headphones")
    say("add the first one")
    say("and my brother wants one too, whats the best rated one")
    assert len(session.cart) == 1 and sum(session.cart.values()) == 1


def test_a_pick_said_first_and_it_added_next(chat):
    session, say = chat
    shown = _ids(say("headphones").products)
    say("I would like the second one please. Add it to the basket.")
    assert session.cart == {shown[1]: 1}


@pytest.mark.parametrize("message", ["Could you please remind me what I've put in my basket, and how much it all is?",
                                     "what have i added to my cart so far"])
def test_what_i_have_put_in_the_basket_is_a_look_at_it(chat, message):
    session, say = chat
    shown = _ids(say("headphones").products)
    say("add the first one")
    reply = say(message)
    assert reply.intent.kind == "view_cart" and session.cart == {shown[0]: 1}


def test_quantities_said_after_a_remark(chat):
    """"ugh no thats dumb, just 1", "no wait just 2 lol", "lol no, 2 total", "could I have two of them please?",
    "take the <line> down to 1"."""
    session, say = chat
    first = _ids(say("headphones").products)[0]
    say("add 3 of the first one")
    for message, held in (("ugh no thats dumb, just 1", 1), ("Actually, could I have two of them please?", 2),
                          ("grab 2 more", 4), ("lol no, 2 total", 2), ("no wait just 3 lol", 3)):
        say(message)
        assert session.cart == {first: held}, message
    line = session.last_candidates[first].product
    say(f"take the {line.brand.lower()} down to 1")
    assert session.cart == {first: 1}


@pytest.mark.parametrize("message", ["spent?", "how much so far"])
def test_spent_asked_in_a_word(chat, message):
    session, say = chat
    say("headphones")
    say("add the first one")
    assert say(message).intent.kind == "view_cart"


def test_that_one_instead_after_a_look_at_another_item(chat):
    session, say = chat
    shown = _ids(say("headphones").products)
    say("add the second one")
    say("tell me about the third one")
    say("make it that one instead")
    assert session.cart == {shown[2]: 1}


def test_bin_the_other_removes_it(chat):
    session, say = chat
    shown = [c.product for c in say("headphones").products]
    say("add the first and the second")
    say("keep the cheaper one, bin the other")
    cheaper = min(shown[:2], key=lambda p: p.price)
    assert session.cart == {cheaper.product_id: 1}


def test_which_one_would_you_recommend_is_the_shops_pick(chat):
    session, say = chat
    shown = [c.product for c in say("headphones").products]
    reply = say("Which one of these would you recommend?")
    assert reply.intent.kind == "details" and "I'd pick" in reply.text and "On recommend" not in reply.text
    assert session.cart == {} and len(reply.products) == 1 and reply.products[0].product in shown
