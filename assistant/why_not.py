""""Why no Bose?", "why isn't there any Sony?": a brand the shopper expected on the list, answered.

A sceptical shopper asks why a brand is missing. Read as "no Bose" the question ruled the brand out, or it got
the reasons for the list as it is. The answer depends on the list: a brand on it is pointed at (with its
reasons); a brand not on it is searched for under the same constraints, so the shopper sees what it has that
fits, or is told plainly that nothing of it does.
"""

from __future__ import annotations

import re

_WHY_NOT = re.compile(r"\bwhy\s+(?:(?:is|are)\s+there\s+)?(?:no|not|none|nothing|isn'?t\s+there|aren'?t\s+there|"
                      r"didn'?t\s+(?:you|u)\s+(?:show|include|suggest|list)|don'?t\s+(?:you|u)\s+(?:show|have|"
                      r"suggest)|(?:is|are)n'?t)\b(?:\s+(?:a|an|any|anything|some|one|from|by|of|the))*\s+(?P<rest>.+)$",
                      re.I)


def why_not_brand(message: str, brands: list[str]) -> str | None:
    """The brand a "why no X?" question asks about (one of `brands`, those the message mentions), or None."""
    found = _WHY_NOT.search(message)
    if found is None or len(brands) != 1:
        return None
    return brands[0] if brands[0].casefold().split()[0] in found["rest"].casefold() else None
