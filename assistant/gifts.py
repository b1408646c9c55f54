"""A gift described by the person and the occasion, said as what to look for.

Why: "bday gift for my boyfriend, he's a runner, under 150" names no product; searched as written, its
words "gift" and "bday" match the titles of gift-boxed toys, so a runner was offered plush toys, and "my
sister turns 30 next week, she loves cooking" was called a thing the shop lacks. What the person is into
is what to search for ("runner", "cooking", "plays football"); a housewarming is for the home. The budget
stays as said. A gift for a grown-up that says nothing of what they are into ("gift for my dad under 50") asks
for gift ideas (a recommendation, cut for them where the catalog lists a cut), not a search for "dad". A
message that names a product ("running shoes for my boyfriend's bday"), or a gift for a child ("a present for
my 4yo nephew": toys), is left as said.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from assistant import rules
from assistant.ages import child_age
from assistant.types import SEARCH_KINDS, DialogueState, Intent
from assistant.vocab import CatalogVocab

_OCCASION = re.compile(r"\b(?:gifts?|presents?|b-?day|birthday|xmas|christmas|anniversary|housewarming|"
                       r"buying for \d+ (?:ppl|people)|"
                       r"graduation|grad|retir(?:ing|ement)|leaving|secret santa|stocking filler|turns \d{1,2})\b",
                       re.I)
_PERSON = re.compile(r"\b(?:for|to)\s+(?:my|a|an|our|her|his|the)\s+(?:\w+\s+){0,2}?(?:sister|brother|dad|father|"
                     r"mum|mom|mother|son|daughter|wife|husband|boyfriend|girlfriend|partner|friend|mate|bestie|"
                     r"co-?worker|colleague|niece|nephew|boss|grandma|grandad|grandpa|granddad|nan|aunt|uncle|"
                     r"teacher|neighbou?r|kid|child|teen(?:ager)?|cousin|in-laws?|fianc[eé]e?|someone|him|her|girl|boy|guy|"
                     r"lady|man|woman)\b|"
                     r"\bmy\s+(?:\w+\s+){0,1}(?:sister|brother|dad|mum|mom|son|daughter|wife|husband|boyfriend|"
                     r"girlfriend|partner|friend|niece|nephew|boss|grandma|grandpa)\b|"
                     # "secret santa at work", "gifts for the office team, 3 people", "buying for 4 ppl"
                     r"\b(?:co-?workers?|colleagues?|boss|(?:the|my|our|office|work)\s+team|office|at work|for work|"
                     r"\d+\s+(?:ppl|people|persons)|everyone|the family)\b", re.I)
# What the person is into: "he's a runner", "she loves cooking", "who plays football", "into hiking".
_INTEREST = re.compile(r"\b(?:(?:he|she|they)(?:'s|'re|\s+is|\s+are)?\s+(?:really\s+|big\s+|super\s+|very\s+)?"
                       r"(?:loves?|likes?|enjoys?|plays?|does|into|a|an|obsessed with|mad about|big on|keen on)|"
                       r"(?:who|that)\s+(?:really\s+)?(?:loves?|likes?|enjoys?|plays?|does|is into|is a|is an|"
                       r"runs|cooks|bakes|hikes|games|travels)|\binto|\blikes?|\bloves?|\bfan of)\s+"
                       r"(?P<what>[a-z][a-z' -]{2,40}?)(?=\s*(?:[,.;!?]|\band\b|\bbut\b|\bbudget\b|\bunder\b|"
                       r"\bmax\b|\baround\b|\bup to\b|\bless\b|\$|£|€|$))", re.I)
# Not knowing what the person likes: "no clue what kids are into", "no idea what he likes", "what she'd like".
_NO_CLUE = re.compile(r"\b(?:no (?:clue|idea)|not sure|(?:don'?t|dont|do not) know|dunno|haven'?t a clue)\s+"
                      r"what\s+(?:[\w']+\s+){0,3}$", re.I)
_TIME_ONLY = re.compile(r"\s*(?:these days|nowadays|at the moment|lately|right now|now|this year|anymore)\s*$", re.I)
# An interest said of a kind of people: "both coffee people", "they're big tea drinkers", "a coffee lover".
_PEOPLE_INTEREST = re.compile(r"\b(?:both|all|are|they'?re|is|he'?s|she'?s|a|an)\s+(?:big\s+|huge\s+|real\s+)?"
                              r"(?P<what>[a-z]{3,20})\s+(?:people|person|lovers?|fans?|addicts?|nuts?|drinkers?|"
                              r"fanatics?|geeks?|nerds?)\b", re.I)
# Something for the shopper, not the person the gift is for.
_FOR_ME = re.compile(r"\bfor (?:me|myself|meself)\b|\bmyself\b|\bmy own\b|\bwhile i'?m (?:here|at it)\b", re.I)
# A child the gift is for, said without an age: toys are where the words place it.
_CHILD = re.compile(r"\b(?:kid|kids|child|children|toddler|baby|newborn|infant|little (?:one|boy|girl)|"
                    r"\d{1,2}\s?(?:yo|y/o)|\d{1,2}[- ](?:years?|yrs?)[- ]old)\b", re.I)
_HOME = re.compile(r"\bhousewarming\b|\bnew (?:flat|home|house|place)\b|\bmoved (?:in|into)\b", re.I)


@dataclass(frozen=True)
class GiftRequest:
    """The message said as what to look for, and the interest it came from ("runner", "home"; "" for gift
    ideas, where the message said none)."""

    message: str
    interest: str


def _budget(low: float | None, high: float | None) -> str:
    """The price bounds the message states, said again plainly ("around 60" is already 48-72)."""
    if low is not None and high is not None:
        return f"between {low:g} and {high:g}"
    if high is not None:
        return f"under {high:g}"
    return f"over {low:g}" if low is not None else ""


def names_occasion(message: str) -> bool:
    """Whether the message says the purchase is a gift ("gift", "bday", "secret santa")."""
    return bool(_OCCASION.search(message))


def gift_request(message: str, vocab: CatalogVocab, searching: bool = False) -> GiftRequest | None:
    """What to search for when `message` asks for a gift by describing the person; None when it does not,
    when it names a product, an aisle or a brand of its own or asks whether the shop sells one ("do you sell
    perfume? ... she loves floral scents"), or when a search is on (`searching`: "forget the budget, it's for
    my birthday" changes that search)."""
    if searching or not (_OCCASION.search(message) and _PERSON.search(message)) or rules.ASKS_STOCK.search(message):
        return None
    home = _HOME.search(message)  # "moved into her first flat" is no interest in flats
    found = None if home else _PEOPLE_INTEREST.search(message) or _INTEREST.search(message)
    if found and (_NO_CLUE.search(message[:found.start()]) or _TIME_ONLY.match(found["what"])):
        found = None  # "no clue what kids are into these days": nothing said of what they like
    rest = message[:found.start("what")] + " " + message[found.end("what"):] if found else message
    if vocab.mentioned_categories(rest) or vocab.mentioned_brands(rest) or vocab.product_heads(rest):
        return None  # "running shoes for my boyfriend's bday": the product is said
    budget = _budget(*rules.parse_prices(message))
    if found:
        said = f"something for {found['what'].strip()} {budget}".strip()
        return GiftRequest(said, found["what"].strip())
    if home:
        return GiftRequest(f"something for the home {budget}".strip(), "home")
    if _CHILD.search(message) or child_age(message) is not None:
        return None  # "a present for my 4yo nephew", "gift for my nephew, he is 9": the words place it (toys)
    if not _nothing_else(message):
        return None  # "he has just joined the tennis club", "need a nice perfume": the words say what to look for
    person = _PERSON.search(message)[0]
    person = re.sub(r"^(?:to|for)\s+", "", person, flags=re.I)
    return GiftRequest(f"gift ideas for {person} {budget}".strip(), "")


# Words that say nothing of what a gift should be: "need a gift idea for my boss, around 30, any thoughts?"
_SAYS_NOTHING = frozenset(
    "a an the i me my im i'm we our you u your need needs want wants looking look for find show some any please "
    "pls can could would will should help get buy got give giving with and or of to under below over above than "
    "less max maximum around about roughly budget spend spending up dollars bucks usd quid pounds euros "
    "something anything nice good great lovely special cool idea ideas thoughts suggestions suggest what which "
    "who is are it its it's this that there here do does have has next week month year coming soon his her "
    "their him them he she they "
    "gift gifts present presents pressie b-day bday birthday xmas christmas anniversary housewarming graduation "
    "grad retirement retiring leaving secret santa stocking filler turns turning hi hey hello so um hmm just "
    "really very also too maybe ok okay thanks thx "
    # who and where, for a group: "gifts for the office team, 3 people", "xmas stuff for work"
    "office team people ppl work colleague colleagues coworker coworkers co-worker co-workers boss assistant everyone "
    "anyone someone generic stuff things thing like would limit each at putting together guy girl man woman lady "
    "partner mom mum dad family".split())


def _nothing_else(message: str) -> bool:
    """Whether the message says no more than who the gift is for, the occasion and the budget."""
    text = _PERSON.sub(" ", rules.strip_prices(message))
    said = re.findall(r"[a-z][a-z'-]*", text.lower())
    return all(w in _SAYS_NOTHING or len(w) < 3 for w in said)


def gift_budget_after(intent: Intent, message: str, state: DialogueState, gift: bool) -> list[float | None] | None:
    """The budget of the gift being chosen once this turn is read: [min, max] (None for a bound not said), None
    when no gift is being chosen. Why it is kept apart from the search's bounds: a gift's budget is for the
    gift, whatever it turns out to be, so "kitchen stuff maybe" or "maybe a watch?" after "housewarming gift,
    max 50" is still under 50, while a shopper's own "now a laptop" after "running shoes under 100" starts afresh.

    A message about a gift (`gift`: it was rewritten as one, or it names an occasion: "gift", "bday") starts one
    ("running shoes for my son" is no gift: the next thing may be for someone else); a bound said while one is
    chosen replaces its budget; lifting the budget, starting over or putting an item in the cart ends it."""
    if intent.kind == "add_to_cart":
        return None  # the gift is chosen: "also smth for her kitchen" next is not held to the candle's $15
    if intent.kind not in SEARCH_KINDS:
        return state.gift_budget
    if {"all", "max_price", "min_price"} & set(intent.clear) or _FOR_ME.search(message) and not gift:
        return None  # "and some sneakers for me while i'm here": the gift is chosen
    said = intent.min_price is not None or intent.max_price is not None
    if gift or _OCCASION.search(message):
        return [intent.min_price, intent.max_price] if said or state.gift_budget is None else state.gift_budget
    if said and state.gift_budget is not None:
        return [intent.min_price, intent.max_price]
    return state.gift_budget


def gift_budget_kept(intent: Intent, message: str, state: DialogueState) -> tuple[Intent, list[str]]:
    """A new search that says no price, while a gift with a budget is being chosen, keeps that budget (not one
    for the shopper: "some sneakers for me while i'm here")."""
    budget = state.gift_budget
    if intent.kind not in ("search", "recommend") or not budget or all(b is None for b in budget) \
            or _FOR_ME.search(message) or intent.min_price is not None or intent.max_price is not None:
        return intent, []
    return dataclasses.replace(intent, min_price=budget[0], max_price=budget[1]), ["kept the gift's budget"]
