"""A shopper mixing Hindi into English ("zara nahi chahiye", "1st wala le lo", "1 aur 2 me kya farak hai", "no cost
EMI milega kya?"), a Greek speaker writing English ("Efharisto poli, you were very helpfull", "and the 2 also, for
my husband"), a shopper who would rather not buy new ("do u sell refurbished laptops?", "no fast fashion brands like
zara or uniqlo", "do you do repairs on dysons?") and a shopper with sore hands ("kettle light enough to lift with bad
wrists"). Each case read the wrong way before it was handled."""

from __future__ import annotations

import pytest

from assistant import rules
from assistant.conditions import unsold_condition
from assistant.evidence import ground, noun_phrases
from assistant.hinglish import in_english
from assistant.spelling import Speller
from tests.test_flat_and_materials import scripted_chat, scripted_evidence


@pytest.mark.parametrize(("message", "english"), [
    ("zara nahi chahiye", "no zara"),
    ("apple wala nahi chahiye bhai", "no apple bhai"),
    ("ok 1st wala le lete hai", "ok add the 1st one"),
    ("chalo 2nd wala le leta hu", "ok add the 2nd one"),
    ("1 aur 2 me kya farak hai", "what's the difference between 1 and 2"),
    ("pehle do ko compare karo na", "first two compare"),
    ("mummy ke liye phone chahiye, simple sa, 300 dollar se kam", "need phone for mummy, simple sa, under 300"),
    ("150 dollar tak", "up to 150"),
    ("brand koi bhi chalega phir", "any brand is fine then"),
    ("sab filter hata do, naye sire se shuru karte hai", "clear all filters, start over"),
    ("pink colour me hai kya", "in pink"),
    ("size exchange ho jayega na agar fit nahi hua?", "size can I exchange it if fit not?"),
])
def test_hindi_glue_is_read_in_english(message, english):
    assert in_english(message) == (english, True)


@pytest.mark.parametrize("message", ["show me the ones you have", "hi there, do you have a hi fi",
                                     "do you do next day delivery", "what do you recommend for me"])
def test_english_is_left_as_it_is(message):
    assert in_english(message) == (message, False)


def test_a_hinglish_chat_excludes_adds_compares_and_lifts(say):
    say("red dress dikhao")
    say("zara nahi chahiye")
    assert "Zara" in say.session.exclude_brands
    reply = say("1 aur 2 me kya farak hai")
    assert reply.intent.kind == "compare" and reply.intent.references == (1, 2)
    reply = say("ok 1st wala le lete hai")
    assert reply.intent.kind == "add_to_cart" and len(say.session.cart) == 1
    assert say("ab cart dikhao").intent.kind == "view_cart"
    assert say("no cost EMI milega kya?").intent.kind == "out_of_scope"
    say("nike ke running shoes dikhao")
    reply = say("brand koi bhi chalega phir")
    assert reply.intent.kind == "refine" and say.session.brand is None


def test_a_list_position_said_as_the_and_a_digit_with_also(say):
    say("backpacks under 80")
    say("add the 4th")
    reply = say("and the 2 also, for my husband")
    assert reply.intent.kind == "add_to_cart" and len(say.session.cart) == 2


def test_greek_hellos_thanks_and_goodbyes_are_small_talk(say):
    assert say("kalimera").intent.kind == "greeting"
    say("frying pan")
    for message in ["Efharisto poli, you were very helpfull. Kali synexeia!", "efharisto, that is all for today",
                    "yia sou"]:
        assert say(message).intent.kind == "greeting", message


def test_brands_listed_after_a_kind_of_brand_are_ruled_out(say):
    brands = {"zara": "Zara", "uniqlo": "Uniqlo", "nike": "Nike"}
    assert rules.excluded_brands("a rain jacket that'll last. no fast fashion brands like zara or uniqlo",
                                 brands) == ["Zara", "Uniqlo"]
    assert rules.excluded_brands("no sporty stuff like nike please", brands) == ["Nike"]


def test_repairs_trade_ins_and_emi_are_service_questions(say):
    say("cordless vacuum")
    for message in ["do you do repairs on dysons? like if the battery dies", "can i trade in my old laptop with you?",
                    "EMI option available?"]:
        assert say(message).intent.kind == "out_of_scope", message
    assert not rules.OFF_TOPIC.search("a repairable phone please")


def test_a_condition_the_shop_sells_nothing_in(demo_assistant):
    vocab = demo_assistant.engine.vocab
    assert unsold_condition("do u sell refurbished laptops? trying not to buy new", vocab) == "refurbished laptops"
    assert unsold_condition("any pre-loved or vintage levis denim jackets?", vocab) \
        == "pre-loved or vintage levis denim jackets"
    assert unsold_condition("a second-hand iphone", vocab) == "second-hand iphone"
    assert unsold_condition("nothing second hand please, a laptop", vocab) is None
    assert unsold_condition("I used to have a nike bag, any backpacks?", vocab) is None
    reader = scripted_evidence(demo_assistant, [("Lenovo IdeaPad Slim 5 Laptop", "laptops", 0.7)] * 5)
    grounding = ground("do u sell refurbished laptops?", None, vocab, reader)
    assert not grounding.carried and grounding.category == "laptops" and grounding.condition == "refurbished laptops"
    assert ground("a laptop for uni", None, vocab, reader).carried


def test_after_a_refurbished_one_a_new_one_is_a_search_of_its_own(demo_assistant):
    chat = scripted_chat(demo_assistant, [("Apple MacBook Air M2 Laptop", "laptops", 0.7)] * 5)
    session = chat.new_session()
    reply = chat.respond(session, "refurbished macbook?")
    assert reply.trace.not_carried and "refurbished macbook" in reply.text
    reply = chat.respond(session, "ok. a new macbook air then, cheapest one you have")
    assert reply.intent.kind == "search" and not reply.trace.not_carried


def test_a_kind_described_after_it_is_the_thing_asked_for(demo_assistant):
    vocab = demo_assistant.engine.vocab
    assert noun_phrases("kettle light enough to lift with bad wrists", vocab)[0] == "kettle"
    assert noun_phrases("lookin for a backpack made from recycled fabric", vocab)[:2] == ["lookin", "backpack"]
    assert noun_phrases("ugh ok. a new google pixel then", vocab)[0] == "google pixel"
    assert vocab.wanted_categories("a backpack made from recycled fabric") == ["backpacks"]


def test_a_bag_of_the_maker_named_comes_from_an_aisle_it_sells_in(demo_assistant):
    vocab = demo_assistant.engine.vocab
    reader = scripted_evidence(demo_assistant, [("Adidas Gym Bag", "sports", 0.45)] * 4
                               + [("The North Face Recon Backpack", "backpacks", 0.44)])
    grounding = ground("Also one bag for the travel. The North Face", None, vocab, reader)
    assert grounding.carried and grounding.category == "backpacks"


def test_dropped_gs_and_misspelt_materials(demo_assistant):
    speller = Speller(demo_assistant.engine.vocab)
    assert speller.correct("lookin for kicks that arent lether")[0] == "looking for kicks that arent leather"
    assert speller.correct("a raisin cabin")[0] == "a raisin cabin"


def test_the_next_few_after_turning_the_list_down_is_more(say):
    say("trail running shoes")
    assert say("eh none of these, show me the next few").intent.kind == "more"
