"""Hindi words shoppers mix into English chat ("3rd wala cart mein daal do", "kuch sasta dikhao", "zara nahi chahiye",
"1st wala le lo"), said in English.

Why a word map before parsing: Indian shoppers on an English shop's chat switch between the two languages in
one message, and the parsers read English. The words mapped here are the conversational glue (show, add,
remove, cheaper, one, for, not wanted, take it, what's the difference) that carries the intent, and a few
words for people and everyday things; product words a shop's own titles use stay as they are ("atta", "poha",
"namkeen"). Hindi puts what English says first after its object ("zara nahi chahiye": Zara not wanted; "mummy ke
liye": for mum; "300 dollar se kam": under 300), so those phrases are turned round. Only words that are not
English words are mapped, so an English message is never changed ("do", "me" and "hi" are read as Hindi only
inside a Hindi phrase: "pehle do" is the first two).
"""

from __future__ import annotations

from assistant.glue import Glue

_N = r"(\$?\d+(?:\.\d+)?k?)\s*(?:\$|dollars?|bucks|usd)?"
_ONE = r"(?:wala|wale|wali|waala|waale|waali|vala|vale|vali)"
_TAKE = r"le\s+(?:lo|lete\s+h[aei]+n?|leta\s+h[uoū]+n?|leti\s+h[uoū]+n?|lunga|lungi|lenge|le(?:te)?)\b"
_NTH = r"(\d(?:st|nd|rd|th)?|first|second|third|fourth|fifth|last|pehla|pehli|pehle|dusra|dusri|doosra|teesra|teesri)"
# (pattern, English): multi-word phrases first, so "daal do" is read before "do" could be.
_PHRASES: tuple[tuple[str, str], ...] = (
    (rf"{_N}\s+(?:se|say)\s+(?:kam|km)(?:\s+(?:me|mein|main|mai))?", r"under \1"),  # "300 dollar se kam": under 300
    (rf"{_N}\s+ke\s+(?:andar|neeche|niche)", r"under \1"),
    (rf"{_N}\s+(?:se|say)\s+(?:zyada|jyada|upar)", r"over \1"),
    (rf"{_N}\s+tak\b", r"up to \1"),                                             # "150 dollar tak": up to 150
    # "mummy ke liye phone chahiye": need a phone for mummy
    (r"(\w+)\s+ke\s+(?:liye|liya|lie|liyee)\s+((?:[\w&'$-]+\s+){0,4}?[\w&'$-]+)\s+(?:chahiye|chaiye|chahie)\b",
     r"need \2 for \1"),
    (r"(\w+)\s+ke\s+(?:liye|liya|lie|liyee)\b", r"for \1"),                      # "mummy ke liye": for mummy
    # "zara nahi chahiye", "apple wala nahi chahiye", "trail wale nahi chahiye": the thing said first is not wanted
    (rf"(^|[,.!?;]\s*|\b(?:aur|or|bhai|yaar|accha|acha|achha|ok)\s+)([\w&'.-]+(?:\s+[\w&'.-]+){{0,2}}?)\s+"
     rf"(?:{_ONE}\s+)?(?:bilkul\s+)?(?:nahi|nahin|nai|mat)\s+(?:chahiye|chaiye|chahie|dikhao|dikhana|dikhaiye)",
     r"\1no \2"),
    (r"(?:cart|basket)\s+(?:mein|me|mai|main)\s+(?:daal|dal|daalo|dalo|rakh|rakho|add\s+kar)\s*(?:do|de|dena|dijiye)?",
     "add to cart"),
    (r"(?:daal|dal|rakh)\s+(?:do|de|dijiye|dena)|daalo|dalo|add\s+kar(?:o|\s+do|\s+de|\s+dijiye)", "add"),
    (rf"{_NTH}\s+{_ONE}\s+{_TAKE}", r"add the \1 one"),                          # "1st wala le lo": add the 1st one
    (rf"(?:ye|yeh|is)\s+{_ONE}\s+{_TAKE}", "add this one"),
    (r"(?:sab|saare|sare|saari|sari)\s+filters?\s+(?:hata|nikal)\w*(?:\s+(?:do|de|dijiye))?", "clear all filters"),
    (r"(?:hata|nikal)\s+(?:do|de|dijiye|dena)|hatao|nikalo|remove\s+kar(?:o|\s+do|\s+de|\s+dijiye)", "remove"),
    (r"(?:naye\s+sire\s+se|shuru\s+se|fir\s+se|phir\s+se)\s+shuru\s+kar\w*(?:\s+h[aei]+n?)?", "start over"),
    # "1 aur 2 me kya farak hai": what's the difference between 1 and 2
    (r"(\S+(?:\s+\S+){0,3}?)\s+(?:me|mein|main|mai)\s+kya\s+(?:farak|farq|fark|difference|antar)(?:\s+h[aei]+)?",
     r"what's the difference between \1"),
    (r"(?:thoda|thodi|thode)\s+aur", "a bit"),
    (r"(\w+)\s+colou?r\s+(?:me|mein|main|mai)\b", r"in \1"),               # "pink colour me": in pink
    (r"(?:cart|basket)\s+(?:se|say)\b", "from the cart"),
    (r"(?:ye|yeh)\s+sab(?:\s+hi)?\b", "these"),
    (r"hi\s+(?=dikha)", ""),                                                    # "backpack hi dikha do"
    (r"rakhna\s+h[aei]+", "keep"), (r"kab\s+aaye?(?:ga|gi)", "when will it come"), (r"abhi\s+tak", "so far"),
    (r"pehle\s+do\b", "first two"), (r"pehle\s+teen\b", "first three"),
    (r"(\w+)\s+koi\s+bhi\s+chale(?:ga|gi)", r"any \1 is fine"),                 # "brand koi bhi chalega"
    (r"compare\s+kar(?:o|\s+do|\s+de|\s+dijiye)", "compare"),
    (r"(\w+)\s+kar(?:o|\s+do|\s+de|\s+dijiye|iye)\b", r"\1"),                    # "suggest karo": suggest
    (r"dikha(?:o|\s+do|\s+de|iye|\s+dijiye)|dikhaao", "show"),
    (r"dikha\s+rah[ei]\s+ho", "are you showing"),
    (r"aur\s+(?:options|dikhao|show)", "more options"),
    (r"(?:kuch|kuchh)\s+(?:aur|or)", "something else"),
    (r"(?:milega|milegi|milenge|mil\s+jayega|mil\s+jayegi|mil\s+sakta\s+hai)\s+kya\b", "available"),
    (r"(?:hai|h)\s+kya\b", ""),                                                # "4th wala waterproof hai kya?"
    (r"(?:theek|thik|thek)\s+h(?:ai)?\b", "ok"),
    (r"bas\s+itna\s+hi", "that's all"),
    (r"(?:sab|sabhi)\s+hi\b", "all"),
    (r"kis\s+hisaab\s+se", "on what basis"),
    (r"(?:dekhni|dekhna)\s+(?:thi|tha|hai)", "want to see"),
    (r"(?:leni|lena)\s+(?:hai|thi|tha)", "need"),
    # "silk saree chahiye for shaadi": need a silk saree; the thing wanted said first
    (r"((?:[\w&'$-]+\s+){0,4}?[\w&'$-]+)\s+(?:chahiye|chaiye|chahie)\b", r"need \1"),
    (r"(exchange|return|refund|replace)\s+ho\s+(?:jaye?(?:ga|gi)|sakta|sakti)", r"can I \1 it"),
)
_WORDS: dict[str, str] = {
    "sasta": "cheaper", "saste": "cheaper", "sasti": "cheaper", "sastaa": "cheaper",
    "mehenga": "expensive", "mehnga": "expensive", "mehngi": "expensive", "mehange": "expensive",
    "wala": "one", "wale": "one", "wali": "one", "waala": "one", "waale": "one", "waali": "one", "vala": "one",
    "mein": "in", "chahiye": "need", "chaiye": "need", "chalega": "is fine", "chalegi": "is fine",
    "kitna": "how much", "kitne": "how much", "kitni": "how much", "bina": "without", "kuch": "something",
    "kuchh": "something", "achha": "good", "accha": "good", "acha": "good", "nahi": "not", "nahin": "not",
    "dikhao": "show", "batao": "tell me", "aur": "and", "dono": "both", "thoda": "a bit", "thodi": "a bit",
    "thode": "a bit", "bhi": "too", "sirf": "only", "bahut": "very", "kyu": "why", "kyun": "why", "kyon": "why",
    "kya": "what", "mera": "my", "meri": "my", "mere": "my", "koi": "any", "ek": "one", "toh": "then",
    "chalo": "ok", "pehla": "first", "pehli": "first", "dusra": "second", "dusri": "second", "doosra": "second",
    "teesra": "third", "teesri": "third", "tisra": "third", "chautha": "fourth", "chauthi": "fourth",
    "aakhri": "last", "akhri": "last", "ghadi": "watch", "joote": "shoes", "jute": "shoes", "didi": "sister",
    "bhatija": "nephew", "bhatije": "nephew", "bhatiji": "niece", "beti": "daughter", "hua": "", "hui": "",
    "hai": "", "hain": "", "hoon": "", "milega": "available", "milegi": "available", "milenge": "available",
    "acche": "good", "acchi": "good", "ache": "good", "achhe": "good", "agar": "if", "phir": "then", "saal": "years",
}
# Short words that are Hindi only beside other Hindi ("lenovo ke dikhao"; not "hoe ka", a brand misheard, nor "ab"
# or "ye" on their own): read once something else in the message was.
_WEAK_WORDS: dict[str, str] = {
    "ka": "", "ki": "", "ke": "", "ko": "", "na": "", "hu": "", "ye": "this", "yeh": "this", "sab": "all",
    "kis": "which", "ab": "", "fir": "then", "din": "days",
}
HINDI = Glue(_PHRASES, _WORDS, _WEAK_WORDS)


def in_english(message: str) -> tuple[str, bool]:
    """The message with its Hindi glue words in English, and whether anything changed."""
    return HINDI.in_english(message)
