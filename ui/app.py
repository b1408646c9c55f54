"""The Gradio chat: streaming replies, product cards, chips, cart, user selector, personalisation.

Everything goes through `ChatService` (and so through `Assistant.respond`). A browser keeps one
server-signed session id in its localStorage (`gr.BrowserState`), so a page reload, a second tab
or a restarted server finds the same conversation and cart; the Gradio API (`gradio_client`),
which has no browser storage, gets a session per connection. This module imports gradio at the top
on purpose: it is the Gradio front end, and the CLI imports it only inside `serve`.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from typing import Any

import gradio as gr

from assistant.cart import added_text, order_text
from assistant.parser import shown_products
from assistant.types import Reply
from ui.cards import CARDS_JS, CART_JS, carded_text, cards_html, cart_html, compare_html, profile_html
from ui.identity import issue_browser_id, verify_browser_id
from ui.replies import reply_json
from ui.service import RANKED_KINDS, ChatService, FriendlyError
from ui.sessions import ChatSession
from ui.streaming import text_deltas

GUEST = "guest"
# (chip label, message sent): the message is what the parser understands.
CHIPS = (("cheaper", "cheaper"), ("show more", "show more"), ("compare top 2", "compare 1 and 2"),
         ("why these?", "why these?"))
TITLE = "ShopAssist"
BROWSER_KEY = "shopassist-session"  # localStorage key of the browser's signed session id
FOCUS_JS = "() => document.querySelector('#sa-input textarea')?.focus()"  # once the box takes messages
REDRAW_S = 0.05  # at most one update of a reply's text per 50 ms: each resends and redraws the chat
MAX_TABS = 20_000                   # open tabs remembered (tab -> browser session); the oldest forgotten first


def shopper_choices(service: ChatService) -> list[tuple[str, str]]:
    """The "Shopping as" choices: the guest, then the demo shoppers of the build loaded now."""
    return [("Guest", GUEST)] + [(k.label, k.user_id) for k in service.known_users()]


def _user(value: str | None) -> str | None:
    return None if not value or value == GUEST else value


def _client(request: gr.Request | None) -> str | None:
    """The tab's client address: the key of its rate-limit bucket and the owner of its session."""
    client = getattr(request, "client", None)
    return getattr(client, "host", None)


def _products(n: int) -> str:
    return f"{n} product" if n == 1 else f"{n} products"


_RERANKED = "here is the same search, re-ranked."


def _shown(text: str) -> str:
    """Chat text with markup neutralised: the chatbot renders markdown, catalog text is data."""
    return escape(text, quote=False)


class Handlers:
    """Event handlers; each takes the tab's `gr.Request` to find the tab's session."""

    def __init__(self, service: ChatService):
        self.service = service
        self._tabs: OrderedDict[str, str] = OrderedDict()  # Gradio session hash -> "ui:<browser id>"
        self._tabs_lock = threading.Lock()
        self._page_lock = threading.Lock()  # guards each session's `page` (a few list operations at a time)
        self._answering: set[tuple[str, str]] = set()  # (session id, message) of the turns under way

    def _shopper(self, value: str | None) -> str | None:
        """The dropdown's shopper, believed only in demo mode: elsewhere the browser chat is a guest's
        (a bare id from a browser is anyone's word; the HTTP API takes store-signed tokens)."""
        return _user(value) if self.service.demo else None

    def chat_of(self, request: gr.Request | None, user: str | None = None, personalize: bool = True) -> ChatSession:
        """The tab's session: its browser's (after `load`), else one for this connection."""
        session_hash = getattr(request, "session_hash", None) or "anonymous"
        with self._tabs_lock:
            key = self._tabs.get(session_hash) or f"ui:{session_hash}"
        return self.service.session(key, self._shopper(user), personalize, owner=_client(request))

    def _attach(self, session_hash: str, browser_id: str) -> None:
        with self._tabs_lock:
            self._tabs[session_hash] = f"ui:{browser_id}"
            self._tabs.move_to_end(session_hash)
            while len(self._tabs) > MAX_TABS:
                self._tabs.popitem(last=False)

    # -- the chat as the page shows it --------------------------------------------------------------
    # The server keeps it on the session and every handler answers with the whole of it. A page's copy
    # can be stale: a message sent while a reply streams carries the chat from before that reply, and
    # answering with it would overwrite the reply. Tabs of one browser show the same chat.

    def _page(self, chat: ChatSession) -> list[dict]:
        """The session's page chat (the caller holds `_page_lock`); after a restart or on a session
        loaded from the database, rebuilt from the conversation."""
        if chat.page is None:
            chat.page = [message for said, answered in chat.state.history  # ("", note): a button's confirmation
                         for message in ([{"role": "user", "content": _shown(said)}] if said else [])
                         + [{"role": "assistant", "content": _shown(answered)}]]
        return chat.page

    def _say(self, chat: ChatSession, *notes: str) -> list[dict]:
        """Add assistant notes (plain text) to the page chat; returns the chat to show."""
        with self._page_lock:
            page = self._page(chat)
            page += [{"role": "assistant", "content": _shown(note)} for note in notes]
            return list(page)

    def _write(self, chat: ChatSession, page: list[dict], slot: int, text: str):
        """Put a turn's reply (so far) in its place; the chat to show, or a skip when the chat was
        started over meanwhile (the old one must not come back)."""
        with self._page_lock:
            page[slot] = {"role": "assistant", "content": _shown(text)}
            return list(page) if chat.page is page else gr.skip()

    # -- chat turns ------------------------------------------------------------------------------

    def send(self, message: str, user: str, personalize: bool, request: gr.Request) -> Iterator[tuple]:
        """Stream one turn: (chatbot, cards, cart, profile) after each chunk. The page clears its box
        itself when the message leaves (a streamed update would wipe what is typed meanwhile)."""
        chat = self.chat_of(request, user, personalize)
        if not (message or "").strip():
            yield self._say(chat), gr.skip(), gr.skip(), gr.skip()
            return
        key = (chat.session_id, message.strip())
        with self._page_lock:
            if key in self._answering:  # the same words while they are being answered: a double press
                yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
                return
            self._answering.add(key)
            page = self._page(chat)
            page += [{"role": "user", "content": _shown(message)}, {"role": "assistant", "content": "…"}]
            slot, shown = len(page) - 1, list(page)
        try:
            yield shown, gr.skip(), gr.skip(), gr.skip()
            self.service.configure(chat, self._shopper(user), personalize)
            shown_at = time.monotonic()
            for item in self.service.stream(chat, message, client=_client(request)):
                if not isinstance(item, Reply) and time.monotonic() - shown_at < REDRAW_S:
                    continue  # text that comes faster than the page redraws: the next update carries it
                shown_at = time.monotonic()
                if isinstance(item, Reply):
                    carded = bool(item.products) and item.intent.kind in RANKED_KINDS  # the cards carry the list
                    text = carded_text(item.text) if carded else item.text
                    yield (self._write(chat, page, slot, text), self._cards(chat, item), self._cart(chat),
                           self._profile(chat))
                else:
                    yield self._write(chat, page, slot, item), gr.skip(), gr.skip(), gr.skip()
        except FriendlyError as exc:
            yield self._write(chat, page, slot, str(exc)), gr.skip(), gr.skip(), gr.skip()
        finally:
            with self._page_lock:
                self._answering.discard(key)

    def chip(self, message: str):
        """A quick-reply chip: it acts on the list shown, so before any list it says what to do first
        instead of sending its words as a search ("cheaper" on a fresh chat)."""
        def run(user: str, personalize: bool, request: gr.Request) -> Iterator[tuple]:
            chat = self.chat_of(request, user, personalize)
            if not chat.state.shown:
                hint = "Search for something first (e.g. 'running shoes under $80'); this button works on the list."
                yield self._say(chat, hint), gr.skip(), gr.skip(), gr.skip()
                return
            yield from self.send(message, user, personalize, request)
        return run

    def example(self, evt: gr.SelectData, user: str, personalize: bool, request: gr.Request) -> Iterator[tuple]:
        value = evt.value
        message = value.get("text", "") if isinstance(value, dict) else str(value)
        yield from self.send(message, user, personalize, request)

    def add_to_cart(self, evt: gr.EventData, user: str, personalize: bool, request: gr.Request) -> Iterator[tuple]:
        """A card's "Add to cart": the product goes into the cart (no message is put in the shopper's mouth),
        confirmed in the chat and the cart panel. A card's "Why recommended" opened is recorded as a `why`
        event and changes nothing on the page."""
        data = getattr(evt, "_data", None) or {}
        chat = self.chat_of(request, user, personalize)
        if data.get("why"):
            shown = chat.state.shown
            if data["why"] in shown:
                self.service.record_why(chat, data["why"], shown.index(data["why"]) + 1)
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        product_id = data.get("product_id")
        shown = chat.state.shown
        if product_id not in shown:
            yield self._say(chat, "That product is no longer in the current list. Search again, then add it."), \
                gr.skip(), gr.skip(), gr.skip()
            return
        product = self.service.product(product_id)
        after = {**chat.state.cart, product_id: chat.state.cart.get(product_id, 0) + 1}
        note = added_text(product.title if product else product_id, after)
        try:
            self.service.configure(chat, self._shopper(user), personalize)
            self.service.set_quantity(chat, product_id, min(chat.state.cart.get(product_id, 0) + 1, 99), note)
        except (FriendlyError, ValueError) as exc:
            yield self._say(chat, str(exc)), gr.skip(), gr.skip(), gr.skip()
            return
        # a toast where the shopper is looking (on a phone the cart is far below); it renders HTML, titles are data
        gr.Info(_shown(note), duration=3, title="Cart")
        yield self._say(chat, note), gr.skip(), self._cart(chat), gr.skip()

    # -- settings --------------------------------------------------------------------------------

    def settings(self, user: str, personalize: bool, request: gr.Request) -> tuple:
        """User or personalisation changed: re-rank the current search so the effect is visible."""
        chat = self.chat_of(request, user, personalize)
        try:
            changed = self.service.configure(chat, self._shopper(user), personalize)
            reply = self.service.rerun_last_search(chat) if changed else None
        except FriendlyError as exc:
            return self._say(chat, str(exc)), gr.skip(), gr.skip(), self._profile(chat)
        if reply is None:
            return gr.skip(), gr.skip(), gr.skip(), self._profile(chat)
        note = f"{self._ranking(chat)}: here is the same search, re-ranked. {carded_text(reply.text)}"
        with self._page_lock:
            page = self._page(chat)
            if page and page[-1]["role"] == "assistant" and _RERANKED in str(page[-1]["content"]):
                page.pop()  # a second switch replaces the last re-rank note instead of stacking another list
            page.append({"role": "assistant", "content": _shown(note)})
            shown = list(page)
        return shown, self._cards(chat, reply), self._cart(chat), self._profile(chat)

    def new_chat(self, user: str, personalize: bool, request: gr.Request) -> tuple:
        """Start over (the "New chat" button, the chat's bin icon): the conversation goes, the cart stays."""
        chat = self.chat_of(request, user, personalize)
        try:
            self.service.reset_dialogue(chat)
        except FriendlyError as exc:
            return self._say(chat, str(exc)), gr.skip(), self._cart(chat), self._profile(chat)
        with self._page_lock:
            chat.page = []
        return [], cards_html([]), self._cart(chat), self._profile(chat)

    def load(self, browser: str | None, user: str, personalize: bool, request: gr.Request) -> tuple:
        """A page (re)load: the browser's session (a new signed id when it has none, or one this server
        never issued), with its conversation, cards, cart, shopper and setting; and the demo shoppers of the
        build loaded now (a shopper forgotten since the server started is no longer offered)."""
        secret = self.service.browser_secret()
        browser_id = verify_browser_id(browser, secret) or issue_browser_id(secret)
        session_hash = getattr(request, "session_hash", None)
        if session_hash:
            self._attach(session_hash, browser_id)
        chat = self.chat_of(request, user, personalize)
        state = chat.state
        with self._page_lock:
            history = list(self._page(chat))
        cards = self._list_cards(chat) if shown_products(state) else cards_html([])
        choices = shopper_choices(self.service)
        shopper = state.user_id if self.service.demo and state.user_id else GUEST
        if shopper not in {value for _label, value in choices}:
            choices.append((shopper, shopper))
        return (browser_id, history, cards, self._cart(chat), self._profile(chat),
                gr.update(choices=choices, value=shopper), state.personalize)

    def lm_note(self) -> tuple:
        """The one-line note while the rule parser stands in for the LM; the timer stops once it answers."""
        note = self.service.lm_note()
        training = self.service.lm_status()["state"] == "training"
        return gr.update(value=note, visible=bool(note)), gr.Timer(active=training)

    def unload(self, request: gr.Request) -> None:
        """The tab closed (or reloads): the tab is forgotten; its browser's session stays for the next page
        (idle expiry ends it)."""
        session_hash = getattr(request, "session_hash", None)
        if session_hash:
            with self._tabs_lock:
                self._tabs.pop(session_hash, None)

    # -- the cart panel and feedback ---------------------------------------------------------------

    def cart_click(self, evt: gr.EventData, user: str, personalize: bool, request: gr.Request) -> tuple:
        """A cart panel button: one more or less, remove a line, empty the cart (confirmed in the page), check out."""
        data = getattr(evt, "_data", None) or {}
        action, product_id = data.get("action"), str(data.get("product_id") or "")
        chat = self.chat_of(request, user, personalize)
        said = None
        try:
            if action in ("inc", "dec", "remove"):
                quantity = chat.state.cart.get(product_id, 0)
                quantity = {"inc": quantity + 1, "dec": max(0, quantity - 1), "remove": 0}[action]
                self.service.set_quantity(chat, product_id, min(quantity, 99))
            elif action == "clear":
                self.service.clear_cart(chat)
                said = "Done: your cart is empty."
            elif action == "checkout":
                order = self.service.checkout(chat)
                said = order_text(order) if order is not None else "Your cart has nothing to order yet."
        except (FriendlyError, ValueError) as exc:
            said = str(exc)
        return (self._say(chat, said) if said else gr.skip()), self._cart(chat)

    def feedback(self, evt: gr.LikeData, user: str, personalize: bool, request: gr.Request) -> None:
        """Thumbs up/down on a reply: recorded as an event (anonymous for a guest)."""
        chat = self.chat_of(request, user, personalize)
        try:
            self.service.feedback(chat, 1 if evt.liked else -1)
        except FriendlyError:
            pass  # feedback is best effort: a busy session does not interrupt the shopper

    # -- Gradio API endpoints (gradio_client) ----------------------------------------------------

    def api_ask(self, message: str, user_id: str = "", personalize: bool = True,
                request: gr.Request = None) -> dict[str, Any]:
        """Answer one message in this client's session; returns the `shopassist ask --json` shape."""
        chat = self.chat_of(request, user_id, personalize)
        try:
            self.service.configure(chat, self._shopper(user_id), personalize)
            return reply_json(self.service.ask(chat, message, client=_client(request)))
        except FriendlyError as exc:
            raise gr.Error(str(exc)) from exc

    def api_chat(self, message: str, user_id: str = "", personalize: bool = True,
                 request: gr.Request = None) -> Iterator[dict[str, Any]]:
        """Answer one message in this client's session, streamed: `{"text": the reply so far}` as it is
        written, then the `/ask` reply (the `shopassist ask --json` shape), whose text every earlier
        update's text begins."""
        chat = self.chat_of(request, user_id, personalize)
        try:
            self.service.configure(chat, self._shopper(user_id), personalize)
            text = ""
            for item in text_deltas(self.service.stream(chat, message, pace=False, client=_client(request))):
                if isinstance(item, Reply):
                    yield reply_json(item)
                else:
                    text += item
                    yield {"text": text}
        except FriendlyError as exc:
            raise gr.Error(str(exc)) from exc

    def api_cart(self, request: gr.Request = None) -> list[dict[str, Any]]:
        """The cart of this client's session: product_id, title, quantity, price."""
        chat = self.chat_of(request)
        return [{"product_id": p.product_id, "title": p.title, "quantity": q,
                 "price": p.price}
                for p, q in self.service.cart_lines(chat)]

    # -- rendering -------------------------------------------------------------------------------

    def _ranking(self, chat: ChatSession) -> str:
        state = chat.state
        if not state.user_id:
            return "Guest ranking (relevance and rating)"
        return f"Ranking for {state.user_id}, personalisation {'on' if state.personalize else 'off'}"

    def _cards(self, chat: ChatSession, reply: Reply):
        """New cards for product answers; a cart confirmation keeps the list being shopped from."""
        if reply.intent.kind in ("add_to_cart", "remove_from_cart"):
            return gr.skip()
        if reply.intent.kind not in RANKED_KINDS and not reply.products:
            return gr.skip()
        if reply.intent.kind == "more":  # the cards show the whole list, the new ones after those seen
            return self._list_cards(chat)
        if not reply.products:
            return cards_html([], empty="No products matched. Try a higher budget or another search.",
                              turn=len(chat.state.history))
        if reply.intent.kind == "compare" and len(reply.products) >= 2:
            return compare_html(reply.products, self.service.assistant.currency, turn=len(chat.state.history))
        return cards_html(reply.products, f"{_products(len(reply.products))} · {self._ranking(chat)}",
                          turn=len(chat.state.history), currency=self.service.assistant.currency)

    def _list_cards(self, chat: ChatSession) -> str:
        """Cards for the whole list on screen (a reload, "show more")."""
        listed = shown_products(chat.state)
        return cards_html(listed, f"{_products(len(listed))} · {self._ranking(chat)}", turn=len(chat.state.history),
                          currency=self.service.assistant.currency)

    def _cart(self, chat: ChatSession) -> str:
        return cart_html(self.service.cart_lines(chat), self.service.assistant.currency)

    def _profile(self, chat: ChatSession) -> str:
        user = chat.state.user_id
        return profile_html(user, self.service.user_summary(user), chat.state.personalize)


@dataclass
class _View:
    chatbot: Any
    textbox: Any
    send: Any
    chips: list
    cards: Any
    user: Any
    personalize: Any
    profile: Any
    cart: Any
    new_chat: Any
    lm_note: Any   # "Answers come from the rule parser while the language model finishes training (42%)"
    lm_timer: Any  # refreshes the note every 3 s while the LM trains
    browser: Any   # gr.BrowserState: the browser's signed session id, kept across reloads


def _layout(service: ChatService) -> _View:
    gr.Markdown(f"## {TITLE}\nAsk for products in plain words; refine with the chips; add what you like "
                "to your cart.", elem_id="sa-header")
    note = service.lm_note()
    lm_note = gr.Markdown(note, visible=bool(note), elem_id="sa-lm-note")
    lm_timer = gr.Timer(3.0, active=service.lm_status()["state"] == "training")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=320):
            chatbot = gr.Chatbot(label=TITLE, elem_id="sa-chat", height=380, feedback_options=("Like", "Dislike"),
                                 buttons=["copy_all"], examples=[{"text": p} for p in service.example_prompts()],
                                 placeholder="Hi! What are you shopping for today?")
            with gr.Row():
                textbox = gr.Textbox(placeholder="e.g. running shoes under $80", show_label=False, scale=6,
                                     elem_id="sa-input", max_lines=3, interactive=False)
                send = gr.Button("Send", variant="primary", scale=1, min_width=80, elem_id="sa-send",
                                 interactive=False)
            with gr.Row(elem_id="sa-chips"):
                chips = [gr.Button(label, size="sm", elem_id=f"sa-chip-{i}", elem_classes="sa-chip")
                         for i, (label, _) in enumerate(CHIPS)]
            cards = gr.HTML(cards_html([]), js_on_load=CARDS_JS, elem_id="sa-cards", label="Products")
        with gr.Column(scale=1, min_width=240):
            label = "Shopping as (made-up demo shoppers)" if service.demo else "Shopping as"
            user = gr.Dropdown(shopper_choices(service), value=GUEST, label=label, elem_id="sa-user",
                               visible=service.demo)
            personalize = gr.Checkbox(True, label="Personalise my results", elem_id="sa-personalize")
            profile = gr.HTML(profile_html(None, "", True), elem_id="sa-profile")
            gr.Markdown("### Your cart")
            cart = gr.HTML(cart_html([]), js_on_load=CART_JS, elem_id="sa-cart")
            new_chat = gr.Button("New chat", size="sm", elem_id="sa-new")
            gr.Markdown("[HTTP API docs](/docs) · [health](/api/health)", elem_id="sa-links")
    browser = gr.BrowserState("", storage_key=BROWSER_KEY)
    return _View(chatbot, textbox, send, chips, cards, user, personalize, profile, cart, new_chat, lm_note, lm_timer,
                 browser)


def _ready() -> tuple:
    return gr.update(interactive=True), gr.update(interactive=True)


def _wire(blocks: gr.Blocks, view: _View, handlers: Handlers) -> None:
    turn_out = [view.chatbot, view.cards, view.cart, view.profile]
    common = [view.user, view.personalize]
    hidden = {"api_visibility": "private"}
    # A message sent during a reply is read at once and answered after it; the box is then emptied in the
    # page (registered second, it runs after the message was read), so what is typed next stays.
    sent = [view.textbox.submit, view.send.click]
    gr.on(sent, handlers.send, [view.textbox, *common], turn_out, trigger_mode="multiple", **hidden)
    gr.on(sent, None, None, [view.textbox], js="() => ''", trigger_mode="multiple", **hidden)
    for chip, (_, message) in zip(view.chips, CHIPS, strict=True):
        chip.click(handlers.chip(message), common, turn_out, **hidden)
    view.chatbot.example_select(handlers.example, common, turn_out, **hidden)
    view.cards.click(handlers.add_to_cart, common, turn_out, **hidden)
    settings_out = [view.chatbot, view.cards, view.cart, view.profile]
    for control in (view.user, view.personalize):
        control.input(handlers.settings, [view.user, view.personalize], settings_out, **hidden)
    for trigger in (view.new_chat.click, view.chatbot.clear):  # the chat's bin icon starts over too
        trigger(handlers.new_chat, [view.user, view.personalize], settings_out, **hidden)
    view.cart.click(handlers.cart_click, common, [view.chatbot, view.cart], **hidden)
    view.chatbot.like(handlers.feedback, [view.user, view.personalize], None, **hidden)
    # The box and Send wait for the page's session: a message sent before it is known would start a
    # conversation the page then leaves for the browser's own.
    blocks.load(handlers.load, [view.browser, view.user, view.personalize],
                [view.browser, view.chatbot, view.cards, view.cart, view.profile, view.user, view.personalize],
                **hidden).then(_ready, None, [view.textbox, view.send], **hidden).then(None, js=FOCUS_JS, **hidden)
    for trigger in (blocks.load, view.lm_timer.tick):
        trigger(handlers.lm_note, None, [view.lm_note, view.lm_timer], show_progress="hidden", **hidden)
    blocks.unload(handlers.unload)


def build_app(service: ChatService) -> gr.Blocks:
    """The Gradio Blocks app; mount it with `ui.server.create_app` (CSS is passed there)."""
    handlers = Handlers(service)
    with gr.Blocks(title=TITLE, fill_width=False, analytics_enabled=False) as blocks:
        view = _layout(service)
        _wire(blocks, view, handlers)
        gr.api(handlers.api_ask, api_name="ask")
        gr.api(handlers.api_chat, api_name="chat")
        gr.api(handlers.api_cart, api_name="cart")
    blocks.queue(default_concurrency_limit=8)
    return blocks
