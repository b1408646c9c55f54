"""The JSON HTTP API: `POST /api/chat` (and `/api/chat/stream`), `GET /api/health`,
`DELETE /api/sessions/{id}`, and the cart (`ui.api_cart`: `/api/cart`, `/api/checkout`, `/api/feedback`).

Replies have exactly the shape of `shopassist ask --json` (`ui.replies.reply_json`), so a
program can switch between the CLI and the server. The pydantic models below are what
FastAPI publishes as the OpenAPI schema (`/openapi.json`, browsable at `/docs`).
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, Field, field_validator

from ui.api_cart import cart_router
from ui.identity import IdentityError
from ui.replies import reply_json
from ui.service import BusyError, ChatService, FriendlyError, InputError, OverloadedError, RateLimitedError
from ui.sessions import ChatSession
from ui.streaming import DELTA, ERROR, REPLY, EventStream, StreamDelta, StreamError, turn_events

API_PREFIX = "api:"  # API session keys never collide with browser tabs' ("ui:...")


def _no_surrogates(value: str | None) -> str | None:
    """Lone surrogates ("\\ud800") are not text: refused with a 422, before anything is logged or stored."""
    if value is not None and any("\ud800" <= ch <= "\udfff" for ch in value):
        raise ValueError("contains an unpaired surrogate (not valid Unicode text)")
    return value


class ChatRequest(BaseModel):
    """One shopper message, in a session the server issued (or, in demo mode, one the caller names)."""

    session_id: str | None = Field(None, min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:-]+$",
                                   description="The session to continue: the `session_id` of an earlier "
                                               "reply. Omitted: a new session is issued and returned. "
                                               "Sessions belong to the client that made them; in demo "
                                               "mode a caller may also name its own. Idle sessions expire.")
    message: str = Field(min_length=1, max_length=4000, examples=["running shoes under $80"])
    user_token: str | None = Field(None, max_length=512, description="The store-signed shopper token "
                                   "(`shopassist sign-user`) for personalised ranking; omitted: keep the "
                                   "session's shopper (a new session is a guest).")
    user_id: str | None = Field(None, max_length=128, description="Demo mode only (`serve --demo`): a demo "
                                "shopper's id, taken as given. Refused (403) elsewhere: use user_token.")
    personalize: bool | None = Field(None, description="Use the shopper's profile and CF signal; "
                                     "omitted: keep the session's setting (on for a new session).")

    _text = field_validator("session_id", "message", "user_token", "user_id")(_no_surrogates)


class ProductOut(BaseModel):
    product_id: str
    title: str
    price: float | None = Field(description="catalog price; null when the catalog has none")
    brand: str
    category: str
    rating: float | None
    color: str = Field("", description="the catalog's colour value; empty when it lists none")
    size: str = Field("", description="the size this listing is in (\"10\", \"W32\", \"30L\"); empty when none")
    in_stock: bool = Field(True, description="whether it can be ordered now (an out-of-stock line is not ordered)")
    score: float
    reasons: list[str] = Field(description="why this product is ranked here, in words a shopper reads")


class ChatResponse(BaseModel):
    """The `shopassist ask --json` shape, plus the session it belongs to."""

    session_id: str = Field(description="send it with the next message to continue this conversation")
    text: str
    intent: dict[str, Any] = Field(description="the parsed intent: kind plus the slots it set")
    products: list[ProductOut]
    currency: str = Field("USD", description="ISO 4217 code the prices (products and text) are in")
    timings_ms: dict[str, float]
    trace: dict[str, Any] = Field(description="fallbacks, filters and counts recorded for debugging")


class LmStatus(BaseModel):
    """The fine-tuned language model: whether it answers, or how far its background fine-tune is."""

    state: Literal["off", "training", "ready", "failed"] = Field(
        description="off: the rules are configured; training: the rule parser answers while the LM "
                    "fine-tunes in the background; ready: the LM answers; failed: the rules keep answering")
    parser: Literal["rules", "lm"] = Field(description="the parser answering now (each reply's trace.parser "
                                                       "says which one read that message)")
    stage: str | None = Field(None, description="the fine-tune's stage, e.g. 'fine-tuning'")
    detail: str | None = Field(None, description="e.g. '84/268 steps, 98/215 s of the time guard'")
    progress: float | None = Field(None, description="share of the fine-tune done, 0-1 (an estimate)")
    eta_s: float | None = Field(None, description="seconds left, about")
    reason: str | None = Field(None, description="why it failed, one line")
    log: str | None = Field(None, description="the failed job's full output")


class HealthResponse(BaseModel):
    status: Literal["ok"] = "ok"
    products: int = Field(description="products in the loaded catalog")
    sessions: int = Field(description="live chat sessions (browser tabs and API sessions)")
    lm: LmStatus


class ErrorResponse(BaseModel):
    detail: str


STREAM_DESCRIPTION = (
    "The request, checks and errors of `POST /api/chat`, with the reply streamed as server-sent events "
    "while it is written: `event: delta` with `{\"text\": ...}` for each piece (joined, the deltas are the "
    "reply's text), then one `event: reply` whose data is the body `/api/chat` returns (`ChatResponse`). "
    "What is refused before the stream begins gets the same JSON error and status as `/api/chat`; a turn "
    "that fails after it began ends with `event: error`, `{\"detail\": ..., \"status\": 500}`.")


def _event(name: str, data: dict[str, Any]) -> dict[str, Any]:
    """One kind of server-sent event in OpenAPI 3.2's terms: its name and the JSON its data line holds."""
    return {"type": "object", "required": ["event", "data"],
            "properties": {"event": {"const": name},
                           "data": {"type": "string", "contentMediaType": "application/json", "contentSchema": data}}}


STREAM_CONTENT = {"itemSchema": {"oneOf": [_event(DELTA, StreamDelta.model_json_schema()),
                                           _event(REPLY, {"$ref": "#/components/schemas/ChatResponse"}),
                                           _event(ERROR, StreamError.model_json_schema())]}}


# What /api/chat answers besides 200, and when; /api/chat/stream answers the same before its stream begins.
CHAT_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"model": ErrorResponse, "description": "a user_id outside demo mode, or a user_token that is invalid "
                                                 "or expired"},
    404: {"model": ErrorResponse, "description": "no such session for this client (never issued, issued to "
                                                 "another client, or expired)"},
    409: {"model": ErrorResponse, "description": "session busy with a turn"},
    413: {"model": ErrorResponse, "description": "request body too large"},
    422: {"model": ErrorResponse, "description": "the message is empty or invalid"},
    429: {"model": ErrorResponse, "description": "rate limit: too many messages; the Retry-After header says "
                                                 "when to try again"},
    500: {"model": ErrorResponse, "description": "the turn failed"},
    503: {"model": ErrorResponse, "description": "the server is at capacity; the Retry-After header says when "
                                                 "to try again"},
}


@dataclass(frozen=True)
class OpenTurn:
    """A request that passed every check before its turn: the session it runs in, and that session's id."""

    session_id: str
    session: ChatSession


def api_router(service: ChatService) -> APIRouter:
    """Routes under /api; sync handlers, so FastAPI runs each turn in its thread pool."""
    router = APIRouter(prefix="/api", tags=["shopassist"])

    @router.post("/chat", response_model=ChatResponse, summary="Send a message, get the reply",
                 responses=CHAT_ERRORS)
    def chat(request: ChatRequest, http: Request) -> dict[str, Any]:
        turn = open_turn(service, request, http)
        try:
            reply = service.ask(turn.session, request.message, admitted=True)
        except FriendlyError as exc:
            raise http_error(exc) from exc
        return {"session_id": turn.session_id, **reply_json(reply)}

    stream_responses = {200: {"description": "the reply as server-sent events",
                              "content": {"text/event-stream": STREAM_CONTENT}}, **CHAT_ERRORS}

    @router.post("/chat/stream", response_class=EventStream, status_code=200, responses=stream_responses,
                 summary="Send a message, stream the reply", description=STREAM_DESCRIPTION)
    def chat_stream(request: ChatRequest, http: Request) -> EventStream:
        turn = open_turn(service, request, http)
        steps = service.stream(turn.session, request.message, pace=False, admitted=True)
        try:
            events = turn_events(steps, lambda reply: ChatResponse(session_id=turn.session_id, **reply_json(reply)))
        except FriendlyError as exc:
            raise http_error(exc) from exc
        return EventStream(events)

    @router.get("/health", response_model=HealthResponse, response_model_exclude_none=True,
                summary="Liveness, what is loaded, and the language model's state")
    async def health() -> HealthResponse:
        # async, not in the thread pool the turns fill: a load balancer's check answers under load. The
        # session sweep and count may wait on the database, so they run in a thread of their own and the
        # event loop (every other request) never waits on a database lock.
        sessions = await asyncio.to_thread(_swept_count, service)
        return HealthResponse(products=service.catalog_size(), sessions=sessions,
                              lm=LmStatus(**service.lm_status()))

    @router.delete("/sessions/{session_id}", status_code=204, summary="End a session (drops its cart)",
                   responses={404: {"model": ErrorResponse}})
    def end_session(session_id: str, http: Request) -> Response:
        if not service.sessions.drop(session_key(_client(http), session_id)):
            raise HTTPException(404, "no such session (it may have expired)")
        return Response(status_code=204)

    router.include_router(cart_router(service, session_key, _client))
    return router


def open_turn(service: ChatService, request: ChatRequest, http: Request) -> OpenTurn:
    """Every check a message passes before its turn, the same for /api/chat and /api/chat/stream: the
    message and the rates first (before any session exists, so a bad or throttled request creates and
    evicts nothing), then the shopper's identity, the session's owner, and who is shopping in it."""
    client = _client(http)
    session_id = request.session_id or secrets.token_urlsafe(18)
    key = session_key(client, session_id)
    try:
        service.admit(request.message, client, key)
        shopper = service.shopper(request.user_id, request.user_token)
    except (FriendlyError, IdentityError) as exc:
        raise http_error(exc) from exc
    if request.session_id and not service.demo and service.sessions.peek(key) is None:
        raise HTTPException(404, "no such session for this client (it may have expired); "
                                 "omit session_id to start a new one")
    named = request.user_id is not None or request.user_token is not None
    session = service.session(key, shopper, request.personalize is not False, owner=client or "-")
    user_id = shopper if named else session.state.user_id
    personalize = session.state.personalize if request.personalize is None else request.personalize
    try:
        service.configure(session, user_id, personalize)
    except FriendlyError as exc:
        raise http_error(exc) from exc
    return OpenTurn(session_id, session)


def http_error(exc: FriendlyError | IdentityError) -> HTTPException:
    """The HTTP status of a refused or failed turn (the message is safe to show as it is)."""
    if isinstance(exc, IdentityError):
        return HTTPException(403, str(exc))
    if isinstance(exc, RateLimitedError):
        return HTTPException(429, str(exc), headers=_retry(exc.retry_after_s))
    if isinstance(exc, OverloadedError):
        return HTTPException(503, str(exc), headers=_retry(exc.retry_after_s))
    if isinstance(exc, BusyError):
        return HTTPException(409, str(exc))
    if isinstance(exc, InputError):
        return HTTPException(422, str(exc))
    return HTTPException(500, str(exc))


def _swept_count(service: ChatService) -> int:
    """Live sessions after dropping the idle ones."""
    service.sessions.expire()
    return len(service.sessions)


def session_key(client: str | None, session_id: str) -> str:
    """Where an API session lives: under its client, so another client naming the same id reaches
    nothing of it (and API keys never collide with browser tabs' "ui:...")."""
    return f"{API_PREFIX}{client or '-'}:{session_id}"


def _retry(seconds: float) -> dict[str, str]:
    return {"Retry-After": str(max(1, round(seconds)))}


def _client(http: Request) -> str | None:
    """The caller's address: the key of its rate-limit bucket and the owner of its sessions. Behind a
    proxy it is the proxy's, unless the server trusts that proxy's forwarded headers
    (`serve --forwarded-allow-ips`); a client's own X-Forwarded-For is never believed."""
    return http.client.host if http.client else None
