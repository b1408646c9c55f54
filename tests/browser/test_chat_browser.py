"""The main flows in a real browser: search, chips, cart, personalisation, the embedded widget.

Each test gets its own browser context, so its own Gradio session (and cart). Screenshots of
each flow land in test-output/screenshots/ (git-ignored).
"""

from __future__ import annotations

import re
import statistics

from tests.browser.conftest import shoot


def open_chat(page, url: str) -> None:
    """The page, once its session is known (the box takes messages from then on)."""
    page.goto(url + "/")
    page.wait_for_selector("#sa-input textarea:not([disabled])")


def cards_snapshot(page_or_frame) -> str:
    """The turn that produced the cards shown (their `data-turn`)."""
    return page_or_frame.locator("#sa-cards .sa-panel").get_attribute("data-turn")


def wait_cards_change(page, before: str) -> None:
    """The cards re-render only with a turn's final reply, so a new turn number means it is done."""
    page.wait_for_function("b => document.querySelector('#sa-cards .sa-panel')?.dataset.turn !== b", arg=before)


def ask(page, text: str) -> None:
    before = cards_snapshot(page)
    page.fill("#sa-input textarea", text)
    page.click("#sa-send")
    wait_cards_change(page, before)


def widget_ask(page, support_page: str, text: str):
    """Open the store's page, open its chat widget, send `text` and wait for the cards; the chat's frame."""
    page.goto(support_page)
    page.click("#shopassist-launcher")
    frame = page.frame_locator("#shopassist-panel iframe")
    frame.locator("#sa-input textarea").fill(text)
    frame.locator("#sa-send").click()
    frame.locator("#sa-cards .sa-card").first.wait_for()
    return frame


def chat_text(page) -> str:
    return page.locator("#sa-chat").inner_text()


def card_ids(page) -> list[str]:
    return page.eval_on_selector_all("#sa-cards .sa-card", "els => els.map(e => e.dataset.productId)")


def card_prices(page) -> list[float]:
    texts = page.eval_on_selector_all("#sa-cards .sa-price", "els => els.map(e => e.textContent)")
    return [float(re.sub(r"[^0-9.]", "", t)) for t in texts]


def test_search_shows_cards(page, live_server):
    open_chat(page, live_server)
    ask(page, "running shoes under $100")
    cards = page.locator("#sa-cards .sa-card")
    assert cards.count() >= 1
    first = cards.first
    for part in (".sa-title", ".sa-brand", ".sa-price", ".sa-rating", ".sa-img"):
        assert first.locator(part).count() == 1, part
    assert all(price < 100 for price in card_prices(page))
    page.wait_for_function("() => document.querySelector('#sa-chat').innerText.includes('Here are')")
    first.locator("details.sa-why summary").click()
    assert "matches" in first.locator("details.sa-why").inner_text()
    shoot(page, "01-search-cards")


def test_chip_refines(page, live_server):
    open_chat(page, live_server)
    assert not page.locator("#sa-chips").is_visible(), "the chips act on a list: hidden before one"
    ask(page, "jackets")
    assert page.locator("#sa-chips").is_visible()
    before = card_prices(page)
    snapshot = cards_snapshot(page)
    page.get_by_role("button", name="cheaper", exact=True).click()
    wait_cards_change(page, snapshot)
    after = card_prices(page)
    assert after and max(after) <= 0.8 * statistics.median(before) + 0.01
    snapshot = cards_snapshot(page)
    page.get_by_role("button", name="compare top 2").click()
    wait_cards_change(page, snapshot)
    assert page.locator("#sa-cards .sa-compare button[data-add]").count() == 2, "two columns side by side"
    page.wait_for_function("() => document.querySelector('#sa-chat').innerText.includes('Side by side')")
    shoot(page, "02-chip-cheaper-compare")


def test_show_more_shows_the_next_page_numbered_from_one(page, live_server):
    open_chat(page, live_server)
    ask(page, "jackets")
    first = card_ids(page)
    snapshot = cards_snapshot(page)
    page.get_by_role("button", name="show more", exact=True).click()
    wait_cards_change(page, snapshot)
    listed = card_ids(page)
    assert len(listed) >= 2 and not set(listed) & set(first), "the next page: none of the list before it"
    ranks = page.eval_on_selector_all("#sa-cards .sa-rank", "els => els.map(e => e.textContent)")
    assert ranks == [f"#{i}" for i in range(1, len(listed) + 1)]
    snapshot = cards_snapshot(page)
    page.get_by_role("button", name="compare top 2").click()
    wait_cards_change(page, snapshot)
    compared = page.eval_on_selector_all("#sa-cards .sa-compare button[data-add]", "els => els.map(e => e.dataset.add)")
    assert compared == listed[:2], "'compare 1 and 2' after 'show more' compares the page's first two"


def test_add_to_cart_shows_in_cart(page, live_server):
    open_chat(page, live_server)
    ask(page, "headphones")
    second = page.locator("#sa-cards .sa-card").nth(1)
    title = second.locator(".sa-title").inner_text()
    second.get_by_role("button", name="Add to cart").click()
    page.wait_for_selector("#sa-cart li")
    cart = page.locator("#sa-cart").inner_text()
    assert title in cart and "1 item ·" in cart
    assert "Added" in chat_text(page)
    assert page.locator("#sa-cards .sa-card").count() > 1, "the list being shopped from stays"
    shoot(page, "03-add-to-cart")


def test_personalisation_toggle_changes_ranking(page, live_server):
    open_chat(page, live_server)
    page.locator("#sa-user input").click()
    page.get_by_role("option", name=re.compile(r"^U1 ")).click()
    page.wait_for_function("() => document.querySelector('#sa-profile').innerText.includes('U1')")
    ask(page, "jackets")
    personal = card_ids(page)
    assert "you often choose Nike" in page.locator("#sa-cards").inner_html()
    shoot(page, "04-personalised-on")
    snapshot = cards_snapshot(page)
    page.locator("#sa-personalize input[type=checkbox]").uncheck()
    wait_cards_change(page, snapshot)
    plain = card_ids(page)
    assert personal != plain
    assert "personalisation off" in page.locator("#sa-cards").inner_text()
    assert "re-ranked" in chat_text(page)
    shoot(page, "05-personalised-off")


def test_embedded_page_chats(page, live_server, other_origin):
    frame = widget_ask(page, f"{other_origin}/support.html?assistant={live_server}", "headphones under $200")
    assert frame.locator("#sa-cards .sa-card").count() >= 1
    assert "Here are" in frame.locator("#sa-chat").inner_text()
    for hidden in ("#sa-header", "#sa-user", "#sa-links"):  # the widget is the chat, not the demo page
        assert not frame.locator(hidden).is_visible(), hidden
    assert frame.locator("#sa-cart").is_visible()
    shoot(page, "06-embedded-support-page")
    open_chat(page, live_server)  # the page itself, not in the widget, keeps them
    assert page.locator("#sa-header").is_visible() and page.locator("#sa-user").is_visible()


def test_example_prompt_runs(page, live_server):
    open_chat(page, live_server)
    before = cards_snapshot(page)
    page.get_by_role("button", name="running shoes under $100").click()
    wait_cards_change(page, before)
    assert page.locator("#sa-cards .sa-card").count() >= 1


def test_a_reload_keeps_the_conversation_and_the_cart(page, live_server):
    open_chat(page, live_server)
    ask(page, "headphones")
    page.locator("#sa-cards .sa-card").first.get_by_role("button", name="Add to cart").click()
    page.wait_for_selector("#sa-cart li")
    page.reload()
    page.wait_for_selector("#sa-cart li")
    page.wait_for_function("() => document.querySelector('#sa-chat').innerText.includes('Added')")
    assert page.locator("#sa-cards .sa-card").count() == 5, "the list shown before the reload is back"
    page.locator("#sa-cart button[data-cart='inc']").click()
    page.wait_for_function("() => document.querySelector('#sa-cart .sa-count')?.textContent === '2'")
    page.locator("#sa-new").click()
    page.wait_for_function("() => !document.querySelector('#sa-chat').innerText.includes('Added')")
    assert page.locator("#sa-cart .sa-count").inner_text() == "2", "starting over keeps the cart"
    page.locator("#sa-cart button[data-cart='checkout']").click()
    page.wait_for_function("() => document.querySelector('#sa-chat').innerText.includes('Order SA-')")
    page.wait_for_selector("#sa-cart .sa-empty")
    shoot(page, "07-reload-cart-checkout")


def test_the_api_docs_render_with_every_outside_request_blocked(page, live_server):
    outside = []

    def only_local(route):
        if route.request.url.startswith(live_server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(live_server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert page.locator(".swagger-ui .opblock").count() >= 5 and "/api/chat" in page.inner_text(".swagger-ui")
    assert outside == [], f"the docs page asked the internet for {outside}"
    shoot(page, "08-api-docs-offline")


def test_the_widget_on_a_phone_is_full_screen_closes_and_finds_its_own_server(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/embed/support.html")  # no ?assistant=: the page's own server
        page.click("#shopassist-launcher")
        panel = page.locator("#shopassist-panel")
        box = panel.bounding_box()
        assert box["width"] >= 389 and box["height"] >= 800, f"not full screen on a phone: {box}"
        page.frame_locator("#shopassist-panel iframe").locator("#sa-input textarea").wait_for()  # the chat loaded
        shoot(page, "09-widget-phone")
        page.get_by_role("button", name="Close the shopping assistant").click()
        assert not panel.is_visible() and page.locator("#shopassist-launcher").is_visible()
    finally:
        context.close()


def test_the_widget_keeps_its_chat_across_the_stores_pages(page, live_server, other_origin):
    widget_ask(page, f"{other_origin}/support.html?assistant={live_server}", "headphones")
    page.goto(f"{other_origin}/support.html?assistant={live_server}&page=2")  # the shopper moves on
    assert page.locator("#shopassist-panel").is_visible(), "an open chat is open on the next page"
    frame = page.frame_locator("#shopassist-panel iframe")
    frame.locator("#sa-cards .sa-card").first.wait_for()
    assert "headphones" in frame.locator("#sa-chat").inner_text(), "the same conversation"
    page.get_by_role("button", name="Close the shopping assistant").click()
    page.reload()
    assert not page.locator("#shopassist-panel").is_visible(), "a closed chat stays closed"


def test_a_message_typed_during_a_reply_is_kept_and_sent(page, slow_server):
    open_chat(page, slow_server)
    before = cards_snapshot(page)
    page.fill("#sa-input textarea", "headphones")
    page.click("#sa-send")
    page.wait_for_function("() => document.querySelector('#sa-chat').innerText.includes('Here are')")
    page.fill("#sa-input textarea", "jackets")  # typed while the first reply is on its way
    streaming = cards_snapshot(page) == before  # the cards change with a turn's last update
    page.press("#sa-input textarea", "Enter")
    page.press("#sa-input textarea", "Enter")  # pressed twice: still one message
    page.wait_for_function("() => (document.querySelector('#sa-chat').innerText.match(/Here are/g) || []).length >= 2")
    page.wait_for_function("() => document.querySelector('#sa-input textarea').value === ''")
    text = chat_text(page)
    assert streaming, "the second message was sent before the first reply ended (the case under test)"
    assert text.index("headphones") < text.index("jackets"), "both sent, in the order typed"
    said = [line.strip() for line in text.splitlines()]
    assert said.count("jackets") == 1 and text.count("Here are") == 2, "the first reply kept, the second sent once"
