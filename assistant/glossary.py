"""What a word in the shop's titles means: "what is noise cancelling?", "what does SPF 50 mean", "whats a midi dress".

Why: a shopper who does not know a term asks what it is, and the question was searched ("Sorry, I don't have 'spf
mean'") or answered with headphones. These are general facts about kinds of product, not claims about any listing:
whether a product has the feature is still its listing's to say, and the answer says so.
"""

from __future__ import annotations

import re

# Terms the demo shop's titles use, in plain words. Keys are the spellings matched (lower case).
TERMS = {
    "noise cancelling": "headphones or earbuds with microphones that pick up outside sound and play its opposite, "
                        "so steady noise like engines or air conditioning is much quieter",
    "anc": "active noise cancelling: microphones pick up outside sound and the headphones play its opposite, so "
           "steady noise is much quieter",
    "spf": "sun protection factor: how much a sunscreen shields skin from UVB rays; SPF 30 blocks about 97% and "
           "SPF 50 about 98%",
    "cast iron": "heavy iron cookware that holds heat evenly and lasts for decades; it is usually hand-washed and "
                 "kept lightly oiled",
    "non-stick": "a pan coating that food does not stick to, so it needs less oil and is easy to clean; use wooden "
                 "or silicone tools on it",
    "midi": "a dress or skirt length that ends between the knee and the ankle, around mid-calf",
    "maxi": "a dress or skirt length that reaches the ankles or the floor",
    "bluetooth": "a short-range wireless link that connects headphones, speakers or watches to a phone or laptop "
                 "without a cable",
    "oled": "a screen whose pixels make their own light, so blacks are deeper and colours stronger than on an LCD",
    "hepa": "a fine filter that traps at least 99.97% of tiny particles such as dust, pollen and pet dander",
    "cordless": "runs on a rechargeable battery, with no power cable while in use",
    "gps": "satellite positioning: a watch with GPS records your route, distance and pace without a phone",
    "hi-res": "high-resolution audio: sound recorded and played back with more detail than a standard CD",
    "dri-fit": "Nike's name for a sweat-wicking fabric that moves moisture away from the skin so it dries quickly",
    "moisture-wicking": "fabric that draws sweat away from the skin to the outside, where it dries quickly",
    "selvedge": "denim woven on old-style narrow looms, with a clean finished edge along the seam",
    "gore-tex": "a waterproof membrane that still lets sweat vapour out, used in rain jackets and shoes",
    "waterproof": "keeps water out completely, even in heavy rain or, for watches, under water to the depth stated",
    "water-resistant": "keeps out splashes and light rain, but not long soaking or submersion",
    "unlocked": "a phone that works with any mobile network's SIM card",
    "2-in-1": "a laptop whose screen folds back or comes off so it can be used as a tablet",
    "stability": "running shoes with extra support on the inner side, for runners whose feet roll inward",
    "trail": "running shoes with a grippy, tougher sole for dirt paths and uneven ground",
}
_SPELLINGS = {"noise canceling": "noise cancelling", "noise-cancelling": "noise cancelling",
              "active noise cancelling": "anc", "nonstick": "non-stick", "non stick": "non-stick",
              "water resistant": "water-resistant", "hi res": "hi-res", "2 in 1": "2-in-1", "dri fit": "dri-fit",
              "moisture wicking": "moisture-wicking", "gore tex": "gore-tex", "selvage": "selvedge"}
_NAMES = sorted({*TERMS, *_SPELLINGS}, key=len, reverse=True)
_ASKED = re.compile(r"^\W*(?:(?:sorry|excuse me|and|so|ok|okay|hmm+|please|but)\W+)*(?:can you tell me\s+|could you "
                    r"tell me\s+|may i ask\s+)?(?:what(?:'s|s| is| are| does| do)|whats)\s+(?:an?\s+|the\s+)?"
                    rf"(?P<term>{'|'.join(re.escape(n) for n in _NAMES)})"
                    r"(?:\s+\d+)?(?:\s+(?:dress|dresses|skirt|shoes?|pan|pans|headphones|earbuds|screen|filter|"
                    r"fabric|jacket|jeans|denim|phone|laptop|sunscreen|watch))?"
                    r"(?:\s+(?:mean|means|stand for|do|exactly|please))*\s*\??\W*$", re.I)


def asked_term(message: str) -> str | None:
    """The term the message asks the meaning of ("noise cancelling"), or None."""
    found = _ASKED.match(message)
    if not found:
        return None
    said = found["term"].lower()
    return _SPELLINGS.get(said, said)


def term_answer(term: str) -> str:
    """"Noise cancelling means ...", and that a listing says whether an item has it."""
    meaning = TERMS[term]
    name = term.upper() if term in ("spf", "anc", "gps", "oled", "hepa") else term.capitalize()
    return f"{name}: {meaning}. Whether an item has it is in its listing, which I can read out for any item shown."
