"""Regular-expression building blocks for the rule parser: prices, references, intents.

Kept apart from the parser so the LM parser's validator and the training-data generator can
reuse the same definitions of "a price" and "the second one".
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit

from assistant.exclusion_phrases import EXCLUDE_BRAND_REFINE, EXCLUDE_BRAND_SEARCH
from assistant.ordering import without_rating_floor
from assistant.vocab import alternation, written_as_brand

_MONEY_WORDS = r"usd|dollars?|bucks|quid|pounds?|euros?|eur|gbp|rs\.?|rupees?|inr"
# An amount: a symbol or code before it ("rs 150", "inr 800") or a currency after it; thousands grouped with
# commas or, as much of Europe writes them, dots ("1.500 €": three digits after the dot are no cents).
_NUM = (rf"(?:[$£€₹]|\b(?:rs\.?|inr|usd|eur|gbp)\s?)?\s?(\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:\.\d{{3}})+(?![\d.,])|"
        rf"\d+(?:\.\d+)?)\s?(k\b)?\s?(?:[$£€₹]|{_MONEY_WORDS})?")
# Numbers that are not prices: a quantity with its unit ("256gb", "5 kg", "30+ hrs", "15.6 inch", "2-pack",
# "size 10", "spf 50", "a 6 year old", "10k run"), a model number ("WH-1000XM5"). Masked before prices are read.
# "in" after a number is inches ("a 15 in laptop bag", "55 in tv"), unless what follows is what "in" as a word
# takes: a colour, a material, a determiner, stock or a size ("under 120 in yellow", "50 in stock").
_IN_AS_WORD = (r"(?:the|a|an|my|your|his|her|their|our|this|that|these|those|any|some|it|either|both|stock|store|"
               r"size|sizes|total|cash|colou?rs?|black|white|gr[ae]y|silver|gold|red|blue|green|yellow|orange|pink|"
               r"purple|navy|beige|brown|tan|cream|khaki|olive|burgundy|maroon|teal|turquoise|ivory|charcoal|rose|"
               r"lilac|lavender|mint|coral|multicolou?r|leather|cotton|wool|denim|suede|men'?s|women'?s|mens|womens|"
               r"kids?)\b")
_UNIT = (r"(?:(?:gb|tb|mb)s?\b|mah|hrs?|hours?|mins?|minutes?|inch(?:es)?|in\b(?!\s+" + _IN_AS_WORD + r")|\"|cm|mm|"
         r"m\b|met(?:re|er)s?|yards?|yds?|"
         r"kg|kgs|g\b|grams?|lbs?|ml|l\b|"
         r"litres?|liters?|ltr|w\b|watts?|v\b|volts?|mp\b|hz|years?|yrs?|yo\b|year-old|months?|weeks?|days?|"
         r"pack|pk|pcs|pieces?|pairs?\b|people|person|persons|seater|players?|x\b|%|k\s+(?:run|race)|km|"
         r"miles?|"
         r"piece|cup|cups|slices?|quart|qt|oz|ft|feet|foot|mph|rpm|gen|th\b|st\b|nd\b|rd\b|"
         r"waist\b|inseam\b|leg\b|length\b|long\b(?!\s+(?:as|enough)\b)|chest\b|neck\b|am\b|pm\b|o'?clock|"
         r"degrees?\b|deg\b|°|stars?\b|reviews?\b|"
         # "max 3 items", "no more than 5 options": how many to list, not a price
         r"ratings?\b|items\b|results\b|options\b|choices\b|suggestions\b|picks\b)")
NOT_PRICE = re.compile(
    r"\b(?:under|u)[- ]?\d{1,2}s\b|"  # "for the under 11s", "U12s": an age group
    rf"\b\d+(?:\.\d+)?\+?\s?-?\s?{_UNIT}|"
    rf"\b(?:spf|size is|size's|sizes are|size|sizes|sz|waist|inseam|model|no\.?|number|series|version|v|gen|"
    rf"generation|iphone|galaxy|pixel|ps|xbox|rtx|gtx|rx|radeon|geforce|ryzen|snapdragon|"
    rf"age|ages|aged|for ages|turning|turned|turns|he'?s|she'?s|he is|she is|"
    rf"sons?|daughters?|kids?|boys?|girls?|nieces?|nephews?|brothers?|sisters?|twins?|"
    rf"mens|men's|womens|women's|ladies|wmns|"
    rf"i'?m|i am|wears?|takes?|uses?)\s?\d+(?:\.\d+)?\b(?!\s*(?:\$|dollars|bucks|quid|pounds|euros))|"
    r"\b(?!(?:sub|under|max|upto)-?\d)[a-z]+-?\d+[a-z\d-]*\b|\b\d+[a-z]{1,2}\d[a-z\d-]*\b|"
    r"\bair\s?max\s?\d+s?\b|"  # Nike's "Air Max 90" ("air max 90s"): a model, not "max 90"
    # "-20 kind of cold", "for -10 winters": a temperature
    r"(?:(?<=\s)|^)-\s?\d+\b(?=\s*(?:°|degrees?|deg\b|c\b|f\b|celsius|kind|cold|weather|temps?|winters?|"
    r"outside|at night|here|there))|"
    # "my son is 9", "the twins are 7": an age
    r"\b(?:sons?|daughters?|kids?|boys?|girls?|nieces?|nephews?|brothers?|sisters?|twins|child)\s+(?:is|are|'s)\s+"
    r"\d{1,2}\b(?!\s*(?:\$|dollars|bucks))|"
    # "need like 3 of them": how many, not a price
    r"\b\d+\s+of\s+(?:them|those|these|it|each)\b|"
    # "for the 13-15 distance group", "the 8-10 year olds": a group of people, not a price range
    r"\b\d{1,2}\s?(?:-|to)\s?\d{1,2}s?\s+(?:[a-z]+\s+)?(?:groups?|squads?|teams?|year[- ]olds?|yr[- ]olds?|yos?)\b|"
    # "memory minimum 256", "storage at least 512": a spec's amount, not a price
    r"\b(?:storage|memory|ram|ssd|hdd|capacity)\s+(?:(?:of|min(?:imum)?|at\s+least|over|above|more\s+than)\s+)*"
    r"\d+(?:\.\d+)?\b(?!\s*(?:\$|dollars|bucks))|"
    # a year, unless a price cue comes before it ("under 2000", "budget 1999")
    r"(?<!under )(?<!below )(?<!upto )(?<!up to )(?<!than )(?<!max )(?<!within )(?<!budget )(?<!around )"
    r"(?<!about )(?<![$£€₹])\b(?:19|20)\d\d\b(?!\s*(?:\$|dollars|bucks))",
    re.I)


# "i'm vegan", "i am a runner", "he's 8": words about the shopper, not the product asked for.
ABOUT_ME = re.compile(r"\b(?:i'?m|i am|im|he'?s|she'?s|he is|she is|they'?re|we'?re)\s+(?:a |an |so |very |really )?"
                      r"(?!looking|after|searching|trying|shopping|interested)[a-z]+\b", re.I)


# Interjections that open or pad a message ("hmm", "haha ok", "yikes", "ooh"): no product words.
INTERJECTION = re.compile(r"^(?:h+m+|u+m+|e+r+m*|a+h+|o+h+|o+o+h+|u+g+h+|me+h|ha(?:ha)+h?|he(?:he)+|lo+l|lmao|yikes|"
                          r"wow|oops|anyway|anyways|okay|ok|well|cool|cheers|mate|thanks|thx)$", re.I)


# A question about what is shown ("do they come with a warranty?", "is that the best you have"): no new thing.
ABOUT_SHOWN = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:do|does|did|are|is|was|were|can|could|will|would|have|has)\s+"
                         r"(?:they|these|those|it|this|that|them|the \w+ ones?)\b", re.I)

# "these all look a bit plain", "meh they're all so boring", "those seem a bit cheap looking": the shopper's verdict
# on the list shown, which steers the search on screen (no new product).
JUDGES_LIST = re.compile(r"^\W*(?:[a-z]+\W+){0,2}?(?:these|those|they|them|all of these|all of them)(?:'re|\s+are|"
                         r"\s+all|\s+both|\s+look|\s+looks|\s+seem|\s+feel|\s+are all)\b", re.I)



def past_verdict(text: str) -> str:
    """The text after a verdict on the list it opens with ("meh these all look like plain cotton, i want sweat
    wicking stuff" -> "i want sweat wicking stuff"): what the verdict says is what the shopper does not want."""
    if not JUDGES_LIST.match(text):
        return text
    parts = re.split(r"[,.;!?]+|\s+(?:but|so)\s+", text, maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


# Arithmetic: "whats 2+2", "what is 12 x 7?" (no product has it).
ARITHMETIC = re.compile(r"\bwhat'?s?\s+(?:is\s+)?\d+\s*(?:[-+*/x×]|plus|minus|times)\s*\d+", re.I)


def mask_non_prices(text: str) -> str:
    """The text with quantities, sizes, model numbers and years blanked, so only amounts of money remain."""
    return NOT_PRICE.sub(" ", text)


PRICE_BETWEEN = re.compile(rf"\b(?:between|from)\s+{_NUM}\s+(?:and|to|-|n|&)\s+{_NUM}", re.I)
_CURRENCY = re.compile(rf"\b(?:{_MONEY_WORDS})\b|[$£€₹]|\bbudget\b", re.I)
PRICE_RANGE = re.compile(rf"{_NUM}\s?(?:-|to)\s?{_NUM}", re.I)
# A negated comparison flips its direction: "no more than 40" is a ceiling, "not under 30" a floor.
# These are read first and their text masked, so the plain patterns below never see "more than 40"
# inside "no more than 40".
_NEGATION = (r"\b(?:not|no|never|nothing|none)\s+(?:(?:go|spend|spending|pay|paying|be|cost|costing|"
             r"(?:going|looking|wanting|trying)\s+to\s+(?:spend|pay)|going)\s+)?")  # "not spending more than 60"
# A negated verb: "can't go over 300", "doesn't cost more than $40", "shouldn't be under 20".
_NEG_VERB = (r"\b(?:(?:can|won|don|doesn|shouldn|wouldn|isn|aren)'?t|cannot|(?:do|does|should|would|will|can|is|are)"
             r"\s+not)\s+(?:want\s+to\s+)?(?:go|spend|pay|cost|be|run|do|afford)\s+")  # "I can't do more than 30"
PRICE_NEG_MAX = re.compile(
    rf"(?:{_NEGATION}(?:more|higher|above|over|north|pricier|costlier|dearer|more expensive)(?:\s+th[ae]n|\s+of)?|"
    rf"\bnot if (?:it'?s|it is|its|they'?re|they are)\s+(?:over|above|more than)|"  # "but not if it's over 300"
    # "face moisturizer thats not like 50 bucks": what it must not cost, said loosely
    rf"\b(?:that'?s|thats|that is|which is|that are)\s+not\s+(?:like|about|around)\s+"
    rf"(?=[$£€₹]?\s?\d[\d.,]*\s*(?:bucks|dollars?|quid|pounds|usd)\b|[$£€₹]\s?\d)|"
    rf"{_NEG_VERB}(?:over|above|more than|higher than|beyond))\s*{_NUM}", re.I)
PRICE_NEG_MIN = re.compile(
    rf"(?:{_NEGATION}(?:less|lower|below|under|cheaper)(?:\s+than|\s+of)?|"
    rf"{_NEG_VERB}(?:under|below|less than|lower than))\s*{_NUM}", re.I)
PRICE_MAX = re.compile(
    rf"(?:\bunder|\bbelow|\bsouth of|\bless than|\bcheaper than|\bmore cheap(?:er)? than|\bless expensive than|"
    rf"\blower than|\bmax(?:imum|imal)?(?:\s+like)?|\bup ?to|\bat most|"
    rf"\bwithin|\bbudget(?:\s*:|(?:\s+|(?='s\b))(?:of|is|'s|is now|is actually|is only|is about|is around|"
    rf"(?:is |'s |of )?(?:more |really |probably |prob )?like|(?:is |'s )?(?:closer|nearer) to|"
    rf"(?:is\s+|'s\s+)?back (?:up |down )?to|(?:goes|going|went|is going) (?:back )?(?:up |down )?to))?|"
    rf"\bsub-?|\bno more than|"
    rf"\b(?:spending\s+|price\s+|the\s+)?limit(?:\s*:|\s+(?:is|of|'s))?(?=\s*[$£€₹]?\s?\d)|"  # "limit is $25"
    rf"\bstretch to|\bgo as high as|\buntil|\btill|<=?|"
    # "earbuds for sport, to 100 dollar": a learner's "do 100" (Polish), with the currency said
    rf"(?<!\d\s)\bto(?=\s*[$£€₹]?\s?\d[\d.,]*\s*(?:[$£€₹]|dollars?|bucks|usd)(?!\w))|"
    # "nothing leather, tops 60"; not "high tops 60"
    rf"(?<!high )(?<!hi )(?<!crop )(?<!tank )(?<!tube )(?<!low )\btops(?=\s*[$£€₹]?\s?\d)|"
    rf"(?:\b(?:(?:i'?ve|i have|i)\s+(?:only\s+|just\s+)?got|i have|i'?ve|i\s+(?:only|just)\s+have)|^\W*got)"
    rf"(?:\s+(?:only|just|maybe|about|around|roughly|like))?"
    # "i only have 100 for a backpack and a bottle": a sum for things is what there is to spend
    rf"(?=\s*(?:[$£€₹]|\d+(?:\.\d+)?\s*(?:k|{_MONEY_WORDS}|to spend|left|remaining)\b|"
    rf"\d{{2,}}(?:\.\d+)?\s+(?:for|on)\s+(?:a|an|the|both|my|her|his|him|two|three|it|them|everything|all)\b))|"
    rf"\b(?:can|could|would|will|i'?ll|if i|happy to|willing to)\s+go\s+(?:as high as\s+|up\s+)?to)"
    rf"\s*(?:of\s+)?{_NUM}(?:\s*(?:max(?:imum)?|tops|at most)\b)?", re.I)
# What a budget said for everything covers: "300 total", "1200 all in", "500 for both", "150 for the lot".
FOR_ALL = (r"(?:(?:max(?:imum)?\s+)?total|all in|in total|altogether|all together|overall|"
           r"(?:total\s+)?for (?:both|the (?:two|three|four|pair|lot|whole (?:thing|lot))|"
           r"all (?:of (?:it|them|that)|three|four)|them all|everything|it all))")
PRICE_MAX_AFTER = re.compile(rf"{_NUM}\s*(?:(?:each|apiece|a piece|per item|a head|per head|per person|a person|"
                             r"per kid|a kid|per player|a player)\s+)?(?:or less|or under|and under|"
                             r"or cheaper|max(?:imum)?|tops|at most|at the most|to spend|at the (?:very|absolute) most|"
                             r"absolute max|"
                             r"is my (?:max|limit|budget)|limit|cap|ceiling|tak|tk)\b", re.I)  # Hindi "550 tak"
# A budget for everything: "300 total", "1200 all in", "150 for both"; an amount of two digits or a currency,
# not a count ("2 in total").
PRICE_FOR_ALL = re.compile(rf"(?=[$£€₹]|\b\d{{2,}}|\b\d+(?:\.\d+)?\s?k\b|\b(?:rs|inr|usd|eur|gbp)\b)"
                           rf"{_NUM}\s*{FOR_ALL}\b", re.I)
PRICE_MIN = re.compile(
    rf"(?:\bover|\babove|\bnorth of|\bmore than|\bhigher than|\bpricier than|\bmore expensive than|\bat least|"
    rf"\bmin(?:imum)?|\bstarting (?:at|from)|>=?)\s*{_NUM}", re.I)
PRICE_MIN_AFTER = re.compile(rf"{_NUM}\s*(?:or more|or above|or higher|and above|and up(?:wards)?\b|or up\b|"
                             r"upwards|\+|(?:(?<=\d\d)|(?<=dollar)|(?<=dollars)|(?<=bucks))\s+up\b(?=\W*(?:$|[,.;!?]|(?:em|i|we)\b)))",
                             re.I)  # "from 100 dollar up"
# "around 100" means 80..120: the rule parser, the LM's "about=100" and the price check share it.
AROUND_BAND = (0.8, 1.2)
PRICE_AROUND = re.compile(rf"(?:\baround|\babout|\broughly|~)\s*{_NUM}", re.I)

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "forth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "last": -1,
}
# What a number followed by one of these counts or measures, or what it costs: no list position, and no price
# of a shown item ("4 stars", "2 pieces", "16 inch", "256gb", "3 year old", "20 bucks").
COUNTED = (r"(?:%|\+|\"|(?:stars?|inch(?:es)?|pieces?|pcs|packs?|pairs?|units?|gb|tb|mb|ml|l|litres?|liters?|kg|g|"
           r"lbs?|oz|mm|cm|mah|hours?|hrs?|mins?|minutes?|years?|yrs?|y/?o|months?|k|ft|feet|people|kids|"
           r"reviews?|ratings?|votes?|"
           r"bucks|dollars?|quid|pounds|euros?|usd)\b)")
# A list position said on its own: "the 2nd", "#3", "number 4", "the last one" (a digit with or without its
# ordinal ending); the cart acts and the parser's checks for a bare pick share it.
POSITION = (r"(?:the\s+)?(?:#|number\s+|no\.?\s*)?(?:\d|first|second|third|fourth|fifth|last)(?:st|nd|rd|th)?"
            r"(?:\s+one)?")
# "last week", "first time", "second hand" are no positions.
_NOT_A_POSITION = (r"(?!\s+(?:week|weeks|month|months|year|years|night|time|times|summer|winter|christmas|weekend|"
                   r"hand|birthday|season|order|visit|minute|day|days|legs|one i had|pair i had|place|thoughts?|"
                   r"opinion|glance|sight)\b)")
ORDINAL_REF = re.compile(r"\b(" + "|".join(ORDINALS) + r")\b" + _NOT_A_POSITION
                         + r"(?:\s+(?:one|item|option|product))?", re.I)
NUMBER_REF = re.compile(r"(?:#|\bnumbers?\s+|\bno\.\s*|\bitem\s+|\boption\s+|\bproduct\s+)(\d{1,2}|one|two|three|four|"
                        r"five|six|seven|eight|nine|ten)\b(?!\s+(?:of|more|others|cheaper|pairs?|items|products|best|"
                        r"sellers?|selling|rated|choice|pick|brand|fan)\b)", re.I)
# More numbers listed after "number 1": "and 2", ", 3", "or #5" (not "and 2 dollars", "and 15 inch").
_AND_NUMBER = re.compile(r"\s*(?:,|and|&|or|vs\.?)\s*(?:#|no\.\s*)?(\d{1,2})\b(?!\s*(?:[$£€%]|dollars?|bucks|inch|"
                         r"in\b|\"|gb|tb|cm|mm|kg|ml|years?|yrs?|yo\b|x\b|more\b|of\b|pairs?\b|items\b))", re.I)
# "the top one", "the bottom one": positions in a list said by where they sit ("top" alone is clothing).
PLACE_REF = re.compile(r"\b(?:the\s+)?(top|bottom)\s+(?:one|item|option|pick|result|product)\b|"
                       # "that one at the top, go on", "the one at the bottom"
                       r"\b(?:that|the|this)\s+one\s+(?:at|on)\s+the\s+(top|bottom)\b(?!\s+of\b)|"
                       # "add the top iphone": the list's first of that kind (not "the top rated", "the top 3")
                       r"\bthe\s+(top|bottom)\s+(?!(?:rated|brands?|quality|end|notch|tier|of|half|shelf|picks|"
                       r"sellers?|selling|models?|range|line)\b)[a-z]{3,}\b", re.I)
# A bare number that may be a position ("add 2", "1 or 5?"); not part of a price ("104.99", "$24"), a size, a
# budget, or a count or measure with its unit ("4 star", "2 pieces", "16 inch", "256gb", "3 year old").
BARE_NUMBERS = re.compile(
    r"(?<![\d.,$£€₹])(?<!\bsize )(?<!\bunder )(?<!\bover )(?<!\babout )(?<!\baround )(?<!\bbelow )(?<!\babove )"
    r"(?<!\bthan )(?<!\bmax )(?<!\bupto )(?<!\bup to )"
    rf"\b(\d{{1,2}})\b(?![.,]\d)(?!\s*(?:{COUNTED}|'|in\b(?!\s+(?:my|the|your|a|cart|basket|bag|trolley)\b)|"
    r"of (?:them|those|these|it|the)\b))", re.I)
# "the 4, is it waterproof?", "the 2 - does it fold", and as shoppers writing English as a second language say it,
# "ok the 2", "the 2 is for woman?", "and the 3 have good camera?": a list position said as "the" and a digit,
# marked as such by the pause, the end of the message or the question about it that follows ("the 2 pack", "the 5
# star ones", "the 2 of them" are not positions); "and the 2 also" after an add.
THE_NUMBER_REF = re.compile(r"\bthe\s+(\d)\b(?=\s*(?:[,?:.!]|-\s|$)|\s+(?:is|does|has|got|comes?)\s+(?:it|that|this)\b|"
                            r"\s+(?:also|too|as\s+well)\b|"
                            r"\s+(?:is|are|has|have|comes?|looks?)\s+(?!it\b|that\b|this\b)[a-z])", re.I)

# Goodbyes in other languages that English-speaking shoppers use too ("merci, au revoir", "ciao!").
GOODBYES_ABROAD = (r"au revoir|auf wiedersehen|arrivederci|hasta luego|ciao|adi[oó]s|tsch[uü]ss|doei|tot ziens|"
                   r"do widzenia|ma'?a?\s?(?:al\s?|as\s?|es\s?)?salam(?:a|ah)|"
                   r"poka(?:\s?poka)?|do svidan(?:i?ya|iya|ia)|g[oö]r[uü][sş][uü]r[uü]z|ho[sş][cç]a\s?kal|"
                   r"kal[iy]\s?s[iy]nex[ie]i?a|kalo\s?vradi|antio|lehitra'?ot")
# ... and hellos ("buongiorno! how are you today?").
HELLOS_ABROAD = (r"hola|bonjour|bonsoir|salut|hallo|buongiorno|buonasera|goedemorgen|goedemiddag|goedenavond|hoi|"
                 r"cze[sś][cć]|(?:as+)?-?sala+m(?:u)?(?:\s?a?la[iy]kum)?|marhaba|ahlan(?:\s?wa\s?sahlan)?|"
                 r"an+yeong(?:\s?haseyo)?|anyong(?:haseyo)?|privet|zdravstvu[iy]te|zdras[tv]e|dobr(?:y|yi|iy|yy) den|"
                 r"merhaba|selam(?:lar)?|iyi g[uü]nler|(?:xin\s)?ch[aà]o(?:\s(?:shop|ch[iị]|anh|em|b[aạ]n))?|"
                 r"kal[iy]\s?(?:mera|spera)|(?:yia|geia|ya)\s?(?:sou|sas)|yas+ou|yas+as|shalom")
# Small talk that opens or closes a chat ("thx ur the best", "cheers, that's all for today, bye!").
SMALLTALK = re.compile(r"^\W*(?:(?:ok(?:ay)?|k+|alright|right|eh|meh|oh|well|all|ya+y|ye+y|wo+h?o+|a?ight|bet|nah|"
                       r"sound|yo+)\W+){0,3}"
                       r"(?:(?:i'?m |we'?re |all )?done"
                       r"(?= now\b| here\b|\W*$|\W+(?:thanks|thx|ty|cheers|bye))|"
                       r"hi+|hello|hey+|hiya|yo|howdy|good (?:morning|afternoon|evening)|thanks?|thx|tx|ty|"
                       # "morning", "evening": a hello with its "good" dropped (a dress "for the evening" names a
                       # product, which a greeting never has)
                       r"(?:morning|mornin'?|afternoon|evening)(?=\W*$|\W*[!,.]|\s+(?:all|folks|there|team)\b)|"
                       rf"{HELLOS_ABROAD}|namaste|guten (?:tag|morgen|abend)|"
                       r"buen(?:os|as) (?:d[ií]as|tardes|noches)|"
                       r"thank (?:you+|u+)|many thanks|cheers|ta|bye(?:\s?bye)?~*|goodbye|see (?:ya|you)|laters|"
                       r"later|cya|ttyl|good day(?: to you)?(?=\W*$)|"
                       # Irish and street hellos and thanks: "well! hows the form", "story bud", "wassup", "deadly,
                       # thanks a mill"
                       r"how'?s the form|(?:what'?s the )?story,? (?:bud|bai|lads?|horse)|wa+s+u+p+|whaddup|"
                       r"sup(?=\W*$)|"
                       r"thanks a mill(?:ion)?|deadly(?=\W+thanks)|"
                       r"take care|cheerio|"
                       r"ta-?ra|toodle-?oo|"
                       r"obrigad[oa]|tchau|(?:muchas )?gracias|merci(?: beaucoup)?|danke(?: sch[oö]n)?|vielen dank|"
                       r"dank\s?(?:je|u)(?:\s?wel)?|bedankt|dzi[eę]ki|dzi[eę]kuj[eę]|shukran(?:\s?(?:jazeelan|kteer|ktir))?|"
                       r"(?:gamsa|kamsa|kamsah)(?:hamnida|hamida|haeyo)?|gomawo(?:yo)?|"
                       # Russian: "spasibo bolshoe", "bolshoe spasibo"
                       r"(?:bol'?sh(?:oe|oye)\s)?spasib(?:o|a|ki)(?:\s?bol'?sh(?:oe|oye))?|"
                       # Turkish: "teşekkürler hocam", "sağol"
                       r"te[sş]ekk[uü]r(?:ler| ederim)?|sa[gğ]\s?ol(?:un)?|"
                       # Greek: "efharisto poli"
                       r"ef(?:h|ch|x|k)arist[oó](?:\s?pol[iy])?|"
                       # Hebrew: "toda raba"
                       r"toda(?:\s?rab+a)?|"
                       # Vietnamese: "cảm ơn", "cam on", "tạm biệt"
                       r"c[aả]m\s?[oơ]n(?:\s(?:shop|ch[iị]|anh|em|b[aạ]n))?|t[aạ]m\sbi[eệ]t|"
                       rf"grazie(?: mille)?|shukriya|dhanyavaad|{GOODBYES_ABROAD}|"
                       # praise abroad: "muito legal", "perfetto", "très bien", "super gut"
                       r"muito (?:legal|bom|obrigad[oa])|perfeito|perfetto|perfecto|tr[eè]s bien|molto bene|"
                       r"(?:sehr|super) gut|genial|"
                       # "you were very helpful!", "you've been a star"
                       r"(?:you|u)(?:(?:'ve| have)?\s+(?:been|were)|'re|\s+are|\s+r)\s+"
                       r"(?:(?:very|so|really|super|most)\s+)?"
                       r"(?:helpfull?|great|brilliant|a star|a great help|a big help|a help|amazing|lovely|kind)|"
                       r"great|perfect|awesome|cool|lovely|sweet|nice one|ace|brill|legend|"
                       r"how are (?:you|u)(?: doing| today)?(?=\W*$)|"
                       # "r u a bot lol", "are you a real person?", "hello? is anybody there?"
                       r"(?:are|r)\s+(?:you|u)\s+(?:a\s+|an\s+)?(?:real\s+)?(?:bot|robot|human|person|ai|machine|"
                       r"chat\s?bot|computer)(?=\W*(?:$|lol|haha|or\b))|"
                       r"(?:is\s+)?(?:there\s+)?any\s?(?:one|body)\s+(?:there|here|home|around)\b|"
                       r"brilliant|that(?:'?s| is) (?:all|it|great|perfect|helpful)|you'?re (?:the best|great)|"
                       r"ur the best|"
                       r"that'?ll do(?: me| us)?(?: for (?:today|now|the day|tonight))?(?=\W*$)|"
                       # "ok forget it ill ask her dad tonight, ta"
                       r"(?:forget it|never ?mind|nvm),?\s+(?:i'?ll|ill|i will|i'?m going to|gonna)\s+"
                       r"(?:ask|check|think|talk|have a think|come back|look)|"
                       r"no (?:thanks|thank you|worries|problem|probs?)|np|all good|nothing else|"
                       # "ta, have a good one!", "thanks so much, have a good weekend!"
                       r"(?:(?:i\s+)?wish\s+(?:you|u)\s+|(?:you\s+)?have\s+)a (?:good|great|nice|lovely|wonderful|fab) "
                       r"(?:one|day|weekend|evening|night|"
                       r"week|afternoon|morning)|enjoy (?:your|the) (?:day|weekend|evening)|"
                       r"(?:never ?mind|nvm)(?=\W*$|\W+(?:then|bye|thanks|thx|ty|cheers|goodbye|anyway))|"
                       # a gamer's hello, praise and goodbye: "yooo whats good", "thats goated ty", "aight im out,
                       # peace", "nah im good, thx tho"
                       # ("yo" first: "hiya! whats good?" asks for picks)
                       r"(?:(?<=yo )|(?<=oo ))what'?s good(?=\W*$)|"
                       r"(?:that'?s|thats|this is)\s+(?:goated|fire|bussin|dope|lit|a w)\b|"
                       r"(?:i'?m|im) out(?=\W*$|\W+peace)|peace(?: out)?(?=\W*$)|"
                       r"(?:i'?m|im) good(?=\W*$|\W+(?:thx|thanks|thank you|ty|tho|though|cheers|for now)))\b",
                       re.I)
# "that's all I need", "that's it for now": a closing, not a request.
CLOSING = re.compile(r"\b(?:that'?s|thats|that is|that was|that'?ll be|that will be)\s+(?:all|it|everything)"
                     r"(?:\s+(?:i|we)\s+(?:need(?:ed)?|want(?:ed)?))?(?:\s+for\s+(?:now|today))?\b|"
                     # "ill think about it, thanks", "let me sleep on it", "maybe later", "just browsing"
                     # "ok I think about it": a learner's "I'll think about it"
                     r"\b(?:i'?ll|ill|i will|let me|lemme|gonna|going to|need to|have to|gotta|(?<!don't )(?<!dont )i)"
                     r"\s+(?:have a\s+)?"
                     r"(?:think|sleep|mull)\s+(?:about|on|over)\s+(?:it|that|them|those|these|this)\b|"
                     # "meh. i'll leave it for now, thanks anyway": nothing bought today, the chat closed
                     r"\b(?:i'?ll|ill|i will|i think i'?ll|gonna)\s+leave\s+it\s+(?:for\s+(?:now|today)|there)\b|"
                     r"\b(?:i'?ll|ill|i will|might)\s+(?:come|check|pop)\s+back\b|\bmaybe later\b|"
                     # "gonna wait till payday before i buy anything": nothing bought today, the chat closed
                     r"\b(?:wait|hold off)\s+(?:till|until|til|for)\s+(?:payday|pay ?day|i get paid|my (?:student )?"
                     r"(?:loan|pay|wages)|next month|the weekend)\b"
                     r"(?:\s+(?:before|to)\s+(?:i|we)\s+(?:buy|get|order)\s+(?:anything|it|them|this|that)\b)?|"
                     # "thanks, i'll have a look and come back"
                     r"\b(?:i'?ll|ill|i will)\s+(?:have a\s+|take a\s+)?(?:look|think)(?:\s+around)?\s+and\s+"
                     r"(?:come|check|pop)\s+back\b|"
                     # "I think more and come back later": a learner's "I'll think it over"
                     r"\bi\s+(?:think|see)\s+(?:more|better|again)\s+and\s+(?:come|check|return)\s+(?:back\s+)?later\b|"
                     r"\bjust (?:browsing|looking)(?:\s+(?:for now|today|thanks|thx))?"
                     r"(?=\W*$|\W+(?:bye|goodbye|thanks|thx|ty|cheers|see (?:ya|you)))|"
                     # "not buying today", "I'll checkout later": nothing bought now, the chat closed
                     r"\bnot\s+buying\s+(?:anything\s+)?(?:today|now|yet|right now)\b|"
                     # "just browsing, probably gonna end up buying somewhere else": bought elsewhere, if at all
                     r"\b(?:end\s+up\s+)?(?:buying|getting|ordering)\s+(?:it\s+|them\s+)?"
                     r"(?:somewhere else|elsewhere)\b|"
                     r"\b(?:i'?ll|ill|i will|will)\s+(?:check\s?out|pay|order|buy)"
                     r"(?:\s+(?:it|them|these|everything))?\s+"
                     r"(?:later|tomorrow|tonight|another time|next time)\b|"
                     # "ok nothing pleases me really, au revoir": the list turned down, the chat closed
                     r"\bnothing\s+(?:here\s+)?(?:really\s+)?(?:pleases|suits|grabs|appeals to|interests)\s+me\b",
                     re.I)
# A present's packing asked for ("gift packaging", "it come with box of present?"): for the help pages.
GIFT_PACKING = (r"gift (?:package|packaging|paper)|(?:box|paper|package|packaging) (?:of|for) (?:a\s+)?"
                r"(?:present|gift)|present box")
# "delivery riders", "a delivery van": people and vehicles who deliver, for whom a shop sells things.
NOT_A_JOB = r"(?!\s+(?:riders?|drivers?|guys?|boys?|girls?|m[ae]n|person|people|vans?|bikes?|trucks?|jobs?|work|"\
             r"staff|team|crew|business|company|route|shifts?)\b)"
# Questions about the shop, the world or the website that no product answers.
OFF_TOPIC = re.compile(
    # "what's the weather like"; not "winter weather" or "for wet weather", which say what a product is for
    r"\b(?:(?<!winter )(?<!cold )(?<!wet )(?<!rainy )(?<!hot )(?<!warm )(?<!all )(?<!dry )weather|"
    r"refunds?|returns? polic(?:y|ies)|exchange policy|"
    r"(?:will it|it will|it'?ll|itll|is it going to|gonna)\s+(?:rain|snow)\b|"
    # "whether it is likely to rain this weekend", a learner's "today Bangkok rain?"
    r"likely to (?:rain|snow)|(?:rain|snow) (?:this|next) (?:weekend|week)|"
    r"\b(?:today|tomorrow|tonight)\s+(?:[A-Za-z]+\s+){0,2}(?:rain|snow)(?=\s*\?)|"
    # how the shop runs rather than what it sells: returns, payment, delivery, vouchers
    r"(?:send|post)(?:ing)? (?:it|them|this|these|that|those|something|an item|a parcel|"
    r"the parcel|an order|my order|(?:\w+ ){1,3}i (?:bought|ordered|got)) back\b|send back\b|"
    r"returning (?:a|an|my|the|this|it|them)\b|"
    r"returns?|instal+ments?|pay (?:in|by|with|later|monthly)|payment (?:options?|methods?|plans?)|"
    # "no cost EMI milega?" (paying monthly, as Indian shoppers say it), "can i trade in my old laptop?", "do you do
    # repairs on dysons?": services, not products (not "a repairable phone")
    r"(?:no[- ]cost\s+)?emis?\b|trade[- ]?ins?\b|\btrade\s+in\s+(?:my|our|an?|the)\b|"
    # "where is your shop? I want to see it live", "did i get the stockholm one last time?", "do you know what i paid
    # for my old one?": the shop's premises and the shopper's own past orders, which no product answers
    r"where (?:is|are|'?s) (?:your|the) (?:shop|store|showroom)s?\b|(?:see|try) (?:it|them) (?:live|in person)\b|"
    r"did i (?:get|buy|order|have) (?:\w+\s+){0,4}?(?:last time|before|last year)\b|"
    r"(?:what|how much) (?:did )?i (?:paid|pay) for (?:my|the) (?:old|last|previous)\b|"
    r"(?:do|does|can|could|will)\s+(?:you|u|ya|the shop)\s+(?:do\s+|offer\s+|provide\s+)?repairs?\b|"
    r"repair (?:service|shop|centre|center)s?\b|"
    # "can I split the payment over two months?", "if they don't fit can I exchange them for a 6.5?",
    # "when my order ships": paying in parts, swapping what was bought, an order on its way
    r"split (?:the |my )?(?:payments?|bill|cost)|(?:can|could) (?:i|we) exchange\b|"
    r"exchange (?:it|them|these|those|this|that) for\b|(?:my|the|an?) order (?:ships?|shipped|dispatch(?:es|ed)?)\b|"
    r"klarna|afterpay|paypal|apple pay|credit card|debit card|discount codes?|promo codes?|coupons?|vouchers?|"
    # "any bundle discount if i get both?", "do you do student discount?": deals the shop's help pages answer
    r"(?:bundle|student|multi-?buy|loyalty|military|senior|nhs|trade|bulk|first[- ]order)\s+discounts?|"
    r"(?:any|a)\s+discounts?\s+(?:if|for|when|on)\b|"
    # "any discount can be given on the first one?", "festival offer is there?"
    r"\bany\s+discount\b(?!ed)|\b(?:festival|festive|diwali|special)\s+offers?\b|"
    # "it is the final price or there will be a reduction soon?", "will it go on sale?": a price the shop sets later
    r"(?:will|is|are)\s+there\s+(?:be\s+)?(?:a\s+|any\s+)?(?:reductions?|discounts?|sales?|promotions?|promos?)\b|"
    r"\b(?:reduction|discount|sale|promotion|promo)s?\s+(?:soon|coming|later|next week|next month)\b|"
    r"\bthe final price\b|\bgo(?:es|ing)? on sale\b|\bprice (?:drop|reduction)s?\b|"
    # "where is my command? I have ordered last week" (French "commande": an order)
    r"where(?:'?s| is) my (?:(?:previous|last|recent|first|new|latest|other)\s+)?"
    r"(?:order|command|commande|package|parcel|delivery)\b|"
    # "when comes my package?": a learner's word order for when it arrives
    r"when (?:comes?|will come|arrives?|will arrive) (?:my|the|our) (?:order|package|parcel|delivery)\b|"
    # "when is my vacuum coming? I ordered it on tuesday": something bought, on its way
    r"when (?:is|are|will) (?:my|our) (?:\w+\s+){1,3}?(?:coming|arriving|arrive|get here|be here|be delivered)\b|"
    r"track(?:ing)? (?:my |the )?(?:order|parcel|package)|parcel|click and collect|collect in store|in[- ]store|"
    r"price match|price[- ]?matching|(?:can|could|will|would|do) (?:you|u|ya) (?:price[- ])?match|"
    r"match (?:that|their|the|this|amazon'?s?|argos'?s?) price|"
    r"(?:student|nhs|military|staff|nurses?'?|teachers?'?|senior|pensioners?'?) discounts?|discounts? for|"
    rf"gift wrap(?:ping|pin'?|ped)?|gift[- ]?wrapped|gift box(?:ed)?|gift receipt|{GIFT_PACKING}|"
    r"invoices?|vat receipt|tax receipt|"
    # "my card was declined"
    r"(?:card|payment)\s+(?:\w+\s+){0,2}?(?:declined|decline|rejected|refused|bounced)|"
    r"(?:any|good|tell me a|know any)\s+(?:good\s+)?jokes|"
    r"pack (?:it|them|this|that) (?:like|as) (?:a )?(?:gift|present)|"
    # "rei members get 10% back on these": cashback and loyalty schemes
    r"\d+\s?%\s+back\b|cash\s?back|loyalty (?:program(?:me)?|scheme|card|points)|reward(?:s)? (?:program(?:me)?|"
    r"scheme|card|points)|"
    # "can you get an order to us by saturday?": when it would arrive
    r"(?:get|send|have)\s+(?:an?\s+|the\s+|my\s+|our\s+)?(?:order|it|them|this|these|everything)\s+"
    r"(?:to\s+(?:us|me|you)\s+)?(?:by|before)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"tomorrow|tonight|the weekend|next week|christmas)\b|"
    r"wrap (?:it|them|this|that) (?:up|as (?:a )?(?:gift|present)|for (?:a )?(?:gift|present))|"
    # "do you do those on the never never? paying a little bit each month": paying in parts
    r"\bon the never[- ]never\b|"
    r"pay(?:ing)? (?:for (?:it|them) )?(?:a (?:little|bit) )?(?:bit )?(?:each|every|per|a) month|"
    r"monthly (?:payments?|instal+ments?)|"
    r"(?:will|would|could|can|does|do) (?:it|they|this|that|these|those|my order) (?:arrive|get here|be here|reach)|"
    r"arrives? (?:by|before|in time|on time)|"
    # "I ordered a present last Tuesday and it still hasn't arrived... find out where it has got to?"
    # "and still not arrive", "it not arrive yet": the bare verb of a shopper writing in a second language
    r"(?:hasn'?t|has not|haven'?t|have not|still not|still no|is not|isn'?t|not yet|never|didn'?t|did not)\s+"
    r"(?:yet\s+)?(?:arrived?|turned up|shown up|"
    r"been delivered|come through)|where (?:it|they|my(?:\s+\w+){1,2}?)(?:\s+has|\s+have|'s|'ve)\s+got(?:ten)?\s+to|"
    r"write (?:me )?(?:a|an|my) (?:cover letter|essay|poem|story|cv|resume|email|speech)|cover letter|"
    rf"delivery{NOT_A_JOB}|shipping|(?:do|does|can|will) (?:you|u|ya|ye|it) (?:ship|deliver)|"
    r"ship(?:s|ping)? (?:it |them )?to|"
    # "can you install windows and set it up before you ship it?": work done on an order before it is sent
    r"(?:before|when|once|after)\s+(?:you|u)\s+(?:ship|send|post|deliver)\b|"
    r"(?:can|could|will|would|do)\s+(?:you|u)\s+(?:guys\s+)?(?:install|set\s+(?:it|them|this|that)\s+up|"
    r"pre-?install|configure)\b|"
    # "can you print our logo on the front?": printing, embroidery or engraving on what is bought
    r"(?:print|embroider|engrave|stitch|put)\w*\s+(?:our|my|a|the|his|her|their|your|company|business)\s+"
    r"(?:company\s+|business\s+|shop\s+|own\s+)?(?:logo|name|initials|monogram|design|branding)s?\b|"
    r"(?:can|could|do)\s+(?:you|u)\s+(?:do\s+)?(?:custom\s+)?(?:printing|embroidery|engraving|personali[sz]ation)\b|"
    # "can I COD here in Cebu?", "cash on delivery": paying the courier
    r"(?-i:\bCOD\b)|cash on delivery|"
    r"how\s+(?:do|can|could|would)\s+(?:i|we)\s+(?:exchange|swap)\b|"
    # "you deliver in Italy?", "you ship to brazil?": the question without its auxiliary
    r"^\W*(?:you|u)\s+(?:can\s+|could\s+)?(?:ship|deliver)\b|"
    # "I order already 3 day ... how I track": following an order
    r"\bhow\s+(?:do\s+|can\s+|could\s+)?(?:i|we)\s+track\b|\bhow\s+to\s+track\b|"
    # "can you tell me when it'll be delivered?"
    r"(?:it|they|it'?ll|they'?ll|itll|order|parcel)\s+(?:\w+\s+){0,2}?(?:be\s+)?(?:delivered|dispatched|shipped)|"
    # "do you get much rain where you are?": small talk about the weather
    r"(?:get|getting|had|having)\s+(?:much|a lot of|lots of|any)\s+(?:rain|snow|sun|sunshine)\b|"
    r"(?:get|want|have) (?:my|the|our) money back|who (?:won|will win|wins)|reckon .* win|"
    # (not "my 8 yr old keeps asking what time it is": a need told)
    r"(?<!asking )(?<!asks )(?<!asked )(?<!ask )(?<!wondering )what time|time is it|the time in|time zone|"
    r"(?:going to|gonna|will it|is it) (?:snow|rain)|snowing|raining|"
    r"forecast|stocks? to buy|stock market|shares in|crypto|bitcoin|capital of|president of|prime minister|"
    r"meaning of life|lottery|horoscope|"
    # homework to be done, not a laptop for it ("laptop for my daughters homework")
    # not "these prices are a joke", "what a joke": the list judged
    r"(?<!is a )(?<!are a )(?<!what a )(?<!s a )(?<!re a )(?<!such a )(?<!bit of a )(?<!total )(?<!absolute )joke|"
    r"(?:help|do|doing|with|solve|answer|finish)\s+(?:\w+\s+){0,3}?homework|"
    r"homework (?:help|questions?|problems?)|"
    r"math(?:s)? (?:hw|homework|problems?|questions?)|do my (?:hw|homework|essay)|"
    r"password|log ?in|sign ?in|(?<!on )account(?! of\b)|order status|"  # not "on account of price"
    r"where(?: is|'?s) (?:my|me) (?:order|parcel|package|delivery)|"
    r"opening hours|(?:have|got) (?:a |any )?(?:physical )?(?:shops?|stores?|branch(?:es)?) (?:in|near)\b|"
    r"(?:shop|store) (?:near me|i can (?:pop|go|walk) in)|"
    # a product's warranty, notes with a gift, changing or cancelling an order, the shop's sales calendar
    r"warrant(?:y|ies)|guarantee[ds]?|gift (?:messages?|notes?)|personali[sz]ed (?:message|note)|"
    r"(?:change|cancel|amend|edit) (?:the |my )?(?:size|order|address|colou?r) after|"
    r"after (?:i|we) (?:order|ordered|pay|paid)|cancel (?:my |an |the )?order|"
    r"black friday|cyber monday|(?:when|whens|when's) (?:is |does )?(?:ur|your|the) (?:next )?sale|"
    r"store hours|button|website|the app|not working|isn'?t working|customer service|your name|are you (?:a |an )?"
    r"(?:bot|robot|human|ai))\b", re.I)
# A question that is not a product request ("who", "when", "how do I").
QUESTION = re.compile(r"\b(?:who|when|why|how|weather|joke|news|meaning|homework)\b", re.I)
# "do you sell ...", "I'm looking for ...": a product request even when no catalog word is in it.
REQUEST = re.compile(r"\b(?:do|does)\s+(?:you|u|ya|yiz|yis|youse|yous|ye)\s+(?:guys\s+|lot\s+|all\s+)?"
                     r"(?:also\s+|even\s+|still\s+)?(?:by\s+any\s+chance\s+)?"
                     r"(?:sell|have|stock|carry|do|got)\b|"
                     # "... a matching toaster, a red one, if you do them"
                     r"\bif (?:you|u) (?:do|have|sell|stock|carry|got) (?:them|those|these|any|one|it|such a thing)\b|"
                     r"\b(?:where can i (?:find|get|buy)|(?:i'?m |i am |im )?look(?:ing|in'?|n) for|"
                     # (not the Irish "I'm after buying jeans": just bought them)
                     r"(?:i'?m|i am|im) after(?!\s+(?:buying|buyin|getting|gettin|ordering|orderin)\b)|"
                     r"any\s+(?:good|decent|nice)\b|"
                     # "have you got a telly", "what have you got", "which one you have?"
                     r"(?:have|got) (?:you|u|ya) (?:got |also |too )?(?:a|an|any|some)|"
                     r"what (?:have|do) (?:you|u) (?:got|have)|"
                     r"which (?:ones?|\w+) (?:do )?(?:you|u) (?:have|got|sell)|"
                     r"i (?:need|want|search)|"
                     # "Could you direct me to an anthology ...?", a learner's "where I can buy buckwheat?"
                     r"(?:could|can|would) you (?:please )?(?:direct|point) me (?:to|towards)\b|"
                     r"where (?:i|we) can (?:find|get|buy)\b|"
                     # "can i do my food shop on here?": groceries asked for
                     r"(?:food|grocery|groceries|weekly)\s+shop(?:ping)?\b|"
                     # "is there an umbrella that ...", "anything to dry my hair quicker", "a present for my nephew"
                     r"is there (?:a|an|any|some)|(?:anything|something) (?:to|that)|(?:present|gift|pressie) for|"
                     # a learner's article dropped: "is there sofa? my living room need new one"
                     r"^\W*is there\s+(?!(?:a|an|any|some|more|anything|something|one)\b)[a-z]+(?:\s+[a-z]+)?(?=\s*\?)|"
                     # "something for my dad, he is always cold", "what about for her brother, he's 10"
                     r"(?:anything|something|smth) for (?:my|our|a|an|the|his|her|him)|what about for|"
                     r"what (?:would|could|might) (?:actually |really )?help|"
                     r"(?:got|have) any)\b|"
                     # "you have also coffee makers?", "and you have of L'Oreal?": the question said without "do"
                     r"(?:^|[.!?,]\s*)(?:and\s+|so\s+)?(?:you|u)\s+(?:also\s+)?(?:have|sell)\s+(?:also\s+)?"
                     r"(?=[^?.!]{1,40}\?)|"
                     # "my son needs a ball", "she wants a new kettle", "need a new one asap"
                     r"(?:^|(?:\b(?:he|she|they|we|and|also|really|just|still|son|daughter|kid|kids|mum|mom|dad|wife|husband|\w+'s)|[^\w\s])\s*)"
                     r"(?:needs?|wants?)\s+(?:a|an|some|something|anything|new|another|more)\b", re.I)
# Asking whether the shop sells a kind of product at all ("do u sell cases", "have you got kettles").
ASKS_STOCK = re.compile(r"(?:\b(?:do|does)\s+(?:you|u|ya)\s+(?:guys\s+)?(?:sell|stock|carry)|\bhave\s+(?:you|u)\s+got|"
                        r"\bgot)\b(?!(?:\s+any)?\s+(?:them|these|those|it|this|that|they|the same|in|with|under|over|"
                        r"cheaper|more|other|others|one|ones|of)\b)", re.I)
# Ranges of positions: "the first two", "top 3", "first 2", "both".
RANGE_REF = re.compile(r"\b(?:the\s+)?(?:first|top)\s+(two|three|four|five|2|3|4|5)\b", re.I)
LAST_RANGE = re.compile(r"\b(?:the\s+)?(?:last|bottom)\s+(two|three|four|five|2|3|4|5)\b", re.I)
# "the cheapest", "the least expensive", "lowest-priced": the one shown product with the lowest price.
CHEAPEST = re.compile(r"\b(?:the\s+)?cheapest\b|\blowest[- ]pric(?:e|ed)\b|\bmost cheap\b|"
                      r"\bleast expensive\b|\bmost affordable\b", re.I)
# Price comparatives, one pattern each way: "cheaper", "costs less", "better value" / "pricier", "dearer".
# (CHEAPER, below, is the wish for a cheaper list: "too pricey", "cheaper ones".)
COSTS_LESS_WORDS = r"cheaper|less expensive|lower[- ]priced|costs? less|more affordable|better (?:deal|value|price)"
COSTS_MORE_WORDS = r"pricier|more expensive|dearer|costs? more|higher[- ]priced"
COSTS_LESS = re.compile(rf"\b(?:{COSTS_LESS_WORDS})\b", re.I)
COSTS_MORE = re.compile(rf"\b(?:{COSTS_MORE_WORDS})\b", re.I)
BOTH = re.compile(r"\b(?:both|the (?:two|2) of them|them both|(?:these|those) (?:two|2)|"
                  r"the two(?=\W*$|\s+(?:please|pls|ones|items|options|then)\b))\b(?!\s*(?:cheapest|\d))", re.I)
# A removal of all but what is named: "remove all but the first", "everything from my cart except the nike".
ALL_BUT = re.compile(r"\b(?:all|everything|the rest|the others|others|the other (?:ones|items))(?:\s+[\w']+){0,4}?\s+"
                     r"(?:but|except(?:\s+for)?|apart from|other than|besides|save for)\s+(?P<kept>[^.,;!?]+)", re.I)
# Every item on the list: "all of them", "take them all", "all 5", "add the lot" ("all 3" of five names no three;
# "these all look flimsy" names none).
ALL_SHOWN = re.compile(r"\b(?:all\s+(?:of\s+)?(?:them|those|these|"
                       r"(?P<n>two|three|four|five|2|3|4|5)(?:\s+of\s+(?:them|those|these))?)"
                       r"|them\s+all|every (?:single )?one of (?:them|those|these)"
                       r"|(?:add|take|buy|get|grab)\s+the (?:whole )?lot)\b", re.I)
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5}
# Counts said in words of a number of things ("three jackets", "how much for a dozen"); each reader's pattern decides
# which of them it reads.
COUNTS_SAID = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
               "eleven": 11, "twelve": 12, "a dozen": 12, "dozen": 12, "a couple": 2, "a couple of": 2, "a pair": 2,
               "a pair of": 2, "both": 2}
_NUMBER_WORDS = {w: i for i, w in enumerate("one two three four five six seven eight nine ten".split(), 1)}
# "want"/"I'd like" to do something else than buy: "I'd like to be sure it fits", "I want to know".
_NOT_TO = r"(?!\s+to\s+(?!(?:get|buy|have|order|take|add|grab|purchase|go)\b))"
# "order" the verb ("order the 2nd"), not the noun ("where is my previous order? I wait already 2 weeks").
_ORDER_VERB = r"(?<!my )(?<!our )(?<!your )(?<!the )(?<!an )(?<!previous )(?<!last )(?<!first )order"
# "cool, adding #2", "ok adding that one": the add said as it is done; "best buy has it in green" names a shop.
_ADDING = r"adding(?=\s+(?:#|no\.?\s*|number\s+|the\s+|that|this|it\b|them|both|\d))"
_BUY = r"(?<!best )buy"
# "I can put it in dishwasher?", "can you put them in the washing machine": where a thing goes at home, no cart.
_PUT_AWAY = (r"(?!\s+(?:it|them|this|that|these|those)\s+in(?:to)?\s+(?:the\s+|a\s+)?(?:dish\s?washer|microwave|oven|"
             r"washing|washer|dryer|tumble|fridge|freezer|wash|machine)\b)")
# An add said with a verb of choosing ("i take number 2", "give me the 2", "going with the 1st").
CHOOSE = re.compile(r"\b(?:add|" + _ADDING + r"|put(?![^.?!]{0,40}\bside by side\b)" + _PUT_AWAY
                    # not "my back cannot take it"
                    + r"|i'?ll take|i take|(?<!cannot )(?<!can't )(?<!cant )(?<!not )take|" + _BUY + r"|purchase|"
                    + _ORDER_VERB + r"|get me|"
                    r"give me|gimme|grab|"
                    r"i'?ll (?:just |probably |prob )?(?:get|take|grab|buy)|i'?d get|we'?ll (?:get|take)|"
                    # "lets do the first one"; not "lets do 50-80"
                    r"let'?s (?:get|take)|let'?s (?:do|go with)(?=\s+(?:the|that|this|it|number|#))|"
                    # "can I get the second one?", "book the first one", "reserve the 2nd for me"
                    r"(?:can (?:i|we) (?:get|have|buy|order)|book|reserve)(?=\s+(?:the|that|this|it|number|#|\d))|"
                    r"get (?:him|her|them|me|us) (?:the|that|this|#|\d)|"
                    r"(?<!no )(?<!no-)go(?:ing)? (?:with|for)|"
                    r"(?:i )?(?<!n't )(?<!nt )(?<!not )(?<!never )want" + _NOT_TO + r"|i'?d like" + _NOT_TO + r"|"
                    r"i'?ll have|choose|pick|will do|"
                    r"go on then(?=\W*(?:$|that|this|it\b|i'?ll|add))|"  # "go on then, that one"
                    r"i (?:will|shall) (?:get|take|have|buy|grab|go with)|(?:is|'s) (?:fine|perfect|the one)|"
                    r"that'?ll do(?! (?:me|us) for\b)|sold)\b|"  # not "that'll do me for today": a goodbye
                    # "the bose it is", not "does it say how many quarts it is?"
                    r"^(?!\W*(?:does|do|did|is|are|how|what|which|can|could|will|would|where|when|why)\b)"
                    r"[^?]*\bit is\W*$",
                    re.I)
# A verb of putting with the cart ("chuck it in the cart", "pop that in my basket") or an object put in it.
PUT_IN_CART = re.compile(r"\b(?:place|put" + _PUT_AWAY + r"|add)\b|\bin with (?:it|them|that|those)\b|"
                         r"\b(?:chuck|pop|stick|throw|toss|bung|whack)\s+(?:(?:\w+\s+){0,3}(?:in|into|on)\b|"
                         r"(?:it|that|this|them|these|those|one|both|the|#|\d|number)\b)|"
                         r"\b(?:it|that|this|them|these|those|one|both)\s+(?:also\s+|too\s+)?in(?:to)?\s+(?:my\s+|the\s+)?"
                         r"(?:shopping\s+)?(?:cart|basket|trolley|bag)\b", re.I)
# "cart the first one", "basket it": the cart's name used as the verb, before what goes in.
CART_VERB = re.compile(r"^\W*(?:cart|basket)\s+(?:it|that|this|them|these|those|both|the|#|\d|number)\b", re.I)
ALSO = re.compile(r"\b(?:too|also|as well|and|another|plus)\b", re.I)
POLITE = re.compile(r"\b(?:please|pls|plz|thanks|thx)\b", re.I)
# "drop the minimum", "remove the price limit" lift a constraint; they remove nothing from the cart.
REMOVE = re.compile(r"\b(?:remove|delete|ditch|(?:bin|dump)(?=\s+(?:the|it|that|this|them|those|my)\b)|"
                    # "actually scrap the first one"; not "scrap the shoes, do you sell bikes?" (the search)
                    r"(?:scrap|scratch)(?=\s+(?:the\s+)?(?:first|second|third|fourth|fifth|last|\d|#)|"
                    r"\s+(?:it|this one|them)\b)|"
                    # "nah i dont want the first one anymore", "I don't want the second one after all"
                    r"(?:don'?t|dont|do not)\s+(?:want|need)\s+(?:the|that|this|it|them|those|my)\b"
                    r"(?=[^.?!]*\b(?:any ?more|after all)\b)(?![^.?!]*\b(?:ones|show|find|instead)\b)|"
                    r"take\s+(?:\w+\s+){0,6}(?:out|off)|drop|get rid of|"  # "take the second thing in my cart out"
                    # "please quit the other one" (Spanish "quitar": take away)
                    r"quit(?=\s+(?:the|it|that|this|them|those)\b)|"
                    r"put\s+(?:\w+\s+){0,3}back|^\W*rm)\b"
                    r"(?!\s+(?:the\s+|my\s+|that\s+)?(?:min(?:imum)?|max(?:imum)?|budget|price|limit|filters?|colou?r|"
                    r"brand|floor|ceiling)\b)", re.I)
SOFT_MORE = re.compile(r"\b(?:any|some|a few|see|show|got|have|want|are there)\s+(?:\w+\s+)?"
                       r"(?:more|others|other ones|else|other options)\b|\bthe only ones\b|\bwhat else\b", re.I)
# Thanks said before the next request, set off by punctuation: "thanks! anything a bit cheaper?", "thx! whats the
# cheapest one", "cheers, and in black?". The request is the message.
THANKS_FIRST = re.compile(r"^\W*(?:thanks|thank you|thx|ty|cheers|ta|great|perfect|awesome|lovely|cool|nice)"
                          r"(?:\s+(?:so much|a lot|again|mate|heaps))?\s*[!.,;:]+\s*(?:(?:so|and|but|now)\s+)?(?=\w)",
                          re.I)
# What a message asks after its thanks begins like a request: "anything", "whats", "add", "i need".
_ASKS_NEXT = re.compile(r"^(?:anything|any|something|some|show|find|search|get|what|whats|what's|which|how|hows|can|"
                        r"could|do|does|is|are|got|have|add|put|remove|cheaper|more|another|also|now|i need|i want|"
                        r"i'?m (?:after|looking)|(?:the|my|our)\s+(?:total|cart|basket|trolley|order)|total|cart|"
                        r"basket|checkout|check out)\b", re.I)


# Thanks said last, after the request: "ok i'll get that one. thank you so much".
_THANKS_LAST = re.compile(r"[\s.!,;:-]+(?:thanks|thank you|thx|ty|cheers|ta)(?:\s+(?:so much|a lot|again|mate|heaps|"
                          r"very much|so so much))?[\s!.]*$", re.I)


def request_after_thanks(message: str) -> str:
    """The request a message makes before or after thanking ("thanks! anything a bit cheaper?" -> "anything a
    bit cheaper?", "ok i'll get that one. thank you so much" -> "ok i'll get that one"), so the thanks does not
    make it a closing, nor a bare pick an add; the message as said when it is only thanks or a closing ("thanks,
    that's all")."""
    last = _THANKS_LAST.search(message)
    said = message[:last.start()] if last else ""
    if len(said.split()) >= 2 and not CLOSING.search(said) and (CHOOSE.search(said) or "?" in said):
        return said  # not "you're a star, thanks"
    rest = message[THANKS_FIRST.match(message).end():] if THANKS_FIRST.match(message) else message
    if rest == message or len(rest.split()) < 2 or not _ASKS_NEXT.match(rest) or CLOSING.search(rest):
        return message  # "thank you so much, you're a star!", "ta, thats me done": thanks, and nothing asked
    return rest


GREETING = re.compile(r"^\s*(hi|hello|hey|hiya|yo|good (morning|afternoon|evening)|howdy|thanks|thank you)"
                      r"[\s!.,]*(there|shopassist)?[\s!.]*$", re.I)
# "bin" as the verb ("bin it", "the pink one, bin it"), not the thing ("also a bin", "and a pedal bin").
BIN_VERB = r"(?<!\ba )(?<!\ban )(?<!\bpedal )(?<!\bkitchen )bin"
REMOVE_CART = re.compile(rf"\b(remove|delete|take out|take off|drop|scratch|ditch|{BIN_VERB}"
                         r"(?=\s+(?:it|that|this|them|those|these|the|my|one|\d)\b|\s*$))\b.*|"
                         r"\bout of (my |the )?(cart|basket)\b", re.I)
ADD_CART = re.compile(r"\b(add|" + _ADDING + r"|put" + _PUT_AWAY + r"|i'?ll take|" + _BUY + r"|purchase|" + _ORDER_VERB
                      + r"|get me|(?:throw|chuck|toss) in|"
                      # "gimme both", "give me the first one": the shown ones, taken
                      r"(?:gimme|give me)(?=\s+(?:both|all (?:three|two|of them)|the (?:first|second|third|fourth|"
                      r"fifth|last|\d)|(?:no\.?|number|#)\s*\d|\d\b|that one|this one|it\b|them\b))|"
                      r"(?:basket|bag) (?:it|them|that|those)(?=\W*$))\b",
                      re.I)
# What the shopper has already put in the cart, asked about: "remind me what I've put in my basket", "what have i
# added so far" (the verb names no add).
WHAT_I_ADDED = re.compile(r"\bwhat\s+(?:i'?ve|i\s+have|i|we'?ve|we\s+have|have\s+i|did\s+i)\s+(?:already\s+)?"
                          r"(?:put|added|add|got|chosen|picked|ordered)\b", re.I)
VIEW_CART = re.compile(r"\b(my|the|me)\s+(cart|basket)\b|(?:^|[.!,;]\s*)(cart|basket)\s*\??$|"
                       r"what'?s in (my |the )?(cart|basket)|"
                       # "show me whats in there" after an add
                       r"\bshow\s+(?:me|us)\s+what'?s\s+in\s+there\b|"
                       # "what've I got in there", "what have we added so far": the cart, with no word for it
                       r"\bwhat(?:'?ve|\s+have|\s+did)\s+(?:i|we)\s+(?:got|get|added|put)\s+(?:in\s+there|so\s+far)\b|"
                       # "show me cart now", "basket show me please": a learner's article dropped, or the verb last
                       r"\b(?:show|view|see|check|open)\s+(?:me|us)\s+(?:cart|basket)\b|"
                       r"^\W*(?:cart|basket)\s+(?:show|see|view|check|what)\b", re.I)
CART_WORD = re.compile(r"\b(?:my|the|your|to|into|in|from|of|out|view|show|see|check|open)\s+(?:shopping\s+)?"
                       r"(?:cart|basket|trolley|bag)\b|\b(?:cart|basket)\s+(?:items?|lines?|products?)\b|"
                       r"^\W*(?:(?:my|the|show|view|see)\s+)?(?:cart|basket)"
                       r"(?:\s+(?:pls|please|plz|now|thanks|thx|again))?\W*$", re.I)
COMPARE = re.compile(r"\b(compare|comparison|vs\.?|versus|difference between|diff(?:erence)? between|side by side|"
                     r"stacks? up|measures? up|holds? up (?:against|next to|to)\b|"
                     r"which (?:one )?is better|what(?:'?s| is) the diff(?:erence)?|what diff(?:erence)?|"
                     r"(?:any|the) diff(?:erence)?\s*\?|"
                     # "between the 2nd and 4th which would be comfier", "between the sony and bose, which one"
                     r"between\s+(?:the\s+)?[\w-]+(?:\s+ones?)?\s+(?:and|or|&)\s+(?:the\s+)?[\w-]+(?:\s+ones?)?"
                     r"\W+(?:which|what|who)\b)", re.I)
# The words before a value ruled out ("silver, not gold", "no white ones"): never the one wanted.
NEGATED_BEFORE = re.compile(r"\b(?:not|no|never|without|except)\s+(?:the\s+|a\s+|an\s+|any\s+)?$", re.I)
# A constraint said again in a complaint ("BLACK. i literally said black, why is there a white pair"): the search
# narrowed again, not a question about why the list is what it is.
SAID_AGAIN = re.compile(r"\bi (?:literally |already |just |clearly |specifically |did )?"
                        r"(?:said|asked for|told you|wrote)\b", re.I)


def ruled_out_word(text: str, word: str) -> bool:
    """Whether the word is said right after a negation somewhere in the text ("SILVER. not gold": gold)."""
    return any(NEGATED_BEFORE.search(text[:m.start()]) for m in re.finditer(rf"\b{re.escape(word)}\b", text, re.I))


def said_again(text: str, word: str) -> bool:
    """Whether the word follows "i said" / "i asked for" ("i literally said black": black)."""
    return bool(re.search(rf"{SAID_AGAIN.pattern}\s+{re.escape(word)}\b", text, re.I))
# not "idk why i said", nor what someone else will ask ("my mother will scold say why wear torn pants")
WHY = re.compile(r"(?<!idk )(?<!dunno )(?<!know )(?<!sure )(?<!knows )(?<!scold say )(?<!will say )(?<!would say )"
                 r"(?<!gonna say )(?<!'ll say )(?<!scold )\bwhy\b(?!\s+not\b)|"
                 r"\bexplain\b|\breason|\by did (?:u|you)\b|^\W*y\s+(?:these|those|this|them|is|are)\b|"
                 r"\bhow come\b|"
                 r"\bhow (?:did|do|does) (?:you|u|it) (?:even )?(?:pick|choose|select|rank|decide)", re.I)
DETAILS = re.compile(r"\b(tell (?:me|us) (?:a (?:bit|little) )?(more )?(about|abt|bout)|tell me more|"
                     r"more (?:about|abt) (?:it|that|this)|"
                     r"what'?s? (?:is )?(?:the|that|this) [^,.?!]{0,25}\blike|how(?:'?s| is) (?:the|that|this)|"
                     r"more (info|information|details)"
                     r"( (on|about|abt))?|details|describe|what about|specs|show me (?:the|that|this)|"
                     r"is (it|that one|the \w+ one)|"
                     r"does (it|that one|the \w+ one)|are (they|those)|"
                     # a screen reader's user: "please repeat the second one", "could you repeat the Samsung one"
                     r"repeat (?:the|that|this|number|#))\b", re.I)
MORE = re.compile(r"^\s*(?:(?:nah|nope|meh|hmm+|ugh|eh+|um+|erm)\W+|no\s*[,.!]\s*)?"
                  # "nah non of these are it, show me sum more?": the list turned down first
                  r"(?:(?:none|non|nun|not one)\s+of\s+(?:these|those|them)(?:\s+(?:are|is|r))?"
                  r"(?:\s+(?:it|right|any good|good|quite right))?\W+)?"
                  r"(?:(?:can|could|would|will)\s+(?:you|u)\s+)?(show\s+(me\s+|us\s+)?)?"
                  r"(some\s+|sum\s+|a\s+few\s+|few\s+|a\s+couple\s+|\d{1,2}\s+|(?:two|three|four|five|ten)\s+)?"
                  r"(?:(?:more|pls|please|ok|okay)\s+)*(?:show\s+(?:me\s+)?)?"
                  # "show me 5 more", "can you show me the next lot pls"
                  r"(more|others|other|next|next ones|other options|anything else|next page|next pg|"
                  r"(?:the\s+)?next\s+(?:lot|few|batch|bunch|page|ones|five|5)|the rest|"
                  r"any ?others?|(?:you )?have (?:any )?others?|more like (?:these|those|this|that|them))"
                  # "more show please, i dont like these ones": a learner's order, and the list turned down after
                  r"(\s+(options|results|please|pls|show(?:\s+me)?|of (those|these|them)))*"
                  r"(?:\W+i\s+(?:don'?t|dont|do not)\s+like\s+(?:these|those|them|any)(?:\s+ones)?|"
                  # "show other, this I dont like", "next pg pls... none of these are like, speaking to me"
                  r"\W+(?:this|these|those|them)\s+i\s+(?:don'?t|dont|do not)\s+like|"
                  r"\W+none\s+of\s+(?:these|those|them)\b[^?]*)?\W*$|"
                  # "Are there any further options? None of these is quite what I had in mind."
                  r"^\W*(?:are\s+there|have\s+you(?:\s+got)?|do\s+you\s+have)\s+(?:any\s+)?(?:further|more|other)\s+"
                  r"(?:options|choices|ones|suggestions)\b[^?.!]*[?.!]?(?:\s+none\s+of\s+(?:these|those|them)\b.*)?$|"
                  # "is that all the red ones you have?", "are these all you've got?"
                  r"^\W*(?:is|are)\s+(?:that|those|these|this)\s+(?:all|it)(?:\s+the\s+(?:\w+\s+)?ones)?"
                  r"(?:\s+(?:you(?:'ve|\s+have)?\s+got|you\s+have|there\s+is|you\s+sell))?"
                  r"(?:\s+(?:from|by|in)\s+[\w&' -]{1,20})?\W*$", re.I)  # "is that all you have from dell?"
# "my sister is impossible to buy for. she runs, does yoga ...": picks asked for a person, whose hobbies follow
HARD_TO_BUY = r"(?:impossible|hard|difficult|tricky|a nightmare) to (?:buy|shop) for"
# "what's a good present for a 4 year old girl?", "whats a good housewarming present": advice asked, where the
# message names no brand or product ("what's a good gift for a 7 year old, lego maybe?" asks for Lego).
GOOD_GIFT_ASKED = re.compile(r"\bwhat(?:'?s| is)? (?:a |some )?(?:good|nice|great|decent) (?:[\w-]+ )?"
                             r"(?:present|gift|pressie)s?\b", re.I)
# "my dermatologist recommend it": someone's recommendation, not one asked for
RECOMMEND = re.compile(r"\b(recommend(?!\s+(?:it|them|this|that|those|these)\b)|recommendations|suggest(?:ions?)?|"
                       r"surprise me|what (?:(?:can|could|would|do) )?(?:you|u) (?:propose|advise)|"
                       r"what should i (buy|get)|something for me|put me on (?:something|to something|sth)|"
                       # "what do ya reckon for a 4 yr old's birthday?", "what would ya reckon?"
                       r"what (?:do|would|d) ?(?:you|ya|u) reckon(?=\s*(?:\?|$|for\b))|"
                       # "what I can give for my mother?", "what I give for my sister?": a learner's word order
                       r"what (?:i\s+)?(?:can|could|should|shall)?\s*i?\s*(?:give|offer|buy|get) (?:for|to) "
                       r"(?:my|a|an|her|him|his|our|the)\b|"
                       r"ideas? for (?:my|a|an|her|him|his|our|the)\b|"
                       r"pick for me|for me\b.*\bsomething|any ideas|gift ideas?|"
                       rf"{HARD_TO_BUY}|"
                       # "I'm thinking about what to get my mum", "not sure what to buy him"
                       r"(?:thinking about|wondering|not sure|unsure|deciding) what to (?:get|buy|give)|"
                       r"(?:no|zero|not a) (?:clue|idea) what(?:\s+to\s+(?:get|buy)|\W*$)|"
                       # "whats good like what are people buying right now"
                       r"what (?:are|do) (?:people|folks|others|most people) (?:\w+ )?(?:buying|getting|buy|get)\b|"
                       # "my nephew turns 7, what do kids that age even like these days?"
                       r"what do (?:kids|children|teens|teenagers|boys|girls)(?: (?:that|his|her|their) age)? (?:even |"
                       r"really )?(?:like|want|play with|ask for)\b|"
                       # "no clue what kids are into these days", "no idea what he likes"
                       r"(?:no (?:clue|idea)|(?:don'?t|dont) know|dunno) what (?:\w+ ){0,2}?(?:(?:are|is|'re|'s) into|"
                       r"likes?|wants?)|"
                       r"what (?:else )?(?:should|would|could|can|do) (?:i|you|we|people) (?:even )?(?:get|buy|give)\b|"
                       # "what do people always forget to buy for a new place?"
                       r"what do (?:people|folks|most people|others) (?:\w+ ){0,2}(?:forget|need|get|buy) to "
                       r"(?:get|buy)\b|"
                       r"(?:present|gift|pressie)s? for (?:my|a|an|her|his|our)\b.*\bideas?\b|"
                       # "hiya! whats good?", "what's popular right now?": the shop's picks asked for
                       r"what'?s\s+(?:good|popular|hot|trending|worth (?:getting|buying))(?!\s+(?:about|on|with|in)\b)"
                       r"(?=\s*(?:today|right now|rn|now|at the moment|these days|here|atm)?\s*[?!.]*\s*$)|"
                       r"(?:don'?t|dont) know what to (?:get|buy|give|offer)|"
                       # "what can I offer her for Noël?", "you have ideas?": a gift (French "offrir") asked about
                       r"what (?:should|would|could|can|do|to) (?:i|we) (?:\w+ )?offer\b|"
                       r"(?:you|u) have (?:any |some )?ideas|have (?:you|u) (?:got )?(?:any |some )?ideas)\b", re.I)
# The price said as too much: "bit much for a duvet cover tbh" (a step down; beside a price, a budget).
BIT_MUCH = r"(?:that'?s |thats |its |it'?s |a )?(?:bit|little) much"
# "cheaper" relative to what was shown; "cheaper than 50" is a ceiling (PRICE_MAX), not this; nor another shop's
# price ("bet its cheaper at the levis outlet", "zaras own site has it cheaper", "cheaper on amazon").
CHEAPER = re.compile(r"\b((?<!has it )(?<!have it )(?<!sells it )(?<!sell it )(?<!had it )(?<!has them )"
                     r"(?<!sells them )cheaper(?!\s+than\s+(?:[$£€₹]|\d|a hundred\b|(?:one|two|three|four|five|six|"
                     r"seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b))"
                     r"(?!\s+(?:at|on|over at)\s+(?!(?:the\s+|this\s+)?(?:list|page|screen|all|here)\b)[\w'])"
                     r"(?!\s+(?:elsewhere|somewhere else))|less expensive|lower price|"
                     r"(?:too|bit|a bit|so|very|quite|kinda|rather|a little) "
                     # "these are a bit too fancy for him", "bit too posh for me": the price said as a taste
                     r"(?:expensive|pricey|pricy|dear|steep|rich|spendy|fancy|posh|flashy|extravagant|bougie)|"
                     # "le creuset's way out of my league", "out of my price range", "over my budget"
                     r"out of (?:my|our|his|her|their) (?:league|price range|range|budget)|"
                     r"(?:way |a bit |a little |bit )?over (?:my|our|his|her|their) budget|"
                     r"more affordable|on a budget|go (?:a bit |any |even )?lower|less spendy|lower[- ]priced|"
                     r"more modest(?:ly priced| in price)?|more reasonably priced|less costly|"
                     rf"{BIT_MUCH}|"
                     # "ugh pricey", "yikes, expensive", "steep!": the list's price said alone as a complaint
                     r"^\W*(?:(?:ugh+|oof|meh|eh|yikes|ouch|oh|damn|jeez|geez|whoa|wow|hmm+|mm+)\W+)"
                     r"(?:expensive|pricey|pricy|spendy|steep|dear)(?=\W*(?:(?:tbh|lol|ngl|tho|though)\W*)?$)|"
                     r"^\W*(?:pricey|pricy|spendy|steep)(?=\W*(?:(?:tbh|lol|ngl|tho|though)\W*)?$))\b", re.I)
# "what's the most expensive one you've got", "cheapest you have": the shop's extreme, asked of its stock (a
# step up or down in price), not a pick from the list on screen.
# What the shop holds, after "the most expensive": "one you've got", "you sell", "in stock".
STOCK_ONE = r"(?:one\s+|ones\s+|thing\s+|model\s+|option\s+)?(?:that\s+)?"
STOCK_HELD = r"(?:you'?ve got|you have|you got|you sell|you do|you carry|u have|u got|in stock|available|on offer)"
STOCK_EXTREME = re.compile(rf"\b(?:most expensive|priciest|cheapest|least expensive|dearest)\s+{STOCK_ONE}"
                           rf"(?:{STOCK_HELD}|going)\b", re.I)
# "cheapest vacuum u got?", "cheapest basketball overall?", "the cheapest thing in the whole shop", "is there
# anything cheaper than that at all?": the shop's extreme of a kind, not a pick from the list on screen.
SHOP_WIDE = re.compile(r"\b(?:cheapest|least expensive|lowest[- ]priced|most expensive|priciest|dearest|"
                       r"best[- ]rated|highest[- ]rated|top[- ]rated|most reviewed|cheaper|less expensive)\b"
                       rf"(?:\s+[\w'-]+){{0,5}}?\s+(?:{STOCK_HELD}|overall|at all|"
                       r"in (?:the |your )?(?:whole |entire )?(?:shop|store|site|range)|"
                       r"(?:from|of) any brand|anywhere|of all|full stop|period)\b", re.I)
# "Cheaper" in Chinese (便宜 cheap, 实惠 good value, 价格低/低价 low price); no \b: CJK has no spaces.
CHEAPER_ZH = re.compile(r"便宜|实惠|价格低|低价")
# Which brand an exclusion word governs ("skip nike", "nothing from dell", "not a fan of sony"). The cues
# are the skeleton's words plus those the training bank's exclusion templates put before the brand, read
# from the bank itself (`exclusion_cues`), so the rule parser and the LM's validator read exactly the
# wordings the LM is taught, and no list is kept by hand. Small words may sit between cue and brand.
_SKELETON_CUES = ("not", "no", "non-", "except", "without", "other than", "but not", "anything but", "aren't",
                  "isn't", "scratch", "instead of", "rather than", "no more", "enough", "rather not go with",
                  "not go with", "not going with", "rather not go for", "rather not have", "no need for", "no need",
                  "leave out", "nothing", "none", "no want", "not want", "don't want",  # "no want Nike"
                  "vetoed", "has vetoed", "hates", "can't stand", "not into",
                  "isn't into", "not keen on", "not a fan of", "isn't a fan of", "doesn't like", "dislikes",
                  # "he wouldn't be seen dead with Jansport or Nike", "she's allergic to anything Apple"
                  "wouldn't be seen dead with", "wouldn't be seen dead in", "wouldnt be seen dead with",
                  "wouldnt be seen dead in", "allergic to", "sick of", "fed up with", "done with",
                  # "can u take out all the north face and columbia stuff, way too outdoorsy"
                  "take out all", "get rid of all", "hide all",
                  # "he wont wear nike", "she refuses to wear anything Zara"
                  "won't wear", "wont wear", "will not wear", "refuses to wear", "wouldn't wear", "wouldnt wear",
                  "doesn't wear", "doesnt wear", "won't touch", "wont touch", "won't use", "wont use",
                  # "my son says I should not get an Apple one"
                  "should not get", "shouldn't get", "shouldnt get", "should not buy", "shouldn't buy",
                  "not to get", "not to buy")
_FILLERS = ("from", "by", "the", "any", "anything", "of", "more", "a", "an", "another", "those", "these", "very",
            "really", "expensive", "pricey", "overpriced", "fancy", "usual", "big", "flashy",
            r"read\s+(?:out|me)", r"(?:[a-z-]+\s+){0,2}?(?:brands?|labels?|stuff),?\s+(?:like|such\s+as)")
# words between the cue and the brand: "not the very expensive Apple ones", "do not read out anything from Zara",
# "no fast fashion brands like zara or uniqlo"
# What may follow the brand in a template for the words before it to be the cue: "leave {b} out" or
# "take {b} off the list" need their tail ("keep nike" alone asks for Nike), so they give no cue.
_NEUTRAL_TAILS = frozenset({"", "stuff", "ones", "products", "items", "please", "stuff please", "at all",
                            "thanks", "thank you"})
# Words that start a template but not the cue ("i don't like {b}" -> "don't like", "can you drop {b}").
_LEADING = frozenset({"i", "i'd", "can", "you", "but", "just", "please"})
# First words of cues that are not verbs, so have no "-ing" form ("excluding", "avoiding", "skipping").
_NOT_VERBS = frozenset({"not", "no", "non-", "never", "nothing", "anything", "everything", "except", "without",
                        "minus", "besides", "apart", "other", "don't", "rather"})


def _gerund(verb: str) -> str:
    """English "-ing" form of a regular verb: exclude -> excluding, skip -> skipping, avoid -> avoiding."""
    if verb.endswith("e") and not verb.endswith("ee"):
        return verb[:-1] + "ing"
    if len(verb) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", verb):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def exclusion_cues(templates: tuple[str, ...]) -> tuple[str, ...]:
    """The exclusion cues in `templates` ("avoid the {b} stuff" -> "avoid", "avoiding"), longest first."""
    cues = set(_SKELETON_CUES)
    for template in templates:
        if template.count("{b}") != 1:
            continue
        before, after = template.split("{b}")
        if after.strip(" ,.!?") not in _NEUTRAL_TAILS:
            continue
        words_ = before.split()
        while words_ and words_[-1] in _FILLERS:
            words_.pop()
        while len(words_) > 1 and words_[0] in _LEADING:
            words_.pop(0)
        if words_:
            cues.add(" ".join(words_))
            if words_[0] not in _NOT_VERBS:
                cues.add(" ".join([_gerund(words_[0]), *words_[1:]]))
    return tuple(sorted(cues, key=lambda cue: (-len(cue), cue)))


def _cue_pattern(cue: str) -> str:
    """A cue as a regex: any run of spaces between its words, the apostrophe optional ("dont want")."""
    return r"\b" + r"\s+".join(re.escape(w).replace("'", "'?") for w in cue.split())


EXCLUDE_CUES = exclusion_cues(EXCLUDE_BRAND_SEARCH + EXCLUDE_BRAND_REFINE)
EXCLUDE_BRAND = (r"(?:" + "|".join(_cue_pattern(cue) for cue in EXCLUDE_CUES) + r")"
                 rf"(?:\s+(?:{'|'.join(_FILLERS)}))*?\s*")  # lazy: "of the north face" keeps its "the"


_EXCLUSIONS: dict[int, tuple[dict, re.Pattern]] = {}
# What may come before a correction's "not X, Y": nothing, or words of apology and second thought.
_CORRECTION_LEAD = re.compile(r"\W*(?:(?:sorry|soz|actually|hmm+|no|nah|oh|oops|wait|ok|okay|i meant|i mean|"
                              r"my bad|my mistake)\W*)*", re.I)


def _exclusion_pattern(brands: dict[str, str]) -> re.Pattern:
    """An exclusion cue followed by a list of brand names; compiled once per brand table."""
    cached = _EXCLUSIONS.get(id(brands))
    if cached is None or cached[0] is not brands:
        names = "|".join(re.escape(form) for form in sorted(brands, key=len, reverse=True))
        pattern = re.compile(EXCLUDE_BRAND + rf"((?:{names})(?:\s*(?:,|\bor\b|\bnor\b|\band\b)\s*(?:{names}))*)"
                             r"(?![\w-])", re.I)
        cached = _EXCLUSIONS[id(brands)] = (brands, pattern)
    return cached[1]


def _is_correction(text: str, m: re.Match) -> bool:
    """Whether an exclusion match is a correction: "not X, Y" alone after words of apology."""
    return bool(_CORRECTION_LEAD.fullmatch(text[:m.start()]) and re.fullmatch(r"[^,]+,\s*[^,]+", m[1])
                and not re.search(r"\b(?:or|and|nor)\b", m[1], re.I))


def corrected_brand(text: str, brands: dict[str, str]) -> str | None:
    """The brand a correction names as meant: "hmm actually not sony, bose" -> Bose."""
    for m in _exclusion_pattern(brands).finditer(text) if brands else ():
        if _is_correction(text, m):
            names = list(alternation(brands).finditer(m[1].lower()))
            return brands[names[-1][1]] if len(names) == 2 else None
    return None


_NO_THE = re.compile(r"\W*no\W+the\s", re.I)


def excluded_brands(text: str, brands: dict[str, str], everyday: frozenset[str] = frozenset()) -> list[str]:
    """Catalog brands the text puts right after an exclusion word ("skip Nike", "nothing from Dell"),
    in order of mention. `brands`: lower-case form -> catalog brand.

    One pattern over all forms, longest first (a name that contains another wins), instead of one
    search per brand: the rule parser and the LM's validator both run it every turn.
    """
    if not brands:
        return []
    # "no apple or beats", "not nike, adidas or puma": the names listed after the cue are excluded too
    out = []
    for m in _exclusion_pattern(brands).finditer(text):
        if _is_correction(text, m) or _NO_THE.match(m[0]):
            # "sorry, not sony, bose", "no the uniqlo ultra light one": a correction naming the brand meant
            continue
        out += _brands_written(m[1], brands, everyday)
    for m in _LEAVE_OUT.finditer(text):  # "leave beats out", "Beats are overrated so leave those out"
        said = m[1] or m[2]
        those = said.lower() in _THOSE
        named = _brands_written(text[:m.start()] if those else said, brands, everyday)  # "those": named before
        if not those or len(set(named)) == 1:
            out.extend(named)
    for m in _PRICED_OUT.finditer(text):  # "le creuset's way out of my league": that brand is ruled out
        out += _brands_written(m[1], brands, everyday)
    for m in _NOT_BOTHER.finditer(text):  # "I'd rather not bother with Zara again": ruled out
        out += _brands_written(m[1], brands, everyday)
    for m in _SAID_NO_AFTER.finditer(text):  # "Nike no. Adidas no.", "Zara, H&M no", "Samsung forget."
        if not re.search(r"\b(?:is|are)\s+(?:a|an)$", m[1], re.I):  # "nike is a no": a verdict, read with its kind
            out += _brands_written(m[1], brands, everyday)
    for m in _UNWANTED.finditer(text):  # "samsonite dont want": the brand said first, then not wanted
        out += _brands_written(m[1], brands, everyday)
    for m in _LISTED_NO_THANKS.finditer(text):  # "Sony and Bose, no thanks. other brand please"
        out += _brands_written(m[1], brands, everyday)
    for m in _NOT_THEM.finditer(text):  # "le creuset prices are insane so not them": the one brand said before
        named = _brands_written(text[:m.start()], brands, everyday)
        if len(set(named)) == 1:
            out.extend(named)
    return list(dict.fromkeys(out))


def _brands_written(source: str, brands: dict[str, str], everyday: frozenset[str]) -> list[str]:
    """The catalog brands the words name, in order, each written as a brand (`written_as_brand`)."""
    return [brands[n[1]] for n in alternation(brands).finditer(source.lower())
            if written_as_brand(source[n.start(1):n.end(1)], brands[n[1]], everyday)]


def brand_priced_out(text: str, brands: dict[str, str], everyday: frozenset[str] = frozenset()) -> str:
    """The text without the complaints that price a named brand out ("le creuset's way out of my league"): the
    brand is excluded (`excluded_brands`), and the complaint asks for nothing cheaper than the others."""
    if not brands:
        return text
    return _PRICED_OUT.sub(lambda m: " " if _brands_written(m[1], brands, everyday) else m[0], text)


# "I'd rather not bother with Zara again", "won't bother with nike", "not going with Dell this time".
_NOT_BOTHER = re.compile(r"\b(?:(?:rather\s+not|won'?t|will\s+not|not|never)\s+(?:bother(?:ing)?\s+with|"
                         r"going\s+(?:with|for)|go(?:ing)?\s+back\s+to|touch(?:ing)?)|"
                         # "I've had it with Sony", "done with Samsung"
                         r"(?:i'?ve|i\s+have|i'?m|i\s+am)\s+(?:had\s+it|done|finished)\s+with)\s+([^,.;!?]{1,30})",
                         re.I)
# "... so not them", "not those": what was named before, ruled out.
_NOT_THEM = re.compile(r"\b(?:so|then|and)\s+(?:not|no)\s+(?:them|those|those ones|that brand)\b(?!\s+(?:ones?\s+)?"
                       r"(?:again|either))", re.I)
# Brands listed, then turned down: "Sony and Bose, no thanks", "nike or adidas - not for me".
_LISTED_NO_THANKS = re.compile(r"(?:^|[.;!?]\s*)([^,.;!?]{1,40}?)\s*[,:-]+\s*(?:no thanks?|no thank you|not for me|"
                               r"no way|nope|not please)(?=\s*(?:[,.;!?]|$))", re.I)
# A learner's order, the thing first and the verb last: "samsonite dont want", "nike i no want".
_UNWANTED = re.compile(r"([^,.;!?]{1,30}?)\s+(?:(?:i|we|he|she|they)\s+)?(?:don'?t|do not|doesn'?t|no|not)\s+want"
                       r"(?=\s*(?:[,.;!?]|lah?\b|la\b|$))", re.I)
# "le creuset's way out of my league", "the dysons are too pricey": a brand priced out of the search, in the
# words just before the complaint (one clause).
_PRICED_OUT = re.compile(r"([^,.;!?]{1,30}?)(?:(?:'s|'re|\s+is|\s+are)\s+(?:way\s+|a bit\s+|a little\s+|far\s+|bit\s+|"
                         r"just\s+|so\s+)?|\s+(?:way|far)\s+|"
                         # the verb dropped, or "'s" taken off by the speller: "herschel a bit dear"
                         # ("canada goose too dear"; not "would a garmin be too much?")
                         r"(?<!\bbe)(?<!\bis)(?<!\bare)(?<!\bwas)(?<!\bwere)(?<!\bget)\s+"
                         r"(?=(?:a bit|a little|bit|quite|rather|kinda|very|too) ))"
                         r"(?:out of (?:my|our|his|her|their) (?:league|price range|budget)|"
                         r"too (?:expensive|pricey|pricy|dear|steep|spendy|much)|over (?:my|our|his|her|their) budget|"
                         # "herschel's a bit dear actually, any jansport under 40?"
                         r"(?:a bit|a little|bit|quite|rather|kinda|kind of|very|so) (?:expensive|pricey|pricy|dear|"
                         r"steep|spendy))",
                         re.I)


# "leave X out", "leave those out": X (or the one brand named before "those") is ruled out.
# "leave beats out (of it)"; not "keep them out of the rain"
_LEAVE_OUT = re.compile(r"\b(?:leave|keep|cut)\s+(.{1,30}?)\s+out\b"
                        r"(?!\s+of\b(?!\s+(?:it|this|that|the (?:list|results|mix|running))\b))|"
                        # a learner's "ok leave Canada Goose, Columbia is there under 200?": that one left behind
                        r"^\W*(?:ok(?:ay)?\W+|tamam\W+)?leave\s+([A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,2})\s*,", re.I)
_THOSE = frozenset({"those", "them", "these", "that", "it", "those ones", "them all"})
# A maker named, then refused, as British Sign Language orders it: "Nike no. Adidas no.", "Zara, H&M no", "Apple no,
# too dear. Apple out", "Samsung forget." (the refusal ends its clause).
_SAID_NO_AFTER = re.compile(r"(?:^|[.,;!?]\s*)((?:[\w&'-]+\s+){0,2}[\w&'-]+(?:\s*,\s*(?:[\w&'-]+\s+){0,2}[\w&'-]+)*)"
                            r"(?<!\bor)\s+(?:no|not|out|forget|NOT want)(?=\s*(?:[.,;!]|$))", re.I)  # not "Nike or not"


def around(value: float) -> tuple[float, float]:
    """The (min, max) prices "around `value`" means, rounded to cents."""
    return round(value * AROUND_BAND[0], 2), round(value * AROUND_BAND[1], 2)


def to_number(value: str, kilo: str | None) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", value):
        value = value.replace(".", "")  # "1.500": grouped thousands
    number = float(value.replace(",", ""))
    return number * 1000 if kilo else number


def digits(text: str) -> str:
    """Numbers written in words as digits ("under twenty five dollars" -> "under 25 dollars").

    text2num rather than a word table here: it handles compounds ("one hundred and fifty",
    "forty-five") and leaves "one of those" or "the second one" alone. Only price reading uses it;
    references are read from the message as written. The library is imported with the module, so a
    missing install fails at start-up; an error on odd input returns the text unchanged, since that
    must never break a turn.
    """
    pair = _ROUND_PAIR.search(text)  # "between five hundred and eight hundred": two amounts, not 508 and 100
    if pair:
        return digits(text[:pair.start(1)]) + " " + digits(text[pair.start(1):])
    text = _SLANG_AMOUNT.sub(lambda m: _SLANG_AMOUNTS[m[1].lower()], text)  # "a couple hundred", "a tenner"
    text = _A_TON.sub("100", text)
    text = _ISH.sub(r"\1", text)  # "50ish max" is "50 max"
    try:
        read = alpha2digit(text, "en")
    except Exception:  # noqa: BLE001 (a library error on odd input is not the shopper's problem)
        return text
    if read == text:
        return text
    # What the library leaves half-read: "4 hundred" -> "4 100" (400), "a hundred and twenty" -> "a 120".
    read = re.sub(r"\b(\d{1,3})\s+(100|1000)\b", lambda m: str(int(m[1]) * int(m[2])), read)
    read = re.sub(r"\ba\s+(1\d\d|1000)\b", r"\1", read)
    # A price said the way it is spoken, two numbers in words: "two fifty" -> "2 50" is 250 (a digit and
    # tens: hundreds), "ninety nine ninety nine" -> "99 99" is 99.99 (two and two digits: cents).
    return _SPOKEN.sub(lambda m: m[0] if m[0] in text else _spoken(m), read)


# "five hundred and eight hundred": two round amounts, which text2num would read as 508 and 100.
_ROUND_PAIR = re.compile(r"\b(?:hundred|thousand)\s+((?:and|or|to)\s+(?:[a-z]+[\s-]+){0,2}(?:hundred|thousand))\b",
                         re.I)
_SLANG_AMOUNTS = {"a couple hundred": "200", "a couple of hundred": "200", "a grand": "1000", "a tenner": "10",
                  "a fiver": "5"}
_SLANG_AMOUNT = re.compile(r"\b(" + "|".join(_SLANG_AMOUNTS) + r")\b", re.I)
# "under a ton": British slang for a hundred, only as a bound ("a ton of pockets" is no price)
_A_TON = re.compile(r"(?:(?<=under )|(?<=below )|(?<=than )|(?<=up to )|(?<=max )|(?<=within ))a\s+ton\b", re.I)
_ISH = re.compile(r"\b(\d+(?:\.\d+)?)\s?-?ish\b", re.I)
_SPOKEN = re.compile(r"(?<![\d.,])\b([1-9]|[1-9]\d)\s+([1-9]\d)\b(?![.,]?\d)")


def _spoken(m: re.Match) -> str:
    return str(int(m[1]) * 100 + int(m[2])) if len(m[1]) == 1 else f"{m[1]}.{m[2]}"


_ANY_NUMBER = re.compile(rf"(?<![\w.]){_NUM}", re.I)


def stated_numbers(text: str) -> set[float]:
    """Every amount the text states, in digits or words ("$1,200", "1.5k", "a hundred"), except item
    numbers ("product 2", "#3"): "zoom in on product 2" states no price, "product 2 for $2" does."""
    read = mask_non_prices(NUMBER_REF.sub(" ", digits(text)))
    return {to_number(m[1], m[2]) for m in _ANY_NUMBER.finditer(read)}


# "really? nothing under 100?", "is there none below 50?": asked whether any is that cheap, not a floor.
_NONE_UNDER_ASKED = re.compile(r"\b(?:nothing|none|no\s+(?:\w+\s+)?(?:ones?|options?))\s+"
                               r"(?=(?:under|below|less than|cheaper than)\s*[$£€₹]?\s?\d[\d.,]*\s*"
                               r"(?:bucks|dollars|usd|quid|pounds|euros)?\s*\?)", re.I)


# "half are over 120?? i said under 120": what was said before is the budget; the complaint before it is none.
_I_SAID = re.compile(r"\bi\s+(?:said|asked for|wanted|told you)\b(?P<rest>.*\d.*)$", re.I)


# "that one's over 700", "you ignored my budget, that's way over 60": a complaint that the budget was passed, said
# with the budget; a ceiling, not a floor.
_OVER_COMPLAINT = re.compile(r"\b(?:that|this|it|they|these|those|(?:that|this)\s+one|some|half|most|all)"
                             r"(?:'s|'re|\s+one'?s|\s+is|\s+are|\s+of\s+them\s+are)?\s+(?:way\s+|well\s+|a\s+bit\s+|"
                             r"a\s+little\s+|still\s+|all\s+)?(?:over|above|more than)\s+(?:my\s+|the\s+)?"
                             rf"{_NUM}(?!\s*(?:%|stars?|reviews?))", re.I)


# A bound's word right before "about"/"around": "up to about 250", "no more than around 80", "over about 100".
_BOUND_BEFORE_ABOUT = re.compile(r"(?:\b(?:up ?to|under|below|less than|no more than|not more than|at most|"
                                 r"max(?:imum)?|within)|"
                                 r"(?P<floor>\b(?:over|above|more than|at least|min(?:imum)?)))\s*$", re.I)


# "some of these are like $200+ wtf. under 150": what the list on screen costs, said beside the budget wanted.
_LIST_PRICED = re.compile(r"(?:^|(?<=[.!?;,]))\s*(?:(?:some|all|most|half|loads|lots|a few)\s+of\s+)?"
                          r"(?:these|those|they|them|em)\s+(?:are\s+all\s+|all\s+)?"
                          r"(?:are|r|'re|cost|costs|look|seem)\b[^.!?;,]*", re.I)


# "under like eighty dollars", "under the 150": a filler between the cue and the amount
_CUE_LIKE = re.compile(r"\b(under|below|less than|over|above|more than|up to|at most|at least|no more than)\s+"
                       r"(?:like|the)\s+(?=[$£€₹]?\s?\d)", re.I)


def parse_prices(text: str) -> tuple[float | None, float | None]:
    """(min_price, max_price) stated in the text (in digits or words); None where not stated."""
    complaint = _OVER_COMPLAINT.search(digits(text))
    if complaint and re.search(r"\b(?:budget|ignored?|said|asked|told|too\s+(?:much|expensive|pricey))\b|\?\?|!",
                               text, re.I):
        return None, to_number(complaint[1], complaint[2])
    said = _I_SAID.search(text)
    if said and said.start() > 0 and re.search(r"\d", text[:said.start()]) \
            and not re.match(r"\s*[$£€₹]?\s?\d[\d.,]*\s*(?:,|but\b)", said["rest"]):  # not "i said 600 but 650"
        return parse_prices(said["rest"])
    judged = _LIST_PRICED.search(text)
    if judged and re.search(r"\d", digits(text[:judged.start()] + " " + text[judged.end():])):
        return parse_prices(text[:judged.start()] + " . " + text[judged.end():])  # the budget said beside it
    text = _NONE_UNDER_ASKED.sub("", mask_non_prices(digits(text)))
    text = _CUE_LIKE.sub(r"\1 ", text)  # "under like eighty dollars": the filler between the cue and the amount
    m = PRICE_RANGE.search(text)  # "$100-200", "budget 300-500", "100-150": a range is read before its ends
    if m and (_CURRENCY.search(text) or min(to_number(m[1], m[2]), to_number(m[3], m[4])) >= 10):
        low, high = to_number(m[1], m[2]), to_number(m[3], m[4])
        return min(low, high), max(low, high)
    m = PRICE_BETWEEN.search(text)
    if m:
        low, high = to_number(m[1], m[2]), to_number(m[3], m[4])
        return min(low, high), max(low, high)
    m = PRICE_AROUND.search(text)
    if m:
        value = to_number(m[1], m[2])
        if re.match(rf"\s*(?:(?:{_MONEY_WORDS})\s+)?(?:max|tops|at most|or less|or under|to spend|left|remaining|"
                    rf"{FOR_ALL})\b", text[m.end():], re.I):
            # "around 110 max", "got about 300 to spend", "~300 total", "about 600 left" are ceilings
            return None, value
        bound = _BOUND_BEFORE_ABOUT.search(text[:m.start()])
        if bound:  # "up to about 250 dollars": a ceiling, said loosely ("over about 100": a floor)
            return (value, None) if bound["floor"] else (None, value)
        rest = PRICE_AROUND.sub(" ", text)
        ceiling = PRICE_NEG_MAX.search(rest) or PRICE_MAX.search(rest) or PRICE_MAX_AFTER.search(rest)
        if ceiling and to_number(ceiling[1], ceiling[2]) >= value:
            return None, to_number(ceiling[1], ceiling[2])  # "around 600, absolute max 700": the ceiling said
        return around(value)
    low = high = None
    m = PRICE_NEG_MAX.search(text)
    if m:
        high = to_number(m[1], m[2])
    m = PRICE_NEG_MIN.search(text)
    if m:
        low = to_number(m[1], m[2])
    text = PRICE_NEG_MIN.sub(" ", PRICE_NEG_MAX.sub(" ", text))
    m = None if high is not None else PRICE_MAX.search(text) or PRICE_MAX_AFTER.search(text) \
        or PRICE_FOR_ALL.search(text)
    if m:
        high = to_number(m[1], m[2])
    m = None if low is not None else PRICE_MIN.search(text) or PRICE_MIN_AFTER.search(text)
    if m:
        low = to_number(m[1], m[2])
    if low is None and high is None:
        # "50-100" alone may be item numbers ("compare 1 to 3"); with a currency it is a price range.
        m = PRICE_RANGE.search(text)
        if m and ("$" in text or _CURRENCY.search(m[0])):
            low, high = to_number(m[1], m[2]), to_number(m[3], m[4])
            return min(low, high), max(low, high)
    return low, high


# "around 1000 max" as one phrase to strip (read as a ceiling by PRICE_MAX_AFTER): no "max" left to find Air Max.
_AROUND_CAPPED = re.compile(rf"(?:\baround|\babout|\broughly|~)\s*{_NUM}\s*(?:max(?:imum)?|tops|at most)\b", re.I)


# All a budget phrase leaves when the message was only a budget: "budget is around 1000 max" -> "budget is".
_BUDGET_LEFT = re.compile(r"^\W*(?:(?:so|ok|okay|and|my|the|our)\s+)*budget(?:\s+is|'s)?(?:\s+like)?\W*$", re.I)


_AIR_MAX = re.compile(r"\bair\s?max(?=\s?\d)", re.I)


def strip_prices(text: str) -> str:
    """The text without its price phrases: what an embedding search should look for.

    Read with numbers as digits (so "under twenty" goes too); a text without a price phrase comes
    back as written ("the third one" stays, not "the 3rd one").
    """
    read = " ".join(digits(text).split())
    stripped = _AIR_MAX.sub("airmaxmodel", without_rating_floor(read))  # "air max 90" is a model: kept whole
    for pattern in (PRICE_BETWEEN, _AROUND_CAPPED, PRICE_AROUND, PRICE_NEG_MAX, PRICE_NEG_MIN, PRICE_MAX,
                    PRICE_MAX_AFTER, PRICE_FOR_ALL, PRICE_MIN, PRICE_MIN_AFTER):
        stripped = pattern.sub(" ", stripped)
    stripped = " ".join(_BUDGET_LEFT.sub("", stripped).split()).replace("airmaxmodel", "air max")
    return " ".join(text.split()) if stripped == read else stripped


def count_of(word: str) -> int:
    """A small count in words or digits ("two", "3")."""
    return _COUNT_WORDS.get(word.lower()) or int(word)


def range_references(text: str, shown: int) -> tuple[int, ...]:
    """"the first two" / "top 3" -> (1, 2) / (1, 2, 3); "the last two" of five -> (4, 5); "both" -> (1, 2)
    when two or more are shown; "all of them" -> every position shown."""
    m = RANGE_REF.search(text)
    if m:
        return tuple(range(1, count_of(m[1]) + 1))
    m = LAST_RANGE.search(text)
    if m and shown:  # "the last two" of five shown: 4 and 5
        n = count_of(m[1])
        return tuple(range(max(1, shown - n + 1), shown + 1))
    if BOTH.search(text) and shown >= 2:
        return (1, 2)
    m = ALL_SHOWN.search(text)
    if m and shown and (not m["n"] or count_of(m["n"]) == shown):
        return tuple(range(1, shown + 1))
    return ()


def parse_references(text: str, allow_bare_numbers: bool) -> tuple[int, ...]:
    """1-based positions ("the second one" -> 2, "last" -> -1), in order of mention."""
    found: list[tuple[int, int]] = []
    for m in ORDINAL_REF.finditer(text):
        if m[1].lower() in ("first", "1st") and _ORDER_FIRST.search(text[:m.start()]):
            continue  # "cheapest first", "best rated first": an order, not the first item
        if m[1].lower() == "first" and _ERRAND_FIRST.search(text[:m.start()]) and _SAID_FIRST_END.match(text[m.end():]):
            continue  # "hoover first. cordless pls", "candles first, yankee": what to look at first
        if m[1].lower() == "first" and _ASKED_FIRST.search(text[:m.start()]) \
                and re.match(r"\s*(?:[?.!,]|$)", text[m.end():]):
            continue  # "what should I get first?": which errand comes first
        if m[1].lower() == "second" and re.match(r"[\s-]+to[\s-]+(?:the\s+)?last\b", text[m.end():], re.I):
            continue  # "second to last": the one before the last, read at "last"
        if m[1].lower() == "last" and _BEFORE_LAST.search(text[:m.start()]):
            found.append((m.start(), -2))  # "the one before the last", "second to last"
            continue
        if m[1].lower() == "last" and (_LAST_THE_VERB.search(text[:m.start()])
                                       or _LAST_VERB_AFTER.match(text[m.end():])
                                       or _HOW_LONG.search(text[:m.start()]) and _SAID_LAST_END.match(text[m.end():])):
            continue  # "how long does the battery last?"
        found.append((m.start(), ORDINALS[m[1].lower()]))
    for m in NUMBER_REF.finditer(text):
        found.append((m.start(), _NUMBER_WORDS.get(m[1].lower()) or int(m[1])))  # "number 2", "number two"
        end = m.end()
        while more := _AND_NUMBER.match(text, end):  # "number 1 and 2", "#2, 3 or 5": the same cue, listed
            found.append((more.start(1), int(more[1])))
            end = more.end()
    the_numbers = [(m.start(), int(m[1])) for m in THE_NUMBER_REF.finditer(text)]
    found.extend(the_numbers)
    for m in PLACE_REF.finditer(text):
        found.append((m.start(), 1 if (m[1] or m[2] or m[3]).lower() == "top" else -1))
    if allow_bare_numbers and len(found) == len(the_numbers):  # none, or only "the 2"s: "put the 1 and the 2"
        counting = _COUNT_ASKED.search(text)  # "how many reviews has it got, only 3?": a count guessed, not item 3
        found = [(m.start(), int(m[1])) for m in BARE_NUMBERS.finditer(text)
                 if not (counting and _GUESSED.search(text[max(0, m.start() - 12):m.start()]))
                 and not _PRICE_BEFORE.search(text[max(0, m.start() - 12):m.start()])  # "the JBL black for 52"
                 and not _AGE_BEFORE.search(text[max(0, m.start() - 16):m.start()])  # "my other son (11) wants"
                 and not _AGE_AFTER.match(text[m.end():])  # "my 17 yo", "the 9 year old"
                 and not _SIZE_BEFORE.search(text[max(0, m.start() - 16):m.start()])  # "my size is 44"
                 and not _MEASURE_AFTER.match(text[m.end():])] or the_numbers  # "20-25 litres", "15 inch"
    elif allow_bare_numbers and found:  # "compare 1 and the last one": a bare number paired with a position word
        found += [(m.start(), int(m[1])) for m in BARE_NUMBERS.finditer(text)
                  if _PAIRED_AFTER.match(text[m.end():])
                  or _PAIRED_BEFORE.search(text[:m.start()]) and _PAIRED_END.match(text[m.end():])]
    # "remove the 2nd one, the colour is too similar to the first": a position compared with is no pick, when
    # another is said before it
    found = [(at, ref) for at, ref in found if not _OWN_ORDINAL.search(text[max(0, at - 8):at])]
    compared = [i for i, (at, _) in enumerate(sorted(found))
                if i > 0 and _COMPARED_WITH.search(text[max(0, at - 20):at])]
    refs: list[int] = []
    for i, (_, ref) in enumerate(sorted(found)):
        if ref not in refs and i not in compared:
            refs.append(ref)
    return tuple(refs)


# A bare number joined to a position word: "1 and the last one", "the first or 3", "top one vs 4".
_POSITION_WORD = r"(?:the\s+)?(?:last|first|second|third|fourth|fifth|\d(?:st|nd|rd|th)|top|bottom)\b"
_PAIRED_AFTER = re.compile(rf"\s*(?:and|&|or|vs\.?|versus|with)\s+{_POSITION_WORD}", re.I)
_PAIRED_BEFORE = re.compile(rf"{_POSITION_WORD}(?:\s+one)?\s*(?:and|&|or|vs\.?|versus|with)\s+(?:the\s+)?$", re.I)
# ... and what follows the number then: not "the first and 2 more"
_PAIRED_END = re.compile(r"\s*(?:(?:one|ones|please|pls|too|also|as well)\b|[?.!,;]|$)", re.I)
# A thing named before "first" that is no pointer to the list ("hoover first.", "backpack first, jansport maybe").
_ERRAND_FIRST = re.compile(r"\b(?!(?:the|that|this|those|these|my|your|add|put|number|item|no|pick|take|get|choose|ok|"
                           r"okay|yes|yeah|yep|just|so|and|um|hmm|then|one|ones|want|buy|grab|with|go|for|gimme|give|"
                           r"me|show|like|only|is|was|very|maybe)\b)[a-z][\w'-]{2,}\s+$", re.I)
# "what should I get first?", "what do I buy first": the order of the errands, asked; not the first item.
_ASKED_FIRST = re.compile(r"\b(?:what|which)\s+(?:should|do|would|shall|must)\s+(?:i|we)\s+(?:get|buy|grab|do|"
                          r"order|pick up|sort out|look at)\s+$|"
                          # "What would you recommend me to buy first?"
                          r"\b(?:recommend|suggest|advise)\s+(?:(?:me|us)\s+)?(?:to\s+)?(?:get|buy|grab|order)\s+$",
                          re.I)
_SAID_FIRST_END = re.compile(r"\s*(?:[.,;!]|$|(?:then|pls|please|plz)\b)", re.I)
_ORDER_FIRST = re.compile(r"\b(?:cheapest|lowest(?:[\s-]priced?)?|highest(?:[\s-](?:rated|priced?))?|"
                          r"best(?:[\s-]rated)?|top[\s-]rated|most (?:expensive|popular|reviewed)|priciest|dearest|"
                          r"newest|lightest|biggest|smallest|cheap(?:er)? ones|expensive ones)\s+$", re.I)
_BEFORE_LAST = re.compile(r"\b(?:(?:one|item)\s+)?(?:before|above)\s+(?:the\s+)?$|\bsecond[\s-]+to[\s-]+(?:the\s+)?$|"
                          r"\bnext[\s-]+to[\s-]+(?:the\s+)?$|\bpen$", re.I)
_COUNT_ASKED = re.compile(r"\bhow\s+many\b|\b(?:reviews?|ratings?|stars?|people|votes?)\b", re.I)
_PRICE_BEFORE = re.compile(r"\b(?:for|at|costs?|costing|priced)\s+\$?$", re.I)
# A person's age: "my son 15", "other son (11)", "she's 12", "aged 7", "-20" (a temperature); not a position.
_PERSONS = r"(?:sons?|daughters?|kids?|boys?|girls?|nieces?|nephews?|grand(?:son|daughter|kid|child)s?|brothers?|" \
           r"sisters?|child|children|baby|toddler|teens?|twins?)"
_AGE_BEFORE = re.compile(rf"(?:\b{_PERSONS}\s*,?\s*\(?|\b(?:ages?|aged|turning|turned|turns|he'?s|she'?s|hes|shes|"
                         r"he is|she is)\s+|\(|-)\s*$", re.I)
_SIZE_BEFORE = re.compile(r"\b(?:size|sz|waist|inseam|us|uk|eu)\s*(?:is\s+|of\s+|:\s*)?$", re.I)
_MEASURE_AFTER = re.compile(r"\s*(?:(?:-|to)\s*\d+(?:\.\d+)?\s*)?(?:l|litres?|liters?|gb|tb|inch\w*|cm|mm|kg|lbs?|"
                            r"ml|oz|w|watts?|mah|hz|degrees?|°)\b|in\b", re.I)  # "15in"; not "the 3 in black"
_AGE_AFTER = re.compile(r"\s*(?:\)|-?\s*(?:yo|y/o|years?|yrs?|yr|months?|mo)\b)", re.I)
_GUESSED = re.compile(r"\b(?:only|just|like|about|around|roughly|maybe|over|under|at least)\s+$", re.I)
# "last" as a verb: "will it last", "how long does the battery last", "built to last".
_LAST_THE_VERB = re.compile(r"\b(?:it|they|does|do|did|will|would|to|battery|batteries|charge|can|could|"
                            r"they'?d|it'?d|theyd|itd|"
                            r"should|might|it'?ll|they'?ll|that'?ll|thatll|which'?ll|won'?t|wont|gonna|really|"
                            r"actually|long|never|always|ever|even|don'?t|doesn'?t|didn'?t|wouldn'?t)\s+$", re.I)
# ... and by what follows it: "some that last more than 5 mins", "ones that last ages".
_LAST_VERB_AFTER = re.compile(r"\s*(?:more than|longer\b|long\b|ages\b|forever\b|years\b|a while\b|"
                              r"(?:about|maybe|like)\s+(?:a|an|\d+|one|two)\s+(?:day|week|month|year|minute|hour)s?\b|"
                              r"for (?:years|ages|ever|long|a while)\b|beyond\b|past\b|through\b)", re.I)
# "how long does the battery on the 2nd last?": the verb, asked about a thing.
_HOW_LONG = re.compile(r"\bhow\s+long\s+(?:does|do|will|would|did|can|could|should)\b", re.I)
_SAID_LAST_END = re.compile(r"\s*(?:[?.!,;]|$|for\b|on\b)", re.I)
# "my first grandchild", "our tenth", "a second PS5 controller": the person's, or one more, not a position.
_OWN_ORDINAL = re.compile(r"\b(?:my|our|his|her|their|a)\s+$", re.I)
_COMPARED_WITH = re.compile(r"\b(?:(?:too|so|very) similar to|(?:too|so) close to|the same as)\s+(?:the\s+)?$", re.I)
