"""The cart over HTTP: read it, set a line's quantity, empty it (confirmed), check out, and thumbs up/down.

Every route acts on a session the server issued to this client (`POST /api/chat` issues them): an
unknown id is a 404 and creates nothing, and each call spends the same rate tokens as a message.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from assistant.budget import COUNTED_AT_MOST
from ui.service import BusyError, ChatService, RateLimitedError
from ui.sessions import ChatSession

SESSION_ID = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:-]+$",
                   description="the `session_id` a chat reply returned")


class CartLine(BaseModel):
    product_id: str
    title: str
    quantity: int
    price: float | None = Field(description="catalog price of one; null when the catalog has none")
    line_total: float | None


class CartOut(BaseModel):
    session_id: str
    lines: list[CartLine]
    count: int = Field(description="items in the cart (quantities summed)")
    total: float
    currency: str = Field("USD", description="ISO 4217 code of the prices and totals")


class QuantityIn(BaseModel):
    session_id: str = SESSION_ID
    quantity: int = Field(ge=0, le=COUNTED_AT_MOST, description="the line's new quantity; 0 removes it")


class SessionIn(BaseModel):
    session_id: str = SESSION_ID


class OrderOut(BaseModel):
    order_id: str
    total: float
    currency: str = Field("USD", description="ISO 4217 code of the total and the line prices")
    lines: list[dict[str, Any]] = Field(description="product_id, title, quantity, price of each line")


class FeedbackIn(BaseModel):
    session_id: str = SESSION_ID
    value: int = Field(description="1: thumbs up, -1: thumbs down, on the session's last reply")


def cart_router(service: ChatService, session_key, client_of) -> APIRouter:
    """Routes for the /api router; `session_key(client, id)` and `client_of(request)` as in `ui.api`."""
    router = APIRouter(tags=["cart"])  # included in `ui.api`'s /api router
    missing = {404: {"description": "no such session for this client (never issued, another client's, or "
                                    "expired)"}, 409: {"description": "the session is busy with a turn"},
               429: {"description": "rate limit"}}

    def chat_of(http: Request, session_id: str) -> ChatSession:
        client = client_of(http)
        chat = service.sessions.peek(session_key(client, session_id))
        if chat is None:
            raise HTTPException(404, "no such session for this client (it may have expired)")
        try:
            service.check_rate(chat, client)
        except RateLimitedError as exc:
            raise HTTPException(429, str(exc), headers={"Retry-After": str(max(1, round(exc.retry_after_s)))}) \
                from exc
        return chat

    def cart_of(session_id: str, chat: ChatSession) -> CartOut:
        lines = [CartLine(product_id=p.product_id, title=p.title, quantity=q, price=p.price,
                          line_total=round(p.price * q, 2) if p.price is not None else None)
                 for p, q in service.cart_lines(chat)]
        return CartOut(session_id=session_id, lines=lines, count=sum(line.quantity for line in lines),
                       total=round(sum(line.line_total or 0.0 for line in lines), 2),
                       currency=service.assistant.currency)

    def busy(call):
        try:
            return call()
        except BusyError as exc:
            raise HTTPException(409, str(exc)) from exc
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from exc

    @router.get("/cart", response_model=CartOut, summary="The session's cart with line totals", responses=missing)
    def get_cart(http: Request, session_id: str = Query(min_length=1, max_length=128)) -> CartOut:
        return cart_of(session_id, chat_of(http, session_id))

    @router.put("/cart/lines/{product_id}", response_model=CartOut, responses=missing,
                summary="Set a line's quantity (0 removes it; a product not in the cart is added)")
    def put_line(product_id: str, body: QuantityIn, http: Request) -> CartOut:
        chat = chat_of(http, body.session_id)
        busy(lambda: service.set_quantity(chat, product_id, body.quantity))
        return cart_of(body.session_id, chat)

    @router.delete("/cart", response_model=CartOut, responses=missing,
                   summary="Empty the cart; refused (422) unless confirm=true")
    def delete_cart(http: Request, session_id: str = Query(min_length=1, max_length=128),
                    confirm: bool = Query(False, description="must be true: the shopper confirmed")) -> CartOut:
        chat = chat_of(http, session_id)
        if not confirm:
            raise HTTPException(422, "emptying a cart needs confirm=true (ask the shopper first)")
        busy(lambda: service.clear_cart(chat))
        return cart_of(session_id, chat)

    @router.post("/checkout", response_model=OrderOut, responses={**missing, 422: {"description": "empty cart"}},
                 summary="Place an order for the cart (no payment: a confirmation with its number)")
    def checkout(body: SessionIn, http: Request) -> OrderOut:
        chat = chat_of(http, body.session_id)
        order = busy(lambda: service.checkout(chat))
        if order is None:
            raise HTTPException(422, "the cart has nothing to order")
        return OrderOut(**order)

    @router.post("/feedback", status_code=204, responses=missing, summary="Thumbs up or down on the last reply")
    def feedback(body: FeedbackIn, http: Request) -> None:
        chat = chat_of(http, body.session_id)
        busy(lambda: service.feedback(chat, body.value))

    return router
