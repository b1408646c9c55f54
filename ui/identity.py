"""Who a shopper is: a store-signed token, never a bare id from the request.

The host page's backend knows its logged-in customer and signs `user_id` and an expiry with a secret
it shares with this server (HMAC-SHA256, the standard library's). The chat forwards the token; the
server checks it and reads the id from it. A bare `user_id` from a browser or an API caller is
anyone's word, so it is accepted only in demo mode (`serve --demo`, what `make demo` runs), whose
"Shopping as" shoppers are made up.

Why not a JWT library: the token carries one id and an expiry, signed by one party for one party;
HMAC over "id.expiry" is the whole of it, and it adds no dependency to check.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

from assistant.types import UserError

SECRET_ENV = "SHOPASSIST_USER_SECRET"


class IdentityError(UserError, ValueError):
    """A user token that is malformed, signed with another secret, or expired."""


def load_secret(path: str | Path | None = None) -> bytes | None:
    """The signing secret: from the file, else the environment variable; None when neither is set."""
    if path:
        data = Path(path).read_bytes().strip()
        if len(data) < 16:
            raise IdentityError(f"{path}: a user-token secret needs at least 16 bytes")
        return data
    value = os.environ.get(SECRET_ENV, "").strip()
    if value and len(value) < 16:
        raise IdentityError(f"{SECRET_ENV}: a user-token secret needs at least 16 characters")
    return value.encode() if value else None


def sign_user(user_id: str, secret: bytes, ttl_s: float = 3600.0, now: float | None = None) -> str:
    """A token for `user_id` valid for `ttl_s` seconds: "<id b64>.<expiry>.<signature>"."""
    if not user_id or len(user_id) > 128:
        raise IdentityError("user_id must be 1-128 characters")
    expiry = int((time.time() if now is None else now) + ttl_s)
    encoded = base64.urlsafe_b64encode(user_id.encode()).decode().rstrip("=")
    return f"{encoded}.{expiry}.{_signature(f'{encoded}.{expiry}', secret)}"


def verify_user(token: str, secret: bytes, now: float | None = None) -> str:
    """The user id a valid token carries; raises IdentityError (naming what is wrong) otherwise."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[1].isdigit():
        raise IdentityError("user_token is not a token this store issued")
    encoded, expiry, signature = parts
    if not hmac.compare_digest(signature, _signature(f"{encoded}.{expiry}", secret)):
        raise IdentityError("user_token's signature does not match")
    if int(expiry) < (time.time() if now is None else now):
        raise IdentityError("user_token has expired; the store must sign a new one")
    try:
        return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (ValueError, UnicodeDecodeError) as exc:
        raise IdentityError("user_token is not a token this store issued") from exc


def _signature(payload: str, secret: bytes) -> str:
    digest = hmac.new(secret, payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def issue_browser_id(secret: bytes) -> str:
    """A new browser's session id: random, signed, so a browser can keep it (localStorage) across reloads
    and restarts while an id the server never issued is refused."""
    token = secrets.token_urlsafe(18)
    return f"{token}.{_signature(f'browser.{token}', secret)}"


def verify_browser_id(value: object, secret: bytes) -> str | None:
    """The browser id when `value` is one this server issued (signed with `secret`), else None."""
    if not isinstance(value, str) or value.count(".") != 1 or len(value) > 120:
        return None
    token, signature = value.split(".")
    return value if token and hmac.compare_digest(signature, _signature(f"browser.{token}", secret)) else None
