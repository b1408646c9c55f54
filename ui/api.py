"""The JSON HTTP API: `POST /api/chat`, `GET /api/health`, `DELETE /api/sessions/{id}`.

Replies have exactly the shape of `shopassist ask --json` (`ui.replies.reply_json`), so a
program can switch between the CLI and the server. The pydantic models below are what
FastAPI publishes as the OpenAPI schema (`/openapi.json`, browsable at `/docs`).
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, Field

from ui.replies import reply_json
from ui.service import BusyError, ChatService, FriendlyError, InputError, RateLimitedError

API_PREFIX = "api:"  # API session keys never collide with browser tabs' ("ui:...")


class ChatRequest(BaseModel):
    """One shopper message in a session chosen by the caller."""

    session_id: str = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:-]+$",
                            description="Any id the caller picks; messages with the same id share the "
                                        "dialogue state and the cart. Idle sessions expire.")
    message: str = Field(min_length=1, max_length=4000, examples=["running shoes under $80"])
    user_id: str | None = Field(None, max_length=128, description="Known shopper id for personalised "
                                "ranking; omitted: keep the session's (a new session is a guest).")
    personalize: bool | None = Field(None, description="Use the shopper's profile and CF signal; "
                                     "omitted: keep the session's setting (on for a new session).")


class ProductOut(BaseModel):
    product_id: str
    title: str
    price: float | None = Field(description="catalog price; null when the catalog has none")
    brand: str
    category: str
    rating: float | None
    score: float
    reasons: list[str] = Field(description="why this product is ranked here, in words a shopper reads")


class ChatResponse(BaseModel):
    """The `shopassist ask --json` shape."""

    text: str
    intent: dict[str, Any] = Field(description="the parsed intent: kind plus the slots it set")
    products: list[ProductOut]
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


def api_router(service: ChatService) -> APIRouter:
    """Routes under /api; sync handlers, so FastAPI runs each turn in its thread pool."""
    router = APIRouter(prefix="/api", tags=["shopassist"])

    @router.post("/chat", response_model=ChatResponse, summary="Send a message, get the reply",
                 responses={409: {"model": ErrorResponse, "description": "session busy with a turn"},
                            422: {"model": ErrorResponse, "description": "the message is empty or invalid"},
                            429: {"model": ErrorResponse, "description": "rate limit: too many messages; "
                                  "the Retry-After header says when to try again"},
                            500: {"model": ErrorResponse, "description": "the turn failed"}})
    def chat(request: ChatRequest, http: Request) -> dict[str, Any]:
        session = service.session(API_PREFIX + request.session_id, request.user_id,
                                  request.personalize is not False)
        user_id = session.state.user_id if request.user_id is None else request.user_id
        personalize = session.state.personalize if request.personalize is None else request.personalize
        try:
            service.configure(session, user_id, personalize)
            return reply_json(service.ask(session, request.message, client=_client(http)))
        except BusyError as exc:
            raise HTTPException(409, str(exc)) from exc
        except InputError as exc:
            raise HTTPException(422, str(exc)) from exc
        except RateLimitedError as exc:
            raise HTTPException(429, str(exc), headers={"Retry-After": str(max(1, round(exc.retry_after_s)))}) from exc
        except FriendlyError as exc:
            raise HTTPException(500, str(exc)) from exc

    @router.get("/health", response_model=HealthResponse, response_model_exclude_none=True,
                summary="Liveness, what is loaded, and the language model's state")
    def health() -> HealthResponse:
        service.sessions.expire()
        return HealthResponse(products=service.catalog_size(), sessions=len(service.sessions),
                              lm=LmStatus(**service.lm_status()))

    @router.delete("/sessions/{session_id}", status_code=204, summary="End a session (drops its cart)",
                   responses={404: {"model": ErrorResponse}})
    def end_session(session_id: str) -> Response:
        if not service.sessions.drop(API_PREFIX + session_id):
            raise HTTPException(404, "no such session (it may have expired)")
        return Response(status_code=204)

    return router


def _client(http: Request) -> str | None:
    """The caller's address, the key of its rate-limit bucket (behind a proxy: the proxy's)."""
    return http.client.host if http.client else None
