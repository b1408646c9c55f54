"""The JSON shape of one reply: what `shopassist ask --json` prints and `POST /api/chat` returns (stable)."""

from __future__ import annotations

from assistant.types import Reply


def reply_json(reply: Reply) -> dict:
    """The `ask --json` shape (stable: the HTTP API returns the same)."""
    return {
        "text": reply.text,
        "intent": {"kind": reply.intent.kind, **reply.intent.slots()},
        "products": [
            {"product_id": c.product.product_id, "title": c.product.title,
             "price": c.product.price,
             "brand": c.product.brand, "category": c.product.category, "rating": c.product.rating,
             "color": c.product.color, "size": c.product.size, "in_stock": c.product.in_stock,
             "score": round(c.score, 4), "reasons": list(c.reasons)}
            for c in reply.products
        ],
        "currency": reply.currency,
        "timings_ms": reply.timings_ms,
        "trace": reply.trace.to_dict(),
    }
