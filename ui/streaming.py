"""A streamed turn as a client receives it: text deltas, then the whole reply.

`ChatService.stream` yields the reply text so far (what a chat window redraws); a program wants
each new piece once, and `POST /api/chat/stream` sends them as server-sent events. Deltas are
trimmed so that, joined, they are exactly the final reply's `text` (`Reply.text` is the
assistant's pieces joined and stripped): leading whitespace is dropped, and trailing whitespace is
held back until more text follows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain

from pydantic import BaseModel, Field
from starlette.responses import StreamingResponse

from assistant.types import Reply
from ui.service import FriendlyError

DELTA, REPLY, ERROR = "delta", "reply", "error"  # the event names of /api/chat/stream


class StreamDelta(BaseModel):
    """The data of a `delta` event: the next piece of the reply's text."""

    text: str = Field(description="append it to the text so far; all deltas joined equal the reply's text")


class StreamError(BaseModel):
    """The data of an `error` event: the turn failed after the stream began (its HTTP status was 200)."""

    detail: str
    status: int = Field(description="the HTTP status /api/chat would have answered with")


class EventStream(StreamingResponse):
    """A `text/event-stream` response that caches and proxy buffers leave alone.

    Not FastAPI's `EventSourceResponse`: FastAPI takes any route declaring that class for a generator
    of events, and /api/chat/stream checks the request and starts the turn before its stream begins.
    """

    media_type = "text/event-stream"

    def __init__(self, content: Iterator[bytes]):
        super().__init__(content, headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def text_deltas(items: Iterable[str | Reply]) -> Iterator[str | Reply]:
    """From `ChatService.stream` (growing text, then the Reply): each new piece of text, trimmed so the
    pieces joined equal the Reply's text, then the Reply."""
    seen, started, held = 0, False, ""
    for item in items:
        if isinstance(item, Reply):
            yield item
            return
        piece, seen = item[seen:], len(item)
        if not started:
            piece = piece.lstrip()
            started = bool(piece)
        pending = held + piece
        body = pending.rstrip()
        held = pending[len(body):]
        if body:
            yield body


def turn_events(steps: Iterator[str | Reply], reply_data: Callable[[Reply], BaseModel]) -> Iterator[bytes]:
    """The server-sent events of one turn: `delta` per piece, then one `reply` (`reply_data(reply)`).

    The first piece is produced before this returns, so whatever fails before it (a busy session, a
    full waiting line, a failed turn) raises here, while an HTTP status can still say so; a failure
    after it ends the stream with an `error` event. Closing the events early (the client went away)
    closes `steps`, which frees the session at once.
    """
    deltas = text_deltas(steps)
    first = next(deltas)
    return _events(first, deltas, steps, reply_data)


def _events(first: str | Reply, deltas: Iterator[str | Reply], steps: Iterator[str | Reply],
            reply_data: Callable[[Reply], BaseModel]) -> Iterator[bytes]:
    try:
        for item in chain([first], deltas):
            if isinstance(item, Reply):
                yield sse(REPLY, reply_data(item))
                return
            yield sse(DELTA, StreamDelta(text=item))
    except FriendlyError as exc:
        yield sse(ERROR, StreamError(detail=str(exc), status=500))
    finally:
        deltas.close()
        steps.close()


def sse(event: str, data: BaseModel) -> bytes:
    """One event on the wire: `event: NAME`, then the data as one line of JSON (JSON escapes newlines, so
    one `data:` line always holds it), then the blank line that ends an event."""
    return f"event: {event}\ndata: {data.model_dump_json()}\n\n".encode()
