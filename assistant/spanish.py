"""Spanish words shoppers mix into English chat ("busco unos running shoes baratos", "add el primero al carrito",
"no me gusta Nike", "algo menos de 30 dolares"), said in English.

Why a word map before parsing: bilingual shoppers switch languages within one message, and the parsers read
English. Read as they were, "menos de 400" ("less than") was a floor of $400, "no me gusta Nike" a search for Nike,
"el primero" a thing the shop lacks, and every message carried a notice that the shop reads English only. The
phrases and words mapped are the conversational glue (add, remove, the first one, less than, I don't like), the
common product nouns and the colours; none is an English word a shopper would type (the brand "Uno" is kept: only
"uno mas barato" is "a cheaper one"), so an English message is never changed.
"""

from __future__ import annotations

import re

_N = r"(\d+(?:[.,]\d+)?k?)"
# (pattern, English), phrases first so that "menos de" is read before its words.
_PHRASES: tuple[tuple[str, str], ...] = (
    (rf"(?:(?:uno|una|algo)\s+)?m[aá]s\s+barat[oa]s?\s+(?:que|de)\s+\$?\s*{_N}", r"something under \1"),
    (rf"(?:menos|menor)\s+(?:de|que|a)\s+\$?\s*{_N}", r"under \1"),
    (rf"(?:mas|más|mayor)\s+(?:de|que|a)\s+\$?\s*{_N}", r"over \1"),
    (rf"entre\s+\$?\s*{_N}\s+y\s+\$?\s*{_N}", r"between \1 and \2"),
    (r"no\s+me\s+gusta(?:n)?(?:\s+(?:el|la|los|las))?", "no"),
    (r"(?:va(?:c|s)[ií]a|borra\s+todo\s+(?:de|en))\s+(?:el|mi)\s+carrito", "empty my cart"),
    (r"(?:que|qué)\s+(?:hay|tengo)\s+en\s+(?:el|mi)\s+carrito", "what's in my cart"),
    (r"(?:cu[aá]nto|cuanto)\s+(?:es|sale|cuesta|seria|sería)\s+(?:todo|el\s+total|en\s+total)", "what's the total"),
    (r"(?:cambia|pon)\s+la\s+cantidad\s+a", "change the quantity to"),
    (r"p[oó]n(?:le|lo)(?:\s+solo)?(?=\s+\d)", "make it"),
    (r"(?:al|a\s+mi|en\s+(?:el|mi))\s+carrito", "to my cart"), (r"(?:del|de\s+mi)\s+carrito", "from my cart"),
    (r"(?:cu[aá]l|cual)\s+tiene", "which has"),
    (r"(?:el|la)\s+primer[oa]?", "the first one"), (r"(?:el|la)\s+segund[oa]", "the second one"),
    (r"(?:el|la)\s+tercer[oa]?", "the third one"), (r"(?:el|la)\s+cuart[oa]", "the fourth one"),
    (r"(?:el|la)\s+quint[oa]", "the fifth one"), (r"(?:el|la)\s+[uú]ltim[oa]", "the last one"),
    (r"uno\s+m[aá]s\s+barat[oa]", "a cheaper one"), (r"(?:algo|uno|una)\s+m[aá]s\s+barat[oa]s?", "something cheaper"),
    (r"m[aá]s\s+barat[oa]s?\s+que", "cheaper than"), (r"m[aá]s\s+barat[oa]s?", "cheaper"),
    (r"m[aá]s\s+car[oa]s?", "pricier"),
    (r"(?:mejor|m[aá]s\s+alto)\s+(?:calificad[oa]|valorad[oa]|rating|puntuad[oa])", "best rated"),
    (r"(?:cu[aá]l|cual)\s+es\s+(?:el\s+|la\s+)?mejor", "which is better"),
    (r"(?:cu[aá]nto|cuanto)\s+(?:cuesta|vale|es)", "how much is"),
    (r"tenis\s+para\s+correr|zapatillas\s+(?:para\s+correr|de\s+running)", "running shoes"),
    (r"por\s+favor", "please"), (r"estoy\s+buscando", "looking for"),
    (r"(?:tienes|tienen|hay)\s+(?:este|esta|estos|estas|eso|esa|ese)", "do you have it"),
)
_WORDS: dict[str, str] = {
    "busco": "looking for", "necesito": "i need", "quiero": "i want", "tienes": "do you have", "tienen": "do you have",
    "hay": "is there", "agrega": "add", "agregalo": "add it", "agrégalo": "add it", "agregame": "add",
    "agrégame": "add", "añade": "add", "anade": "add", "añadelo": "add it", "metelo": "add it", "ponlo": "add it",
    "borra": "remove", "borralo": "remove it", "bórralo": "remove it", "quita": "remove", "quitalo": "remove it",
    "quítalo": "remove it", "sacalo": "remove it", "sácalo": "remove it", "elimina": "remove", "compara": "compare",
    "barato": "cheap", "barata": "cheap", "baratos": "cheap", "baratas": "cheap", "caro": "expensive",
    "cara": "expensive", "porfa": "please", "porfis": "please", "xfa": "please", "gracias": "thanks",
    "tambien": "too", "también": "too", "algo": "something", "otro": "another", "otra": "another",
    "sin": "without", "con": "with", "para": "for", "mi": "my", "dolares": "dollars",
    "dólares": "dollars", "talla": "size", "regalo": "gift", "novia": "girlfriend", "novio": "boyfriend",
    "mamá": "mom", "papá": "dad", "hijo": "son", "hija": "daughter", "hermano": "brother", "hermana": "sister",
    "zapatos": "shoes", "zapatillas": "sneakers", "tenis": "sneakers", "audifonos": "headphones",
    "audífonos": "headphones", "auriculares": "headphones", "reloj": "watch", "relojes": "watches",
    "mochila": "backpack", "mochilas": "backpacks", "vestido": "dress", "vestidos": "dresses", "chaqueta": "jacket",
    "chaquetas": "jackets", "chamarra": "jacket", "camiseta": "t-shirt", "camisetas": "t-shirts",
    "playera": "t-shirt", "playeras": "t-shirts", "celular": "phone", "celulares": "phones", "telefono": "phone",
    "teléfono": "phone", "computadora": "laptop", "portatil": "laptop", "portátil": "laptop", "juguete": "toy",
    "juguetes": "toys", "cocina": "kitchen", "hervidor": "kettle", "sarten": "frying pan", "sartén": "frying pan",
    "negro": "black", "negra": "black", "negros": "black", "negras": "black", "blanco": "white",
    "blanca": "white", "blancos": "white", "rojo": "red", "roja": "red", "azul": "blue", "azules": "blue",
    "verde": "green", "gris": "grey", "rosa": "pink", "rosado": "pink", "amarillo": "yellow", "morado": "purple",
    "naranja": "orange", "marron": "brown", "marrón": "brown", "unos": "some", "unas": "some",
    "ahora": "now", "cual": "which", "cuál": "which", "tiene": "has",
    "económico": "cheap", "economico": "cheap", "económica": "cheap", "economica": "cheap", "económicos": "cheap",
    "economicos": "cheap", "cafetera": "coffee maker", "cafeteras": "coffee makers", "olla": "pot", "ollas": "pots",
    "funda": "case", "fundas": "cases", "pijama": "pyjamas", "pijamas": "pyjamas", "nietos": "grandchildren",
    "nieto": "grandson", "nieta": "granddaughter", "amable": "kind", "carrito": "cart", "mejor": "better",
    "en": "in", "el": "the", "los": "the", "las": "the", "una": "a", "es": "is", "muy": "very", "pero": "but",
}
# Single letters joining two words: "sony o bose", "negro y blanco".
_JOINS = ((re.compile(r"(?<=\w)\s+o\s+(?=\w)", re.I), " or "), (re.compile(r"(?<=\w)\s+y\s+(?=\w)", re.I), " and "))
_COMPILED = tuple((re.compile(rf"(?<!\w){pattern}(?!\w)", re.I), english) for pattern, english in _PHRASES)
_WORD = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) + r")(?!\w)", re.I)
# Spanish glue that says the message is Spanish at all (an English message with "sin" or "con" is left alone).
_SPANISH_CUE = re.compile(r"(?<!\w)(?:el|la|los|las|unos|unas|de|del|por|para|quiero|busco|tienes|hay|mas|más|"
                          r"menos|carrito|porfa|gracias|cu[aá]nto|algo|tambi[eé]n|barat[oa]s?|primer[oa]?|"
                          r"segund[oa]|[uú]ltim[oa]|no\s+me\s+gusta|cu[aá]l|tiene|ahora|p[oó]nle|mejor|s[aá]calo|"
                          r"qu[ií]talo|borra|agrega\w*|a[nñ]ade|vac[ií]a|necesito|aud[ií]fonos|zapatillas|mochila|"
                          r"reloj|econ[oó]mic[oa]s?|cafeteras?|ollas?|fundas?|pijamas?|niet[oa]s?|amable)(?!\w)", re.I)


def in_english(message: str) -> tuple[str, bool]:
    """The message with its Spanish glue words and common nouns in English, and whether anything changed."""
    if not _SPANISH_CUE.search(message):
        return message, False
    text = message
    for pattern, english in _COMPILED:
        text = pattern.sub(english, text)
    text = _WORD.sub(lambda m: _WORDS[m[1].lower()], text)
    for pattern, english in _JOINS:
        text = pattern.sub(english, text)
    return text, text != message
