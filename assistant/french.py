"""French Montreal shoppers mix into English chat ("en bas de 130$", "pas de Nike pis pas d'Adidas", "en noir",
"moins cher svp", "le 2e, ajoute-le au panier", "enlève le premier", "y'en a-tu d'autres?"), said in English.

Why: Québécois shoppers switch between English and French inside a message, keeping brands and often the product
word in English and the glue in French: prices ("en bas de", "moins de", "entre ... pis ..."), colours after
"en", "pas de" (no), "moins cher" (cheaper), the ordinals ("le 2e", "le premier", "le dernier"), the cart
("ajoute", "mets-le dans le panier", "enlève"), "d'autres" (others) and a few kinds ("bouilloire", "grille-pain",
"écouteurs", "manteau"). Unread, "en bas de 25$" set no price, "en noir" was a new search and "pas de H&M"
asked for H&M.
"""

from __future__ import annotations

from assistant.glue import Glue

_N = r"(\$?\d+(?:[.,]\d+)?\s*\$?)"
_COLOURS = {"noirs?|noires?": "black", "blancs?|blanches?": "white", "bleu marine|marine": "navy",
            "bleus?|bleues?": "blue", "rouges?": "red", "verts?|vertes?": "green", "jaunes?": "yellow",
            "roses?": "pink", "gris|grises?": "grey", "bruns?|brunes?|marron": "brown", "violets?|mauves?": "purple",
            "argent|argentés?": "silver", "dorés?": "gold"}
_NTH = {"premier|première|1er|1re": "first", "2e|deuxième|second|seconde": "second", "3e|troisième": "third",
        "4e|quatrième": "fourth", "5e|cinquième": "fifth", "dernier|dernière": "last"}
_PHRASES: tuple[tuple[str, str], ...] = (
    (rf"pas\s+en\s+bas\s+de\s+{_N}", r"at least \1"), (rf"en\s+bas\s+de\s+{_N}", r"under \1"),
    (rf"moins\s+(?:de|que)\s+{_N}", r"under \1"), (rf"plus\s+(?:de|que)\s+{_N}", r"over \1"),
    (rf"entre\s+{_N}\s+(?:et|pis|pi|and)\s+{_N}", r"between \1 and \2"), (r"piasses?\b", "dollars"),
    (r"(?:y'?a-tu|y'?en\s+a-tu|avez-vous|vous\s+avez(?:-tu)?)\s+(?:du\s+|des\s+)?moins\s+cher", "anything cheaper"),
    (r"moins\s+cher", "cheaper"), (r"(?:c'est\s+)?(?:trop\s+cher|cher\s+en\s+maudit)", "too expensive"),
    (r"(?:du\s+)?plus\s+haut\s+de\s+gamme", "more premium"),
    (r"(?:y'?en\s+a-tu|avez-vous|vous\s+avez(?:-tu)?)\s+d'autres\s*\??", "any others?"),
    (r"y'?en\s+a-tu\b", "any?"), (r"si\s+y'?en\s+a\b", "if you have it"),
    (r"(?:vous\s+vendez-tu|vendez-vous|vous\s+vendez)\b", "do you sell"),
    (r"(?:vous\s+avez-tu|avez-vous)\b", "do you have"),
    (r"n'?importe\s+quelle\s+(?:marque|brand)", "any brand"), (r"n'?importe\s+quelle\s+couleur", "any colour"),
    (r"sans\s+fil\b", "wireless"), (r"sans\s+parfum\b", "fragrance-free"),
    (r"(?:pas\s+de\b|pas\s+d'|sans\s+)(?=\s*[\w&'])", "no "),
    (r"(?:celui|celle)\s+qui\s+est\s+(?:le|la)\s+plus\s+cher(?:e)?\b", "the most expensive one"),
    (r"(?:le|la)\s+plus\s+cher(?:e)?\b", "the most expensive"), (r"(?:le|la)\s+moins\s+cher(?:e)?\b", "the cheapest"),
    (r"les\s+deux\s+premiers\b", "the first two"), (r"les\s+deux\b", "both"),
    (r"(?:ma|la)\s+commande\s+va\s+arriver\b", "will my order arrive"),
    *((rf"en\s+(?:{word})\b", f"in {english}") for word, english in _COLOURS.items()),
    *((rf"(?:le|la|les)\s+(?:{word})\b", f"the {english} one") for word, english in _NTH.items()),
    (r"(?:le|la)\s+(\d)\b(?!\s*(?:\$|%|dollars?|piasses?))", r"the \1"),
    (r"(?:ajoute|ajouter|mets|mettre)(?:-le|-la|-les)?\b", "add"),
    (r"(?:dans\s+(?:le|mon)|au)\s+panier\b", "to my cart"), (r"du\s+panier\b", "from my cart"),
    (r"(?:enlève|enleve|enlever|retire|ôte)(?:-le|-la|-les)?\b", "remove"),
    (r"c'?est\s+quoi\s+le\s+total\b", "what's the total"), (r"c'?est\s+combien\s+au\s+total\b", "what's the total"),
    (r"(?:montre|montrez)-moi\b", "show me"), (r"(?:je|j')\s*cherche\b", "I'm looking for"),
    (r"(?:je|j')\s*veux\b", "I want"), (r"oublie\b", "forget"), (r"pourquoi\b", "why"),
    (r"merci\s+(?:ben|beaucoup|bcp)\b", "thanks"), (r"bonne\s+journée\b", "have a good day"),
    (r"(?:on\s+)?recommence\b", "start over"), (r"s'il\s+(?:vous|te)\s+pla[iî]t\b", "please"),
    (r"s'il\s+va\s+neiger\b", "will it snow"), (r"s'il\s+va\s+pleuvoir\b", "will it rain"),
    (r"j'?ai\s+besoin\s+d'?(?:un|une)?\b", "I need a"), (r"manteau\s+d'hiver\b", "winter jacket"),
    (r"ballon\s+de\s+(?:basket|basketball)\b", "basketball"), (r"ballon\s+de\s+(?:foot|soccer)\b", "football"),
    (r"cr[eè]me\s+hydratante\b", "moisturiser"), (r"peau\s+s[eè]che\b", "dry skin"),
    (r"sac\s+à\s+dos\b", "backpack"), (r"sac\s+de\s+gym\b", "gym bag"), (r"grille-pain\b", "toaster"),
    (r"(?:souliers|chaussures)\s+de\s+course\b", "running shoes"), (r"(?:une|la|des)\s+montres?\b", "a watch"),
    (r"(?:une|la|des)\s+robes?\b", "a dress"), (r"casque\s+d'écoute\b", "headphones"),
    (r"c'?est-tu\b", "is it"), (r"y'?(?:est|é)-tu\b", "is it"),
)
_WORDS: dict[str, str] = {
    "pis": "and", "svp": "please", "tsé": "", "tsé-tu": "do you know", "chu": "I'm", "bouilloire": "kettle",
    "écouteurs": "earbuds", "souliers": "shoes", "chaussures": "shoes", "manteau": "jacket", "cellulaire": "phone",
    "jouets": "toys", "aspirateur": "vacuum", "d'autres": "others", "plutôt": "instead", "aussi": "too",
    "finalement": "after all", "merci": "thanks", "neveu": "nephew", "chaque": "each", "seulement": "only",
    "d'abord": "first", "dispo": "available", "demain": "tomorrow", "commande": "order",
    "noir": "black", "noire": "black", "noirs": "black", "noires": "black", "blanc": "white", "blanche": "white",
    "blancs": "white", "blanches": "white", "bleue": "blue", "bleus": "blue", "bleues": "blue", "vert": "green",
    "verte": "green", "verts": "green", "vertes": "green", "jaune": "yellow", "jaunes": "yellow", "grise": "grey",
    "grises": "grey", "brun": "brown", "brune": "brown",
}
# English words or other languages' too ("le", "de", "en", "pour", "genre", "ben", "là"): read once something French
# was.
_WEAK_WORDS: dict[str, str] = {"le": "the", "la": "the", "les": "the", "un": "a", "une": "a", "des": "some",
                               "de": "of", "du": "some", "pour": "for", "et": "and", "en": "in", "mon": "my",
                               "ma": "my", "mes": "my", "genre": "", "ben": "", "là": "", "ok": "ok", "pi": "and",
                               "celui": "the one", "ça": "that", "avec": "with", "sans": "without"}

FRENCH = Glue(_PHRASES, _WORDS, _WEAK_WORDS)
