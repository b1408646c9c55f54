"""A 12-year-old with birthday money ("yay thank uuu", "which of these is a smartwatch"), a Hebrew speaker writing
English ("shalom! how are you today?", "toda raba", "the second one, I can put it in dishwasher?", "where is your
shop? I want to see it live before"), a returning customer ("did i get the stockholm one last time?") and a parent
who describes the problem, not the product ("my face is red raw from the wind", "8 yr old keeps asking what time
it is", "going to a summer wedding in Italy, need something flowy to wear"). Each case read the wrong way before
it was handled."""

from __future__ import annotations

from assistant import rules
from assistant.evidence import EvidenceReader, ground
from tests.test_flat_and_materials import _Always
from tests.test_understanding import ScriptedEncoder, ScriptedEngine, VectorIndex


def test_hebrew_hellos_thanks_and_cheers_with_letters_drawn_out(say):
    assert say("shalom! how are you today?").intent.kind == "greeting"
    say("watches under 60")
    for message in ["toda raba", "yay thank uuu", "woohoo thanks"]:
        assert say(message).intent.kind == "greeting", message


def test_which_of_these_is_a_kind_compares_those_shown(say):
    say("watches under 60")
    shown = list(say.session.shown)
    reply = say("which of these is a smartwatch")
    assert reply.intent.kind == "compare" and say.session.shown == shown[:len(say.session.shown)]


def test_putting_a_thing_in_the_dishwasher_adds_nothing(say):
    say("zwilling chef knife")
    reply = say("the second one, I can put it in dishwasher?")
    assert reply.intent.kind == "details" and reply.intent.references == (2,) and not say.session.cart
    assert say("ok put it in my cart").intent.kind == "add_to_cart" and len(say.session.cart) == 1


def test_the_shop_premises_and_past_orders_are_service_questions(say):
    assert say("where is your shop? I want to see it live before").intent.kind == "out_of_scope"
    say("ikea throw blanket")
    for message in ["did i get the stockholm one last time or a different one?",
                    "do you know what i paid for my old one?"]:
        assert say(message).intent.kind == "out_of_scope", message
    # a time asked of the shopper's child is a need told, not a question for the shop
    assert not rules.OFF_TOPIC.search("8 yr old keeps asking what time it is every 5 min, she needs a watch")
    assert rules.OFF_TOPIC.search("what time do you close")


def test_a_face_red_raw_names_no_colour(demo_assistant):
    vocab = demo_assistant.engine.vocab
    assert vocab.mentioned_colors("my face is red raw from the wind, what's good for dry skin") == []
    assert vocab.mentioned_colors("a red moisturizer") == ["red"]


class _LongerCloser(dict):
    """Far hits for any phrase, a little less far the more words it has: the whole message is read as the phrase."""

    def get(self, key, default=None):
        return [("Zara Ridge Rain Jacket", "jackets", 0.2 + 0.01 * len(key.split()))] * 5


def test_a_need_told_at_length_is_served_by_the_aisle_it_sounds_like(demo_assistant):
    vocab = demo_assistant.engine.vocab
    message = "going to a summer wedding in Italy, need something flowy to wear"
    index = VectorIndex(["dresses", "dresses", "jackets"], [[1, 0.1, 0, 0], [1, -0.1, 0, 0], [0, 0, 1, 0]])
    far = [("Zara Ridge Rain Jacket", "jackets", 0.3)] * 5  # no best title says what is asked
    reader = EvidenceReader(ScriptedEngine(vocab, _LongerCloser(), index=index,
                                           encoder=ScriptedEncoder({message: [1, 0, 0.1, 0]})))
    grounding = ground(message, None, vocab, reader)
    assert grounding.carried and grounding.category == "dresses"
    # a thing named, however long its phrase, is still lacked: the sense alone does not carry it
    named = "a big heavy waterproof running sound bar"
    reader = EvidenceReader(ScriptedEngine(vocab, _Always(far), index=index,
                                           encoder=ScriptedEncoder({named: [1, 0, 0.1, 0]})))
    assert not ground(named, None, vocab, reader).carried
