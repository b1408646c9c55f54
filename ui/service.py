"""The one object the web UI and the HTTP API talk to: sessions + turns over `Assistant.respond`.

Why a service between the UI and the assistant: both front ends need the same things (a session
per tab or API client, a lock per session, serialised inference, friendly errors, streaming),
and neither should know how the assistant ranks (no FAISS or SVD here; docs/architecture.md).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import logging
import re
import secrets
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.livestate.events import identity, new_order, turn_events
from assistant.livestate.store import Event, StaleSession
from assistant.lm.batching import released_while_waiting
from assistant.money import currency_symbol
from assistant.types import SEARCH_KINDS, Product, Reply
from ui.identity import IdentityError, verify_user
from ui.ratelimit import RateLimit, TokenBuckets
from ui.sessions import ChatSession, SessionStore

log = logging.getLogger("shopassist.ui")

# Turns whose result a change of user or personalisation re-ranks (they produce a ranked list).
RANKED_KINDS = SEARCH_KINDS  # replies whose list a re-rank can redo


class FriendlyError(Exception):
    """A problem a shopper may be told about as it is (the message is safe to show)."""


class BusyError(FriendlyError):
    """The session is still working on an earlier message."""


class InputError(FriendlyError):
    """The message itself cannot be answered (empty); the shopper should send another."""


class OverloadedError(FriendlyError):
    """Every turn slot and the waiting line are taken; `retry_after_s` says when to retry (HTTP 503)."""

    def __init__(self, message: str, retry_after_s: float):
        super().__init__(message)
        self.retry_after_s = retry_after_s


class RateLimitedError(FriendlyError):
    """Too many messages too fast from one session or client; `retry_after_s` says when to retry."""

    def __init__(self, message: str, retry_after_s: float):
        super().__init__(message)
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class KnownUser:
    """A demo user with a profile, for the user selector (so the profile effect is visible)."""

    user_id: str
    label: str
    summary: str


class ChatService:
    """Sessions and turns for the web UI and the JSON API.

    Args:
        assistant: a loaded `assistant.loop.Assistant` (anything with new_session/respond).
        ttl_s: idle seconds before a session (and its cart) expires.
        max_sessions: cap on live sessions (least recently used dropped first).
        stream_delay_s: pause between streamed words of a reply that arrives in one piece (0: none; replies
            stream at the speed they are written, so a template reply appears at once).
        turn_timeout_s: how long a second message waits for the session's previous turn.
        session_limit, client_limit: token-bucket rate limits per session and per client (IP);
            None is unlimited; `shopassist serve` uses the defaults of `ui.ratelimit`.
        watcher: a `ui.reload.BuildWatcher`; each turn first swaps in the new build it returns.
        lm_job: a `ui.lm_training.BackgroundFineTune` fine-tuning the LM this build lacks (None: none runs).
        demo: the demo shop's mode: a bare user_id is believed and the UI offers demo shoppers. Off,
            a shopper is known only through a store-signed token (`ui.identity`) and the UI lists nobody.
        user_secret: the secret store-signed user tokens are checked with (None: tokens are refused).
        max_waiting: turns that may wait for the model at once; one more gets `OverloadedError` (503),
            so a burst is refused quickly instead of queueing past any shopper's patience.
        max_per_client: live sessions one client (address) may hold.
        state_db: the `assistant.livestate.store.StateStore` sessions, carts, orders and events live in
            (None: sessions in memory only, nothing recorded).
        cart_ttl_s: how long an idle session that holds a cart is kept (with the database).
        event_ttl_s: retention of recorded events (None: kept until `user forget` or a purge).
    """

    def __init__(self, assistant, ttl_s: float = 1800.0, max_sessions: int = 2000,
                 stream_delay_s: float = 0.0, turn_timeout_s: float = 60.0,
                 session_limit: RateLimit | None = None, client_limit: RateLimit | None = None,
                 watcher=None, lm_job=None, demo: bool = True, user_secret: bytes | None = None,
                 max_waiting: int = 32, max_per_client: int = 200, state_db=None,
                 cart_ttl_s: float = 30 * 86400.0, event_ttl_s: float | None = None):
        self.assistant = assistant
        self.watcher = watcher
        self.lm_job = lm_job
        self.demo = demo
        self.user_secret = user_secret
        self.max_waiting = max_waiting
        self._waiting = 0
        self._waiting_lock = threading.Lock()
        self.sessions = SessionStore(lambda user, personal: self.assistant.new_session(user, personalize=personal),
                                     ttl_s=ttl_s, max_sessions=max_sessions, max_per_owner=max_per_client,
                                     db=state_db, product=lambda pid: self.assistant.product(pid),
                                     cart_ttl_s=max(cart_ttl_s, ttl_s), event_ttl_s=event_ttl_s)
        self.stream_delay_s = stream_delay_s
        self.turn_timeout_s = turn_timeout_s
        # The engine's models are shared by all sessions and not guaranteed thread-safe. A turn waiting
        # for a batched LM decode lets go of it meanwhile (`released_while_waiting`), so other turns reach
        # their decodes and the decodes share forward passes (assistant/lm/batching.py).
        self._inference = threading.Lock()
        self._known_users: list[KnownUser] | None = None
        self._browser_secret: bytes | None = None
        self._session_buckets = TokenBuckets(session_limit or RateLimit())
        self._client_buckets = TokenBuckets(client_limit or RateLimit())

    # -- sessions -------------------------------------------------------------------------------

    def browser_secret(self) -> bytes:
        """The key browser session ids are signed with: shared by every process through the database
        (so a reload served by another process, or after a restart, finds its session), else this process's."""
        if self._browser_secret is None:
            db = self.sessions.db
            self._browser_secret = (db.setting("browser_session_key", lambda: secrets.token_hex(32)).encode()
                                    if db is not None else secrets.token_bytes(32))
        return self._browser_secret

    def session(self, key: str, user_id: str | None = None, personalize: bool = True,
                owner: str | None = None) -> ChatSession:
        return self.sessions.get(key, user_id or None, personalize, owner)

    def shopper(self, user_id: str | None, user_token: str | None) -> str | None:
        """The shopper id a request may act as: from a store-signed token, or (demo mode only) as given.

        Raises `IdentityError` (naming what is wrong) for a bad token or a bare id outside demo mode."""
        if user_token:
            if self.user_secret is None:
                raise IdentityError("this server checks no user tokens (start it with a user-token secret)")
            return verify_user(user_token, self.user_secret)
        if user_id and not self.demo:
            raise IdentityError("user_id is accepted only in demo mode; send the store-signed user_token")
        return user_id

    def admit(self, message: str, client: str | None, session_key: str | None = None) -> None:
        """Checks made before any state exists: the message is answerable, the session (by its key) and
        the client are within their rates. Invalid or rate-limited requests so create no session and
        evict none; pass the session to `ask(..., admitted=True)` afterwards."""
        _check_message(message)
        self._spend(session_key, client)

    def configure(self, chat: ChatSession, user_id: str | None, personalize: bool) -> bool:
        """Set who is shopping and whether ranking is personal; True when something changed."""
        with self._locked(chat):
            state = chat.state
            changed = (state.user_id, state.personalize) != (user_id or None, personalize)
            state.user_id, state.personalize = user_id or None, personalize
            if changed:
                self._save(chat)
            return changed

    # -- turns ----------------------------------------------------------------------------------

    def check_rate(self, chat: ChatSession, client: str | None = None) -> None:
        """Spend a token of the session's and the client's bucket, or raise `RateLimitedError`."""
        self._spend(chat.session_id, client)

    def _spend(self, session_key: str | None, client: str | None) -> None:
        """The session's bucket first, then the client's: a message the session may not send costs the
        client nothing."""
        wait = self._session_buckets.take(session_key) if session_key else 0.0
        if not wait and client:
            wait = self._client_buckets.take(client)
        if wait:
            raise RateLimitedError(f"You're sending messages faster than I can answer. Please wait "
                                   f"{max(1, round(wait))} second(s) and try again.", wait)

    def ask(self, chat: ChatSession, message: str, client: str | None = None, admitted: bool = False) -> Reply:
        """One whole turn, unpaced (the JSON API and gradio_client use this); `admitted`: `admit` has
        checked the message and spent the rate tokens already."""
        if not admitted:
            _check_message(message)
            self.check_rate(chat, client)
        with self._locked(chat):
            return self._respond_locked(chat, message)

    def stream(self, chat: ChatSession, message: str, pace: bool = True,
               client: str | None = None, admitted: bool = False) -> Iterator[str | Reply]:
        """Yields the reply text so far (growing), then the final Reply.

        Pieces come from `Assistant.respond_stream` (the LM writer streams tokens); a long piece
        (the template writer's whole reply) is paced out word by word when `pace` is on, so the
        chat reads as streaming either way; unpaced, each item adds one piece of the assistant's.
        Show the Reply's text last: it is the reference. `admitted` as in `ask`. A stream closed
        before its Reply (the client went away) leaves the session as it was before the message.
        """
        if not admitted:
            _check_message(message)
            self.check_rate(chat, client)
        with self._locked(chat), self._queued():
            before = copy.deepcopy(chat.state)
            text, final = "", None
            try:
                for item in self._steps(chat.state, message):
                    if isinstance(item, Reply):
                        final = item
                        break
                    yield from (self._paced(text, str(item)) if pace else [text + str(item)])
                    text += str(item)
            except GeneratorExit:
                chat.state = before  # abandoned mid-turn: no half-applied slots stay behind
                raise
            except Exception as exc:
                raise self._failed(chat, before, exc) from exc
            if final is None:
                chat.state = before
                raise FriendlyError("Sorry, the answer was cut short. Please try again.")
            self._remember(chat, before, message, final)
        yield final

    # -- the cart without a message (the cart panel, the HTTP API) -------------------------------

    def set_quantity(self, chat: ChatSession, product_id: str, quantity: int, note: str | None = None) -> None:
        """Set a cart line's quantity (0 removes it); ValueError for an unknown product or quantity.
        `note`: the confirmation the page shows, kept in the conversation (a reload shows it again)."""
        def change(state) -> None:
            self.assistant.set_quantity(state, product_id, quantity)
            if note:
                state.history.append(("", note))

        self._cart_change(chat, change)

    def reset_dialogue(self, chat: ChatSession) -> None:
        """Start the conversation over, keeping the cart, the shopper and the personalisation setting."""
        def reset(state) -> None:  # under the session's lock, before the save: the stored row forgets it too
            fresh = self.assistant.new_session(state.user_id, personalize=state.personalize)
            for name, value in vars(fresh).items():
                if name not in ("cart", "last_added", "last_order"):
                    setattr(state, name, value)
            chat.before_last_search, chat.last_search_message, chat.last_reply = None, "", None

        self._cart_change(chat, reset)

    def clear_cart(self, chat: ChatSession) -> None:
        """Empty the cart (the caller has asked the shopper to confirm)."""
        self._cart_change(chat, lambda state: state.cart.clear())

    def checkout(self, chat: ChatSession) -> dict | None:
        """Place an order for the cart; the order ({order_id, total, lines}) or None when the cart had
        nothing to order."""
        return self._cart_change(chat, self.assistant.checkout)

    def feedback(self, chat: ChatSession, value: int) -> None:
        """Thumbs up (+1) or down (-1) on the session's last reply: an event (anonymous for a guest)."""
        if value not in (1, -1):
            raise ValueError("feedback is 1 (thumbs up) or -1 (thumbs down)")
        self._record(chat, "feedback", value=value, detail=chat.state.last_kind or "",
                     position=len(chat.state.history) or None)

    def record_why(self, chat: ChatSession, product_id: str, position: int) -> None:
        """A card's "Why recommended" opened: a `why` event (anonymous for a guest)."""
        self._record(chat, "why", product_id, position=position, detail="card")

    def _record(self, chat: ChatSession, kind: str, product_id: str | None = None, **fields) -> None:
        """One event outside a turn, under the session's identity rule (`events.identity`); none without a
        database."""
        if self.sessions.db is not None:
            user_id, key = identity(chat.state, chat.session_id)
            self.sessions.db.record([Event(kind, product_id, user_id=user_id, session_key=key, **fields)])

    def _cart_change(self, chat: ChatSession, change):
        with self._locked(chat):
            before = copy.deepcopy(chat.state)
            try:
                result = change(chat.state)
            except Exception:
                chat.state = before
                raise
            if self.sessions.db is not None:
                self._save(chat, turn_events(before, chat.state, None, chat.session_id),
                           new_order(before, chat.state))
            return result

    def rerun_last_search(self, chat: ChatSession) -> Reply | None:
        """Re-run the last ranked turn under the session's current user and personalisation.

        The dialogue state is restored to just before that turn (keeping the cart), so the same
        message gives the same search, ranked anew. None when there was no search yet.
        """
        with self._locked(chat):
            if chat.before_last_search is None:
                return None
            state = copy.deepcopy(chat.before_last_search)
            current = chat.state
            state.cart, state.history = current.cart, current.history
            state.user_id, state.personalize = current.user_id, current.personalize
            chat.state = state
            return self._respond_locked(chat, chat.last_search_message)

    def _turn(self, chat: ChatSession, message: str) -> Reply:
        with self._locked(chat):
            return self._respond_locked(chat, message)

    def _follow_build(self) -> None:
        """Swap in a newly published build (called under the inference lock, before a turn).

        Sessions keep their state: it holds product ids, which the new catalog resolves (a
        removed product simply drops out of carts and lists)."""
        fresh = self.watcher.poll() if self.watcher is not None else None
        if fresh is not None:
            self.assistant = fresh
            self._known_users = None

    def follow_build_now(self) -> bool:
        """Load a newly published build now, outside the turn lock, then swap it in; True when the
        loaded assistant uses the LM. The background fine-tune calls this once it has published the
        build with its LM, so no shopper's turn waits while the model loads."""
        fresh = self.watcher.poll(force=True) if self.watcher is not None else None
        if fresh is not None:
            with self._inference:
                self.assistant = fresh
                self._known_users = None
        return "lm" in self._lm_parts()

    def _lm_parts(self) -> tuple[str, str]:
        """(parser, writer) the loaded assistant was configured with: "rules"/"lm", "template"/"lm"."""
        config = getattr(getattr(self.assistant, "config", None), "assistant", None)
        return (config.parser, config.writer) if config is not None else ("rules", "template")

    def lm_status(self) -> dict:
        """The language model's state for /api/health: "off" (the rules are configured), "training"
        (the rules answer meanwhile; stage, progress 0-1, eta_s), "ready", "failed" (reason, log);
        `parser` says which parser answers now."""
        parser, writer = self._lm_parts()
        status = self.lm_job.snapshot() if self.lm_job is not None else {}
        if status.get("state") in (None, "ready"):  # no job, or its model is in: what is loaded says
            status = {"state": "ready" if "lm" in (parser, writer) else "off"}
        return {**status, "parser": parser}

    def lm_note(self) -> str:
        """One line for the chat while the rules stand in for the LM; "" once it answers (or when off)."""
        status = self.lm_status()
        if status["state"] == "training":
            share = status.get("progress")
            done = f" ({share:.0%})" if isinstance(share, int | float) else ""
            return f"Answers come from the rule parser while the language model finishes training{done}."
        if status["state"] == "failed":
            return "Answers come from the rule parser: the language model could not be trained (see the server log)."
        return ""

    @contextlib.contextmanager
    def _queued(self) -> Iterator[None]:
        """A place in the line for the model, or `OverloadedError` when the line is full."""
        with self._waiting_lock:
            if self._waiting >= self.max_waiting:
                raise OverloadedError("The shop assistant is very busy right now. Please try again in a few "
                                      "seconds.", 2.0)
            self._waiting += 1
        try:
            yield
        finally:
            with self._waiting_lock:
                self._waiting -= 1

    def _respond_locked(self, chat: ChatSession, message: str) -> Reply:
        before = copy.deepcopy(chat.state)
        with self._queued():
            return self._respond_queued(chat, message, before)

    def _respond_queued(self, chat: ChatSession, message: str, before) -> Reply:
        try:
            with self._inference, released_while_waiting(self._inference):
                self._follow_build()
                reply = self.assistant.respond(chat.state, message)
        except Exception as exc:
            raise self._failed(chat, before, exc) from exc
        self._remember(chat, before, message, reply)
        return reply

    def _steps(self, state, message: str) -> Iterator[str | Reply]:
        """The assistant's pieces then its Reply, taking the inference lock per step, not per turn,
        so sessions interleave while an LM streams and pacing never blocks other sessions."""
        with self._inference:
            self._follow_build()
        stream_fn = getattr(self.assistant, "respond_stream", None)
        if stream_fn is None:  # seam: an assistant that cannot stream gives its text in one piece
            with self._inference:
                reply = self.assistant.respond(state, message)
            yield reply.text
            yield reply
            return
        steps = stream_fn(state, message)
        while True:
            with self._inference, released_while_waiting(self._inference):
                item = next(steps, None)
            if item is None:
                return
            yield item

    @staticmethod
    def _failed(chat: ChatSession, before, exc: Exception) -> FriendlyError:
        """The one place a failed turn becomes a message a shopper can read (details go to the log)."""
        # ids and error kinds only: an exception's text or a traceback's locals may quote the message
        where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        log.error("turn failed in session %s: %s at %s:%s", _log_id(chat.session_id), type(exc).__name__,
                  where.filename if where else "?", where.lineno if where else "?")
        chat.state = before  # a failed turn must not leave half-applied slots behind
        return FriendlyError("Sorry, something went wrong on our side. Please try again, "
                             "or rephrase your request.")

    def _remember(self, chat: ChatSession, before, message: str, reply: Reply) -> None:
        """Keep what the turn did: in the session, and (with a database) saved with its events."""
        chat.last_reply = reply
        if reply.intent.kind in RANKED_KINDS:
            chat.before_last_search, chat.last_search_message = before, message
        if self.sessions.db is not None:
            self._save(chat, turn_events(before, chat.state, reply, chat.session_id), new_order(before, chat.state))

    def _save(self, chat: ChatSession, events=(), order: dict | None = None) -> None:
        try:
            self.sessions.save(chat, list(events), order)
        except StaleSession as exc:
            raise BusyError("This chat was changed in another window meanwhile. Please send your message "
                            "again.") from exc

    def _paced(self, text: str, piece: str) -> Iterator[str]:
        words = re.findall(r"\S+\s*|\s+", piece)
        if len(words) <= 3:
            yield text + piece
            return
        for end in range(1, len(words) + 1):
            if self.stream_delay_s:
                time.sleep(self.stream_delay_s)
            yield text + "".join(words[:end])

    def _locked(self, chat: ChatSession):
        if not chat.lock.acquire(timeout=self.turn_timeout_s):
            raise BusyError("I'm still working on your previous message. Please wait a moment.")
        return _Release(chat.lock)

    # -- catalog and profiles (read-only views for the UI) ---------------------------------------

    def product(self, product_id: str) -> Product | None:
        return self.assistant.product(product_id)

    def cart_lines(self, chat: ChatSession) -> list[tuple[Product, int]]:
        lines = []
        for product_id, quantity in list(chat.state.cart.items()):
            product = self.product(product_id)
            if product is not None:
                lines.append((product, quantity))
        return lines

    def catalog_size(self) -> int:
        return self.assistant.catalog_size()

    def example_prompts(self) -> list[str]:
        """Prompts that work on this catalog (its own categories), for the empty chat."""
        categories = self.assistant.categories()
        preferred = [c for c in ("running shoes", "headphones", "jackets") if c in categories]
        picks = (preferred + [c for c in categories if c not in preferred])[:2]
        prompts = [f"{picks[0]} under {currency_symbol(self.assistant.currency)}100"] if picks else []
        prompts += [f"{c} in black" for c in picks[1:2]]
        return prompts + ["recommend me something", "what's in my cart?"]

    def known_users(self, limit: int = 6, scan: int = 60) -> list[KnownUser]:
        """A handful of users with the richest profiles among the first `scan` ids (cached); none
        outside demo mode, where shopper ids are real people's and no visitor may list them."""
        if not self.demo:
            return []
        if self._known_users is None:
            found = self.assistant.richest_profiles(limit, scan)
            self._known_users = sorted((_known_user(p) for p in found), key=lambda k: k.user_id)
        return self._known_users

    def user_summary(self, user_id: str | None) -> str:
        if not user_id:
            return ""
        for known in self.known_users():
            if known.user_id == user_id:
                return known.summary
        profile = self.assistant.profile(user_id)
        return _known_user(profile).summary if profile else "no purchase history yet"


class _Release:
    """Context manager releasing an already acquired lock (acquired with a timeout)."""

    def __init__(self, lock: threading.Lock):
        self._lock = lock

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc) -> None:
        self._lock.release()


def _check_message(message: str) -> None:
    if not message or not message.strip():
        raise InputError("Type what you are looking for, e.g. 'running shoes under $80'.")


def _top(affinity: dict[str, float], n: int = 2) -> list[str]:
    return [k for k, _ in sorted(affinity.items(), key=lambda kv: -kv[1])[:n]]


def _known_user(profile) -> KnownUser:
    likes = _top(profile.category_affinity, 1) + _top(profile.brand_affinity, 2)
    summary = f"likes {', '.join(likes)}" if likes else "no strong preferences yet"
    if profile.n_purchases:
        summary += f"; {profile.n_purchases} purchase(s)"
    return KnownUser(profile.user_id, f"{profile.user_id} ({summary})", summary)


def _log_id(session_id: str) -> str:
    """A session as the log names it: a short hash, so log lines never carry a usable session id."""
    return hashlib.sha256(session_id.encode("utf-8", "replace")).hexdigest()[:12]
