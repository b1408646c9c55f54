"""Cart actions beyond add/remove, read by pattern: checkout, emptying the cart (asked, then confirmed),
setting a line's quantity ("make it two", "add 2 of the first one", "change the quantity to 3", "change the
second one to 2 pairs"), one more or one less of a line ("add another one of the same", "remove one of the
yoga mats") and correcting the add just made ("no wait, 5 not 3", "sorry, I meant the 4th").

Why patterns and not the LM: these act on the shopper's money and cart, so they must be exact and
explainable; the shop's LM was never taught them, and its parsing of product requests is unaffected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.budget import COUNTED_AT_MOST, QUANTITY_AT_MOST
from assistant.cart import CHECKOUT_ASKED
from assistant.rules import ALL_BUT
from assistant.rules import POSITION as _POSITION
from assistant.types import DialogueState

MAX_QUANTITY = QUANTITY_AT_MOST  # a chat quantity above this is more likely a price ("make it 70") than a cart line

_CARDINALS = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "a couple": 2, "a pair": 2, "both": 2, "twice": 2}
_NUMBER = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"

CHECKOUT = re.compile(r"\b(?:check\s?out|place (?:the|my|an|this) order|proceed to (?:payment|checkout|pay)|"
                      r"ready to (?:pay|order|check\s?out|buy)|complete (?:the|my) (?:order|purchase)|"
                      r"buy (?:everything|it all|all of (?:it|them)|what'?s in (?:my|the) (?:cart|basket))|"
                      r"(?:let'?s|i want to|i'?d like to) (?:pay|order now|buy (?:these|them) now))\b", re.I)
# Not a checkout: a question about it, a "not yet", something left for it ("I'll sort the sizes out at checkout"),
# or money handling the chat never does (cards, charges).
_NOT_CHECKOUT = re.compile(r"\bbefore\b|\bremind\b|\b(?:at|during|on)\s+(?:the\s+)?check\s?out\b|"
                           r"\bhow (?:do|can|to)\b|\bwhere\b|\bcan'?t\b|\bdon'?t\b|"
                           r"\bnot (?:yet|ready)\b|\b(?:card|pay(?:ment)? (?:with|by|using)|charge|credit|debit|"
                           r"paypal|wallet|saved|address|ship(?:ping)? to|deliver(?:y)? to|account|coupon|discount|"
                           r"promo|total|later|tomorrow|tonight|another time|next time)\b", re.I)
CLEAR = re.compile(r"\b(?:clear|empty|wipe|reset)\s+(?:out\s+)?(?:my|the|out the|out my|whole|entire)?\s*"
                   r"(?:whole\s+|entire\s+)?(?:shopping\s+)?(?:cart|basket|bag|trolley)\b|"
                   r"\b(?:remove|delete|take out)\s+(?:everything|all(?: of it| items)?)\s+(?:from|in|out of)\s+"
                   r"(?:my|the)\s+(?:cart|basket)\b|\bstart (?:my|the) (?:cart|basket) over\b", re.I)
# "clear everything", "empty it all" right after working on the cart: the cart, not the search (asked, then done).
_CLEAR_ALL = re.compile(r"^\W*(?:(?:ok|okay|actually|no|nah|hmm+|ugh|just|wait|so|then|please|pls|"
                        r"(?:can|could|would) (?:you|u|ya)|let'?s)\W+)*(?:clear|empty|remove|delete|wipe)\s+"
                        r"(?:everything|it all|all of (?:it|them)|all|the lot)\b", re.I)
# "empty it", "clear it out" while the cart is the subject: "it" is the cart ("remove it" is the item in focus).
_CLEAR_IT = re.compile(r"^\W*(?:(?:ok|okay|actually|just|please|pls|can you|could you|then)\W+)*(?:clear|empty|wipe)\s+"
                       r"it(?:\s+out)?(?:\s+(?:please|pls|plz|then))?\W*$", re.I)
_CART_KINDS = ("add_to_cart", "remove_from_cart", "view_cart")
_KEEP = re.compile(r"\b(?:don'?t|do not|never|not|no need to|no)\s+(?:\w+\s+)?(?:clear|empty|wipe|reset)\b", re.I)
YES = re.compile(r"^\W*(?:yes|yep|yeah|yup|ya|sure|ok(?:ay)?|confirm(?:ed)?|do it|go ahead|please do|"
                 r"clear it|empty it|y)\b", re.I)
# A yes to "place the order?" in other words: "place it", "go for it", "order it", "buy them".
_PLACE = re.compile(r"\b(?:place|order|buy|go for|send|submit)\s+(?:it|them|the order|my order|that)\b|"
                    r"^\W*(?:perfect|great|lovely|good|fine|all good|sounds good|that'?s (?:it|all|fine))\W*$", re.I)
_NO = re.compile(r"\b(?:no|nope|don'?t|do not|wait|keep|cancel|stop|never ?mind)\b", re.I)
_MAKE_IT = re.compile(rf"\bmake (?:it|that|them|those|this) (?:just |only )?{_NUMBER}\b"
                      r"(?!\s*(?:\$|dollars?|bucks|usd|k\b|%))|"
                      rf"\b(?:just|only)?\s*{_NUMBER}\s+(?:is|are|will be|would be|'s)\s+(?:enough|fine|plenty|good)\b|"
                      rf"^\W*(?:(?:hmm+|no|nah|actually|wait|oh|ok)\W+)*(?:just|only)\s+{_NUMBER}\b"
                      r"(?:\s+(?:please|pls|then|thanks|of (?:them|those|it)))?\W*$", re.I)
_TAKE_OUT = re.compile(r"\b(?:remove|take|delete|drop|rm)\b", re.I)
_SET_QUANTITY = re.compile(rf"\b(?:change|set|update|increase|decrease|reduce|bump|lower|raise|up)\s+(?:the\s+)?"
                           rf"(?:quantity|qty|amount|number|count)\b(?:\s+of\s+[^.?!]*?)?\s+to\s+{_NUMBER}\b", re.I)
# The one item an "N of" count is of: "it", "the 2nd", "the cheapest one", "the uniqlo one", "the blue one".
_ORDINAL_ONE = (r"(?:it|that(?: one)?|this(?: one)?|"
                r"the\s+(?:first|second|third|fourth|fifth|last|\d(?:st|nd|rd|th)|cheapest|cheaper|priciest|pricier|"
                r"(?:most|least|more|less) expensive|(?:best|top|highest|higher|better)[- ]rated|top)(?:\s+one)?|"
                r"(?:#|number\s+|no\.?\s*)\d|the\s+(?!same\b)[\w'&-]+(?:\s+[\w'&-]+){0,2}\s+ones?|"
                # "2 of the lego friends set please": the one named, the count said before it
                r"the\s+[a-z][\w'&-]*(?:\s+[\w'&-]+){0,3}?(?=\s*(?:please|pls|plz|thanks|[,.!?]|$)))")
_N_OF_ONE = re.compile(rf"\b{_NUMBER}\s+(?:(?:pieces?|units?|pairs?|packs?)\s+)?of\s+{_ORDINAL_ONE}(?!\w)", re.I)
_N_OF_THEM = re.compile(rf"\b{_NUMBER}\s+of\s+(?:them|those|these)\b", re.I)
# A count said with an add of one item: "add that one, quantity 2", "qty: 3", "x2", "add the top one twice".
_COUNT_SAID = re.compile(rf"\b(?:quantity|qty)\s*(?:of\s+)?:?\s*{_NUMBER}\b|(?<![\d\s])\s*\bx\s?{_NUMBER}\b"
                         r"(?!\s*(?:\$|%))|\b(twice)\b|"
                         # "I take the second, two pieces", "I order the Hoka, two pairs"
                         rf"\b{_NUMBER}\s+(?:pieces?|pcs|units?|pairs?|items?)\b", re.I)
# A count said with an add of the one item the message names: "ok the nokia, add 2 please", "add it, make it 2".
# "put 3 in cart", "ok i buy 3 white candles" (the words after the count name the item the message names).
_ADD_N = re.compile(rf"\b(?:add|get|buy|order|grab|take|put|want)\s+{_NUMBER}(?=(?:\s+(?:please|pls|plz|pairs?|units?|"
                    r"pieces?|of (?:it|them|those|these)|(?:in|into|to)\s+(?:my\s+|the\s+)?(?:cart|basket|bag)))*"
                    r"\s*(?:[,.!?;]|$)|(?:\s+(?!of\b|more\b|other\b|different\b)[a-z][\w'-]*){1,4}\s*(?:[,.!?;]|$))",
                    re.I)
# ... said with an add ("whats 7 x 8" asks no count of anything).
# A question about stock or availability with a count in it, and no cart verb: "do you have 8 of the cheapest one in
# stock?", "are all of those in stock? i need 6 of the same one": answered, the cart left alone.
_ASKS_HOW_MANY_HELD = re.compile(r"^\W*(?:(?:ok|okay|so|and|hmm+|also)\W+)*(?:do|does|have|has|are|is|can|could)\s+"
                                 r"(?:you|u|they|there|all|any|it|those|these|them)\b(?![^.?!]*\b(?:add|put|buy|order|"
                                 r"grab|cart|basket)\b)[^?]*\?", re.I)
_ADD_VERB = re.compile(r"\b(?:add|put|pop|take|buy|get|grab|order|want|i'?ll have|"
                       r"(?:can|could|may)\s+(?:i|we)\s+have)\b", re.I)
# A line's quantity said with the line: "change the second one to 2 pairs", "set the backpack quantity to 2",
# "make the first one 3" (`what` names the line; a size, colour or budget set "to" a number is no quantity).
_SET_LINE = re.compile(rf"\b(?:change|set|update|make|put)\s+(?P<what>(?:the|that|this|it|my)\b[^.,;!?$]{{0,40}}?|"
                       r"(?!(?:it|them|that|this|those|one|two|three|to|at|quantity|qty)\b)[a-z][\w'-]*)"
                       rf"\s+(?:(?:quantity|qty)\s+)?(?:(?:to|at)\s+)?(?P<n>{_NUMBER})"
                       r"(?:\s*(?:pairs?|units?|pieces?|packs?|x|of (?:them|those|it)|items?|please|pls|plz|then|"
                       r"instead))*(?:\s*,?\s*(?:instead\s+of|not|rather\s+than)\s+" + _NUMBER + r")?"
                       # "make the cleanser 3, they go fast lol": a remark after a comma
                       r"(?:\W*$|\s*[,;]\s+(?!\d)[a-z].*$)", re.I)
# "change the tshirt qty to 3, i go through them fast": the line named before "qty", whatever follows.
_LINE_QTY = re.compile(rf"\b(?:change|set|update|make|put|bump|increase|decrease|reduce|up)\s+"
                       rf"(?P<what>(?:the|my)\s+[^.,;!?$]{{1,30}}?)\s+(?:quantity|qty|amount|count|number)\s+"
                       rf"(?:to|at)\s+(?P<n>{_NUMBER})\b|"
                       # "take the monopoly down to 1", "bump the candles up to 4"
                       rf"\b(?:take|bring|knock|bump|put|move)\s+(?P<what2>(?:the|my)\s+[^.,;!?$]{{1,30}}?)\s+"
                       rf"(?:up|down)\s+to\s+(?P<n2>{_NUMBER})\b(?!\s*(?:\$|dollars?|bucks|k\b|%))", re.I)
# "candles should be 3, not 1", "the mugs need to be 2": a line named, then its quantity.
_SHOULD_BE = re.compile(rf"^\W*(?:(?:ok(?:ay)?|so|and|oh|actually|no|wait|sorry|also|plus|hmm+)\W+)*"
                        rf"(?P<what>(?:the\s+|my\s+)?[a-z][\w'&-]*(?:\s+[\w'&-]+){{0,3}}?)\s+"
                        rf"(?:should|needs? to|has to|must|have to)\s+(?:only\s+|just\s+)?be\s+(?P<n>{_NUMBER})\b"
                        rf"(?:\s*(?:pairs?|units?|pieces?|packs?|x|items?))?(?:\s*,?\s*(?:and\s+)?not\s+{_NUMBER})?"
                        r"(?:\s+(?:please|pls|plz|then|instead))*\W*$", re.I)
_NOT_A_LINE = re.compile(r"\b(?:size|sizes|colou?r|budget|price|max|min|limit|storage|gb|tb|ram|inch|ml|"
                         r"litres?|liters?|range|rating|stars?)\b", re.I)
# One more of the line just added: "add another one of the same", "one more of those", "same again".
_ONE_MORE = re.compile(r"^\W*(?:(?:ok|okay|actually|and|yes|yeah|oh|hmm|also|great|cool)\W+)*"
                       r"(?:(?:please|pls|can you|could you)\s+)?"
                       r"(?:add\s+(?:another|one more|1 more)(?:\s+(?:one|pair|of (?:those|these|them|that|it)|"
                       r"of the same(?: one)?))*|another\s+(?:one|pair)\s+of\s+(?:those|these|them|that|the same)|"
                       r"one more of\s+(?:those|these|them|that|the same)|same again|another of the same|"
                       # "and a second identical one for my mom", "add a second one as a gift"
                       r"(?:add\s+|get\s+)?(?:a\s+(?:second|2nd)\s+(?:identical\s+|matching\s+)?|"
                       r"(?:second|2nd)\s+(?:identical|matching)\s+)one|"  # not "2nd one", a position
                       r"(?:add\s+)?another\s+(?:identical|matching)\s+one)"
                       # "... for my gf", "... as a gift for my dad": who it is for
                       r"(?:\s+as\s+a\s+(?:gift|present|spare|backup))?(?:\s+for\s+(?:my|her|his|the|our|a)\s+[a-z]+)?"
                       r"(?:\W+(?:please|pls|plz|too|thanks|thx))*\W*$", re.I)
# One less of a line: "remove one of the yoga mats", "take one off", "one less please" (`what` names the line).
_ONE_LESS = re.compile(r"\b(?:remove|take\s+(?:off|out|away)|drop|delete|minus|subtract|get rid of)\s+"
                       r"(?:just\s+|only\s+)?(?:one|1(?=\s+of\b)|a single one)\b(?!\s*(?:st\b|more\b))"
                       r"(?:\s+of\s+(?P<what>[^.,;!?]*))?|\bone (?:less|fewer)\b|"
                       r"\btake\s+one\s+(?:off|out|away)\b(?:\s+of\s+(?P<what2>[^.,;!?]*))?|"
                       r"\btake\s+(?:one|1|a single)\s+(?P<what3>[a-z][\w' -]{1,30}?)\s+(?:off|out|away)\b|"
                       # "take the extra lego out of the basket", "remove the spare candle": one of two or more
                       r"\b(?:remove|take|drop|delete|get rid of)\s+the\s+(?:extra|spare|duplicate)\s+(?!ones?\b)"
                       r"(?P<what4>[a-z][\w' -]{1,30}?)(?=\s+(?:off|out|away|from|please|pls)\b|\W*$)", re.I)
_PRICE_WORDS = re.compile(r"\$|\b(?:under|below|over|above|budget|max|bucks|dollars?|usd|price|cheaper|less than)\b",
                          re.I)


# Right after an add: the position meant instead, after words of correction ("no wait, 5 not 3").
_SWAP = re.compile(rf"^\W*(?:(?:no|nope|oops|whoops|sorry|wait|hang on|actually|my bad|ugh)\W+)+"
                   rf"(?:i\s+)?(?P<meant>meant|mean|wanted)?\s*(?P<new>{_POSITION})(?P<old>,?\s+not\s+{_POSITION})?"
                   rf"(?:\s+(?:please|pls|plz|sorry))?\W*$", re.I)


# Another position picked in place of the add just made: "nvm get the 2nd one instead", "actually the 3rd instead".
_PICK_INSTEAD = re.compile(rf"^\W*(?:(?:no|nope|oops|sorry|wait|actually|never mind|nevermind|nvm|hmm+|ok|okay|ugh|"
                           rf"my bad|hang on)\W+)*(?:(?:get|take|i'?ll take|i'?ll have|give me|gimme|go with|i want|"
                           rf"let'?s do|do|make it|make that)\s+)?"
                           rf"(?P<new>{_POSITION}|the\s+[\w'&-]+(?:\s+[\w'&-]+)?\s+one)\s+instead"
                           rf"(?:\s+(?:please|pls|plz|then))?\W*$",
                           re.I)
_THAT_ONE_INSTEAD = re.compile(r"^\W*(?:(?:no|nope|oops|sorry|wait|actually|ok|okay|hmm+|ugh|ooh|oh)\W+)*"
                               r"(?:(?:make\s+it|i'?ll\s+(?:have|take)|give\s+me|get\s+me|swap\s+(?:it|mine)\s+for|"
                               r"switch\s+to|go\s+with)\s+)?(?:that|this)\s+one\s+instead(?:\s+(?:please|pls|then))?\W*$",
                               re.I)
# "swap to that then", "ok switch to this one": the one just added, for the one the talk is about.
_SWAP_TO_THAT = re.compile(r"^\W*(?:(?:ok|okay|so|then|yes|yeah|yep|right|fine)\W+)*(?:swap|switch|change)\s+"
                           r"(?:it\s+|mine\s+)?(?:to|for|with)\s+(?:that|this)(?:\s+one)?"
                           r"(?:\s+(?:then|instead|please|pls))*\W*$", re.I)
# The product just added, swapped by name for a position: "actually swap it for the second one", "replace that
# with the 3rd", "change it to the first one", "can I exchange it for number 2".
_SWAP_FOR = re.compile(rf"^\W*(?:(?:no|oops|sorry|wait|actually|hmm+|ok|okay|can i|could i|could you|can you|pls|"
                       rf"please)\W+)*(?P<verb>swap|switch|replace|change|exchange|trade)\s+"
                       rf"(?:it|that|this|that one|this one|the one (?:in my (?:cart|basket)|i (?:just )?added))"
                       rf"(?:\s+out)?"
                       rf"\s+(?:for|with|to|by)\s+(?P<new>{_POSITION})"
                       rf"(?:\s+(?:instead|please|pls|then))*\W*$",
                       re.I)


def swap_act(text: str, state: DialogueState) -> CartAct | None:
    """"no wait, 5 not 3", "sorry, I meant the 4th" right after an add, or "swap it for the second one" while
    the product added is in the cart: it is taken out and the one meant goes in (`action` "swap_last";
    `span` is the part naming the old one)."""
    if state.last_added not in state.cart:
        return None
    swap = _SWAP_FOR.match(re.split(r"(?<=[.!?])\s+", text.strip())[-1])  # "Sorry, I changed my mind. Swap it for ..."
    if swap and not (swap["verb"].casefold() == "change" and swap["new"].isdigit()):
        return CartAct("add_to_cart", "swap_last", span=(0, 0))  # "change it to 1" is a quantity, not the 1st
    if _SWAP_TO_THAT.match(text):  # "swap to that then": the one in focus, else the reply asks which
        return CartAct("add_to_cart", "swap_last", span=(0, 0))
    if _THAT_ONE_INSTEAD.match(text) and state.focus and state.focus != state.last_added:
        # "make it that one instead" after a look at another item: the one looked at comes in for the one just added
        return CartAct("add_to_cart", "swap_last", span=(0, 0))
    if state.last_kind != "add_to_cart":
        return None
    if _PICK_INSTEAD.match(text):  # "nvm get the 2nd one instead", "actually the 3rd instead" right after an add
        return CartAct("add_to_cart", "swap_last", span=(0, 0))
    m = _SWAP.match(text)
    if m is None or not (m["meant"] or m["old"]):
        return None
    return CartAct("add_to_cart", "swap_last", span=m.span("old") if m["old"] else (0, 0))


# A cart line swapped for an item on screen, each named in words: "swap the dunks for the converse", "replace the
# sony with the best rated bose", "swap them for the nike pegasus instead, still 2".
_SWAP_LINE = re.compile(r"^\W*(?:(?:no|oops|sorry|wait|actually|hmm+|ok|okay|ugh|and|so|then|pls|please|"
                        r"can (?:i|you|u)|could (?:i|you|u)|let'?s|i'?d like to|i want to)\W+)*"
                        r"(?P<verb>swap|switch|replace|exchange|trade|change)\s+(?P<old>[^.,;!?]{1,40}?)(?:\s+out)?"
                        r"\s+(?:for|with|to)\s+(?P<new>[^.;!?]{2,60}?)(?:,?\s+(?:instead|please|pls|then|thanks|thx|"
                        r"still \w+))*\W*$", re.I)
# The same said as a removal then an add: "remove the decathlon and add the nike match one instead".
_REMOVE_THEN_ADD = re.compile(r"^\W*(?:(?:no|oops|sorry|wait|actually|hmm+|ok|okay|ugh|so|then|pls|please|"
                              r"can (?:you|u)|could (?:you|u)|on second thoughts?|i think|i changed my mind)\W+)*"
                              r"(?:remove|delete|drop|ditch|take out|get rid of|put back|take back)\s+"
                              r"(?P<old>[^.,;!?]{1,40}?)"
                              r"(?:\s+out)?(?:\s+(?:from|of)\s+(?:my|the)\s+(?:cart|basket))?"
                              r"\s*(?:,|\band\b|\bthen\b|&)\s*(?:(?:then|just|instead)\s+)?"
                              r"(?:add|put in|get|grab)\s+(?P<new>[^.;!?]{2,60}?)(?:,?\s+(?:instead|please|pls|then|"
                              r"thanks|thx))*\W*$", re.I)
_NOT_AN_ITEM = re.compile(r"\b(?:size|colou?r|quantity|qty|amount|budget|price|search|order)\b", re.I)


def swap_line_act(text: str, state: DialogueState) -> CartAct | None:
    """"swap the dunks for the converse": a cart line, named in words (`named`), taken out for the item the rest
    of the message picks on screen (`span`: the words up to what comes in); None when the cart is empty."""
    if not state.cart:
        return None
    last = re.split(r"(?<=[.!?])\s+", text.strip())[-1]
    swap = _SWAP_LINE.match(last) or _REMOVE_THEN_ADD.match(last)
    if swap is None or _NOT_AN_ITEM.search(swap["old"]) or re.fullmatch(r"\s*\d+\s*", swap["new"]):
        return None
    if swap.re is _SWAP_LINE and swap["verb"].lower() == "change" and (
            not re.search(r"\bto\b", swap[0][swap.end("old") - swap.start():], re.I)
            or re.match(r"\s*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a dozen|just)\b", swap["new"],
                        re.I)
            or re.match(r"\s*(?:it|that|this|them)\b", swap["old"], re.I)):
        return None  # "change the lamp to the brown one" swaps; "change it to 2 pairs" is a count, "change it to the
        # 2nd" is the swap of the item just added (`swap_act`)
    start = len(text.strip()) - len(swap[0])
    return CartAct("add_to_cart", "swap_line", span=(0, start + swap.start("new")), named=swap["old"].strip())


def swapped_in(text: str) -> str:
    """The words of a swap that name what comes in ("the ikea beige one" of "swap the parachute throw for the ikea
    beige one"); "" when the message is no swap of a named line."""
    last = re.split(r"(?<=[.!?])\s+", text.strip())[-1]
    swap = _SWAP_LINE.match(last) or _REMOVE_THEN_ADD.match(last)
    return swap["new"].strip() if swap else ""


@dataclass(frozen=True)
class CartAct:
    """kind: the intent kind it is ("view_cart" for checkout); action: checkout | confirm_checkout | clear |
    confirm_clear | keep_cart | set_quantity | swap_last | swap_line | one_less; quantity: the line's new quantity
    (set_quantity only).
    `span`: where the quantity was said (set_quantity), or the words naming the line (one_less)."""

    kind: str
    action: str
    quantity: int | None = None
    span: tuple[int, int] | None = None  # where the quantity was said (not a position: "add 2 of the 1st")
    named: str = ""                      # the words naming the line: "the backpack", "the yoga mats"


# Twice as many of a cart line: "double the monopoly", "actually double the h&m ones", "can you double the candles".
DOUBLE = "double"
_DOUBLE = re.compile(r"^\W*(?:(?:ok|okay|actually|hmm+|oh|and|so|wait|can you|could you|please|pls)\W+)*double\s+"
                     r"(?:up\s+(?:on\s+)?)?(?P<what>(?:the|my|that|those|these)\b[^.,;!?]*?|it|that|them)"
                     r"(?:\s+(?:please|pls|order|then))?\W*$", re.I)
# One of a line there are several of: "actually just one of the pink candles", "only one of the candles please".
_JUST_ONE_OF = re.compile(r"^\W*(?:(?:hmm+|no|nah|actually|wait|oh|ok|okay|sorry)\W+)*(?:just|only)\s+(?:1|one)\s+of\s+"
                          r"(?P<what>(?:the|my|those|these)\s+[^.,;!?]+?)(?:\s+(?:please|pls|then|thanks))?\W*$", re.I)
# Back down to one of what was just made several: "hmm no just 1, sorry", "I only need one kettle", "go back to 1".
_JUST_ONE = re.compile(r"^\W*(?:(?:hmm+|no|nah|nope|sorry|actually|oops|wait|ok|okay|oh)\W+)*(?:just|only)\s+"
                       r"(?:1|one)\b(?!\s+(?:more|of\s+the|that|which|in|with|under|over))|"
                       r"\bi\s+only\s+(?:need|want)\s+(?:1|one)\b|\b(?:go|put\s+it|set\s+it)\s+back\s+to\s+(?:1|one)\b|"
                       # "ugh no thats dumb, just 1": said last, after a remark
                       r"[,.;!]\s*(?:just|only)\s+(?:1|one)(?:\s+(?:pls|please|lol|then|thx))?\W*$", re.I)


# Quantities of the line just added said against what it holds: "add 8 more", "reduce it by one", "bump that up to
# 10", "take it down to 6", "make it a dozen"; and "great add 8" with fewer than 8 items listed (no position).
_N_MORE = re.compile(rf"^\W*(?:(?:ok|okay|great|cool|yes|yeah|and|also|actually|pls|please)\W+)*(?:add|get|put|grab)\s+"
                     rf"{_NUMBER}\s+more\b", re.I)
_BY_N = re.compile(rf"\b(?P<way>reduce|lower|decrease|cut|drop|increase|raise|up)\s+(?:it|that|them|this|the\s+"
                   rf"(?:quantity|qty|number|amount))\s+by\s+{_NUMBER}\b", re.I)
_UP_DOWN_TO = re.compile(rf"\b(?:bump|take|bring|put|push|knock|turn|move)\s+(?:it|that|them|this|the\s+(?:quantity|"
                         rf"qty|number|amount))\s+(?:up|down)\s+to\s+{_NUMBER}\b(?!\s*(?:\$|dollars?|bucks|usd|k\b|%))|"
                         rf"\bup\s+(?:it|that)\s+to\s+{_NUMBER}\b(?!\s*(?:\$|dollars?|bucks))", re.I)
_NAH_N = re.compile(rf"^\W*(?:(?:nah|no|nope|actually|hmm+|wait|sorry|oh|ugh|lol)\W+)+"
                    rf"(?:make\s+(?:it|that)\s+|just\s+)?{_NUMBER}(?:\s+(?:lol|pls|please|then|thx|total))?\W*$", re.I)
_ONE_MORE_OFF = re.compile(r"^\W*(?:(?:ok|and|actually|hmm+)\W+)*(?:remove|take\s+(?:off|out|away)|drop)\s+"
                           r"(?:1|one)\s+more(?:\s+(?:please|pls|then))?\W*$", re.I)
_DOZEN = re.compile(r"\bmake\s+(?:it|that|them)\s+(?P<half>half\s+)?a\s+dozen\b", re.I)
# "thats too many, take 2 off", "2 less", "knock 2 off", "-1", "minus two": that many fewer of the line just added.
_N_OFF = re.compile(rf"\b(?:take|knock)\s+(?:off\s+{_NUMBER}\b|"
                    rf"{_NUMBER}\s+(?:of\s+(?:it|them|those)\s+)?(?:off|away)\b)|"
                    rf"\b{_NUMBER}\s+(?:less|fewer)\b|^\W*(?:minus\s+|-\s?){_NUMBER}\W*$", re.I)
# "+1", "plus one", "x2": one more / that many of the line just added, said in a symbol.
_PLUS_N = re.compile(rf"^\s*(?:\+\s?|plus\s+){_NUMBER}(?:\s+(?:more|please|pls|of\s+(?:that|it|those|them|these)))*"
                     r"\W*$", re.I)
_TIMES_N = re.compile(r"^\W*(?:x\s?(\d{1,2})|(\d{1,2})\s?x)(?:\s+(?:please|pls|then))?\W*$", re.I)
# "reduce that to 1", "bump it to 2", "increase it to 3": the line just added, set to that many.
_VERB_TO_N = re.compile(rf"\b(?:reduce|lower|decrease|cut|drop|increase|raise|bump|up|change|set|take|bring)\s+"
                        rf"(?:it|that|them|this|the\s+(?:quantity|qty|number|amount))\s+(?:back\s+)?to\s+{_NUMBER}\b"
                        r"(?!\s*(?:\$|dollars?|bucks|usd|k\b|%|stars?))", re.I)
# "change to 3 pieces", "make it 2 pairs": the line just added, set to that many (a unit word says it is a count).
_CHANGE_TO_N = re.compile(rf"\b(?:change|set|update|make|put)\s+(?:it\s+|that\s+|them\s+|the\s+(?:quantity|qty|number|"
                          rf"amount)\s+)?(?:to\s+)?{_NUMBER}\s+(?:pieces?|pcs|units?|pairs?|items?)\b", re.I)
# A quantity said in a symbol with nothing in the cart: "-1" (nothing to take off), answered with the cart.
SIGNED_ALONE = re.compile(r"^\s*(?:[-+]\s?\d{1,2}|x\s?\d{1,2})\W*$", re.I)
_ADD_N_ALONE = re.compile(rf"^\W*(?:(?:ok|okay|great|cool|yes|yeah|perfect|then)\W+)*"
                          rf"(?:add|get|grab|i'?ll take|take)\s+{_NUMBER}"
                          r"(?:\s+(?:of\s+(?:it|them|those|that)|please|pls|then|thanks))*\W*$", re.I)


def _moved_quantity(text: str, state: DialogueState) -> int | None:
    """The new quantity of the line just added that the message says against its count, or None."""
    held = state.cart.get(state.last_added or "", 0)
    if not held or _PRICE_WORDS.search(text):
        return None
    found = None
    if (m := _N_MORE.match(text)) and (n := number(m[1])):
        found = held + n
    elif (m := _BY_N.search(text)) and (n := number(m[2])):
        found = held - n if m["way"].lower() in ("reduce", "lower", "decrease", "cut", "drop") else held + n
    elif (m := _UP_DOWN_TO.search(text)) and (n := number(m[1] or m[2])):
        found = n
    elif (m := _NAH_N.match(text)) and state.last_kind == "add_to_cart" and (n := number(m[1])):
        found = n  # "make it 3 for my squad" -> "nah 2"
    elif _ONE_MORE_OFF.match(text) and held > 1:
        found = held - 1  # "remove 1 more" after a quantity: one less of it, not the whole line
    elif m := _DOZEN.search(text):
        found = 6 if m["half"] else 12
    elif (m := _N_OFF.search(text)) and (n := number(next(g for g in m.groups() if g))) and n < held:
        found = held - n  # "take 2 off" of 4: 2 left (all of them off is a removal, read as one)
    elif (m := _PLUS_N.match(text)) and (n := number(m[1])):
        found = held + n
    elif (m := _TIMES_N.match(text)) and (n := number(m[1] or m[2])):
        found = n
    elif (m := _VERB_TO_N.search(text) or _CHANGE_TO_N.search(text)) and (n := number(m[1])):
        found = n
    elif (m := _ADD_N_ALONE.match(text)) and (n := number(m[1])) and n > len(state.shown):
        found = n  # "great add 8" over five items: 8 of it, not item 8
    return found if found is not None and 1 <= found <= MAX_QUANTITY else None


def number(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _CARDINALS.get(word)


def read_cart_act(text: str, state: DialogueState, single_reference: bool, named: bool = False) -> CartAct | None:
    """The cart action the message asks for, or None.

    `single_reference`: the message also names exactly one shown product ("add the 2nd one, 2 of them"),
    so "N of them" is a quantity of that one and not N products. `named`: it names that one by its words
    ("ok the nokia, add 2 please"), so even "add 2" is a count.
    """
    if state.pending == "clear_cart" and len(text.split()) <= 8:
        if YES.search(text) and not _NO.search(text):
            return CartAct("remove_from_cart", "confirm_clear")
        if _NO.search(text):
            return CartAct("greeting", "keep_cart")  # "no, keep it": answered, nothing changes
    if (CLEAR.search(text) or state.cart and state.last_kind in _CART_KINDS
            and (_CLEAR_ALL.match(text) or _CLEAR_IT.match(text))) \
            and not ALL_BUT.search(text):  # "remove everything except the nike" keeps the Nike
        # "don't empty my cart" is answered, never done
        return CartAct("greeting", "keep_cart") if _KEEP.search(text) else CartAct("remove_from_cart", "clear")
    if state.pending == CHECKOUT_ASKED and len(text.split()) <= 8:  # the cart was shown and the order asked
        if _NO.search(text):
            return CartAct("greeting", "keep_cart")
        if YES.search(text) or _PLACE.search(text) or CHECKOUT.search(text) and not _NOT_CHECKOUT.search(text):
            return CartAct("view_cart", "confirm_checkout")
    if CHECKOUT.search(text) and not _NOT_CHECKOUT.search(text):
        return CartAct("view_cart", "checkout")
    moved = _moved_quantity(text, state)
    if moved is not None:  # "add 8 more", "reduce it by one", "bump that up to 10", "make it a dozen"
        return CartAct("add_to_cart", "set_quantity", moved, (0, len(text)))
    to_n = _VERB_TO_N.search(text) if state.focus is None and not _PRICE_WORDS.search(text) else None
    if (SIGNED_ALONE.match(text) or to_n and (number(to_n[1]) or 0) <= MAX_QUANTITY) \
            and not state.cart.get(state.last_added or "", 0):
        return CartAct("view_cart", "")  # "-1", "change it to 2" with nothing just added: the cart, as it is
    said = None if _ASKS_HOW_MANY_HELD.search(text) or _STOCK_ASKED.search(text) and not _ADD_VERB.search(text) \
        else _quantity(text, state, single_reference, named)
    if said is not None:
        return CartAct("add_to_cart", "set_quantity", said[0], said[1], said[2])
    just = _JUST_ONE.search(text) if state.cart.get(state.last_added, 0) > 1 and not _PRICE_WORDS.search(text) \
        and not _ANOTHER_POSITION.search(text) else None  # not "and the 4th one too, just 1": one of the 4th
    if just is not None:  # "hmm no just 1, sorry", "I only need one kettle", "go back to 1": the line just added,
        # or the one the words after it name ("only 1 black candle please")
        rest = re.sub(r"\b(?:please|pls|plz|thanks|thx|then|sorry)\b", " ", text[just.end():], flags=re.I)
        return CartAct("add_to_cart", "set_quantity", 1, (0, len(text)), named=" ".join(rest.split()).strip(" ,.!"))
    if state.last_added in state.cart and _ONE_MORE.match(text):  # the span is all of it: no position said
        return CartAct("add_to_cart", "set_quantity", min(MAX_QUANTITY, state.cart[state.last_added] + 1),
                       (0, len(text)))
    if not state.cart and state.shown and _ONE_MORE.match(text):
        return CartAct("add_to_cart", "")  # "add another one for my gf" with nothing added yet: which one? (asked)
    double = _DOUBLE.match(text) if state.cart else None
    if double is not None:  # "actually double the h&m ones", "double the monopoly": the line named, twice as many
        return CartAct("add_to_cart", DOUBLE, named=double["what"].strip())
    one_of = _JUST_ONE_OF.match(text) if any(q > 1 for q in state.cart.values()) else None
    if one_of is not None:  # "actually just one of the pink candles": the line named, back to one
        return CartAct("add_to_cart", "set_quantity", 1, (0, len(text)), named=one_of["what"].strip())
    less = _ONE_LESS.search(text)
    if less is not None and state.cart:
        named = less["what"] or less["what2"] or less["what3"] or less["what4"] or ""
        return CartAct("remove_from_cart", "one_less", named=named.strip())
    return None


# "have you got 20 of those in stock tho", "enough for 20?": whether the shop has that many, nothing added yet.
_STOCK_ASKED = re.compile(r"\b(?:in stock|(?:have|got)\s+(?:you\s+)?(?:got\s+)?enough|"
                          r"(?:have|got)\s+(?:you|u)\s+got\s+\d+|do\s+(?:you|u)\s+have\s+\d+|enough\s+(?:for|of)\b|"
                          r"available)\b", re.I)
# "and the 4th one too", "the 2nd as well": another item of the list, said with the count of it
_ANOTHER_POSITION = re.compile(r"\b(?:the\s+)?(?:\d(?:st|nd|rd|th)|second|third|fourth|fifth|last)(?:\s+one)?\s+"
                               r"(?:too|as well|also)\b", re.I)


def _quantity(text: str, state: DialogueState, single_reference: bool,
              named: bool = False) -> tuple[int, tuple[int, int], str] | None:
    """The quantity said, where it was said, and the words naming the line ("" when none)."""
    line = (_SET_LINE.search(text) or _LINE_QTY.search(text) or _SHOULD_BE.match(text)) \
        if state.cart and not _PRICE_WORDS.search(text) else None
    said = line.groupdict() if line is not None else {}
    what, n = said.get("what") or said.get("what2"), "n" if said.get("n") else "n2"
    if line is not None and what and not _NOT_A_LINE.search(what):
        found = number(line[n])
        if found is not None and 1 <= found <= MAX_QUANTITY:
            return found, line.span(n), what
    match = _SET_QUANTITY.search(text) or _N_OF_ONE.search(text)
    if match is None and single_reference:
        adds = _ADD_VERB.search(text)
        # "the 2nd one, 2 of them"; not "is the nike one in stock? i'd need 2 of them", a question with no add
        match = _N_OF_THEM.search(text) if adds or "?" not in text else None
        if match is None and adds:  # a count said with the add of that one item
            match = _COUNT_SAID.search(text)
            if match is None and not _TAKE_OUT.search(text):  # not "take the 2nd out, one is enough"
                match = (_ADD_N.search(text) if named else None) or _MAKE_IT.search(text)
    if match is None and single_reference and state.focus is not None and state.focus not in state.cart \
            and state.last_kind == "details" and not _PRICE_WORDS.search(text):
        match = _MAKE_IT.search(text)  # "actually make it 2" after a look at one item: 2 of it, not item 2
    if match is None and (state.last_kind == "add_to_cart" or state.last_added in state.cart) \
            and not _PRICE_WORDS.search(text):
        match = None if _TAKE_OUT.search(text) else _MAKE_IT.search(text)  # "take the 2nd out, one is enough"
    if match is None:
        return None
    group = next(i for i, g in enumerate(match.groups(), 1) if g)  # the alternative that said it
    found = number(match.group(group))
    least = 1 if match.re is _SET_QUANTITY or match.re is _MAKE_IT else 2  # "one of the first one" is no quantity
    most = COUNTED_AT_MOST if match.re in (_N_OF_ONE, _N_OF_THEM, _SET_QUANTITY) else MAX_QUANTITY
    if found is None or not least <= found <= most:
        return None
    return found, match.span(group), ""
