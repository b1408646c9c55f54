"""Cart actions in chat: quantities, emptying the cart only after a yes, checkout with a confirmation."""

from __future__ import annotations

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


def test_checkout_places_an_order_and_empties_the_cart(chat):
    session, say = chat
    shown = say("headphones").products
    say("add the first two")
    say("add 2 of the second one")
    expected = round(shown[0].product.price + 2 * shown[1].product.price, 2)
    reply = say("ok checkout")
    order = session.last_order
    assert order is not None and session.cart == {}
    assert order["total"] == expected and [line["quantity"] for line in order["lines"]] == [1, 2]
    assert order["order_id"] in reply.text and "No payment" in reply.text
    assert say("checkout").text.startswith("Your cart is empty"), "nothing to order twice"


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
