"""Where the thing a shopper names lives in the catalog, decided by the catalog's own products.

Why evidence rather than a word list: "sunscreen", "yoga mat", "gym bag" or "laptop backpack" name no
category, or name the wrong one ("laptop" in "laptop backpack"), yet the products that match them
best sit in one category. The same search tells whether the shop carries the thing at all: a
"table top bandsaw" matches nothing closely, and the product word "bandsaw" is in no matching title.

One retrieval of the noun phrase (dense + BM25, no filters) gives both: the categories of the best
matches weighted by score, the best cosine, and whether the phrase's head noun is in a top title.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from assistant import rules
from assistant.aisles import AisleReading, Aisles
from assistant.conditions import unsold_condition
from assistant.makers import unknown_maker
from assistant.reading import PRODUCT_WORD_ZIPF
from assistant.vocab import CONTAINER_CUES, CatalogVocab, singular, words, zipf

TOP_K = 10
# Best cosine (MiniLM) at or above which a phrase is carried whatever its words; below FLOOR it is
# not. Between the two, the head noun must appear in one of the best titles. Measured on the demo
# shop's development messages: carried phrases 0.44-0.67 ("football" 0.44 with the word in titles),
# not carried 0.16-0.44 ("perfume" 0.44, "sofa bed" 0.41; neither word in a title).
CARRIED_SCORE = 0.5
CARRIED_FLOOR = 0.38
# A head noun the whole catalog never uses is carried only from this cosine: a synonym scores higher
# ("earphones" 0.57 is in descriptions; "slippers" 0.61), a thing the shop lacks lower ("hoodie" 0.52,
# "sweatshirt" 0.51, "skirt" 0.51, "phone charger" 0.50 on the demo shop).
UNKNOWN_HEAD_SCORE = 0.6
# Best titles (of five) that must spell a short phrase's head for it to be carried when the head is a kind of
# product the titles name ("puzzle" scores a cosine of 0.20 against "Melissa & Doug Classic Gift-Ready Puzzle").
KIND_HITS = 4
# Words up to which a message is short: its first phrase is what it asks for, not a story around it.
SHORT_MESSAGE = 12
# An English word at least this common is a word, not a typo or a name ("fitbit" 2.9): an unknown head of it
# names a thing.
UNKNOWN_HEAD_ZIPF = 3.0
# An unknown head this close to a catalog word is a typo of it, not a thing the catalog never names.
UNKNOWN_TYPO_RATIO = 0.85
# Best titles that spell the head noun for a phrase to be carried below the floor, down to HEAD_HITS_FLOOR
# ("blender" 0.33 with the word in all five titles; "dog food ... bag" 0.20 is not a bag), when the head is a
# product word (rarer in English than PRODUCT_WORD_ZIPF: not "big" or "all").
HEAD_HITS = 3
HEAD_HITS_FLOOR = 0.3
# Words from which a phrase is a loose run of a message's words rather than a noun phrase: its last word need
# not be its product, so another product word most of the best titles spell may carry it.
LOOSE_WORDS = 4
# A word at least this common in English ("if", "after", "won't") says nothing about the word before it; a
# rarer one no title uses ("speakers" after "bluetooth", "case" after "iphone 16") names a product of its own.
FUNCTION_WORD_ZIPF = 5.6
# The share of the best matches' weight a category needs to be read from the evidence alone.
CONFIDENT_SHARE = 0.6
# The least share of the best matches another category needs when the category the message names is only
# what the product is for ("something to carry my laptop": backpacks 0.3 beside laptops 0.7).
COMPANION_SHARE = 0.25
# What a hobby or interest must show to stand for a product ("he likes cooking": kitchen, cosine 0.45): a
# best-match cosine from this floor, and one category with this share of the best matches. Measured on the
# demo shop: cooking 0.45, tea 0.31, music 0.32 (one category each) against gardening 0.21 and reading 0.22
# (split, below the floor), which the shop does not carry.
INTEREST_FLOOR = 0.3
INTEREST_SHARE = 0.8
# One word of a need read alone ("skin" of "dry flaky skin in winter"): every best match in one aisle, at least
# this close; of several such words, the closest decides.
WORD_AISLE_FLOOR = 0.38
WORD_AISLE_SHARE = 0.99
# The share of a thing's best matches one aisle needs to offer the nearest items from when the shop lacks the thing
# ("a sofa": home 0.90; "pillows": backpacks 0.61 is no aisle of pillows).
NEAREST_SHARE = 0.85
# Phrases of one message read as evidence (each costs one cached retrieval).
MAX_PHRASES = 4
# A product phrase this long, with a preposition or a conjunction inside it (`_CLAUSE_WORD`), is a need described,
# not a thing named ("a big heavy waterproof running sound bar" is one); when the whole message sounds this close
# to one aisle (cosine to its centroid, and clear of the next by `aisles.CLEAR_MARGIN`), that aisle carries it. On
# the demo shop's development claims of "not carried" from such phrases, 0.40 turned five wrong claims into
# searches of the aisle and one right claim ("any going out tops? like a corset or a satin cami") into a search.
DESCRIBED_WORDS = 5
DESCRIBED_SENSE = 0.40
# Where a noun phrase ends: the head noun is the last content word before one of these.
_PHRASE_END = re.compile(r"\b(?:for|with|without|that|thats|which|who|to|from|by|at|on|under|below|over|above|"
                         r"less|more|between|around|about|in|like|but|and|or|no|not|except|pls|please|"
                         # "oh and resistance bands too while Im here": a clause about when or why starts
                         r"while|whilst|when|because|cause|cos|"
                         # "a throw blanket sounds nice", "my headphones snapped on the train"
                         r"sounds?|looks|seems?|feels|broke|died|snapped|cracked|stopped|went|"
                         # "a backpack made from recycled fabric": what it is made of follows
                         r"made(?=\s+(?:from|of|with|out|in|by)\b)|"
                         # "a board game he can play with his mates": a clause about the thing starts (not "He
                         # only ever wears gold", a sentence of its own)
                         r"(?<=[a-z] )(?:he|she|they))\b|[,.;:!?()]",
                         re.I)
# Words that join a clause or a second phrase to a noun phrase: a phrase with one is a sentence, not a thing's name.
_CLAUSE_WORD = re.compile(r"\b(?:for|with|without|that|which|who|to|from|by|at|on|in|of|like|but|and|or|when|while|"
                          r"because|after|before)\b", re.I)
# A thing given as an example: "something like a fitbit", "one of those ... like a kindle".
_LIKE_A = re.compile(r"\b(?:something|anything|one|stuff)\s+(?:\w+\s+)?like\s+(?:a|an)\b", re.I)
# An add's verb, which names no product: "add", "throw in", "chuck in", "pop in".
_CART_VERB = re.compile(r"\badd\b|\b(?:throw|chuck|toss|pop|stick)\s+in\b", re.I)
# A reason given after the request, whose nouns are no product asked for ("so they don't get scratched in my bag").
_REASON_AFTER = re.compile(r"[?.!]+\s+(?:so|because|cause|cos|since|as)\b", re.I)
# Words that introduce what the shopper asks for ("I need", "have you got", "do you sell").
_ASKING = re.compile(r"\b(?:i|we|he|she|they)\s+(?:really\s+|just\s+|also\s+)?(?:need|want|needs|wants)\b|"
                     r"\b(?:needs|wants)\s+(?=(?:a|an|some|new|another)\b)|"  # "my son ... needs a ball"
                     # "... fur everywhere. Need something cordless"
                     r"(?:^|[.!?]\s+)(?:really\s+|just\s+|also\s+)?need\b|"
                     r"\b(?:i'?d|i would|we'?d|we would)\s+like\b|\blooking for\b|\bsearching for\b|"
                     # "Got 5 teachers to buy for this year, thinking candles": the thing in mind
                     r"(?:^|[,.;!?]\s*)(?:(?:i'?m|i was|was|been)\s+)?thinking(?:\s+(?:of|about|maybe))?\b|"
                     r"\b(?:i'?m|i am|im)\s+after\b|\b(?:have|got)\s+(?:you|u)\s+(?:got\s+)?(?:any(?:thing)?\b)?|"
                     r"\b(?:do|does)\s+(?:you|u|ya)\s+(?:guys\s+|lot\s+|all\s+)?(?:sell|have|stock|carry|do)\b|"
                     r"\bgot\s+any\b|\bis there\b|\bcan i (?:get|find|buy)\b|"
                     # "... his ball has gone flat. Can you show me footballs?"
                     r"\b(?:can|could|would)\s+(?:you|u|ya)\s+(?:please\s+|pls\s+)?(?:show|find|get)\s+(?:me|us)\b|"
                     r"(?:^|[.!?]\s+)(?:please\s+|pls\s+)?show\s+(?:me|us)\b", re.I)
# A gift for a child with no product named ("present for my 4yo nephew", "gift for a 5 year old").
_FOR_A_CHILD = re.compile(r"\b(?:gift|present|pressie|something|anything|ideas?|what about for|"
                          r"(?:recommend|suggest)(?:\s+\w+){0,2}\s+for)\b.{0,40}?"
                          r"(?:\b(?:[1-9]|1[0-2])\s?(?:yo|y/o)\b|\b(?:[1-9]|1[0-2])[- ](?:years?|yrs?)[- ]old\b|"
                          r"\b(?:turning|turns|aged|he'?s|she'?s|hes|shes|he is|she is)\s+(?:[1-9]|1[0-2])\b"
                          r"(?![.,]\d|\s*(?:ft|foot|feet|cm|kg))|"
                          r"\b(?:toddler|kid|kids|child|children|baby|babies|newborn|infant)\b)", re.I)
# "need stuff to keep them busy on the flight" with children in the message: things for children to do.
_KEEP_BUSY = re.compile(r"\bkeep\s+(?:them|him|her|the\s+(?:kids?|little\s+ones|children|boys|girls))\s+"
                        r"(?:busy|entertained|occupied|amused|quiet|happy)\b|\bbored\b|\bstir[- ]crazy\b|"
                        r"\bclimbing the walls\b|\bnothing to do\b", re.I)
_CHILDREN = re.compile(r"\b(?:[1-9]|1[0-2])\s?(?:yo|y/o)\b|\b(?:[1-9]|1[0-2])[- ]years?[- ]old\b|"
                       r"\b(?:toddlers?|kids?|child|children|little ones|grandkids|nephews?|nieces?)\b", re.I)
# "of" (or "of the") right before a maker's name.
_OF_BEFORE = re.compile(r"\bof(\s+(?:the\s+)?)$", re.I)
# What someone is into, said instead of a product: "my dad likes cooking", "she just started running".
_INTEREST = re.compile(r"\b(?:likes|loves|enjoys|adores|(?:is|'s|are|'re|am|'m|really|big|totally|and|hes|shes)\s+into|"
                       # the bare verb a learner uses after a person: "he have 58 years and like football"
                       r"(?:(?:he|she|they)(?:\s+\w+){0,4}?\s+(?:and\s+)?)(?:like|love|enjoy)|"
                       r"obsessed with|mad about|crazy about|keen on|passionate about|a fan of|big on|"
                       r"(?:just\s+)?(?:started|took up|taking up|getting into|got into|learning))\s+"
                       r"([a-z][\w'-]*(?:\s+(?:and\s+)?[a-z][\w'-]*){0,2})", re.I)
_FILLER = frozenset(
    "a an the some any i im i'm me my we our you your need want looking look searching search find get buy "
    "show give got have has do does got would like love new good nice great best cheap cheaper cheapest budget "
    "priciest affordable rated highest lowest top "
    "something anything stuff thing things one ones pair pairs set item items product products option options "
    "gift present gifts presents pressies kind sort type please pls hey hi hello ok so um hmm just really very also "
    "too maybe "
    # "a nice lipstick each", "one for both": how many, not what
    "each both all apiece every "
    "is are was be can could should will am there here what which this that these those it its as well "
    "u sell sells stock carry guys where after "
    "i'll he'll she'll we'll they'll you'll i'd he'd she'd we'd they'd he's she's it's we're they're you're "
    "i've we've they've you've needs wants size sizes sz now oh then okay yeah yes right cool "
    "buying bought purchasing shopping spend spending afford possible available availability kindly "
    "instead actually asap urgently quickly anyway though tho today tomorrow soon again ideally preferably "
    "loads lots bunch few couple plenty only torn between deciding choosing considering undecided "
    # "I want to search other thing", "something else", "a different one": no thing named
    "other else different better "
    # "which mascara has the best reviews": mascara; "smartwatches best rated first": smartwatches
    "reviews review ratings rating stars reviewed first sorted sort order ordered".split())
# Who a product is for ("toys for kids", "watch for men"): no thing to look for alone.
_PEOPLE = frozenset("kid kids child children baby babies toddler toddlers boy boys girl girls men mens women womens "
                    "man woman ladies adults teens teenager teenagers son daughter dad mum mom wife husband "
                    "sister brother nephew niece grandson granddaughter grandma grandpa grandmother grandfather "
                    "mother father friend friends coworker colleague boss teacher boyfriend girlfriend partner "
                    "bf gf fiance fiancee aunt uncle cousin".split())
# Sizes said after the product: letters, bed sizes ("a hoodie, xl", "bed sheets twin xl").
_SIZES = frozenset({"xs", "xxs", "xl", "xxl", "xxxl", "2xl", "3xl", "twin", "queen", "king", "petite"})
# "gift cards", "a gift voucher": a thing of its own, which "gift" alone (what any product can be) is not.
_GIFT_THING = re.compile(r"(?:cards?|vouchers?|certificates?)$")
_GIFT_WORDS = frozenset({"gift", "present", "pressie"})
_GENERIC_HEADS = frozenset({"something", "stuff", "things", "thing", "one", "ones", "gift", "present", "options",
                            "items", "products", "idea", "ideas"})
# A need said as its use instead of a product: "something warm for winter walks", "anything for hiking trips".
# Or as what it should do for a person: "something to keep me warm on my commute", "something to keep my grandma
# warm" (not "something to keep my tea hot": a flask is a thing of its own, which the shop may not carry).
_USE = re.compile(r"\b(?:something|anything|stuff)\b(?:[^.?!,]{0,30}?\bfor\s+(?:my\s+|the\s+|our\s+)?"
                  r"([a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2})|\s+(?:to|that(?:\s+(?:will|can|would|could))?)\s+"
                  r"((?:keep|keeps|help|helps|stop|stops|make|makes|protect|protects)\s+"
                  r"(?:me|him|her|us|them|my\s+(?:" + "|".join(sorted(_PEOPLE)) + r"))\b"
                  r"(?:\s+[a-z][\w'-]*){1,4}))", re.I)


# "something warm", "anything waterproof": the thing is unnamed and the word after it is what it should be.
_SOMETHING_LIKE = re.compile(r"\b(?:something|anything)\s+(?:really\s+|very\s+|super\s+|nice\s+and\s+)?[a-z]+\W*$",
                             re.I)


@dataclass(frozen=True)
class Evidence:
    """What the catalog says about a noun phrase."""

    phrase: str
    shares: tuple[tuple[str, float], ...]   # (category, share of the best matches' weight), largest first
    top_score: float                        # the best match's cosine (dense) similarity
    head: str | None                        # the phrase's head noun
    head_in_titles: bool                    # the head noun (or its singular) is in one of the best titles
    head_hits: int = 0                      # how many of the best five titles spell the head noun exactly
    # The phrase's other product word the best five titles spell most often, and how many do: a long
    # message's head is often not its product ("... SPF 50 that won't make me break out" ends in "out").
    word: str | None = None
    word_hits: int = 0
    # Whether the head noun read alone is carried, or matches the phrase's aisle; read only for a short phrase
    # whose head no best title spells ("laptop stand": the titles match "laptop", and a stand alone matches
    # kitchen stand mixers; "vacuum cleaner": a cleaner alone still matches home). None: unread.
    head_alone: bool | None = None
    # The head noun is an English word the catalog never uses (in no title, attribute, brand or category, and
    # no misspelling of one): "hoodie", "charger", "skirt" in a shop without them.
    head_unknown: bool = False
    # The head noun is a kind of product the titles end their names with ("puzzle", "kettle": `head_words`).
    head_is_kind: bool = False
    # The head noun is spelled by fewer best titles than the phrase's other product word, which most spell, and by
    # none in the best matches' aisle ("phone cover": three phones and two duvet covers): the thing asked for is what
    # goes with that product.
    head_elsewhere: bool = False

    @property
    def top_category(self) -> str | None:
        return self.shares[0][0] if self.shares else None

    def share(self, category: str | None) -> float:
        return dict(self.shares).get(category, 0.0)

    @property
    def carried(self) -> bool:
        if self.head_alone is False:
            return False  # "basketball hoops", "football boots": what matched is the modifier, not the thing
        if self.head_is_kind and self.head_hits >= KIND_HITS and len(self.phrase.split()) <= 2:
            return True  # "puzzle", "jigsaw puzzle": a kind the titles name, in most best titles, whatever the cosine
        if self.head_unknown and self.top_score < UNKNOWN_HEAD_SCORE and not self.loose:
            return False  # "hoodie" 0.52 beside jackets, "phone charger" 0.50 beside phones: near, yet not sold
        if self.top_score >= CARRIED_SCORE or self.head_hits >= HEAD_HITS and self.top_score >= HEAD_HITS_FLOOR \
                and zipf(self.head or "") < PRODUCT_WORD_ZIPF:
            return True  # "blender": one word scores a low cosine, yet the titles say it outright
        if self.word_hits >= HEAD_HITS and self.top_score >= HEAD_HITS_FLOOR and self.loose:
            return True  # "... high factor like SPF 50 that won't make me break out": most best titles say "SPF"
        if self.top_score < CARRIED_FLOOR:
            return False
        return self.head is None or self.head_in_titles

    @property
    def loose(self) -> bool:
        """Whether the phrase is too long, or its last word too odd, for that word to be its product: a
        whole chatty message, or "dumbbells 2x 5kg". A short phrase's head is its product ("bluetooth
        speakers" are speakers, whatever the titles that say "bluetooth" sell)."""
        return len(self.phrase.split()) >= LOOSE_WORDS or any(ch.isdigit() for ch in self.head or "")

    @property
    def confident_category(self) -> str | None:
        top = self.top_category
        return top if self.carried and self.share(top) >= CONFIDENT_SHARE else None

    def to_dict(self) -> dict:
        return {"phrase": self.phrase, "categories": {c: round(s, 2) for c, s in self.shares[:3]},
                "top_score": round(self.top_score, 3), "head": self.head, "head_hits": self.head_hits,
                **({"word": self.word, "word_hits": self.word_hits} if self.word else {}), "carried": self.carried}


def noun_phrase(message: str, vocab: CatalogVocab) -> str:
    """The product words of a message: prices, colours, filler, interjections and what follows the first
    phrase end dropped.

    "white convrse hi tops under 80 pls" -> "convrse hi tops"; brands stay (they help the search).
    """
    phrases = noun_phrases(message, vocab, asked_first=False)
    return phrases[0] if phrases else ""


def noun_phrases(message: str, vocab: CatalogVocab, limit: int = MAX_PHRASES, asked_first: bool = True) -> list[str]:
    """Every phrase of product words, in order (see `noun_phrase`), at most `limit`; with `asked_first`,
    the phrase after a request ("I need", "have you got") comes first.

    A chatty message names its product anywhere: "thanks, shoes sorted. now anything for dry skin?"
    asks about "dry skin", the third phrase.
    """
    phrases: list[str] = []
    text = _CART_VERB.sub(" ", rules.strip_prices(message))  # "also throw in some socks": socks, no throws
    text = _without_hello(text)
    # "an air fryer of Philips": the maker said with "of", as "from" says it (a phrase ends there)
    for start, _end, _brand in reversed(vocab.brand_spans(text)):
        text = _OF_BEFORE.sub(r"from\1", text[:start]) + text[start:]
    if (_FOR_A_CHILD.search(text) or _KEEP_BUSY.search(text) and _CHILDREN.search(text)) \
            and not vocab.mentioned_categories(text) and not vocab.product_heads(text):
        # "a present for my 4yo nephew": where the shop keeps children's things (not "a toaster the kids can use")
        phrases.append("toys for kids")
    asked = list(_ASKING.finditer(text)) if asked_first else []
    if asked:  # "My physio says I should stretch. I need a mat to lie on": what follows the request first
        after = text[asked[-1].end():]
        reason = _REASON_AFTER.search(after)  # "... a case for them? So they don't get scratched in my bag"
        text = (after[:reason.start()] if reason else after) + " . " + text[:asked[-1].start()]
    for part in _PHRASE_END.split(text):
        said = words(part)
        # "a suitable gift", "a nice little present": the words before an unnamed thing only describe it
        unnamed = [i for i, w in enumerate(said) if singular(w) in _GIFT_WORDS
                   and not (said[i + 1:i + 2] and _GIFT_THING.match(said[i + 1]))]
        if unnamed and not any(w in vocab.known_words or vocab.mentioned_categories(w) for w in said[:unnamed[-1]]
                               if w not in _FILLER):
            said = said[unnamed[-1]:]  # (not "small beauty gifts": the aisle named before them)
        kept = [w for i, w in enumerate(said)
                if (w not in _FILLER or w == "gift" and said[i + 1:i + 2] and _GIFT_THING.match(said[i + 1]))
                and w not in vocab.colors and not w.isdigit()
                and w not in _SIZES and not rules.INTERJECTION.match(w)]  # "haha ok. do you have throw blankets?"
        if "enough" in kept[2:] and vocab.names_kind(kept[kept.index("enough") - 2]):
            kept = kept[:kept.index("enough") - 1]  # "kettle light enough to lift": a kettle, described
        phrase = " ".join(kept)
        if phrase and phrase not in phrases:
            phrases.append(phrase)
            if len(phrases) == limit:
                break
    return phrases


def _without_hello(text: str) -> str:
    """The message less a greeting said first and set off by a comma or a stop ("Good afternoon, do you sell
    ...", "salam, you sell ..."): a greeting names no thing."""
    hello = rules.SMALLTALK.match(text)
    return text[hello.end():] if hello and re.match(r"\s*[,.!]", text[hello.end():]) else text


def head_noun(phrase: str, vocab: CatalogVocab) -> str | None:
    """The last word of the phrase that is not a brand or a size ("bed sheets, twin xl": sheets), when it is a
    real product word (not "something")."""
    after_brand = False
    said = phrase.split()
    if len(said) >= 2 and _SAID_AFTER.search(said[-1]) and vocab.names_kind(said[-2]):
        said = said[:-1]  # "kettle electric", "badminton racket kindly": a describing word said after the kind
    for word in reversed(said):
        if word in _GENERIC_HEADS:
            return None
        if word in vocab.brand_words:
            after_brand = True
        elif len(word) > 1 and word not in _SIZES:
            # "matching white converse": a word before the maker's name that the catalog never uses describes what
            # the maker makes, it names no other thing
            return word if not after_brand or len(phrase.split()) >= LOOSE_WORDS or word in vocab.known_words \
                or singular(word) in vocab.known_words else None
    return None


# Endings of describing words and adverbs a learner says after the product ("kettle electric", "racket kindly").
_SAID_AFTER = re.compile(r"(?:ic|ical|ous|ive|ful|less|able|ible|ly)$")


def _one_letter_apart(typed: str, word: str) -> bool:
    """A head noun typed with one letter more, less or swapped ("matt" for "mat", "blendr" for
    "blender"): only for words of four letters or more, where a near miss is seldom another word."""
    if min(len(typed), len(word)) < 3 or max(len(typed), len(word)) < 4 or abs(len(typed) - len(word)) > 1:
        return False
    if len(typed) == len(word):
        diff = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and typed[diff[0]] == word[diff[1]] and typed[diff[1]] == word[diff[0]])
    short, long_ = sorted((typed, word), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _compound_of(head: str, word: str) -> bool:
    """Whether a title word is a compound ending in the head noun ("ball" in "football", "watch" in
    "smartwatch"): a shopper names the thing, a title names its kind."""
    return len(head) >= 3 and len(word) - len(head) >= 3 and word.endswith(head)


def _most_spelled(phrase: str, head: str | None, titles: list[set[str]],
                  vocab: CatalogVocab) -> tuple[str | None, int]:
    """The phrase's product word (rare in English, no brand, no number, not the head) that most of the
    best titles (`titles`: each one's singular words) spell, with how many spell it.

    A word that only describes a product the catalog does not know ("bluetooth speakers", "floral scents",
    "iphone 16 case") is no product word: it is followed by a word no title uses. The catalog's own kinds of
    product ("kettle", "spf") are product words wherever they stand."""
    tokens = phrase.split()
    stems: dict[str, str] = {}
    for i, w in enumerate(tokens):
        if w == head or len(w) <= 2 or zipf(w) >= PRODUCT_WORD_ZIPF and singular(w) not in vocab.head_words \
                or w in vocab.brand_words \
                or any(ch.isdigit() for ch in w):
            continue
        following = next((t for t in tokens[i + 1:] if not any(ch.isdigit() for ch in t)), None)
        if w not in vocab.head_words and following and following.isalpha() and len(following) > 2 \
                and following not in vocab.title_words and zipf(following) < FUNCTION_WORD_ZIPF:
            continue
        stems[singular(w)] = w
    if not stems:
        return None, 0
    counts: Counter[str] = Counter()
    for title_words in titles:
        counts.update(set(stems) & title_words)
    if not counts:
        return None, 0
    stem, n = counts.most_common(1)[0]
    return stems[stem], n


class EvidenceReader:
    """Reads `Evidence` for phrases through an engine's retrieval (cached: a phrase costs one search)."""

    def __init__(self, engine, k: int = TOP_K):
        self.engine = engine
        self.k = k
        self.read = functools.lru_cache(maxsize=2048)(self._read)
        self.aisles = Aisles(engine)

    def _read(self, phrase: str) -> Evidence:
        from retrieval.types import Filters

        hits = self.engine.retrieve(phrase, Filters(), self.k) if phrase else []
        weights: Counter[str] = Counter()
        for hit in hits:
            if hit.product.category:
                weights[hit.product.category] += max(hit.score, 0.0)
        total = sum(weights.values()) or 1.0
        shares = tuple((c, w / total) for c, w in weights.most_common())
        head = head_noun(phrase, self.engine.vocab)
        # The best five titles' words (singular), read once for the head noun and the other product words;
        # "shorts" are not "short": titles must say such a word itself.
        as_said = (lambda w: w) if head in _PLURAL_ONLY else singular
        best = [{as_said(w) for w in words(f"{hit.product.title} {hit.product.category}")} for hit in hits[:5]]
        found, spelled = False, 0
        stem = as_said(head) if head else ""
        if head:
            for title_words in best:
                spelled += stem in title_words
                found = found or stem in title_words or any(_one_letter_apart(stem, w) or _compound_of(stem, w)
                                                            for w in title_words)
        top = max((h.dense_score or h.score for h in hits), default=0.0)
        word, word_hits = _most_spelled(phrase, head, best, self.engine.vocab)
        top_aisle = shares[0][0] if shares else None
        elsewhere = bool(head) and spelled < word_hits and word_hits >= HEAD_HITS \
            and len(phrase.split()) < LOOSE_WORDS \
            and not any(stem in said and hit.product.category == top_aisle
                        for hit, said in zip(hits, best, strict=False))
        if elsewhere:
            found = False
        alone = None
        if head and not found and 2 <= len(phrase.split()) < LOOSE_WORDS and len(head) > 3 and head.isalpha() \
                and head not in self.engine.vocab.brand_words and head not in _PEOPLE:
            solo = self.read(head)  # "tracker" alone: watches, as "fitness tracker"; "stand" alone: kitchen
            alone = solo.carried or bool(shares) and solo.top_category == shares[0][0]
        vocab = self.engine.vocab
        # a kind of product, said alone or with words the catalog uses ("board game"; not "video games")
        kind = bool(head) and vocab.names_kind(head) \
            and all(w in vocab.known_words or singular(w) in vocab.known_words for w in phrase.split())
        return Evidence(phrase, shares, float(top), head, found, spelled, word, word_hits, alone,
                        not found and alone is not True and _unknown_word(head, self.engine.vocab), kind, elsewhere)


# Things named only in the plural whose singular is another word: "shorts" (not "short sleeve"), "tights".
_PLURAL_ONLY = frozenset({"shorts", "tights"})
# Heads of a request that name no thing ("iphone alternatives", "any recommendations").
_NOT_THINGS = frozenset("alternative alternatives recommendation recommendations suggestion suggestions choice choices "
                        "version versions brand brands model models style styles colour colours color colors size "
                        "sizes price prices deal deals offer offers sale budget quality lemme gimme wanna gonna gotta "
                        "kinda sorta dunno lol haha ok okay pls thx".split())


def _chat_form(word: str) -> bool:
    """A chat spelling of a common word: a contraction without its apostrophe ("thats", "hes"), a dropped g
    ("lookin", "nothin")."""
    return any(zipf(f"{word[:-k]}'{word[-k:]}") >= 4.0 for k in (1, 2, 3) if len(word) > k) \
        or word.endswith("in") and zipf(word + "g") >= 4.0


def _unknown_word(word: str | None, vocab: CatalogVocab) -> bool:
    """An English word rare enough to name a thing (Zipf from UNKNOWN_HEAD_ZIPF to PRODUCT_WORD_ZIPF, no person)
    that the catalog never uses, in any form or spelling."""
    if not word or not word.isalpha() or len(word) < 3 or word in _PEOPLE or word in _GENERIC_HEADS \
            or word in _NOT_THINGS or not UNKNOWN_HEAD_ZIPF <= zipf(word) < PRODUCT_WORD_ZIPF or _chat_form(word):
        return False
    known = vocab.known_words
    if word in known or singular(word) in known or word.rstrip("s") in known:
        return False
    return not vocab.misspells_known(word, UNKNOWN_TYPO_RATIO)


@dataclass(frozen=True)
class Grounding:
    """The category a search message is about and whether the shop carries it, with the evidence."""

    category: str | None
    carried: bool
    evidence: Evidence | None
    named: tuple[str, ...]     # categories the message names in words
    aisle: AisleReading | None = None  # the whole message against each aisle's centroid, when read
    maker: str | None = None   # "huawei phones": a maker the shop lacks, of a kind it carries (`makers`)
    condition: str | None = None  # "refurbished laptops": a condition the shop sells nothing in (`conditions`)

    @property
    def lacking(self) -> str | None:
        """What the shop lacks of a kind it carries: a maker ("huawei phones") or a condition ("refurbished
        laptops"); the nearest items then come from that kind's aisle."""
        return self.maker or self.condition

    @property
    def nearest(self) -> str | None:
        """The aisle to offer the nearest items from when the shop does not carry the thing: the one the
        whole message clearly sounds like ("a big heavy pot for stews": kitchen), else the one nearly all the
        thing's own best matches sit in ("a sofa": home, "lightbulbs": home), else none."""
        clear = self.aisle.clear if self.aisle is not None else None
        if clear or self.evidence is None or self.evidence.top_category is None or self.evidence.head_alone is False:
            return clear  # (not "hiking boots": its best matches, hiking backpacks, are the modifier's)
        top = self.evidence.top_category
        return top if self.evidence.share(top) >= NEAREST_SHARE else None

    def to_dict(self) -> dict:
        return {"category": self.category, "carried": self.carried, "named": list(self.named),
                **({"evidence": self.evidence.to_dict()} if self.evidence else {}),
                **({"aisle": self.aisle.to_dict()} if self.aisle else {}),
                **({"nearest": self.nearest} if self.nearest and not self.carried else {}),
                **({"maker": self.maker} if self.maker else {}),
                **({"condition": self.condition} if self.condition else {})}


# "no no, not toys! laptop for gaming": a word ruled out, never the aisle the evidence may put the search in.
_NEGATED_WORD = re.compile(r"\b(?:not|no|never)\s+(?:the\s+|any\s+)?([a-z][\w'-]*)", re.I)


def ground(message: str, proposed: str | None, vocab: CatalogVocab, reader: EvidenceReader,
           chatty: bool = True) -> Grounding:
    """Decide the category of a product search and whether the shop carries it.

    `proposed` is the parser's category. Categories the message names ("running shoes") stand unless
    the best matches of its noun phrase sit elsewhere ("laptop backpack": backpacks, not laptops); a
    message naming none takes the evidence's category when it is confident. A message that names a
    category or a brand is carried; otherwise the evidence decides. `chatty` reads the phrase after a
    request first and later phrases when the first is not carried (a new search); without it only the
    first phrase and the whole message are read (does a refinement name another product?).
    """
    named = tuple(vocab.wanted_categories(message))
    asking = _asking_sentence(message, vocab)
    if asking is not None:  # "will need shoes to go with it... do you do heels?": the heels are what is asked for
        return ground(asking, proposed, vocab, reader, chatty)
    brands = vocab.mentioned_brands(message)
    phrases = noun_phrases(message, vocab, asked_first=chatty)
    candidates = [reader.read(phrase) for phrase in phrases[:1]]
    full = " ".join(w for w in words(_without_hello(rules.strip_prices(message)))
                    if w not in _FILLER and w not in vocab.colors and not rules.INTERJECTION.match(w))
    companions = set(vocab.mentioned_categories(message)) - set(named)  # "... that fits a 15in laptop"
    if full and full not in phrases and not companions and not _function_words(full):  # "in white if you've got it"
        candidates.append(reader.read(full))
    if not candidates:
        return Grounding(proposed, True, None, named)
    if all(" " not in p and _function_words(p) for p in phrases) and len(candidates) == len(phrases[:1]) \
            and not (named or brands or _INTEREST.search(message) or _USE.search(message)):
        return Grounding(proposed, True, None, named)  # "white if you've got it": no thing named, none lacked
    evidence = max(candidates, key=lambda e: (e.carried, e.top_score))
    def later() -> Evidence | None:  # a chatty message names its product later: the first later one carried
        return next((e for e in map(reader.read, phrases[1:]) if e.carried), None) if chatty else None
    if not evidence.carried:
        evidence = later() or evidence
    # what a short message, or one asking whether the shop sells it, names first is the thing asked for, unless
    # a kind of product the titles name follows it ("bedding for the guest room, duvet cover")
    short = len(words(message)) <= SHORT_MESSAGE or bool(rules.ASKS_STOCK.search(message))
    if short and (candidates[0].head_unknown or candidates[0].head_elsewhere) and not candidates[0].loose \
            and not candidates[0].carried \
            and not rules.RECOMMEND.search(candidates[0].phrase) \
            and not ((named_later := later()) is not None and named_later.head_is_kind):
        evidence = candidates[0]  # "a hoodie without a zip? not from nike": the thing named, not what follows
    best = evidence.top_category
    if len(named) > 1:  # "laptop backpack": the named category the products support most
        category = max(named, key=evidence.share)
    elif named:
        category = named[0]
        other = evidence.confident_category
        ruled_out = other is not None and any(vocab.categories.get(w) == other for w in _NEGATED_WORD.findall(message))
        if evidence.share(category) == 0 and other and evidence.top_score >= CARRIED_SCORE and not ruled_out:
            whole = reader.aisles.read(rules.strip_prices(message))
            if whole.score(other) > whole.score(category):  # not "running tees, no nike": the message's sense
                category = other  # a named word the products say is not the point
    elif proposed and (evidence.share(proposed) > 0 or not evidence.confident_category):
        category = proposed
    else:
        category = evidence.confident_category or (best if brands and evidence.share(best) >= CONFIDENT_SHARE
                                                   else None)
    if companions and not named and not brands and category in companions \
            and CONTAINER_CUES & set(words(message)):
        # "something to carry her laptop around campus": the laptop is what the product is for; the whole
        # message's best matches outside the companion's category say what the product is
        whole = reader.read(rules.strip_prices(message))  # its verbs too: "to carry", "to protect"
        others = [(c, s) for c, s in whole.shares if c not in companions]
        if whole.top_score >= CARRIED_FLOOR and others and others[0][1] >= COMPANION_SHARE:
            return Grounding(others[0][0], True, whole, named)
        return Grounding(None, False, whole, named)  # "a case to protect my phone" in a shop without cases
    asked = candidates[0].head  # the message's first thing: a person ("my dad"), nothing, or the hobby itself
    hobby = _INTEREST.search(rules.strip_prices(message))  # ("he loves football"), not "perfume"
    text = rules.strip_prices(message)
    use = _USE.search(text)  # "something warm for winter walks": the thing is "something", said first
    use = use if use and (asked is None or text.lower().find(asked) > use.start()) else None
    # "... I'd like to spend no more than 40 dollars if I can": a first "phrase" of one function word names nothing
    asked = None if asked is not None and " " not in candidates[0].phrase and zipf(asked) >= FUNCTION_WORD_ZIPF \
        else asked
    about_person = hobby and (asked is None or asked in _PEOPLE | _GENERIC_HEADS or asked in words(hobby[1]))
    if not (named or brands) and (about_person or use and not evidence.carried):
        # "something for her brother, he's 10 and into football": the hobby says where to look, over what
        # "something for her brother" happens to match (toys)
        interest = _interest(hobby or use, reader)
        if interest is not None:  # "a gift for my dad, he likes cooking": where the shop keeps things for it
            return Grounding(interest.top_category, True, interest, named)
    # a brand named carries the search unless what is asked of it is a thing the catalog never names
    # ("do you sell Sony TVs", "a hoodie, not from Nike")
    lacked = evidence.head_unknown or evidence.head_elsewhere
    carried = bool(named) or bool(brands) and not (short and lacked) or evidence.carried
    top = evidence.top_category
    example = not carried and not named and not brands and bool(_LIKE_A.search(message)) and top is not None \
        and evidence.share(top) >= CONFIDENT_SHARE and evidence.top_score >= CARRIED_FLOOR
    if example:
        # "something like a fitbit to count my steps": a thing (or maker) given as an example of what is wanted,
        # which the best matches place in one aisle (watches): that aisle's nearest, not "we don't have fitbits"
        carried, category = True, top
    sells = set().union(*(vocab.brand_categories.get(b, frozenset()) for b in brands)) if brands else set()
    if sells and category and category not in sells and category not in named:
        # "one bag for the travel, for the laptop. The North Face": a bag of that maker's (backpacks), not a gym bag
        # it does not make; the aisle of the best matches the maker sells in, else the maker's whole range
        category = next((c for c, _ in evidence.shares if c in sells), None)
    maker = unknown_maker(message, vocab) if carried and not brands and not example else None
    if maker:  # "do you sell Huawei phones?": phones, but no Huawei; the nearest from the phones
        return Grounding(category, False, evidence, named, maker=maker)
    condition = unsold_condition(message, vocab) if carried else None
    if condition:  # "any refurbished macbooks?": Apple laptops, but none refurbished; the nearest new ones
        return Grounding(category, False, evidence, named, condition=condition)
    aisle = None
    if not named and not brands:
        aisle = reader.aisles.read(text)
        quality = _SOMETHING_LIKE.search(text)
        if not carried and quality and not evidence.head_is_kind and not evidence.head_unknown \
                and evidence.top_score >= CARRIED_FLOOR:
            # "... like 10 below. need something warm": a quality, not a thing, which one aisle serves by the words
            # and by the sense of the sentence that asks for it
            asked = [p for p in re.split(r"[.!?]+", text[:quality.end()]) if p.strip()][-1]
            sense = reader.aisles.read(asked).clear
            if sense and sense == evidence.top_category:
                carried, category = True, sense
        if not carried and len(evidence.phrase.split()) >= DESCRIBED_WORDS and _CLAUSE_WORD.search(evidence.phrase) \
                and aisle.clear and aisle.score(aisle.clear) >= DESCRIBED_SENSE:
            # "The little ear pieces without wires, for listening to the radio on my walks", "going to a summer
            # wedding in Italy, need something flowy to wear": a need told at length (a clause, not one noun phrase:
            # not "a big heavy waterproof running sound bar"), whose words name nothing the titles say, yet whose
            # sense sits close to one aisle and clear of the rest: that aisle serves it
            carried, category = True, aisle.clear
        spelled = evidence.head_hits >= HEAD_HITS and evidence.word_hits >= HEAD_HITS and evidence.head_is_kind
        if aisle.clear and category != aisle.clear and (category is None or evidence.top_score < CARRIED_SCORE) \
                and not (spelled and category == evidence.top_category):  # "duvet cover in linen": titles say it
            # the sense of the whole message, over a coincidence of one word the best matches share ("dry" in
            # moisture-wicking tees); a phrase that matches products closely ("scented candles") stands
            category = aisle.clear
    return Grounding(category, carried, evidence, named, aisle)


def _function_words(text: str) -> bool:
    """Whether every word of the text is a function word ("if", "in"): it names nothing."""
    return all(zipf(w) >= FUNCTION_WORD_ZIPF for w in text.split())


def _asking_sentence(message: str, vocab: CatalogVocab) -> str | None:
    """The one sentence of several that asks whether the shop sells a thing ("do you do heels?") and names no
    brand, in a message naming no category: what it names is the thing asked for, whatever the other sentences
    say around it."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\.{2,}\s*", message) if s.strip()]
    asking = [s for s in sentences if _DO_YOU_SELL.search(s)]
    if len(sentences) < 2 or len(asking) != 1:
        return None
    said = asking[0]
    things = [p for p in noun_phrases(said, vocab) if set(p.split()) - _PRONOUNS]
    if vocab.wanted_categories(message) or vocab.mentioned_brands(said) or not things:
        return None  # "running shoes. do you have any in blue?", "... Le Creuset pots. Do you carry them?"
    return said


_PRONOUNS = frozenset("them they those these it this that one ones any some".split())


# "do you do heels?", "do u sell insoles", "have you got tents": a question of whether the shop sells a thing.
_DO_YOU_SELL = re.compile(r"\b(?:do|does)\s+(?:you|u|ya)\s+(?:guys\s+)?(?:also\s+|even\s+)?(?:sell|stock|carry|do)\b|"
                          r"\b(?:have|got)\s+(?:you|u)\s+got\b", re.I)


def _interest(said: re.Match, reader: EvidenceReader) -> Evidence | None:
    """The evidence of a hobby or use the message names (`_INTEREST`, `_USE`), when one aisle of the shop
    serves it: the whole phrase ("gaming and music", "winter walks"), else its words one at a time."""
    interest = next(group for group in said.groups() if group)  # the hobby, or the use said either way
    kept = [w for w in words(interest) if w not in _FILLER and w not in _PEOPLE and w != "and"]
    for phrase in dict.fromkeys([" ".join(kept), *kept]):
        evidence = reader.read(phrase) if phrase else None
        if evidence and evidence.top_score >= INTEREST_FLOOR \
                and evidence.share(evidence.top_category) >= INTEREST_SHARE:
            return evidence
    return None


def word_aisle(need: str, vocab: CatalogVocab, reader: EvidenceReader) -> Evidence | None:
    """The aisle a need's words say one at a time, when the whole phrase grounds nothing: "got super dry flaky
    skin in winter" reads as t-shirts ("dry": moisture-wicking) and jackets ("winter") as a whole, while "skin"
    alone is all beauty and closer. A word whose best matches span aisles says nothing; people say no aisle."""
    found = []
    for phrase in noun_phrases(need, vocab, asked_first=False):
        for word in phrase.split():
            if len(word) <= 3 or word in _PEOPLE or word in _GENERIC_HEADS or word in vocab.brand_words:
                continue
            evidence = reader.read(word)
            if evidence.shares and evidence.shares[0][1] >= WORD_AISLE_SHARE and evidence.top_score >= WORD_AISLE_FLOOR:
                found.append(evidence)
    return max(found, key=lambda e: e.top_score, default=None)
