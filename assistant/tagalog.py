"""Tagalog words Filipino shoppers mix into English chat ("ayoko po ng Skullcandy", "meron po bang mas mura?",
"add ko na yung pangalawa", "pakitanggal po yung lipstick"), said in English.

Why: Taglish keeps the product words in English and says the glue in Tagalog: the polite "po", "yung" (the),
ordinals ("pangalawa", "yung huli": the second, the last one), not wanted ("ayoko ng", "wag na"), cheaper ("mas
mura"), do you have ("meron ba", "may ... kayo"), remove ("tanggalin"), why, thanks. Unread, "wag na po Apple"
showed Apple laptops, "next po" was no request at all, and "yung huli" was a thing the shop lacks.
"""

from __future__ import annotations

from assistant.glue import Glue

_PO = r"(?:\s+(?:po|ho|naman|nga|ba|na))*"
_NTH = {"una": "first", "pangalawa": "second", "ikalawa": "second", "pangatlo": "third", "ikatlo": "third",
        "pang-apat": "fourth", "pangapat": "fourth", "ikaapat": "fourth", "panglima": "fifth", "ikalima": "fifth",
        "huli": "last"}
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"(?-i:po)\b(?!\s+(?:box|number|no\b|#))", ""),                        # the polite "po", not a PO number
    (r"(?:opo|oo)\b(?=\s*[,.!]|\s+sige|$)", "yes"),
    (r"(?<=\w)\s+at\s+(?=(?:yung|ung|ang)\b)", " and "),                     # "yung 1 at yung huli": and
    # "ayoko po ng Beats saka Skullcandy", "ayaw ko ng floral", "wag na Apple", "wag lang yung floral"
    (rf"(?:ayoko|ayaw\s+ko|ayaw\s+namin|ayaw){_PO}(?:\s+(?:ng|nang|sa|yung|ung))?\b", "no"),
    (r"(?:wag|huwag)\s+na\s+pala\b", ""),                                      # "not after all"
    (r"(?:huwag|wag(?=\s+(?:na|po|ho|lang|yung|ung|ang|ng|mo|nyo|naman|din|rin)\b))"
     rf"{_PO}(?:\s+(?:lang|din|rin))?(?:\s+(?:yung|ung|ang|ng|sa))?\b", "no"),
    # "meron po bang mas mura?", "meron po ba kayong electric fan?": do you have
    (rf"(?:meron|mayroon){_PO}(?:\s+(?:ba|bang))?(?:\s+(?:kayo|kayong))?(?:\s+(?:ng|nang))?\b(?!\s*[?.!]|\s*$)",
     "do you have"),
    (rf"(?:meron|mayroon){_PO}(?:\s+(?:ba|kayo))*\s*(?=[?.!]|$)", "available"),   # "black po meron?"
    # "may Huawei phone po ba kayo?": do you have a Huawei phone; "may below 200 po ba?": any below 200
    (r"may\s+((?:[\w&'$-]+\s+){0,4}?[\w&'$-]+)(?:\s+(?:po|ho))?\s+(?:ba\s+)?kayo\b", r"do you have \1"),
    (r"may\s+((?:[\w&'$-]+\s+){0,4}?[\w&'$-]+)(?:\s+(?:po|ho))?\s+ba\b", r"any \1"),
    (r"mas\s+mura", "cheaper"), (r"mas\s+mahal", "pricier"), (r"mas\s+maganda", "better"),
    (r"(?:ang|sobrang|medyo)\s+mahal", "too expensive"),
    (r"(?:kahit|kahet)\s+ano(?:ng)?(?:\s+na)?\b", "any"), (r"kahit\s+sino(?:ng)?\b", "any"),
    # "add ko na yung pangalawa", "add mo na", "i-add", "kukunin ko na yung 2": add the second one
    (r"(?:i-add|iadd|add)\s+(?:ko|mo|nyo|niyo)(?:\s+(?:na|din|rin|po))*\b", "add"),
    (r"(?:kukunin|kunin|bibilhin|bilhin)\s+ko(?:\s+(?:na|din|rin|po))*\b", "add"),
    (r"(?:pakitanggal|pakialis|tanggalin|tanggal|alisin|paki-remove|pakiremove|pa-remove)\b", "remove"),
    (r"(?:pa-check|pacheck|pakita|patingin|pakitingin)(?:\s+(?:naman|po|nga))*(?:\s+(?:ng|nang|nung|yung))?\b",
     "show me"),
    (r"(?:naghahanap|hanap|hinahanap|naghahanap)(?:\s+(?:po|ako|kami|ko))*(?:\s+(?:ng|nang))?\b", "looking for"),
    (r"need\s+(?:ko|namin|natin)(?:\s+(?:po|ng|nang))*\b", "need"),
    (r"(?:ulitin|ulit|simula\s+ulit|balik\s+sa\s+umpisa)(?:\s+(?:na|lang|po|natin|nalang))*\b", "start over"),
    (r"(?:salamat|maraming\s+salamat)(?:\s+(?:po|ho))?(?:\s+ng\s+marami)?\b", "thanks"),
    (r"ok(?:ay)?\s+na\s+(?:po\s+)?(?:yan|yun|iyan|iyon)\b", "that's all"),
    (r"(?:nasa|sa|ng)\s+(?:pinaka-?taas|pinakataas|taas|itaas)\b", "on top"),
    (r"(?:kelan|kailan)(?:\s+(?:po|ho|ba))*\s+(?:darating|dadating|dating|makukuha)\b", "when will it arrive"),
    (r"(?:pwede|puwede)(?:\s+(?:po|ho|ba))+\b", "can I"),
    (r"(?:pano|paano)(?:\s+(?:po|ho|ba|pala))*(?=\s+mag-?\w)", "how do I"),
    (r"mahilig\s+(?:sya|siya|syang|siyang)\b", "they like"),
    (r"(?:regalo|gift)\s+(?:sa|para\s+sa|for)\b", "gift for"),
    (r"(?:na\s+)?(?:ano|anong)(?:\s+(?:po|ho|ba))*\s+(?:magandang|maganda\s+na)\s+(?:regalo|gift)",
     "what is a good gift"),
    (r"pinaka-?(?:mura|murang)\b", "cheapest"), (r"pinaka-?(?:mahal|mahalin)\b", "most expensive"),
    (r"mag-(\d+)\b", r"turning \1"),                                             # "mag-80 na sya": turning 80
    (r"(?:mag|nag)-(\w+)", r"\1"),                                               # "mag-exchange", "nag-order"
    (r"pang-(?!apat\b)(\w+)", r"for \1"),                                        # "pang-gym": for the gym
    # "compare yung 1 at yung huli": and, between two things pointed at
    # "X lang": only X ("Zara lang po"), but a number's "lang" is just itself ("under 150 lang")
    (r"(\d+)\s+lang\b", r"\1"),
    (r"na\s+lang\b", ""),
    (r"([A-Za-z][\w&'-]*)\s+(?-i:lang)(?=\s+(?:po|ho|sana|muna|naman)\b|\s*[,.!?]|\s*$)", r"only \1"),
    *((rf"(?:yung|ung|ang)\s+{word}\b", f"the {english} one") for word, english in _NTH.items()),
    # "anak ko", "lola ko", "budget ko": my child, my grandma, my budget
    (r"(?<![-\w])(?!(?:add|need|ayoko|ayaw)\b)([A-Za-z][\w'-]*)\s+(?-i:ko)\b", r"my \1"),
)
_WORDS: dict[str, str] = {
    # the ordinals said alone ("pangalawa po, sweatproof ba?"); "una" is first only after "yung"
    **{word: f"{english} one" for word, english in _NTH.items() if word != "una"},
    "yung": "the", "ung": "the", "iyong": "the", "mura": "cheap",
    "mahal": "expensive", "saka": "and", "tapos": "then", "bakit": "why", "alin": "which", "magkano": "how much",
    "kelan": "when", "kailan": "when", "paano": "how", "saan": "where", "salamat": "thanks", "sige": "ok",
    "kulay": "colour", "kasi": "because", "talaga": "really", "medyo": "a bit", "lahat": "all", "regalo": "gift",
    "maganda": "nice", "magandang": "good", "malaki": "big", "maliit": "small", "pwede": "can", "puwede": "can",
    "darating": "arrive", "dumating": "arrive", "bukas": "tomorrow", "ngayon": "now", "mamaya": "later", "naman": "",
    "nyan": "", "niyan": "", "eto": "this", "iyan": "that", "sya": "they", "siya": "they", "kayo": "you", "natin": "",
    "namin": "our", "anak": "child", "matagal": "long", "maingay": "noisy", "kasya": "fit", "ibang": "other",
    "tsaka": "and", "lolo": "grandpa", "nanay": "mum", "tatay": "dad", "mahilig": "likes", "huhu": "", "grabe": "so",
    "nalang": "", "ayoko": "no", "dito": "here", "taga": "from", "magluto": "cooking", "luto": "cooking",
    "kasal": "wedding", "ninang": "godmother", "ninong": "godfather", "binyag": "christening", "pinsan": "cousin",
    "asawa": "spouse", "kapatid": "sibling",
}
# Short words that are English words or other languages' too: read once something Tagalog was.
_WEAK_WORDS: dict[str, str] = {
    "ng": "", "nang": "", "sa": "in", "ang": "the", "na": "", "ba": "", "bang": "", "ko": "my", "mo": "your",
    "mga": "about", "din": "too", "rin": "too", "lang": "just", "may": "there is", "ho": "", "hindi": "not",
    "di": "not", "nga": "", "ha": "", "eh": "", "para": "for", "yan": "that", "ito": "this", "kami": "we",
    "lola": "grandma", "hehe": "", "ako": "I", "yun": "that", "tela": "fabric", "gusto": "want", "pano": "how",
    "iba": "something else", "kung": "if", "pag": "if", "daw": "", "sana": "", "pala": "", "anong": "what",
    "ano": "what",
}

TAGALOG = Glue(_PHRASES, _WORDS, _WEAK_WORDS)


def in_english(message: str) -> tuple[str, bool]:
    """The message with its Tagalog glue in English, and whether anything changed."""
    return TAGALOG.in_english(message)
