"""Children's clothes, shoes or watches asked for where the shop cuts them for adults only: "do you do kids
jackets? my daughter is 8", "sneakers for my son, hes 10", "show me the girls ones".

Why: the catalog lists who a worn product is cut for (women, men, unisex) and no child. Without a word on it, the
reply showed adult jackets as if they were children's, and "hes 10" even read as a shoe size 10. The search goes
on (the shopper may still want the smallest adult sizes), and the reply says plainly that these are adult sizes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CHILD = re.compile(r"\b(?:kids?'?s?|child(?:ren)?'?s?|boys'?|girls'?|toddlers?|bab(?:y|ies)|infants?|youth|"
                    r"junior)\b|\bfor (?:my|our|a|the|her|his) (?:little )?(?:son|daughter|grandson|granddaughter|"
                    r"nephew|niece|little one|kid)\b|\b(?:son|daughter|grandson|granddaughter|nephew|niece)\b.{0,25}?"
                    r"\b(?:is|'s|hes|shes|he's|she's|turning|aged)\s+(?:[1-9]|1[0-3])\b(?!\s*(?:ft|foot|feet|cm))|"
                    r"\b(?:[1-9]|1[0-3])\s?(?:yo|y/o|-?years?[- ]old|-?yrs?[- ]old)\b", re.I)
_KID_CUTS = re.compile(r"\b(?:kid|child|boy|girl|youth|junior|baby|toddler|infant)", re.I)
ADULT_SIZES = "Everything worn in this shop is cut for adults, so these are adult sizes, not children's."


class ChildCuts:
    """Which aisles hold products cut for someone (women, men), and whether any is cut for a child."""

    def __init__(self, rows: Iterable[tuple[str, str]]):
        worn: set[str] = set()
        kids = False
        for category, gender in rows:
            gender = str(gender or "").strip().lower()
            if gender in ("women", "men"):
                worn.add(category)
            kids = kids or bool(_KID_CUTS.search(gender))
        self.worn, self.kids_listed = frozenset(worn), kids

    @classmethod
    def of_catalog(cls, catalog) -> ChildCuts:
        if "gender" not in catalog.columns or "category" not in catalog.columns:
            return cls(())
        return cls(zip(catalog["category"].fillna("").astype(str), catalog["gender"].fillna("").astype(str),
                       strict=False))

    def note(self, message: str, category: str | None) -> str | None:
        """The reply's word on it when the message asks a worn aisle for a child and none is cut for one."""
        if self.kids_listed or category not in self.worn or not _CHILD.search(message):
            return None
        return ADULT_SIZES
