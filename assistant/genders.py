"""Who a product is cut for: said by the shopper ("women's jeans", "wmns", "for men", "mens, size L") and
listed by the catalog (a "gender" attribute: women, men, unisex).

Why a filter of its own: the embedding reads "womens jeans" well but not "wmns jeans blk", and a men's pair
ranked high on other words ("Levi's Ribcage Men's Jeans" after "levis?") is the wrong product for the shopper
who said women's. Products listed as unisex, or with no gender at all (headphones, kettles), always pass: a
catalog that says nothing of gender is never narrowed by it.
"""

from __future__ import annotations

import re

from assistant.types import Product

# The person a grown-up's product is for, named by who they are to the shopper: "a watch for my husband".
_HER = r"wife|girlfriend|gf|mum|mom|mother|sister|grandma|grandmother|gran|nan|aunt|auntie|fianc[eé]e"
_HIM = r"husband|boyfriend|bf|dad|father|brother|grandad|granddad|grandpa|grandfather|uncle|fianc[eé]"
_WOMEN = re.compile(r"\b(?:women'?s?|woman'?s|womans|wom[ae]ns|wmns|wmn|ladies'?|lady'?s|female|feminine|girls'?|"
                    r"for (?:a |the |an? older |a young )?(?:woman|lady))\b", re.I)
_MEN = re.compile(r"\b(?:men'?s?|man'?s|mans|mens|male|masculine|gents'?|gentlemen'?s?|boys'?|"
                  r"for (?:a |the |an? older |a young )?(?:man|guy|gent))\b", re.I)
# "for my husband", "for my husband's birthday", "for my husbands 40th" (the apostrophe left out)
# "a warm jacket for him instead" ("for her" only where it ends the phrase: "for her brother" is his).
_FOR_HER = re.compile(rf"\bfor (?:my|our|his|her) (?:{_HER})(?:'?s)?\b|"
                      r"\bfor her\b(?=\s*(?:$|[.,!?;]|instead\b|too\b|then\b|please\b|pls\b))", re.I)
_FOR_HIM = re.compile(rf"\bfor (?:my|our|his|her) (?:{_HIM})(?:'?s)?\b|\bfor him\b", re.I)
# A grown-up named as the one who needs, wears or likes it: "my boyfriend needs new jeans, he wears slim fit".
# (A child is not: children's things are often cut for either.)
_HER_WANTS = re.compile(rf"\bmy (?:{_HER})\b(?:'?s)?\s+(?:needs?|wants?|wears?|likes?|loves?|asked)\b", re.I)
_HIM_WANTS = re.compile(rf"\bmy (?:{_HIM})\b(?:'?s)?\s+(?:needs?|wants?|wears?|likes?|loves?|asked)\b", re.I)
# "any gender", "unisex is fine", "men's or women's": who it is for no longer narrows the list.
_ANY = re.compile(r"\b(?:any gender|either gender|gender doesn'?t matter|unisex|(?:men'?s?|mens) or (?:women'?s?|"
                  r"womens)|(?:women'?s?|womens) or (?:men'?s?|mens)|both (?:men|women))\b", re.I)
# Words where "men"/"women" name no cut: "a present for the women in my team" still names them, so only
# these few are skipped.
_NOT_A_CUT = re.compile(r"\bwomen'?s? (?:day|history)\b|\bmen'?s? (?:health|day)\b", re.I)

UNCUT = frozenset({"", "unisex"})
# The shopper's own need said beside a relation's occasion: "for my husband's 40th, i need a proper warm jacket".
_MY_NEED = re.compile(r"\b(?:i|i'?m|im)\s+(?:\w+\s+)?(?:need|needs|want|wants|after|looking for)\b|"
                      r"\bfor me\b|\bfor myself\b", re.I)
_OCCASION_OF = re.compile(r"\b(?:birthday|bday|\d+(?:st|nd|rd|th)|anniversary|wedding|party|retirement|graduation|"
                          r"do)\b", re.I)


def gender_said(text: str, relations: bool = False) -> str | None:
    """"women" or "men" when the message says who the product is for, else None (both said: None). With
    `relations`, also who they are to the shopper ("a watch for my husband"): for a search naming its aisle."""
    if _NOT_A_CUT.search(text) or _ANY.search(text):
        return None
    def for_relation(pattern: re.Pattern) -> bool:  # not the relation's occasion beside the shopper's own need
        return any(not (found[0].endswith("s") and _OCCASION_OF.match(text, found.end() + 1) and _MY_NEED.search(text))
                   for found in pattern.finditer(text))

    women = bool(_WOMEN.search(text) or relations and (for_relation(_FOR_HER) or _HER_WANTS.search(text)))
    men = bool(_MEN.search(text) or relations and (for_relation(_FOR_HIM) or _HIM_WANTS.search(text)))
    # "for my mum and dad": both named, so neither cut
    women = women or men and bool(re.search(rf"\b(?:{_HER})(?:'?s)?\b", text, re.I))
    men = men or women and bool(re.search(rf"\b(?:{_HIM})(?:'?s)?\b", text, re.I))
    return "women" if women and not men else "men" if men and not women else None


def any_gender(text: str) -> bool:
    """Whether the message lifts the gender said before ("any gender", "unisex is fine")."""
    return bool(_ANY.search(text))


def product_gender(product: Product) -> str:
    """The catalog's gender for the product, lower-cased ("" when it lists none)."""
    return str(product.attributes.get("gender", "")).strip().lower()


def cut_for(product: Product, wanted: str) -> bool:
    """Whether the product suits someone who asked for `wanted` ("women"/"men"): that gender, unisex, or none."""
    found = product_gender(product)
    return found in UNCUT or found == wanted
