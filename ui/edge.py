"""Request hardening at the edge of the HTTP API: a body-size cap and error replies that quote nothing.

Why here and not in each route: a 50 MB body must be refused before it is read into memory and
parsed, and a validation error must never echo the request back (a 422 that repeats a 50 MB field,
or a lone surrogate that cannot be encoded, turned into a plain-text 500), whichever route failed.
"""

from __future__ import annotations

import json

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

# The largest request body /api accepts: a 4,000-character message with its JSON is far below it.
MAX_BODY_BYTES = 64 * 1024


class BodyLimit:
    """ASGI middleware: a request to a path under `prefix` with a body over `max_bytes` gets 413."""

    def __init__(self, app, max_bytes: int = MAX_BODY_BYTES, prefix: str = "/api"):
        self.app = app
        self.max_bytes = max_bytes
        self.prefix = prefix

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope.get("path", "").startswith(self.prefix):
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            return await _too_large(send, self.max_bytes)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        try:
            return await self.app(scope, counted, send)
        except _TooLarge:
            return await _too_large(send, self.max_bytes)


class _TooLarge(Exception):
    """A chunked body grew past the cap while being read."""


async def _too_large(send, limit: int) -> None:
    body = json.dumps({"detail": f"request body over {limit} bytes"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def install(app: FastAPI, max_body_bytes: int = MAX_BODY_BYTES) -> None:
    """Add the body cap and the quiet validation handler to `app`."""
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # where and what kind of problem only: never the input (it may be huge, personal or unencodable)
        detail = [{"loc": list(err.get("loc", ())), "msg": _plain(err.get("msg", "invalid")),
                   "type": err.get("type", "value_error")} for err in exc.errors()]
        return JSONResponse({"detail": detail}, status_code=422)


def _plain(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")[:200]
