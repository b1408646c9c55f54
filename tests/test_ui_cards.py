"""Card, cart and profile HTML: catalog text is escaped, only http(s) images, prices from the catalog."""

from __future__ import annotations

from recsys.types import Candidate
from retrieval.types import Product
from ui.cards import cards_html, cart_html, product_card, profile_html

EVIL = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def product(**kwargs) -> Product:
    base = dict(product_id="P1", title="Trail Runner", price=74.5, brand="Asics", category="running shoes",
                rating=4.3, review_count=12)
    base.update(kwargs)
    return Product(**base)


def test_catalog_text_and_reasons_are_escaped():
    card = product_card(Candidate(product(title=EVIL, brand=EVIL, product_id='P"1'), 0.9, (EVIL,)), 1)
    assert "<script>" not in card and "<img src=x" not in card
    assert "&lt;script&gt;" in card
    assert 'data-add="P&quot;1"' in card


def test_card_shows_the_facts_and_reasons():
    card = product_card(Candidate(product(), 0.9, ("matches 'trail'", "you often choose Asics")), 2)
    for text in ("#2", "Trail Runner", "Asics · running shoes", "$74.50", "★ 4.3", "12 reviews",
                 "you often choose Asics", 'data-add="P1"'):
        assert text in card, text


def test_images_only_from_http_urls():
    assert '<img src="https://img.example/a.jpg?x=1&amp;y=2"' in product_card(
        Candidate(product(image_url="https://img.example/a.jpg?x=1&y=2"), 1.0), 1)
    for url in ("javascript:alert(1)", "data:text/html,hi", ""):
        card = product_card(Candidate(product(image_url=url), 1.0), 1)
        assert "<img" not in card and 'class="sa-img"' in card  # the placeholder tile


def test_missing_price_and_rating():
    card = product_card(Candidate(product(price=None, rating=None), 1.0), 1)
    assert "price not listed" in card and "no ratings yet" in card


def test_cards_panel_heading_turn_and_empty():
    html = cards_html([Candidate(product(), 1.0)], heading="1 products <b>", turn=7)
    assert 'data-turn="7"' in html and "1 products &lt;b&gt;" in html
    assert "No match" in cards_html([], empty="No match")


def test_cart_total_uses_catalog_prices():
    html = cart_html([(product(price=10.0), 2), (product(product_id="P2", title=EVIL, price=None), 1)])
    assert "3 items" in html and "Total $20.00" in html
    assert "<script>" not in html
    assert "Your cart is empty" in cart_html([])


def test_profile_line():
    assert "Guest" in profile_html(None, "", True)
    assert "personalisation off" in profile_html("U1", "likes <b>", False)
    assert "&lt;b&gt;" in profile_html("U1", "likes <b>", True)


def test_carded_text_keeps_the_sentence_and_drops_the_list_the_cards_carry():
    from ui.cards import carded_text

    text = ("Here are jackets up to $80.00:\n1. Shell by Nike, $79.99 (rating 4.1/5)\n2. Rain by Columbia, $69.99 "
            "(rating 4.0/5)\nSay 'cheaper', 'in blue', 'compare 1 and 2' or 'add the first one to my cart'.")
    assert carded_text(text) == "Here are jackets up to $80.00."
    assert carded_text("Sorry, I don't have 'tents' in this shop. The closest things I do have:\n1. Shell\n"
                       "Tell me what else you're looking for.") == \
        "Sorry, I don't have 'tents' in this shop. The closest things I do have."
    assert carded_text("Added Shell to your cart (1 item in total).") == "Added Shell to your cart (1 item in total)."


def test_compare_table_has_a_column_per_product_and_a_row_per_attribute_any_has():
    from ui.cards import compare_html

    a = product(price=10.0)
    b = product(product_id="P2", title=EVIL, price=None)
    html = compare_html([Candidate(a, 1.0), Candidate(b, 0.5)], currency="EUR")
    assert html.count('<th scope="col">') == 3 and "€10.00" in html and "price not listed" in html
    assert "<script" not in html and html.count("data-add=") == 2
