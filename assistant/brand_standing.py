"""How a brand fares in this shop, asked: "is anker a good brand? never heard of it", "is levis a good brand or
overrated?", "how good is google for phones?".

Why: the shop has no opinion of brands, but it holds every listing's rating and review count, so the honest
answer is what its own reviews say: how many of the brand's products it lists (in the aisle asked about), their
rating weighted by reviews against the aisle's, and the brand's best rated item. Read as a search, the question
got the brand's products and no answer (7 of 7 times); read as a question about an item, "On brand: its listing
does not mention it".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from assistant.reply import category_noun

# Words that ask how good a brand is, said of the brand ("is mango a good brand?", "anker any good?",
# "is levis overrated?", "what do you think of patagonia?", "how good is google for phones?").
_JUDGED = r"(?:good|decent|reliable|trustworthy|trusted|legit|reputable|solid|overrated|any good|worth it|" \
          r"good quality)(?:\s+(?:brand|make|company|label))?"


@dataclass(frozen=True)
class BrandAsked:
    """The brand a message asks the standing of, and where the question is in the message."""

    brand: str
    start: int
    end: int

    def left_out_of(self, message: str) -> str:
        """The message without the brand question: the rest may ask about an item ("the first one sounds good")."""
        return f"{message[:self.start]} {message[self.end:]}"


def brand_asked_about(message: str, brands: list[str]) -> BrandAsked | None:
    """The one brand (catalog spelling) a message asks the standing of, else None; a brand said as an item
    ("is the ninja one any good?") is asked about that item."""
    if len(brands) != 1:
        return None
    name = re.escape(brands[0]).replace("'", "'?")  # "levis" for Levi's
    said = re.search(rf"\b(?:is|are|r|iz)\s+{name}(?:'?s)?\s+(?:(?:a|an|really|actually|even|at all|that|very|"
                     rf"generally|usually)\s+)*{_JUDGED}\b|"
                     rf"\bhow\s+good\s+(?:is|are)\s+{name}\b(?!\s+one)|"
                     rf"\bwhat\s+(?:do|d)\s+(?:you|u)\s+(?:think|know)\s+(?:of|about)\s+{name}\b(?!\s+one)|"
                     rf"(?<!\bthe\s){name}\s+(?:any\s+good|a\s+good\s+brand|good\s+brand|reliable|legit)\s*\?", message,
                     re.I)
    return BrandAsked(brands[0], said.start(), said.end()) if said else None


def brand_standing(brand: str, catalog: pd.DataFrame, category: str | None) -> str:
    """What the shop's listings and reviews say of a brand, in the aisle asked about where it has products there."""
    own = catalog[catalog["brand"].astype(str).str.casefold() == brand.casefold()]
    if category is not None and (own["category"] == category).any():
        own = own[own["category"] == category]
        aisle = catalog[catalog["category"] == category]
        where = f" in {category_noun(category)}"
    else:
        aisle, category, where = catalog, None, ""
    if own.empty:
        return f"I have nothing from {brand}, so I can't say how it does here."
    rated = own[own["review_count"].fillna(0) > 0]
    listed = f"{len(own)} listed{where}"
    if rated.empty:
        return f"{brand}: {listed}, none reviewed yet, so this shop's reviews can't say how good it is."
    reviews = int(rated["review_count"].sum())
    mean = float((rated["rating"] * rated["review_count"]).sum() / reviews)
    others = aisle[aisle["review_count"].fillna(0) > 0]
    overall = float((others["rating"] * others["review_count"]).sum() / others["review_count"].sum())
    # best rated among the well reviewed: 5/5 from one review says little
    judged = rated[rated["review_count"] >= rated["review_count"].median()]
    best = judged.sort_values(["rating", "review_count"], ascending=False).iloc[0]
    count = int(best["review_count"])
    compared = f" ({category_noun(category) if category else 'everything here'}: {overall:.1f}/5)"
    return (f"By this shop's reviews: {brand} has {listed}, rated {mean:.1f}/5 on average from {reviews:,} "
            f"{_reviews(reviews)}{compared}. Best rated: {best['title']} ({float(best['rating']):.1f}/5 "
            f"from {count} {_reviews(count)}).")


def _reviews(count: int) -> str:
    return "review" if count == 1 else "reviews"
