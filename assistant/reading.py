"""What a message says beyond the parser's slots: price direction up, lifted constraints, exclusions.

Why a reader after the parser: these are matters of wording ("something nicer, money's no object",
"forget the budget", "any brand is fine", "not leather", "sulphate free", "no nike or adidas") that
the same few patterns read in any message, whichever parser produced the intent. `read_extras`
adds them to the validated intent and, where the parser saw no product request in a message that
only changes the current search ("colour doesn't matter"), makes it the refinement it is.
"""

from __future__ import annotations

import dataclasses
import re

from assistant import rules
from assistant.budget import budget_fix
from assistant.genders import any_gender, gender_said
from assistant.naming import STOP_WORDS
from assistant.ordering import PRICE_HIGH, bare_rating_floor, order_request, order_said, rating_floor
from assistant.types import DialogueState, Intent
from assistant.validate import about_the_list, named_kinds, new_kind_of_product, shown_title_words
from assistant.vocab import PRODUCT_WORD_ZIPF, CatalogVocab, find_longest, singular, words, zipf

PRICIER = re.compile(
    r"\b(?:pricier|more expensive|more premium|premium ones?|higher[- ]end|high[- ]end|fancier|nicer|posher|"
    r"posh|better quality|top of the range|top end|luxury|luxurious|(?:more |bit more |a bit )?luxe|upscale|classier|"
    r"too cheap|look(?:s|ed)?\s+(?:(?:a bit|rather|really|so|quite|kinda|pretty|a little)\s+)?cheap|dearer(?!\s+than)|"
    r"(?:seem|seems|are|is|feel|feels)\s+(?:(?:awfully|a bit|rather|really|so|quite|kinda|pretty|a little|too)\s+)?"
    r"cheap(?:\s+looking)?(?=\W)|"  # "these seem awfully cheap, dear": the list judged too cheap
    r"more (?:upmarket|luxurious|classy|special)|(?:more|better|stronger) better|"
    rf"(?:most expensive|priciest|dearest)\s+{rules.STOCK_ONE}{rules.STOCK_HELD}|"
    r"top of the line|look(?:s|ed)?\s+(?:(?:a bit|rather|really|so|quite|kinda|pretty|a little)\s+)?flimsy|"
    r"go (?:back )?up(?:\s+(?:a bit|a notch|in price))?(?=\W*$)|step (?:it )?up|"
    # "these are a bit basic, I can put more money": the list judged too plain, more money offered
    r"(?:a bit|bit|too|so|very|quite|kinda|rather|a little|really)\s+basic|"
    r"(?:can|could|will|would|am happy to|i'?m happy to|don'?t mind)\s+(?:put|spend|pay|invest)\s+"
    r"(?:a bit |a little |some |a lot |way )?more(?:\s+money)?(?!\s+than))\b", re.I)
_MONEY = r"(?:money|moneys|money's|price|budget|cost|the cost|the price|the budget)"
NO_BUDGET = re.compile(
    rf"\b(?:forget|forgot|ignore|drop|remove|scrap|screw|sod|bin|ditch|lose|no need for|never ?mind|nvm|"
    rf"don'?t worry about|forget about)\s+(?:what i (?:said|wrote|told you|mentioned)\s+)?(?:about\s+)?"
    # "forget the 100 limit", "forget the hundred dollar limit", "drop the fifty quid cap"
    rf"(?:the\s+|my\s+|that\s+)?(?:[$£€]?\d+(?:\.\d+)?\s*(?:dollars?|bucks?|quid|pounds?|euros?)?\s+|"
    rf"(?:[a-z]+[\s-]){{1,3}}(?:dollars?|bucks?|quid|pounds?|euros?)\s+)?"
    rf"(?:budget|price(?: limit| cap)?|max(?:imum)?(?: price)?|price range|limit|cap)\b|"
    rf"\b(?:forget|ignore|never ?mind)\s+(?:what\s+i\s+said|that)\s+about\s+(?:the\s+)?(?:money|budget|price|cost)\b|"
    # "Let us set the budget aside for a moment"; "forget the under 20"
    rf"\b(?:set|put|leave)\s+(?:the\s+|my\s+)?budget\s+(?:aside|to one side)\b|"
    rf"\b(?:forget|drop|scrap|ignore|never ?mind)\s+(?:the\s+)?(?:under|below|max|over)\s+[$£€]?\d+\b|"
    # "never mind about the money then", "don't worry about the cost"
    rf"\b(?:never ?mind|nvm|forget|don'?t worry)\s+about\s+(?:the\s+|my\s+)?(?:money|cost|price|spend(?:ing)?)\b|"
    rf"\b{_MONEY}\s+(?:is\s+|'s\s+)?(?:no object|not (?:an?|the) (?:issue|problem|concern|object)|"
    rf"no (?:issue|problem)|isn'?t (?:an?|the) (?:issue|problem|concern)|doesn'?t matter|does not matter)\b|"
    rf"\bany price\b|\bno budget\b|"
    # "forget the thousand i want the pro ones", "ignore the 50": the amount said is let go
    rf"\b(?:forget|ignore|scrap|never ?mind)\s+(?:the\s+|my\s+)?"
    rf"(?:[$£€]?\d+(?:\.\d+)?k?|(?:a\s+)?(?:hundred|thousand|grand)|"
    rf"(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:hundred|thousand|grand)|"
    rf"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:\s+(?:hundred|thousand|quid|bucks|dollars))?)\b"
    rf"(?!\s*(?:st|nd|rd|th|gb|tb|inch|in\b|ml|l\b|kg|one|ones|item|of)\b)(?!\.\d)",
    re.I)
DROP_MIN = re.compile(r"\b(?:drop|remove|forget|ignore|no)\s+(?:the\s+)?(?:minimum|min|floor|lower limit)\b", re.I)
ANY_BRAND = re.compile(
    # not "any brand but nike" (one ruled out); "any brand but under 150" lifts the brand and sets a price
    r"\bany (?:brand|make|label)s?\b(?!\s+(?:except|but|other than|apart from|besides)\b"
    r"(?!\s+(?:under|below|over|above|less|more|cheaper|max|within|up to|around|[$£€₹]|\d)))|"
    r"\bbrand (?:doesn'?t|does not) matter\b|\bwhatever brand\b|"
    # a learner's "brand anything ok": any brand will do
    r"\bbrands?\s+(?:anything|any|whatever)\s+(?:is\s+|also\s+)?(?:ok(?:ay)?|fine|good|can)\b|"
    r"\b(?:back to|show(?: me| us)?|see|with|from|open (?:it|this) up to) all (?:the |other )?(?:brands|makes|marks)\b|"
    r"\ball brands (?:again|please|pls)\b|"
    # a learner's "give me back all brands"
    r"\b(?:give|bring|put)\s+(?:me\s+|us\s+)?(?:back\s+)?all (?:the |other )?brands(?:\s+back)?\b|"
    r"\b(?:forget|ignore|drop|scrap|skip|never ?mind)\s+(?:what i (?:said|wrote|told you|mentioned)\s+)?"
    r"(?:about\s+)?(?:the\s+)?brand\b|"
    r"\bnot (?:fussed|bothered|picky|particular|precious|set on|married to)\s+(?:about|on|with|by)?\s*"
    r"(?:the\s+)?brands?\b|"
    r"\bdon'?t care (?:about (?:the )?|which )brands?\b|"
    r"\b(?:don'?t|do not|wouldn'?t|would not) mind (?:what|which|the) (?:brand|make|label)s?\b|"
    # "doesn't have to be apple"; not "doesnt need to be big", a size
    r"\b(?:doesn'?t|does not|don'?t) (?:have to|need to) be (?:a |an )?(?!(?:big|small|large|huge|tiny|fancy|expensive|"
    r"pricey|new|perfect|fast|heavy|light|long|short|wide|tall|top|high|super|too|very|so|exact(?:ly)?|the|same|"
    r"matching|anything|much|that|this|fully|brand|waterproof|wireless|real|genuine|original)\b)\w+|"
    r"\bother brands?\b.*\b(?:fine|ok|okay)\b",
    re.I)
ANY_COLOUR = re.compile(
    r"\bany colou?rs?\b|\ball (?:the )?colou?rs\b|\bcolou?rs?\s+any(?:thing)?\s+(?:is\s+)?(?:fine|ok|good)\b|"
    # "forget what I said about the colour"
    r"\b(?:ignore|forget|drop|skip|never ?mind)\s+(?:what i (?:said|wrote|told you|mentioned)\s+)?"
    r"(?:about\s+)?(?:the\s+)?colou?r\b|"
    r"\bcolou?r (?:doesn'?t|does not|don'?t) matter\b|\bdon'?t care (?:about|which) colou?r\b|"
    r"\bcolou?r is (?:fine|not important)\b|\bcolou?r (?:is )?(?:no|not an?) (?:issue|problem|matter)\b|"
    r"^\W*(?:any\s+|in\s+|what\s+)?(?:other|different) colou?rs?\W*$", re.I)
ANY_SIZE = re.compile(r"\bany sizes?\b|\b(?:ignore|forget|drop|skip|never ?mind)\s+(?:about\s+)?(?:the\s+)?size\b|"
                      r"\bsize (?:doesn'?t|does not|don'?t) matter\b|\b(?:all|other|different) sizes\b", re.I)
START_OVER = re.compile(r"\b(?:start(?:ing)? (?:over|again|afresh)(?: from (?:zero|scratch|the beginning))?|"
                        r"reset|new search|clear (?:the |all )?"
                        r"(?:filters|search)|from scratch|clear (?:everything|it all)(?!\s+(?:from|in|out)\b))\b", re.I)
# A whole message that throws the search away: "scrap that", "forget all that".
THROW_AWAY = re.compile(r"^\W*(?:(?:ok|okay|hmm+|actually|nah|no|oh|ugh|right)\W+)*"
                        r"(?:scrap|scratch|forget|forgot|ditch|bin|clear|wipe)\s+"
                        r"(?:that|all that|all of that|everything|it all|the lot)\W*$", re.I)
# Less of a product's spec, which says nothing of its price: "less storage", "a smaller screen".
_LESS_OF_A_SPEC = re.compile(r"\b(?:less|lower|smaller|fewer)\s+(?:storage|memory|capacity|ram|screen|gb|litres?|"
                             r"watts?|power|battery)\b", re.I)
OR_SIMILAR = re.compile(r"\bor (?:similar|something similar|equivalent|the like|comparable|alike|whatever)\b|"
                        r"\b(?:like|such as) (?:a |an )?\w+ (?:or|but)\b|"
                        # "i like cerave but open to others", "happy to try other brands"
                        r"\b(?:open to|happy to (?:try|look at)|fine with|ok with|don'?t mind) (?:other|others|"
                        r"different|any)(?: brands?| ones?| makes?)?\b|\bor (?:another|any other) (?:brand|make)\b",
                        re.I)
# "make it 70" / "say 60 then" while a budget is set: the new budget.
NEW_BUDGET = re.compile(r"^\W*(?:ok(?:ay)?\W+)?(?:(?:make it|change it to|let'?s say|say|maybe|how about|what about)\s+"
                        r"[$£€₹]?\s?(\d+(?:\.\d+)?)\s*(?:then|instead|max|dollars|bucks)?|"
                        # "ok 100 then"
                        r"[$£€₹]?\s?(\d+(?:\.\d+)?)\s*(?:dollars\s+|bucks\s+)?(?:then|instead))\W*$", re.I)
# "Asus or... no, scratch that, just the Lenovo ones": what follows a correction is what is meant.
CORRECTION = re.compile(r"\b(?:scratch that|no wait|wait no|i mean|i meant|sorry,? i meant|on second thought|"
                        r"actually no|make that|"
                        # "nvm the pink ones show navy": what follows the ones let go is what is meant
                        r"(?:nvm|never ?mind|forget|scrap|ditch)\s+(?:the\s+)?[\w-]+\s+ones?)\b", re.I)
# "nothing too pricey", "not too dear", "bit much": a loose ceiling, which a price said beside it (or no list to
# step down from) makes a budget rather than a wish for cheaper ones than those shown.
_LOOSE_CEILING = re.compile(r"\b(?:not|nothing|nothin|nowt|none)\s+(?:too|that|overly|crazy|super|very)\s+"
                            r"(?:expensive|pricey|pricy|dear|spendy|steep)\b|"
                            rf"\b{rules.BIT_MUCH}\b", re.I)
# Words about money or a low price: without one, a first search has no step down to take.
_MONEY_WORDS = re.compile(r"\b(?:cheap\w*|budget|afford\w*|bargain|inexpensive|econom\w*|low[- ]cost|pric\w*|"
                          r"expensive|spend\w*|money|deals?|sale|save|saving|broke|skint|tight)\b", re.I)
# Right before a brand: the list on screen has too much of it ("too many zara", "these are all apple").
_TOO_MANY = re.compile(r"\b(?:too many|too much|so many|so much|(?:these|they)(?:\s+are|'re|\s+r)?\s+all|"
                       r"(?:hm+|ugh|meh|eh|nah)\W+all|sick of|tired of|bored of|had enough of)\s+(?:the\s+|of\s+)?$",
                       re.I)
# Right after a brand: liked, but not what is asked for ("the Bose ones look nice but ... anything under 120?").
_LIKED_BUT = re.compile(r"\s+(?:ones?\s+)?(?:look|looks|seem|seems|sound|sounds|are|is)\s+(?:really\s+|so\s+|very\s+)?"
                        r"(?:nice|good|great|lovely|cool|gorgeous|amazing)\b[^.?!]*?\bbut\b|"
                        # "he normally wears Columbia but honestly he's not fussy": a habit, not a filter
                        r"[^.?!]{0,12}?\bbut\s+(?:honestly\s+|really\s+|tbh\s+)?(?:he'?s|she'?s|hes|shes|i'?m|im|we'?re|"
                        r"they'?re)\s+not\s+(?:that\s+|too\s+|very\s+)?(?:fussy|picky|bothered|precious)\b", re.I)
# Right after a brand: the brand meant in place of another ("show adidas instead", "the sony ones instead").
_INSTEAD = re.compile(r"\s+(?:ones?\s+)?instead\b(?!\s+of)", re.I)
# "show me other brands", "a different brand": the brand named (or the one filtered on) is ruled out.
OTHER_BRANDS = re.compile(r"\b(?:other|different|diff|another)\s+(?:brands?|makes?|labels?)\b", re.I)
# "the hoka bondi 8, not other brands": the brand named and no other.
_NOT_OTHER = re.compile(r"\b(?:not|no|none of the|nothing from|don'?t (?:want|need|show)(?: me)?|without)\s+(?:any\s+)?"
                        r"(?:other|different|diff|another)\s+(?:brands?|makes?|labels?)\b", re.I)
ANY_BRAND_BUT = re.compile(r"\bany (?:brand|make|label)s?\s+(?:except|but|other than|apart from|besides)\b", re.I)
ALLOW_BRAND = re.compile(r"^\W*(?:(?:actually|ok|okay|fine|oh|well|hmm+|eh)[\s,]+)*(.+?)(?:\s+(?:are|is)|'s|)\s+"
                         r"(?:ok|okay|fine|alright|good)(?:\s+actually|\s+too|\s+after all)?"
                         # "vans are fine, put them back in"
                         r"(?:\W+(?:put|let|bring)\s+(?:them|it|those|em)\s+back(?:\s+in)?)?\W*$", re.I)
# "they're fine actually", "that brand is ok": what "X is fine" says of the brands ruled out, naming none.
_BRAND_PRONOUNS = frozenset("that those them they they're theyre it its it's the brand brands one ones".split())
# "ok fine, down is allowed if it's responsibly sourced", "leather is ok now": a word ruled out, let in anywhere in
# the message (read only for the words the search rules out).
_TERM_ALLOWED = re.compile(r"\b([a-z][\w-]*)(?:\s+(?:is|are)|'s|)\s+(?:allowed|ok|okay|fine|alright|acceptable|"
                           r"back on the table|back in)\b", re.I)  # ("lego fine" once the possessive is read)
# "only lego then", "just lego": the maker let back in is the one asked for.
_ONLY_NAMED = re.compile(r"\b(?:only|just)\s+(?:the\s+)?[a-z][\w&'-]*(?:\s+(?:ones?|stuff|then|please))?\W*$", re.I)
# "let wireless back in then", "bring nike back": what was ruled out is allowed again.
LET_BACK = re.compile(r"^\W*(?:alright|ok|okay|fine|actually|well|hmm)?[\s,]*(?:let|allow|bring|put)\s+(.+?)\s+back"
                      r"(?:\s+in)?(?:\s+then|\s+again|\s+after all)?\W*$", re.I)
# "without laces", "not leather", "no plastic", "nothing pink", "non-stick" ... and "sulphate free".
_EXCLUDE_CUE = re.compile(r"\b(?:(?:not|isn'?t|is not) (?:a |really a |much of a )?fan of|"
                          r"(?:no|not) want|"  # a learner's "no want trail one"
                          r"(?:not|isn'?t|is not|not really) (?:into|keen on)|"
                          r"without|not|(?:says?|said)\s+no\s+to|no\s+to|no|nothing|none of (?:the|them)|avoid|minus|"
                          r"except|"
                          r"(?:none|nothing|not) in|"  # "none in orange or yellow pls, too loud"
                          r"but not|anything but|"
                          r"aren'?t|isn'?t|rather than|instead of|(?:don'?t|do not|dont) (?:want|like|need)|"
                          r"leave out|skip|exclude|filter out|rule out|steer clear of|stay away from|allergic to|"
                          r"hates?|hated|can'?t stand|cannot stand|dislikes?|vetoed|"
                          r"(?:doesn'?t|does not|didn'?t) (?:want|like))\s+"
                          r"(?:any\s+|the\s+|a\s+|an\s+|of\s+|all\s+|made (?:of|with|from)\s+|too\s+|with\s+|"
                          r"anything\s+|"
                          r"one of (?:those|these|them|the)\s+|(?:those|these)\s+)*"
                          r"([a-z][a-z\-]*)(?:\s+ones?)?", re.I)
# "isn't" rules an attribute out only said of what is wanted ("something that isn't leather"); said of what is
# shown ("those aren't gaming laptops") it is the complaint that the attribute is missing.
_IS_NOT = re.compile(r"(?:aren'?t|isn'?t|is not|are not)\s+(?!(?:a |really a |much of a )?fan\b|into\b|keen\b)", re.I)
_RELATIVE = re.compile(r"\b[a-z]+\s+(?:that|which)\s+$", re.I)
# "he's not gentle with anything", "she is not fussy": what someone is like, said before "not" (not "he's not into
# pink", "he's not a smartwatch guy")
_SOMEONE_IS = re.compile(r"\b(?:he|she|they)(?:'s|'re|\s+is|\s+are|\s+was|\s+were)\s+$|\b(?:hes|shes|theyre)\s+$", re.I)
# Another colour than the one named or shown: "any other colour than white", "does it come in different colours?".
_OTHER_COLOUR = re.compile(r"\b(?:an?other|other|different|diff)\s+colou?rs?\b", re.I)
# A judgement opening the message: "too chunky, ...", "meh these are way too baggy" (of the list shown).
_TOO_WORD = re.compile(r"^\W*(?:(?:meh|hmm+|nah|ugh|eh|hm+|no|nope)\W+)?(?:(?:these|those|they|all)(?:\s+are|'re|\s+r|"
                       r"\s+look|\s+seem|\s+all|\s+feel)*\s+)?(?:way\s+|a bit\s+|bit\s+|far\s+|much\s+|kinda\s+)?too\s+"
                       r"([a-z][a-z\-]*)\b", re.I)
# (not "do you offer free delivery", "is there free shipping": a service that costs nothing)
# (nor "hands-free", "hassle-free": a way of using it, no material ruled out)
_FREE = re.compile(r"\b(?!(?:hands|hassle|care|stress|worry|trouble|fuss|tax|duty|interest|risk)[- ]free)"
                   r"([a-z][a-z\-]*?)[- ]free\b(?!\s+(?:delivery|deliveries|shipping|returns?|postage|gift|wrap|"
                   r"wrapping|exchanges?|trials?|of\s+charge|click|collection|samples?|engraving))", re.I)
# "has no", "there's no", "got no" right before the cue's word: what the shopper has, not what they rule out.
_HAS_NONE = re.compile(r"\b(?:has|have|had|got|there'?s|there is|there are)\s+(?:basically\s+|literally\s+|almost\s+|"
                       r"really\s+)?$", re.I)
# Words an exclusion cue meets that are not a product attribute.
_NOT_TERMS = frozenset(
    "more less than too sure problem problems worries thanks thank idea big deal over under above below expensive "
    "pricey cheap cheaper much fan interested really that those these them it one ones so very longer bad worth "
    "need needed want wanted matter care interested quite exactly right good great keen rush hurry way thing things "
    "budget price money limit lol haha ok okay fine sporty electric brand brands colour color go stock sure "
    "available included including fits fit works goes comes looks seems suits me you us him her".split())


# "I wouldn't mind paying more", "happy to spend a bit more": willing to go up (not "more than 50").
_PAY_MORE = re.compile(r"\b(?:pay|paying|spend|spending)\s+(?:a\s+(?:bit|little|lot)\s+)?more\b(?!\s+than)", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no|dont|cant|wont|doesnt|didnt)\b|n't\b", re.I)


# "money's no object, show me the nice ones", "moneys not the issue, just want the best one": up, not only a lift.
_BEST_ONES = re.compile(r"\b(?:the best|best ones?|nicest|nice ones|nicer ones|top ones|finest|top quality|"
                        r"fancy ones)\b", re.I)


# "the seiko from before was nicer", "the 2nd looks fancier": a judgement of an item, no step up in price.
_JUDGED = re.compile(r"\b(?:was|were|is|are|looked|looks|seemed|seems|felt|feels|"
                     r"(?:might|would|could|may) (?:be|look))\s+(?:(?:way|much|a lot|a bit|so|"
                     r"kinda|actually|definitely|really)\s+)?$", re.I)


def pricier(text: str) -> bool:
    for match in PRICIER.finditer(text):
        if not (match[0].casefold() in ("nicer", "fancier", "classier", "posher")
                and _JUDGED.search(text[max(0, match.start() - 30):match.start()])):
            return True
    if NO_BUDGET.search(text) and _BEST_ONES.search(text):
        return True
    for match in _PAY_MORE.finditer(text):  # "don't want to spend more" is no step up; "wouldn't mind paying more" is
        before = text[max(0, match.start() - 25):match.start()]
        if not _NEGATED.search(before) or re.search(r"\bmind\b", before, re.I):
            return True
    return False


# All the filters lifted, said as filters: "reset all the filter please", "clear the filters", "remove all filters".
_FILTERS_ONLY = re.compile(r"\b(?:reset|clear|remove|drop|lose|get rid of|take off)\s+(?:all\s+)?(?:the\s+|my\s+)?"
                           r"(?:all\s+)?filters?\b(?!\s+(?:on|for)\b)", re.I)
# A filter let go in a learner's words: "yellow no need", "yellow not needed", "no need yellow".
_NO_NEED = re.compile(r"\b([a-z]+)\s+(?:colou?r\s+)?(?:no need|not needed|not necessary|no more)\b|"
                      r"\bno need (?:for\s+)?(?:the\s+)?([a-z]+)\b", re.I)


def cleared(text: str, state: DialogueState) -> tuple[str, ...]:
    """The constraints the message lifts, in the intent's `clear` vocabulary."""
    if _FILTERS_ONLY.search(text) and state.searching():
        # "hmm reset all the filter please": every filter lifted, the kind of product kept (not a new start)
        return tuple(slot for slot in ("brand", "exclude_brands", "color", "max_price", "min_price", "exclude_terms")
                     if getattr(state, slot))
    if START_OVER.search(text) or THROW_AWAY.match(text):
        return ("all",)
    out: list[str] = []
    if NO_BUDGET.search(text) and not pricier(text):
        out += ["max_price", "min_price"]
    elif DROP_MIN.search(text):
        out.append("min_price")
    allowed = ALLOW_BRAND.match(text) or LET_BACK.match(text)
    said = set(words(allowed[1])) if allowed else set()
    let_in = {m[1].lower() for m in _TERM_ALLOWED.finditer(text)}  # "down is allowed if it's responsibly sourced"
    names_term = any(t in said or t in let_in for t in state.exclude_terms)
    if ANY_BRAND.search(text):
        out += ["brand", "exclude_brands"]
    elif ANY_BRAND_BUT.search(text) and state.brand:
        out.append("brand")  # "any brand except tefal": the brand filter goes, Tefal stays out
    elif allowed and state.exclude_brands and (any(set(words(b)) <= said for b in state.exclude_brands)
                                               or not names_term and said <= _BRAND_PRONOUNS):
        out.append("exclude_brands")  # "nike is fine", "bring sony back"; not "let wireless back in"
    elif any(words(b)[-1] in let_in for b in state.exclude_brands if words(b)):
        out.append("exclude_brands")  # "ok fine, Beats is back on the table", "lego's fine, he loves it. just ..."
    if names_term:
        out.append("exclude_terms")  # "ok leather is fine actually" after "no leather"
    if ANY_COLOUR.search(text):
        out.append("color")
    elif state.color and any((m[1] or m[2]).lower() == state.color.lower() for m in _NO_NEED.finditer(text)):
        out.append("color")  # "yellow no need. under 150 only": the colour in force, let go
    if ANY_SIZE.search(text) and state.size:
        out.append("size")
    if any_gender(text) and state.gender:
        out.append("gender")
    return tuple(out)


def excluded_terms(text: str, vocab: CatalogVocab, excluded_brands: list[str],
                   current: str | None = None) -> tuple[str, ...]:
    """Product attributes the message rules out: a catalog word after an exclusion cue, or before "-free".
    `current`: the category being searched ("not a smartwatch" while looking at watches rules smartwatches out)."""
    brand_words = {w for b in excluded_brands for w in words(b)} | vocab.brand_words
    # "no not the pegasus": the "no" answers, the "not" excludes
    price_free = re.sub(r"\b(?:no+|nah|nope)\W+(?=(?:not|no)\b)", " ", rules.strip_prices(text), flags=re.I)
    found: list[str] = []
    for m in _EXCLUDE_CUE.finditer(price_free):
        if _HAS_NONE.search(price_free[:m.start()]):
            continue  # "the room has basically no light at night": a fact about the shopper, not an exclusion
        if _SOMEONE_IS.search(price_free[:m.start()]) and not re.match(r"\w+\s+(?:a|an|much|into|keen|fond|big|mad|"
                                                                     r"crazy)\b", price_free[m.start():], re.I):
            continue  # "he's not gentle with anything": what the person is like
        if _IS_NOT.match(m[0]) and not _RELATIVE.search(price_free[:m.start()]):
            continue  # "those arent gaming laptops", "eye cream isnt mascara": what is shown is not what was asked
        said = [(m[1], m.end(1))]  # "nothing distressed or skinny", "no foundation or mascara": each one
        for more in _OR_ALSO.finditer(price_free, m.end()):
            if more.start() != said[-1][1]:
                break
            said.append((more[1], more.end(1)))
        for word, end in said:
            term = _term(word, price_free[end:], vocab)
            if term and term not in brand_words and price_free[end:end + 1] != "'" \
                    and not (excluded_brands and vocab.brand_of_line(term) in excluded_brands):  # "no apple, no macs"
                found.extend(_attribute(term, text, vocab, current) or _part_left_out(m[0], term, vocab)
                             or _style_left_out(term, price_free[end:], vocab))
    for m in _IS_A_NO.finditer(price_free):  # "pink is a no", "leather's a no-go"
        if (m[1].lower() in vocab.colors or m[1].lower() in vocab.attribute_words) and m[1].lower() not in brand_words:
            found.extend(_attribute(m[1].lower(), text, vocab, current))
    for m in _ONE_NOT.finditer(price_free):  # "skinny one not please": a learner's order, the word first
        word = m[1].lower()
        if (word in vocab.colors or word in vocab.attribute_words or word in vocab.title_words) \
                and word not in brand_words and word not in _NOT_TERMS:
            found.extend(_attribute(word, text, vocab, current))
    too = _TOO_WORD.match(price_free)
    if too and too[1].lower() not in _NOT_TERMS:  # "too chunky, i want something slim": no chunky ones
        found.extend(_attribute(too[1].lower(), text, vocab, current))
    in_brands = [(s, e) for s, e, _ in vocab.brand_spans(text)]
    for m in _FREE.finditer(text):
        if m[1].lower() not in _NOT_TERMS and not rules.OFF_TOPIC.fullmatch(m[1]) \
                and not any(s <= m.end() - 1 < e for s, e in in_brands):  # not "returns free?", "from free people"
            found.append(m[1].lower())
    return tuple(dict.fromkeys(found))


# A word ruled out by a verdict said after it: "pink is a no", "nike's a no-go", "leather is a hard no".
_VERDICT = (r"(?:\s+(?:is|are)|'s)\s+(?:a\s+)?(?:hard\s+|big\s+)?(?:no|no-go|nope|veto)\b"
            r"(?!-|\s+(?!(?:for|from)\b)\w)")
_IS_A_NO = re.compile(rf"\b([a-z][a-z\-]*){_VERDICT}", re.I)
_IS_A_NO_AFTER = re.compile(_VERDICT, re.I)
# "skinny one not please", "leather type not": the word, then "not" with no verb between.
_ONE_NOT = re.compile(r"\b([a-z][a-z\-]*)\s+(?:one|ones|type|style|kind)\s+(?:is\s+|are\s+)?not\b"
                      r"(?=\s*(?:please|pls|thanks|thank you|[,.;!?]|$))", re.I)
# ... or said before it: "he says no to nike".
_NO_TO = re.compile(r"\bno\s+to\s+(?:the\s+|any\s+)?$", re.I)
# "any brand but h&m", "any make except dell": a brand ruled out after a wildcard.
_ANY_BUT = re.compile(r"\bany\s+(?:other\s+)?(?:brand|make|label|one)s?\s+"
                      r"(?:but|except|other than|apart from|besides|bar)\s+(?:for\s+)?(?:the\s+)?$", re.I)

# "... or skinny", "..., or mascara", "nor leather": another word the same cue rules out.
_OR_ALSO = re.compile(r"\s*,?\s+(?:or|nor|and no|or any)\s+(?:the\s+|a\s+|an\s+)?([a-z][a-z\-]*)(?:\s+ones?)?", re.I)


# "without laces", "no buttons": a part a product is made without, said plainly.
_WITHOUT = re.compile(r"(?:without|no)\s", re.I)


def _part_left_out(cue: str, term: str, vocab: CatalogVocab) -> list[str]:
    """[term] for a part named in the plural after "without" or "no" ("without laces", "no buttons") that the
    catalog never spells: the shopper's own word for what the products must lack, kept as asked (it rules out
    nothing here, and read as nothing the message was a search for laces). Common words ("no kids", "no thanks")
    and the catalog's own kinds and aisles ("no sneakers") are not parts."""
    if not _WITHOUT.match(cue) or not term.isalpha() or len(term) < 4 or not term.endswith("s") or term.endswith("ss") \
            or term in _NOT_TERMS or zipf(term) >= PRODUCT_WORD_ZIPF or term in vocab.categories \
            or term[:-1] in vocab.head_words or term in vocab.brand_words:
        return []
    return [term]


# "no ripped ones", "no padded ones": a finish said as a past participle before "ones".
_STYLE_ONES = re.compile(r"\s+ones?\b", re.I)


def _style_left_out(term: str, after: str, vocab: CatalogVocab) -> list[str]:
    """[term] for a finish the catalog never spells, said as "no ripped ones": what the shopper rules out, kept as
    asked (the titles may name it otherwise), as `_part_left_out` keeps a part."""
    if not _STYLE_ONES.match(after) or not term.isalpha() or len(term) < 5 or not term.endswith("ed") \
            or term in _NOT_TERMS or term in vocab.colors or term in vocab.brand_words:
        return []
    return [term]


def _term(word: str, after: str, vocab: CatalogVocab) -> str | None:
    """The attribute a cue's word names: "gaming-related" -> "gaming", "non stick" -> "non-stick" (as
    titles spell it); None for words that name none ("sure", "more")."""
    term = re.sub(r"-(?:related|based|style|type)$", "", word.lower())  # "nothing gaming-related"
    follow = re.match(r"\s+([a-z]+)", after, re.I)
    if term == "non" and follow and f"non-{follow[1].lower()}" in vocab.attribute_words:
        return f"non-{follow[1].lower()}"  # "nothing non stick"
    if follow:  # "nothing slim fit", "aren't high tops": titles spell the two words as one, "Slim-Fit", "High-Top"
        joined = next((f"{term}-{w}" for w in (follow[1].lower(), singular(follow[1].lower()))
                       if f"{term}-{w}" in vocab.attribute_words), None)
        if joined:
            return joined
    return None if term in _NOT_TERMS else term


def _attribute(term: str, text: str, vocab: CatalogVocab, current: str | None = None) -> list[str]:
    """[term] when the catalog's titles or attributes use it (or its plural or derived form), else []."""
    if term in vocab.categories and not _sub_kind(term, text, vocab, current):
        return []
    if term.endswith("es") and term not in vocab.attribute_words and term[:-2] in vocab.attribute_words:
        term = term[:-2]  # "not one of those smartwatches": titles say "Smartwatch"
    if term.endswith("y") and term not in vocab.attribute_words:  # "nothing puffy": titles say "Puffer"
        term = next((t for t in (term[:-1] + "er", term[:-1]) if len(t) >= 4 and t in vocab.attribute_words), term)
    if term in vocab.attribute_words or term.rstrip("s") in vocab.attribute_words or term in vocab.colors \
            or any(term + ending in vocab.attribute_words for ending in _DERIVED):
        return [term]  # "without the hood": titles say "Hooded"
    if len(term) >= 4 and term not in _NOT_TERMS:  # "nothing smart": titles say "Smartwatch"
        known = vocab.attribute_words | vocab.title_words
        compounds = sorted(w for w in known if w.startswith(term) and len(w) >= len(term) + 4 and w.isalpha()
                           and not (w.endswith("s") and w[:-1] in known) and vocab.categories.get(w) != w
                           and (vocab.names_kind(w[len(term):]) or w[len(term):] in vocab.categories))  # smart+watch
        here = [w for w in compounds if w in vocab.category_words.get(current or "", ())]
        return (here or compounds)[:3]
    return []


def _sub_kind(term: str, text: str, vocab: CatalogVocab, current: str | None = None) -> bool:
    """A category's other name inside the category asked for, or searched (`current`): "a classic watch rather
    than a smartwatch", "not a smartwatch" while looking at watches rule smartwatches out of watches; "not
    jeans" alone names no attribute."""
    category = vocab.categories[term]
    return (category in vocab.wanted_categories(text) or category == current) \
        and term.rstrip("s") != category.rstrip("s")


# Endings that make an attribute of a noun: "hood" -> "hooded", "lace" -> "laced" (and plurals).
_DERIVED = ("s", "es", "ed", "d")


def has_term(product, term: str) -> bool:
    """Whether a product has an excluded attribute: the word (its plural, or the adjective made of it:
    "hooded" for "hood") in its title, colour or attributes, not as "<term>-free" (a "sulphate-free
    shampoo" is what "sulphate free" asks for)."""
    text = " ".join([product.title, product.color, *map(str, product.attributes.values())]).lower()
    text = re.sub(rf"\b{re.escape(term)}[- ]free\b", " ", text)
    stem = term[:-1] if term.endswith("s") and len(term) > 3 else term
    return re.search(rf"\b{re.escape(stem)}(?:{'|'.join(_DERIVED)})?\b", text) is not None


# How listings say a quality asked for in other words: "waterproof?" of a watch "water resistant to 100 metres".
_SAID_AS = {"waterproof": re.compile(r"\bwater[- ]?(?:proof|resistant|resistance|repellent)\b", re.I)}


# A yes-or-no question: "is monopoly good for a family", "um is it good for video editing too".
_YES_NO_ASKED = re.compile(r"^\W*(?:(?:um+|uh+|ok(?:ay)?|so|and|hmm+|but|also)\W+)*"
                           r"(?:is|are|does|do|will|would|can|could|has|have)\b", re.I)


def mentions(product, word: str) -> bool:
    """Whether a product's listing says a quality asked for ("which of these are waterproof?", "ones with noise
    cancelling"): the word (or its plural, or the adjective made of it) in its title, attributes or description,
    not negated as "<word>-free"; or the listing's own words for it (`_SAID_AS`)."""
    if has_term(product, word):
        return True
    text = re.sub(rf"\b{re.escape(word)}[- ]free\b", " ", (product.description or "").lower())
    if word in _SAID_AS and _SAID_AS[word].search(f"{product.title.lower()} {text}"):
        return True
    stem = word[:-1] if word.endswith("s") and len(word) > 3 else word
    spelled = re.escape(stem).replace(r"\-", "[- ]?").replace(r"\ ", "[- ]?")  # "dishwasher-safe", "dishwasher safe"
    return re.search(rf"\b{spelled}(?:{'|'.join(_DERIVED)})?\b", text) is not None



# "he has a ball already", "she already has headphones", "got one already": what the person owns is not wanted.
_ALREADY = re.compile(r"\balready\s+(?:has|have|got|owns?)\b|\b(?:has|have|got|owns?)\b[^,.;!?]{0,30}?\balready\b",
                      re.I)


def already_has(text: str, state: DialogueState, vocab: CatalogVocab) -> tuple[str, ...]:
    """The kinds of product the message says the person already owns, as exclusion terms: the word itself and
    the title words of the aisle on screen ending in it ("ball" -> "football", "basketball"); () when none."""
    clause = _owned_clause(text)
    if not clause:
        return ()
    aisle = vocab.category_words.get(state.category or "", frozenset()) or vocab.title_words
    out: list[str] = []
    for word in words(clause):
        single = word[:-1] if word.endswith("s") and len(word) > 3 else word
        if word in _STOPWORDS or len(single) < 3 or single in vocab.brand_words or word in vocab.brand_words:
            continue
        compounds = [w for w in aisle if w != single and w.endswith(single) and len(w) - len(single) >= 3]
        if single in vocab.head_words or compounds or single in vocab.title_words and zipf(single) < PRODUCT_WORD_ZIPF:
            out += [single, *sorted(compounds)]
    return tuple(dict.fromkeys(out))


def already_has_brands(text: str, vocab: CatalogVocab) -> list[str]:
    """Brands the message says the person already owns ("he's already got nikes"): others are wanted."""
    clause = _owned_clause(text)
    return vocab.mentioned_brands(clause) if clause else []


def _owned_clause(text: str) -> str:
    """The clause that says what the person already owns, or ""."""
    cue = _ALREADY.search(text)
    if not cue:
        return ""
    start = max(text.rfind(mark, 0, cue.start()) for mark in ",.;!?") + 1
    return re.split(r"[,.;!?]", text[start:])[0]


# "only in stock", "in-stock ones", "which ones are in stock", "hide the sold out ones", "available now": nothing
# out of stock is shown. Not "back in stock" (a wait), "not in stock" nor "available in red" (a colour).
_IN_STOCK_ONLY = re.compile(
    r"(?<!back )(?<!not )\bin[- ]?stock\b|"
    r"\b(?:hide|skip|no|without|drop|remove|exclude|not)\s+(?:the\s+|any\s+)?(?:out[- ]of[- ]stock|sold[- ]out|"
    r"unavailable)\b|\bnot\s+sold\s+out\b|"
    r"\b(?:available|ships?|dispatch(?:es|ed)?)\s+(?:now|today|right now|right away|immediately)\b|"
    r"\b(?:only|just)\s+(?:the\s+)?(?:ones?\s+)?(?:that\s+are\s+|which\s+are\s+)?available\b(?!\s+in\b)|"
    r"\b(?:ones?|items?|products?|stuff)\s+(?:that\s+|which\s+)?(?:are|is)\s+(?:actually\s+|currently\s+)?"
    r"available\b(?!\s+in\b)", re.I)


def in_stock_only(text: str) -> bool:
    """Whether the message asks to see only what can be bought now."""
    return bool(_IN_STOCK_ONLY.search(text))


def _model_not_price(intent: Intent, text: str, vocab: CatalogVocab) -> tuple[Intent, list[str]]:
    """A price the parser read from a number the catalog's titles use as a model number ("the mens 501" is Levi's
    501s, not over $501; "airpods 4"), with no price words around it, dropped."""
    if intent.min_price is None and intent.max_price is None:
        return intent, []  # most turns: nothing to check, and no prices to read again
    said = rules.parse_prices(text)
    changes = {}
    for slot in ("min_price", "max_price"):
        value = getattr(intent, slot)
        if value is None or value in said or value != int(value):
            continue
        number = str(int(value))
        bare = re.search(rf"(?<![$£€₹\d.,]){number}(?![\d.,]|\s*(?:k|bucks|dollars?|usd|quid|pounds?|euros?)\b)",
                         text, re.I)
        if number in vocab.title_words and bare:
            changes[slot] = None
    if not changes:
        return intent, []
    return dataclasses.replace(intent, **changes), [f"a model number, no price: {', '.join(changes)} dropped"]


def read_extras(intent: Intent, message: str, state: DialogueState, vocab: CatalogVocab) -> tuple[Intent, list[str]]:
    """The validated intent with what the message says beyond its slots; and notes for the trace."""
    if intent.kind not in ("search", "refine", "out_of_scope", "recommend", "more", "greeting"):
        return intent, []
    text = " ".join(message.split())
    intent, notes = _model_not_price(intent, text, vocab)
    intent, more = _read_slots(intent, text, state, vocab)
    notes += more
    if _another_of_brand(intent, text, state, vocab):
        notes.append(f"{intent.kind} -> search: another product of a brand, asked for as well")
        intent = dataclasses.replace(intent, kind="search", category=state.category,
                                     query=rules.strip_prices(text), new_product=True)
    elif _brand_thing_after_unsold(intent, text, state, vocab):
        notes.append(f"{intent.kind} -> search: a brand's product asked for afresh after a thing the shop lacks")
        intent = dataclasses.replace(intent, kind="search", query=rules.strip_prices(text))
    elif _narrows_by_brand(intent, text, state, vocab):
        notes.append("search -> refine: a brand the current category has, and no other product named")
        intent = dataclasses.replace(intent, kind="refine", category=None)
    elif _brand_elsewhere(intent, text, state, vocab):
        notes.append("refine -> search: a brand the aisle on screen does not carry, in its own aisles")
        intent = dataclasses.replace(intent, kind="search", category=None, new_product=True)
    elif _constraints_only(intent, text, state, vocab):
        notes.append("search -> refine: only constraints changed during a search, no product named")
        intent = dataclasses.replace(intent, kind="refine", category=None, query="")
    elif _same_kind_narrowed(intent, text, state, vocab):
        notes.append("search -> refine: an exclusion, lift, brand switch or budget about the kind of product shown")
        intent = dataclasses.replace(intent, kind="refine", category=None, query="")
    elif _restarts(intent, text, state, vocab):
        notes.append(f"{intent.kind} -> search: a new one in place of the last (its constraints do not carry)")
        intent = dataclasses.replace(intent, kind="search", new_product=True, query=rules.strip_prices(text))
    owned, brands = already_has(text, state, vocab), already_has_brands(text, vocab)
    if (owned or brands) and state.searching() and intent.kind in ("search", "refine", "out_of_scope"):
        notes.append(f"{intent.kind} -> refine: already has {', '.join(owned + tuple(brands))}, so none of those")
        banned = tuple(dict.fromkeys((*intent.exclude_brands, *brands)))
        intent = dataclasses.replace(intent, kind="refine", category=None, query="", new_product=False,
                                     brand=None if intent.brand in brands else intent.brand,
                                     exclude_brands=banned, exclude_brand=banned[0] if banned else None,
                                     exclude_terms=tuple(dict.fromkeys((*intent.exclude_terms, *owned))))
    replaced = _replaced_values(intent, state)
    if replaced:
        notes.append("a value said in place of the one set: " + ", ".join(sorted(replaced)))
        intent = dataclasses.replace(intent, **replaced)
    if GIFT_CARD.search(text) and intent.kind in ("search", "refine", "out_of_scope", "recommend"):
        # "can I just buy a $50 gift card?": a thing the shop may not list (the search says so, with the nearest
        # gifts); its amount is the card's, no budget that later searches keep
        notes.append(f"{intent.kind} -> search: gift cards asked for, their amount no budget")
        intent = dataclasses.replace(intent, kind="search", min_price=None, max_price=None, cheaper=False,
                                     query=rules.strip_prices(text), new_product=state.searching())
    after = START_OVER.split(text, maxsplit=1)[-1] if intent.clear == ("all",) and START_OVER.search(text) else ""
    aisles = vocab.wanted_categories(after) if intent.kind == "refine" and after else []
    if aisles and not intent.category:
        notes.append("refine -> search: a kind of product asked for after starting over")
        intent = dataclasses.replace(intent, kind="search", category=aisles[0], new_product=True,
                                     query=rules.strip_prices(after).strip(" ,.;:-"))
    return intent, notes


# Gift cards, vouchers and certificates (e-gift cards too): bought as a thing, not a description of a product.
GIFT_CARD = re.compile(r"\b(?:e-?)?gift\s*(?:cards?|vouchers?|certificates?)\b", re.I)
# "actually no, tennis racket. wilson", "scratch that, a kettle": the search said replaces the last one.
_RESTART = re.compile(r"^\W*(?:actually,?\s+no|no,?\s+wait|wait,?\s+no|scratch that|on second thoughts?|hmm,?\s+no)\b",
                      re.I)


def _restarts(intent: Intent, text: str, state: DialogueState, vocab: CatalogVocab) -> bool:
    """"actually no, tennis racket. wilson" during a badminton search: a kind of product asked for after a
    correction replaces the search, whichever of search or refinement the parser said; "hmm no. any make
    then" lifts and names no kind, and "no wait, white, to match the toaster" names one it only goes with."""
    return intent.kind in ("search", "refine") and state.searching() and bool(_RESTART.match(text)) \
        and not intent.clear and bool(named_kinds(text, vocab) or vocab.wanted_categories(text))


# "make it xiaomi", "only Hoka", "what about Seiko instead": the brand named replaces the one filtered on.
_SWITCH = re.compile(r"\b(?:make it|make that|switch to|go with|only|just|instead|rather|what about|how about)\b", re.I)
# "and a seiko under 200", "also a garmin": one more product, of the brand named, in the same aisle.
_ANOTHER_OF = re.compile(r"^\W*(?:(?:ok(?:ay)?|oh|cool|great|right)\W+)*(?:and|also|plus)\s+(?:an?|another|one)\s+"
                         r"([a-z][\w'&-]*(?:\s+[a-z][\w'&-]*)?)", re.I)


def _same_kind_narrowed(intent: Intent, text: str, state: DialogueState, vocab: CatalogVocab) -> bool:
    """"no graphic tees pls" while looking at gym t-shirts, "colour doesnt matter for the pan" while looking
    at frying pans, "no wait make it xiaomi, the 256gb ones" or "lower the max to 70" while looking at phones:
    the kind of product on screen named again with an exclusion, a lift, a switch of brand or a new budget is
    a refinement of its search (which keeps the budget), not a new search from nothing. Another kind of
    product ("and a cast iron pan") stays a search."""
    if intent.kind != "search" or not state.category or intent.new_product:  # an aisle is on screen
        return False
    if intent.category and intent.category != state.category \
            or any(c != state.category for c in vocab.wanted_categories(text)):
        return False
    if not (intent.exclude_terms or intent.clear or intent.brand and _SWITCH.search(text) or budget_fix(text, state)):
        return False
    return not asks_for_thing(text, vocab) and not new_kind_of_product(text, state, vocab)


def _another_of_brand(intent: Intent, text: str, state: DialogueState, vocab: CatalogVocab) -> bool:
    """"and a seiko under 200" after a Casio went into the cart: one more product of the current aisle,
    by the brand named: a search of its own, not a change of the last one's brand."""
    if intent.kind not in ("search", "refine") or not intent.brand or not state.category:
        return False
    m = _ANOTHER_OF.match(text)
    return bool(m) and intent.brand in vocab.mentioned_brands(m[1]) \
        and state.category in vocab.brand_categories.get(intent.brand, ())


def _brand_elsewhere(intent: Intent, text: str, state: DialogueState, vocab: CatalogVocab) -> bool:
    """"nike" or "the first lego one" while looking at headphones: the shop has no Nike headphones, so the brand's
    own aisles are searched, not the aisle on screen (which would answer that nothing matches). A switch of brand
    ("show adidas instead") is of the aisle on screen, and that none is there is the answer."""
    if intent.kind != "refine" or not intent.brand or intent.other_brands or not state.category or intent.category:
        return False
    return state.category not in vocab.brand_categories.get(intent.brand, ()) and not _SWITCH.search(text) \
        and not vocab.mentioned_categories(text) and not vocab.product_heads(text)


def _constraints_only(intent: Intent, text: str, state: DialogueState, vocab: CatalogVocab) -> bool:
    """"screw the budget its my best mates wedding", "smthn more high end money isnt an issue" during a
    search: a change of its constraints (or a lift), not a new search of nothing (which the catalog's
    evidence would call a thing the shop lacks)."""
    if intent.kind != "search" or not state.searching() or intent.new_product \
            or intent.brand and state.last_kind == "recommend":  # "ok let's do lego" after ideas: its own search
        return False
    if intent.category and intent.category != state.category or vocab.mentioned_categories(text):
        return False
    terms = (*intent.exclude_terms, *state.exclude_terms)  # "ok leather is fine actually" names no product
    if asks_for_thing(text, vocab) or rules.REQUEST.search(text) or names_product(text, vocab, terms) \
            or _also_another_thing(text, state, vocab):
        return False
    if intent.brand and state.category and vocab.brand_categories.get(intent.brand) \
            and state.category not in vocab.brand_categories[intent.brand]:
        return False  # "kids lego" while looking at headphones: the brand's own aisle, not Lego headphones
    return intent.sets_constraints()


# Another thing asked for beside the search: "also a candle", "and some mugs".
_ALSO_A = re.compile(r"\b(?:also|and|plus)\s+(?:a|an|some)\s+([a-z]+)", re.I)


def _also_another_thing(text: str, state: DialogueState, vocab: CatalogVocab) -> bool:
    """"also a candle of Yankee Candle" over throw blankets: a kind the search has not named, asked for beside it
    (even where one such item filled out the list shown)."""
    also = _ALSO_A.search(text)
    heads = vocab.product_heads(also[1]) if also else set()
    return bool(heads) and not heads & set(words(state.query))


# An article before a brand: the brand's product asked for as a thing ("a lego", "some lego", "a new google pixel").
_A_BRAND = re.compile(r"\b(?:a|an|some)\s+(?:brand[- ]new\s+|new\s+)?$", re.I)
# ... and before a product line, said new ("a new macbook air"; not "is an iphone possible for that?").
_A_NEW = re.compile(r"\b(?:a|an|some)\s+(?:brand[- ]new|new)\s+$", re.I)


def _brand_thing_after_unsold(intent: Intent, text: str, state: DialogueState, vocab: CatalogVocab) -> bool:
    """"peccato. then a lego for my son" after bicycles the shop lacks, "ok. a new macbook air then" after a
    refurbished one: a brand's product (or product line) asked for afresh, with an article, is a search of its
    own, not a narrowing of the nearest items shown."""
    if not (intent.kind in ("search", "refine") and state.last_not_carried and intent.brand is not None):
        return False
    if any(_A_BRAND.search(text[:start]) for start, _end, b in vocab.brand_spans(text) if b == intent.brand):
        return True
    return any(_A_NEW.search(text[:m.start()]) for m in re.finditer(r"[a-z]+", text.lower())
               if vocab.line_brands.get(m[0]) == intent.brand)


def _narrows_by_brand(intent: Intent, text: str, state: DialogueState, vocab: CatalogVocab) -> bool:
    """"what about Bose" / "Under Armour only please" / "and no levis" while looking at a category: a
    refinement of that search, not a new one (which would drop the category and the budget)."""
    if intent.kind != "search" or not state.searching() or vocab.mentioned_categories(text):
        return False
    if intent.category and intent.category != state.category or intent.brand and state.last_kind == "recommend":
        return False  # "ok let's do lego, under 50" right after ideas: a search of its own
    brands = [b for b in (intent.brand, *intent.exclude_brands, intent.exclude_brand) if b]
    if not brands or names_product(text, vocab, (*intent.exclude_terms, *shown_title_words(state))):
        return False  # "spf 50, loreal if u have" after sunscreens that say SPF names no other product
    if _also_another_thing(text, state, vocab):
        return False  # "also a candle of Yankee Candle" over blankets: another thing, though a candle is listed
    return not state.category or all(state.category in vocab.brand_categories.get(b, ())
                                     for b in brands if b == intent.brand)


def _read_slots(intent: Intent, text: str, state: DialogueState, vocab: CatalogVocab) -> tuple[Intent, list[str]]:
    changes: dict[str, object] = {}
    notes: list[str] = []
    excluded = rules.excluded_brands(text, vocab.brands, vocab.everyday)
    spans = vocab.brand_spans(text)
    crowded = [b for start, _end, b in spans if _TOO_MANY.search(text[:start])]
    if crowded:  # "way too many nike in here, show me other stuff", "these are all apple": ruled out
        excluded = list(dict.fromkeys([*excluded, *crowded]))
        others = [b for _s, _e, b in spans if b not in excluded]
        if intent.brand in crowded or others and not intent.brand:
            changes["brand"] = others[0] if others else None  # "hm all wilson. any yonex?"
    vetoed = [b for start, end, b in spans if _NO_TO.search(text[:start]) or _IS_A_NO_AFTER.match(text, end)]
    if vetoed:  # "he says no to nike", "nike is a no": ruled out, never wanted
        excluded = list(dict.fromkeys([*excluded, *vetoed]))
        if intent.brand in vetoed:
            changes["brand"] = next((b for _s, _e, b in spans if b not in excluded), None)
    but = [b for start, _end, b in spans if _ANY_BUT.search(text[:start])]
    if but:  # "any brand but h&m": every brand but that one
        excluded = list(dict.fromkeys([*excluded, *but]))
        if intent.brand in but:
            changes["brand"] = None
    for _start, end, brand in spans:  # "the Bose ones look nice but they're out of my league": a liking, no filter
        if intent.brand == brand and _LIKED_BUT.match(text, end) and "brand" not in changes:
            changes["brand"] = None
    owned = [b for start, _end, b in spans if _MY_OWN.search(text[max(0, start - 20):start])]
    if intent.brand in owned and "brand" not in changes and not _SAME_BRAND.search(text) \
            and not _AGAIN.search(text) and sum(b == intent.brand for _s, _e, b in spans) == 1:
        changes["brand"] = None  # "my bose qc35s finally died, want something similar": what they had, no filter
    lifted = cleared(text, state)
    if state.brand and intent.brand in (None, state.brand) and re.search(
            rf"\b(?:forget|forget about|drop|scrap|ditch)\s+(?:the\s+)?{re.escape(state.brand)}\b", text, re.I) \
            and "brand" not in lifted:
        lifted = (*lifted, "brand")  # "forget Samsung, show me all the marks": the brand filter let go, not banned
    if any(b != state.brand for b in excluded) and "exclude_brands" in lifted and "brand" in lifted:
        # "any brand is fine, but please leave Beats out of it": every brand but the one ruled out
        lifted = tuple(c for c in lifted if c != "exclude_brands" and (c != "brand" or state.brand))
    if "color" in lifted and not state.searching():  # "iphone 16 pro, any colour": a first search lifts nothing
        lifted = tuple(c for c in lifted if c != "color")
    if lifted == ("all",) and intent.kind == "search" and START_OVER.search(intent.query):
        # "start over, i want a blender instead": the words after the restart are the search, not "start over"
        changes["query"] = " ".join(START_OVER.sub(" ", intent.query).split()).strip(" ,.;:-")
    if "brand" in lifted and not ANY_BRAND_BUT.search(text):  # "forget nike, any brand is fine": not banned
        excluded = [b for b in excluded if b != state.brand]
        if intent.exclude_brand == state.brand:
            changes["exclude_brand"] = None
    elif not excluded and OTHER_BRANDS.search(text) and not _NOT_OTHER.search(text):
        named = vocab.mentioned_brands(text) or ([state.brand] if state.brand else [])
        if len(named) == 1:  # "he has a mountain of Lego, show me other brands"
            excluded = named
            changes["brand"] = None
    aisle = intent.category or (state.category if intent.kind != "search" or not intent.query else None) or ""
    if _ANDROID.search(text) and "phone" in aisle.lower() and "apple" in vocab.brands:
        # "android only", "cheap android phone": any phone maker but Apple, whose phones run iOS
        apple = vocab.brands["apple"]
        excluded = [*excluded, apple] if apple not in excluded else excluded
        if intent.brand == apple:
            changes["brand"] = None
    only = vocab.mentioned_brands(text) if _NOT_OTHER.search(text) else []
    if len(only) == 1:  # "no i meant the hoka bondi 8, not other brands": Hoka only, never Hoka ruled out
        excluded = [b for b in excluded if b != only[0]]
        changes["brand"] = only[0]
        if only[0] in (intent.exclude_brand, *intent.exclude_brands):
            rest = tuple(b for b in intent.exclude_brands if b != only[0])
            changes["exclude_brands"], changes["exclude_brand"] = rest, rest[0] if rest else None
    if len(excluded) > 1 or excluded and not changes.get("exclude_brand", intent.exclude_brand):
        # ("eh forget apple. anything but lenovo tho": Apple let go above, Lenovo still ruled out)
        changes["exclude_brands"] = tuple(excluded)
        changes["exclude_brand"] = changes.get("exclude_brand", intent.exclude_brand) or excluded[0]
    let_back = [b for b in state.exclude_brands if b in vocab.mentioned_brands(text)]
    if "exclude_brands" in lifted and intent.brand in let_back and not _ONLY_NAMED.search(text):
        changes["brand"] = None  # "ok actually lego's fine, he loves it": let back in, not the only maker asked
    kept_out = [b for b in state.exclude_brands if b not in let_back and b not in excluded]
    if "exclude_brands" in lifted and "brand" not in lifted and let_back and kept_out and not excluded:
        # "hmm fine, nike's ok too" after "no nike no adidas": Nike is let back in, Adidas stays out
        changes["exclude_brands"], changes["exclude_brand"] = tuple(kept_out), kept_out[0]
    terms = excluded_terms(text, vocab, excluded, intent.category or state.category)
    other_colour = [c.lower() for c in vocab.mentioned_colors(text) or [state.color] if c] \
        if _OTHER_COLOUR.search(text) else []  # "any other colour than white", "in other colours? white gets dirty"
    terms = (*terms, *other_colour)
    if terms:
        changes["exclude_terms"] = tuple(dict.fromkeys(terms))
    if intent.color and intent.color.lower() in terms:
        changes["color"] = None  # the colour ruled out is no colour to filter on ("he says no to yellow")
    if other_colour and not changes.get("color", intent.color) and state.color and "color" not in lifted:
        lifted = (*lifted, "color")
    # not "cheers ladies!"; "a watch for my husband" in a search naming its aisle, not "perfume for my gf too?"
    # "gift ideas for my dad": ideas for him
    cut = gender_said(text, relations=intent.kind == "search" and bool(intent.category) or intent.kind == "recommend") \
        if intent.kind != "greeting" and not _TWO_PEOPLE.search(text) else None
    if cut and cut != intent.gender:
        changes["gender"] = cut  # "wmns jeans", "mens, size L": only what is cut for them (or unisex)
    priced = rules.brand_priced_out(text, vocab.brands, vocab.everyday)  # no step down in "X's out of my league"
    ordering = intent.kind in ("search", "refine") or state.searching() and intent.kind in ("out_of_scope", "more",
                                                                                            "recommend") \
        or intent.kind == "out_of_scope" and bool(vocab.product_heads(text))  # "cheapest kettles": searched later
    order = order_said(text) if ordering else None
    if order == PRICE_HIGH:  # "whats the most expensive laptop you sell": the dearest first, not dearer than a list
        changes.update({"pricier": False, "cheaper": False} if intent.pricier or intent.cheaper
                       or changes.get("pricier") else {})
    elif pricier(text):
        order = None
    if order and order != intent.order:
        changes["order"] = order  # "cheap phone", "top rated headphones": that order, among what matches
        if order == "price" and intent.kind == "search" and intent.cheaper and not state.shown_prices:
            changes["cheaper"] = False  # nothing was shown to be cheaper than: the cheapest first
    if order and intent.cheaper and order_request(text) and not rules.CHEAPER.search(priced):
        changes["cheaper"] = False  # "sort those lowest price first": the same list in that order, none cheaper
        if order == PRICE_HIGH and intent.cheaper:
            changes["cheaper"] = False  # "sort by price high to low" asks for no cheaper ones
    floor = rating_floor(text)
    if floor is None and intent.kind in ("search", "refine", "out_of_scope") \
            and (bare := bare_rating_floor(text, state.shown_prices)) is not None:
        floor = (bare, (0, len(text)))  # "4.5+" over headphones from $20: stars, not $4.50
    if floor and floor[0] != intent.min_rating:
        changes["min_rating"] = floor[0]  # "rated at least 4 stars": a rating, not a $4 floor
        if intent.min_price == floor[0]:
            changes["min_price"] = None
        if intent.max_price == floor[0]:
            changes["max_price"] = None
    if in_stock_only(text) and not intent.in_stock:
        changes["in_stock"] = True  # "only in stock", whatever the parser said of the words
        if intent.cheaper and not rules.CHEAPER.search(priced):
            changes["cheaper"] = False  # a model's "cheaper" for "only in stock please" asks no lower price
    if "color" in lifted and intent.color and state.color and intent.color != state.color:
        lifted = tuple(c for c in lifted if c != "color")  # "forget pink, black goes w everything": a switch
    elif "color" in lifted and intent.color and (said := ANY_COLOUR.search(text)) \
            and re.search(rf"\bbut\b.*\b{re.escape(intent.color)}\b", text[said.end():], re.I):
        lifted = tuple(c for c in lifted if c != "color")  # "any colour except white, but grey would be ideal"
    if lifted:
        changes["clear"] = lifted
        if "brand" in lifted and intent.brand and "brand" not in changes:
            changes["brand"] = None  # "any brand is fine, Bose was just the one I knew"
        if "color" in lifted and intent.color:
            changes["color"] = None  # "colour doesn't matter" names no colour to filter on
        if "max_price" in lifted and intent.max_price is not None and intent.max_price == state.max_price:
            changes["max_price"] = None  # "forget the 5 limit": the 5 is the ceiling let go, not one set again
        if "exclude_brands" in lifted and intent.brand in state.exclude_brands:
            changes["brand"] = None  # "actually vans are ok" lifts the ban; it does not ask for Vans only
    if pricier(text) and not rules.CHEAPER.search(priced) and intent.min_price is None:
        changes["pricier"] = True  # "they look cheap, smth nicer": up, whatever the parser said (a floor said is up)
        if intent.cheaper:
            changes["cheaper"] = False
    elif rules.CHEAPER.search(priced) and not intent.cheaper and intent.kind in ("refine", "search", "out_of_scope"):
        changes["cheaper"] = True  # "smth cheaper thats not apple", "these r way too expensive"
    elif intent.cheaper and not rules.CHEAPER.search(priced) and (intent.max_price is not None or
                                                                 intent.min_price is not None
                                                                 or "max_price" in lifted or "all" in lifted):
        # "cheaper than 50?", "min 500 max 1.2k, no cheap rubbish": the prices said; "forget the budget"
        # (decoded as a step down by the model) lifts the ceiling, it steps nowhere
        changes["cheaper"] = False
    elif intent.cheaper and intent.kind == "search" and not state.searching() and not _MONEY_WORDS.search(text):
        changes["cheaper"] = False  # a model's step down in a first search whose words say nothing of money
    elif intent.cheaper and not rules.CHEAPER.search(priced) and not _MONEY_WORDS.search(text) \
            and _LESS_OF_A_SPEC.search(text):
        changes["cheaper"] = False  # "with less storage, like 256?": less of a spec, not a lower price
    elif intent.cheaper and intent.kind == "refine" \
            and (len(words(text)) <= 4 or about_the_list(text) or _YES_NO_ASKED.match(text)) \
            and not _MONEY_WORDS.search(text) and not rules.CHEAPER.search(priced) \
            and not rules.CHEAPER_ZH.search(text) \
            and not re.search(r"\b(?:less|lower|down|under|below|cheep\w*|sast\w*|kam|much|steep|ouch)\b|[<$£€₹]",
                              text, re.I):
        # a model's step down for a few words that say nothing of money: "waterproof?", "softest?", "in M please",
        # or for a question about the list ("which of these are waterproof?") or a yes-or-no question ("is
        # monopoly good for a family")
        changes["cheaper"] = False
    if changes.get("cheaper", intent.cheaper) and _LOOSE_CEILING.search(priced) \
            and not rules.CHEAPER.search(_LOOSE_CEILING.sub(" ", priced)) \
            and (rules.parse_prices(text)[1] is not None or not state.searching()):
        changes["cheaper"] = False  # "nothing too pricey.. under $25 maybe?": a budget said loosely, no step down
    budget = NEW_BUDGET.match(text)
    amount = float(budget[1] or budget[2]) if budget else None
    if budget and state.max_price is not None and intent.max_price is None \
            and intent.min_price in (None, amount):
        changes["max_price"] = amount  # "make it 70" after "under 50" (a parser's "over 70" too)
    changes.update(budget_fix(text, state))
    if "max_price" in changes and intent.min_price == changes["max_price"] and "min_price" not in changes:
        changes["min_price"] = state.min_price  # "bump it to 900" moves the ceiling; the floor stays where it was
    correction = list(CORRECTION.finditer(text))
    if correction:
        after = text[correction[-1].end():]
        later = [b for b in vocab.mentioned_brands(after) if b not in excluded]
        if later and intent.brand != later[0]:
            changes["brand"] = later[0]
        colours = vocab.mentioned_colors(after)
        if colours and intent.color != colours[0]:
            changes["color"] = colours[0]
    colours = vocab.mentioned_colors(text)
    if state.color and len(colours) >= 2 and state.color in colours \
            and changes.get("color", intent.color) in (state.color, None) \
            and not rules.said_again(text, state.color):
        # "the white ones are kinda basic, got any black?" over white sneakers: the colour asked next, not the one shown
        asked = [c for c in colours if c != state.color and not rules.ruled_out_word(text, c)]
        if asked:  # not "i said silver not gold": the colour ruled out is no colour asked next
            changes["color"] = asked[-1]
    spans = vocab.brand_spans(text)
    not_only = {b for start, _end, b in spans if _NOT_ONLY_BEFORE.search(text[:start])}
    if changes.get("brand", intent.brand) in not_only:
        changes["brand"] = None  # "white sneakers. and dont just show me nike": Nike among others, not Nike only
        kept = tuple(b for b in changes.get("exclude_brands", intent.exclude_brands) if b not in not_only)
        changes["exclude_brands"], changes["exclude_brand"] = kept, kept[0] if kept else None
    than = {b for start, _end, b in spans if _THAN_BEFORE.search(text[:start])}
    wanted = [b for _start, _end, b in spans if b not in than and b not in excluded]
    if than and wanted and changes.get("brand", intent.brand) in (than | {None}):
        changes["brand"] = wanted[0]  # "anything cheaper than the dyson? philips maybe": Philips, not Dyson
    for _start, end, brand in spans:  # "nike I have enough, show adidas instead"
        if _INSTEAD.match(text, end) and brand not in excluded and intent.brand != brand:
            changes["brand"] = brand
            kept = tuple(b for b in changes.get("exclude_brands", intent.exclude_brands) if b != brand)
            changes["exclude_brands"] = kept  # a model's "not adidas" for "show adidas instead" is no ban
            changes["exclude_brand"] = kept[0] if kept else None
    if (rules.CHEAPEST.search(text) or re.search(r"\bmore cheap\b", text, re.I)) and not intent.cheaper \
            and intent.kind in ("refine", "more", "out_of_scope"):  # not an add of "the cheapest one"
        changes["cheaper"] = True
    searching = intent.kind in ("search", "refine")  # "nike and under armour tees": both, in a request
    either_said = [] if _RULED_OUT_BEFORE.search(text) or "brand" in changes else \
        _either(text, vocab, set(), both=searching)
    words_ruled_out = set(rules.excluded_brands(text, vocab.brands, vocab.everyday))
    if either_said and set(either_said) <= words_ruled_out:  # "he wouldn't be seen dead with Jansport or Nike"
        either_said = []
        changes["exclude_brands"] = tuple(dict.fromkeys((*intent.exclude_brands, *words_ruled_out)))
        changes["exclude_brand"] = intent.exclude_brand or next(iter(sorted(words_ruled_out)))
    if either_said:  # "asics or brooks only" with no word of ruling out: a model's "not brooks" is no ban
        said = changes.get("exclude_brands", intent.exclude_brands)
        banned = tuple(dict.fromkeys(b for b in (changes.get("exclude_brand", intent.exclude_brand), *said) if b))
        kept = tuple(b for b in banned if b not in either_said)
        if kept != banned:
            changes["exclude_brands"], changes["exclude_brand"] = kept, (kept[0] if kept else None)
    ruled_out = set(changes.get("exclude_brands", ())) | {changes.get("exclude_brand", intent.exclude_brand)} - {None}
    if changes.get("brand", intent.brand) in ruled_out:  # "anything but Beats" never asks for Beats
        changes["brand"] = None
    elif intent.brand and OR_SIMILAR.search(text):  # "dyson or similar": an example, not a filter
        changes["brand"] = None
    elif "brand" not in changes and (either := _either(text, vocab, ruled_out, both=searching)):
        # "asics or brooks only", "Levi's or Wrangler is fine": either will do, so both are shown
        changes["brand"], changes["other_brands"] = either[0], tuple(either[1:])
    elif intent.brand and state.brand and intent.brand != state.brand and intent.kind in ("search", "refine") \
            and intent.category in (None, state.category) and _brand_too(text, intent.brand, vocab) \
            and state.brand not in ruled_out and "brand" not in lifted and not intent.references \
            and not rules.ADD_CART.search(text) and not vocab.product_heads(text):
        # "show nike too" while looking at Adidas: Nike as well as Adidas, not in its place
        changes["brand"] = state.brand
        changes["other_brands"] = tuple(dict.fromkeys((*state.other_brands, intent.brand)))
    if "color" not in changes and not intent.exclude_terms and (hues := _either_colour(text, vocab)):
        changes["color"], changes["other_colors"] = hues[0], tuple(hues[1:])  # "navy or black"
    elif intent.brand and any(f"{t} free" == intent.brand.lower() for t in terms):
        changes["brand"] = None  # "sugar free biscuits": a property, though a brand has the name
    elif not intent.brand and not ruled_out and intent.kind in ("search", "refine", "out_of_scope"):
        line = vocab.brand_of_line(" ".join(w for w in words(text) if w not in terms and w[:-1] not in terms),
                                   intent.category or (state.category if intent.kind == "refine" else None))
        if line:
            changes["brand"] = line
    if intent.color and intent.color.lower() in terms:  # "not white, more like beige"
        others = [c for c in vocab.mentioned_colors(text) if c.lower() not in terms]
        changes["color"] = others[0] if others else None
    if not changes:
        return intent, []
    notes.append("read from the message: " + ", ".join(sorted(changes)))
    kind = intent.kind
    if kind == "recommend" and state.searching() and "order" in changes and not intent.category:
        kind = "refine"  # "which have good reviews?" about the list on screen, not picks from anywhere
    if state.searching() and kind in ("out_of_scope", "more") or \
            kind == "search" and state.searching() and not intent.category and not intent.new_product \
            and not names_product(text, vocab, terms):
        kind = "refine"
    if kind in ("out_of_scope", "greeting"):
        kind = "refine" if state.searching() else "search"
    return dataclasses.replace(intent, kind=kind, **changes), notes


def _replaced_values(intent: Intent, state: DialogueState) -> dict[str, object]:
    """A refinement's value said in place of the one set. "oops, UNDER 300 not over" after "over 300",
    "sorry i meant OVER 100" after "under 100": a floor at or above the ceiling set (or a ceiling at or
    below the floor) replaces it, since both together leave nothing to show. "sorry, navy not grey" with
    grey on: the new colour replaces the old, which is then no exclusion."""
    if not state.searching() or intent.kind != "refine":
        return {}
    changes: dict[str, object] = {}
    if intent.min_price is not None and intent.max_price is None and state.max_price is not None \
            and intent.min_price >= state.max_price and "max_price" not in intent.clear:
        changes["clear"] = (*intent.clear, "max_price")
    if intent.max_price is not None and intent.min_price is None and state.min_price is not None \
            and intent.max_price <= state.min_price and "min_price" not in intent.clear:
        changes["clear"] = (*intent.clear, "min_price")
    if intent.color and state.color and state.color != intent.color and state.color.lower() in intent.exclude_terms:
        changes["exclude_terms"] = tuple(t for t in intent.exclude_terms if t != state.color.lower())
    return changes


def _either(text: str, vocab: CatalogVocab, ruled_out: set[str], both: bool = False) -> list[str]:
    """The wanted brands named with "or" (or "/"; with `both`, "and" too: "just nike and under armour tees")
    between them, in order; empty when fewer than two are, or when a word of ruling out comes right before them
    ("none from nike or adidas")."""
    spans = [(s, e, b) for s, e, b in vocab.brand_spans(text) if b not in ruled_out]
    if spans and _RULED_OUT_BEFORE.search(" ".join(text[:spans[0][0]].split()[-3:])):
        return []
    if both and (_RULED_OUT_BEFORE.search(text) or _LEFT_OUT.search(text)):
        both = False  # "filter out Beats and Apple", "leave out the Apple and Samsung ones": both ruled out
    return _alternatives(spans, text, _OR_AND if both else _OR) or (_alternatives(spans, text, _PER_PERSON)
                                                                     if both else [])


def _either_colour(text: str, vocab: CatalogVocab) -> list[str]:
    """"navy or black", "pink/purple": colours either of which will do (none ruled out before them)."""
    if _RULED_OUT_BEFORE.search(text):
        return []
    return _alternatives(find_longest(text, vocab.colors), text)


def _alternatives(spans: list[tuple[int, int, str]], text: str, joiner: re.Pattern | None = None) -> list[str]:
    """The values of `spans` joined by "or" into one chain; empty when a value is said again, as in a
    choice made after the question ("ninja or tefal?? eh just ninja")."""
    values = [v for _, _, v in spans]
    if len(set(values)) < len(values):
        return []
    chosen: list[str] = []
    for (_, end, first), (start, _, second) in zip(spans, spans[1:], strict=False):
        if first != second and (joiner or _OR).fullmatch(text[end:start]):
            chosen += [v for v in (first, second) if v not in chosen]
        elif chosen:
            break
    return chosen if len(chosen) >= 2 else []


_OR = re.compile(r"\s*(?:,\s*)?(?:or|/)\s*(?:(?:either|maybe|even|possibly)\s+)?", re.I)
_OR_AND = re.compile(r"\s*(?:,\s*)?(?:or|/|and|&|\+)\s*(?:(?:either|maybe|even|possibly|also)\s+)?", re.I)
# Two people shopped for in one message: "apple watch for me, garmin for him", "hoka for her, he wants brooks" (no
# one cut for both).
_WANTS = r"(?:he|she|i)\s+(?:wants?|likes?|prefers?|needs?)"
_TWO_PEOPLE = re.compile(rf"\bfor\s+(?:me|him|her)\b.*\b(?:for\s+(?:me|him|her)|{_WANTS})\b|"
                         rf"\b{_WANTS}\b.*\bfor\s+(?:me|him|her)\b", re.I)
# One brand for each person: "apple watch for me, garmin for him", "hoka for her, he wants brooks".
_PER_PERSON = re.compile(r"(?:\s+[\w'-]+){0,2}?\s+for\s+(?:me|him|her|us|them|my\s+\w+)\s*[,;.]?\s*(?:and\s+|but\s+)?"
                         r"(?:(?:he|she|i|they|my\s+\w+)(?:'?d)?\s+(?:wants?|likes?|prefers?|needs?|would like)\s+)?"
                         r"(?:(?:a|an|the|some)\s+)?", re.I)
# "not pink or purple", "no red or orange": colours ruled out, not alternatives
_RULED_OUT_BEFORE = re.compile(r"\b(?:not|no|none|nothing|without|except|anything but|hate|avoid|never|skip|"
                               r"exclude|ban)\b", re.I)
# A brand allowed but not required: "dont just show me nike", "not only adidas", "more than just apple".
_NOT_ONLY_BEFORE = re.compile(r"\b(?:(?:don'?t|do not|dont|not)\s+(?:just|only)|more than just|other than just)"
                              r"(?:\s+(?:show|give|list)(?:\s+(?:me|us))?)?(?:\s+(?:the|some))?\s+$", re.I)
# A brand compared against: "cheaper than the dyson", "better than my sony ones".
_THAN_BEFORE = re.compile(r"\bthan\s+(?:the\s+|my\s+|that\s+|those\s+|these\s+|a\s+)?$", re.I)
# Brands left out in other words than a "not": "filter out", "leave out", "rule out", "rather not", "don't want".
_LEFT_OUT = re.compile(r"\b(?:filter|leave|leaving|cut|rule|take|keep|get rid of|lose)\s+(?:\w+\s+){0,4}?out\b|"
                       r"\b(?:rather not|don'?t|dont|won'?t|wont|can'?t stand|remove|drop|ditch|minus|nix)\b", re.I)
# "show nike too", "adidas as well", "also show puma": one more brand beside the one on screen
_TOO_AFTER = re.compile(r"\s*(?:ones?\s+)?(?:too|as well|aswell)\b", re.I)
_ALSO_BEFORE = re.compile(r"\b(?:also|and)\s+(?:show\s+(?:me\s+)?|see\s+|some\s+|any\s+)*$", re.I)


def _brand_too(text: str, brand: str, vocab: CatalogVocab) -> bool:
    """Whether the brand is said as one more to show: "show nike too", "also show puma" (not "too expensive").
    A message that opens with "and" ("and jbl?") asks about that brand instead, as "what about jbl?" does."""
    def also(before: str) -> bool:
        said = _ALSO_BEFORE.search(before)
        return bool(said) and (said[0].lower().startswith("also") or bool(before[:said.start()].strip(" ,.!?")))
    return any(b == brand and (_TOO_AFTER.match(text, end) or also(text[:start]))
               for start, end, b in vocab.brand_spans(text))


def names_product(text: str, vocab: CatalogVocab, terms: tuple[str, ...]) -> bool:
    """Whether the message names a product (a catalog category, or a title word that is no brand,
    colour or excluded attribute): "leather boots" does, "not leather" or "any brand" does not."""
    if vocab.mentioned_categories(text):
        return True
    text = MONEY_IDIOM.sub(" ", text)  # "1k is a stretch rly": no stretch jeans
    skip = {part for term in terms for part in (term, *term.split("-"))}  # "no slim fit": "slim-fit" ruled out
    skip |= vocab.brand_words | set(vocab.colors) | _NOT_TERMS | set(vocab.line_brands)
    for w in words(rules.ABOUT_ME.sub(" ", rules.strip_prices(text))):
        if w in _STOPWORDS or w in skip or len(w) <= 2 or w.isdigit():
            continue
        singular = w[:-1] if w.endswith("s") and len(w) > 3 else w
        if (w in vocab.title_words or singular in vocab.title_words) and zipf(w) < PRODUCT_WORD_ZIPF:
            return True
    return False


# "now a case for it", "any video games?", "oh and a big heavy pot for stews", "and resistance bands": a
# product asked for by its noun phrase after a word that adds to the conversation.
_THING_ASKED = re.compile(
    # "fair enough. a hat then? the sun up there is brutal": an answer taken, then the next thing asked for
    r"^\W*(?:(?:ok(?:ay)?|oh|right|cool|great|then|fair enough|oh well|alright|fine|shame|pity|no worries|"
    r"never mind|nvm|ah|hmm+)\W+)*"
    r"(?:(?:and|now|also|plus)\s+(?:(?:a|an|some|any)\s+)?|(?:a|an|some|any|got any|what about|how about)\s+)"
    r"([a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3}?)(?=\s+(?:for|to|that|with|which|like|too|then)\b|\s*[,?!.]|\s*$)",
    re.I)
_NOT_A_THING = frozenset("others other ones one more else options alternatives different similar better cheaper "
                         "pricier bigger smaller nicer good decent ideas suggestions".split())


def asks_for_thing(text: str, vocab: CatalogVocab) -> bool:
    """Whether the message asks for a product by a noun phrase ("now a case for it", "any video games?"),
    whatever its words' frequency: the phrase's last word is no colour, brand, stop word or word of
    more-of-the-same ("any others?", "and cheaper?")."""
    m = _THING_ASKED.match(text)
    if not m:
        return False
    said = words(m[1])
    if not said or said[0] in _STOPWORDS:  # "any with pockets?", "any in green": a narrowing, not a thing
        return False
    head = said[-1]
    return (len(head) > 2 and not head.isdigit() and head not in _STOPWORDS and head not in _NOT_TERMS
            and head not in _NOT_A_THING and head not in vocab.colors and head not in vocab.brand_words)


# "same budget", "same limit as before", "same colour": the earlier search's constraint, kept for the new one.
_SAME_PRICE = re.compile(r"\bsame\s+(?:budget|limit|price(?:\s+range)?|max(?:imum)?|range|cap)\b", re.I)
# "then show me please only the maxi dresses", "forget zara, just red dresses under 60": the kind on screen, narrowed
# by what the words before its name say (ends the message, or only a price follows).
ONLY_KIND_SAID = re.compile(r"(?:^|[\s,.;])(?:just|only)\s+(?:the\s+)?(?:[a-z][\w'-]*\s+){1,2}?[a-z][\w'-]*s"
                            r"(?:\s+(?:under|below|up to|max|over|above)\s+[$£€]?\d+(?:\.\d+)?)?\W*$", re.I)
# "moisturiser only", "just moisturisers": one kind of the products shown, so what else bounded them stays.
ONLY_SAID = re.compile(r"^\W*(?:just|only)\s+(?:the\s+)?[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?\W*$|"
                       r"^\W*[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?\s+only\W*$", re.I)
# Sayings about money whose words are product words elsewhere ("stretch" jeans).
MONEY_IDIOM = re.compile(r"\b(?:is|was|that'?s|it'?s|its|thats|bit of|be)\s+a\s+(?:bit\s+of\s+a\s+)?stretch\b|"
                          r"\bstretch(?:ing)?\s+(?:my|the|our)\s+budget\b|"
                          # "these prices too high for my pocket", "with my pocket money": no pocket wanted
                          r"\b(?:high|much|expensive|steep|pricey|dear|costly|heavy|hard|big)\s+(?:\w+\s+)?(?:for|on)\s+"
                          r"(?:my|our|the|his|her)\s+(?:pocket|wallet|purse)s?\b|\bpocket[- ]money\b|"
                          r"\bout\s+of\s+(?:my|our)\s+(?:own\s+)?pocket\b", re.I)
# A brand said as the shopper's own: "my bose qc35s died", "my old kitchenaid's motor burnt out".
_MY_OWN = re.compile(r"\bmy\s+(?:old\s+|last\s+|previous\s+|current\s+|trusty\s+|beloved\s+)?$", re.I)
# ... unless it is wanted again: "want another kitchenaid", "the same model again".
_AGAIN = re.compile(r"\bagain\b|\banother\b|\bsame (?:one|model|again)\b|\bnew one\b", re.I)
_ANDROID = re.compile(r"\bandroids?\b(?!\s+(?:auto|tv)\b)", re.I)
_SAME_BRAND = re.compile(r"\bsame\s+(?:brand|make|maker|label|company)\b|\bby the same (?:people|folks)\b|"
                         # "and a moisturizer from them too", "do they make a cleanser?"
                         r"\b(?:from|by)\s+them(?:\s+(?:too|as well|also))?\W*$|"
                         r"\bdo\s+they\s+(?:also\s+)?(?:do|make)\b",
                         re.I)
# "and a toaster to match" (after a red kettle): the colour goes on
_SAME_COLOUR = re.compile(r"\bsame\s+colou?r\b|\bin the same colou?r\b|"
                          r"\bto match(?:\s+(?:it|that|them|this|those))?\W*$", re.I)
# "no wait, I meant jackets not jeans", "sorry, jackets, not jeans": the kind of product corrected, the rest kept.
_KIND_CORRECTED = re.compile(r"(?:\b(?:meant|mean|wanted|said)\s+|^\W*(?:(?:no|nope|sorry|oops|wait|actually)\W+)+)"
                             r"(?:the\s+|some\s+)?[a-z][\w' -]*?\s*,?\s+(?:not|rather than|instead of)\s+"
                             r"(?:the\s+)?(?P<old>[a-z][\w' -]*?)\W*$", re.I)


def kept_from_before(intent: Intent, text: str, state: DialogueState,
                     vocab: CatalogVocab | None = None) -> tuple[Intent, list[str]]:
    """A new search that says "same budget", "same colour" or "same brand" keeps the earlier search's price
    bounds, colour or brand, and one kind of the aisle searched said as the only one wanted ("moisturiser
    only") its price bounds (a new search otherwise starts from nothing). One that corrects the kind of
    product searched ("I meant jackets not jeans") keeps who it is for, the colour and the budget."""
    if intent.kind != "search":
        return intent, []
    changes: dict[str, object] = {}
    corrected = _KIND_CORRECTED.search(text) if vocab is not None and state.category else None
    if corrected and state.category in vocab.mentioned_categories(corrected["old"]) \
            and intent.category not in (None, state.category):
        for slot in ("gender", "color", "min_price", "max_price"):
            if getattr(intent, slot) is None and getattr(state, slot) is not None:
                changes[slot] = getattr(state, slot)
    narrows = bool(ONLY_SAID.search(text)) and state.category is not None and intent.category in (None, state.category)
    if (_SAME_PRICE.search(text) or narrows) and intent.min_price is None and intent.max_price is None:
        changes.update(min_price=state.min_price, max_price=state.max_price)  # "moisturiser only": same budget
    if _SAME_COLOUR.search(text) and not intent.color and state.color:
        changes["color"] = state.color
    if _SAME_BRAND.search(text) and not intent.brand and state.brand:
        changes["brand"] = state.brand  # "and mascara of the same brand?"
    if not any(v is not None for v in changes.values()):
        return intent, []
    return dataclasses.replace(intent, **changes), [f"kept from the earlier search: {', '.join(sorted(changes))}"]


def same_as_before(text: str, state: DialogueState) -> Intent | None:
    """"same colour", "same brand please", "same budget" said alone after the kind of product changed: a
    refinement with that slot from the latest earlier search that set it; None when the message says more, or
    no earlier search set it, or the search on screen already has it."""
    if len(text.split()) > 6 or not state.searching():
        return None
    changes: dict[str, object] = {}
    for pattern, slots in ((_SAME_COLOUR, ("color",)), (_SAME_BRAND, ("brand",)),
                           (_SAME_PRICE, ("min_price", "max_price"))):
        if not pattern.search(text) or any(getattr(state, slot) is not None for slot in slots):
            continue
        before = next((s for s in reversed(state.earlier_searches) if any(s.get(slot) is not None for slot in slots)),
                      None)
        if before is not None:
            changes.update({slot: before.get(slot) for slot in slots})
    return Intent("refine", **changes) if changes else None


def names_other_thing(text: str, vocab: CatalogVocab) -> bool:
    """Whether the message names a thing, in the catalog's words or not ("got tvs too?", "bike helmets"):
    a word rarer in English than the everyday ones (or unknown to it: "airpod"), that is no brand,
    colour, interjection or word of lifting or excluding. What it names is for the catalog's evidence
    to place (`assistant.evidence`)."""
    skip = vocab.brand_words | set(vocab.colors) | _NOT_TERMS | _STOPWORDS
    said = words(rules.ABOUT_ME.sub(" ", rules.strip_prices(text)))
    return any(w not in skip and len(w) > 2 and not w.isdigit() and zipf(w) < PRODUCT_WORD_ZIPF
               and not rules.INTERJECTION.match(w) and not _said_as_verb_or_adverb(w, said[i - 1] if i else "")
               for i, w in enumerate(said))


# Where and when, said of a use: "i carry it everywhere", "i wear them most days".
_PLACE_AND_TIME = frozenset("everywhere anywhere somewhere nowhere everyday always sometimes usually mostly often "
                            "anymore lately recently tonight tomorrow yesterday weekends".split())
# Who or what makes the next word a verb: "i carry it everywhere", "we'll use it daily", "to keep warm".
_SUBJECTS = frozenset("i we you they he she to ll can will would could should must might".split())


def _said_as_verb_or_adverb(word: str, before: str) -> bool:
    """"ideally 14 inch, i carry it everywhere": "ideally" (of "ideal") and "carry" (after "i") name no thing."""
    return before in _SUBJECTS or word in _PLACE_AND_TIME or len(word) > 5 and word.endswith("ly") \
        and zipf(word[:-2]) >= 3.0 \
        or len(word) > 6 and word.endswith("ally") and zipf(word[:-4]) >= 3.0


# Words that name no product: the rule parser's stop words and the words of lifting and excluding.
_STOPWORDS = STOP_WORDS | frozenset("not no without nothing actually just only instead really fine ok okay pls "
                                    "thanks".split())
