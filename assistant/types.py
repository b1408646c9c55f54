"""Data types that cross the `assistant` package boundary (standard library only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from recsys.types import Candidate, Profile
from retrieval.types import DataError, Filters, Hit, MissingPackageError, Product, UsageError, UserError

# Re-exported: the types front ends see come from here, so `ui` depends on `assistant` alone.
__all__ = ["INTENT_KINDS", "SEARCH_KINDS", "Candidate", "DataError", "DialogueState", "Filters", "Hit", "Intent",
           "MissingPackageError", "Product", "Profile", "Reply", "Trace", "UsageError", "UserError"]

INTENT_KINDS = (
    "search",      # new or refined product search
    "refine",      # change constraints of the current search ("cheaper", "in blue")
    "more",        # show more results of the current search
    "compare",     # compare shown items
    "details",     # details of one shown item
    "add_to_cart",
    "remove_from_cart",
    "view_cart",
    "recommend",   # "recommend me something" with no query
    "why",         # explain the ranking
    "greeting",
    "out_of_scope",
)
# The kinds that run a search (retrieve + rerank) and show a ranked list.
SEARCH_KINDS = ("search", "refine", "more", "recommend")


# `DialogueState.pending` after a reply that asked which shown item(s) the shopper meant: PICK + the act.
PICK = "pick:"
# ... after asking which cart line a quantity is for: SET_TO + the quantity ("which one should be 2?"), or
# ONE_LESS ("which item should I take one off?").
SET_TO = "set_to:"
ONE_LESS = "one_less"


@dataclass(frozen=True)
class Intent:
    """A parsed shopper message. Slots absent from the message are None / empty.

    `references` are 1-based positions in the list last shown ("the second one" -> (2,)).
    """

    kind: str
    query: str = ""
    category: str | None = None
    brand: str | None = None
    exclude_brand: str | None = None
    color: str | None = None
    min_price: float | None = None
    max_price: float | None = None
    cheaper: bool = False
    references: tuple[int, ...] = ()
    # Read from the message by `assistant.reading` whichever parser parsed it:
    pricier: bool = False                   # "more premium", "something nicer": raise the price floor
    clear: tuple[str, ...] = ()             # constraints removed: max_price, min_price, brand, exclude_brands,
                                            # color, exclude_terms, size, gender, or "all" ("start over")
    exclude_terms: tuple[str, ...] = ()     # "without laces", "not leather", "sulphate free"
    exclude_brands: tuple[str, ...] = ()    # every brand ruled out ("no nike or adidas"); the first is exclude_brand
    unresolved: tuple[int, ...] = ()        # positions asked for that point past the list (or the cart)
    new_product: bool = False               # a search for another kind of product in the same category
                                            # ("toasters" after kettles): the old search's filters do not carry
    cart_action: str = ""                   # checkout | clear | confirm_clear | set_quantity | swap_last | one_less
                                            # (assistant.cart_acts); `query` then holds the words naming the line
    quantity: int | None = None             # set_quantity: the line's new quantity ("make it two")
    size: str | None = None                 # the catalog's size value asked for ("size 10" -> "10", "w32" -> "W32")
    other_brands: tuple[str, ...] = ()      # "asics or brooks": brand Asics, and Brooks will do as well
    other_colors: tuple[str, ...] = ()      # "navy or black": color navy, and black will do as well
    gender: str | None = None               # who the product is cut for: "women" or "men" (assistant.genders)
    order: str | None = None                # "price" (cheapest first), "price_high", "rating", "reviews": ordering
    min_rating: float | None = None         # "rated at least 4 stars": the least rating shown (1-5)
    in_stock: bool = False                  # "only in stock", "hide the sold out ones": nothing out of stock shown

    def sets_constraints(self) -> bool:
        """Whether it sets or lifts a search constraint: a brand, colour, price, direction, exclusion or lift."""
        return bool(self.brand or self.exclude_brand or self.exclude_brands or self.color or self.cheaper
                    or self.pricier or self.clear or self.exclude_terms or self.min_price is not None
                    or self.max_price is not None or self.size is not None or self.gender is not None
                    or self.order is not None or self.min_rating is not None or self.in_stock)

    def slots(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "kind" and v not in (None, "", (), False)}
        if out.get("exclude_brands") == (self.exclude_brand,):
            del out["exclude_brands"]  # the common single exclusion keeps its one key
        for key in ("references", "clear", "exclude_terms", "exclude_brands", "unresolved", "other_brands",
                    "other_colors"):
            if key in out:
                out[key] = list(out[key])
        return out


@dataclass
class DialogueState:
    """Per-session memory: the active search slots, what was shown, and the cart."""

    query: str = ""
    category: str | None = None
    brand: str | None = None
    exclude_brands: list[str] = field(default_factory=list)
    exclude_terms: list[str] = field(default_factory=list)  # words no shown product may have ("leather")
    color: str | None = None
    min_price: float | None = None
    max_price: float | None = None
    size: str | None = None                                 # only products in this size are shown
    other_brands: list[str] = field(default_factory=list)   # brands as good as `brand` ("asics or brooks")
    other_colors: list[str] = field(default_factory=list)   # colours as good as `color` ("navy or black")
    gender: str | None = None                               # only products cut for them (or unisex) are shown
    order: str | None = None                                # "price", "rating", ...: the list in that order
    min_rating: float | None = None                         # no product rated below this is shown
    in_stock: bool = False                                  # no product out of stock is shown
    shown: list[str] = field(default_factory=list)          # product ids, in display order
    shown_prices: list[float | None] = field(default_factory=list)  # None: the catalog lists no price
    offset: int = 0
    paged: list[str] = field(default_factory=list)          # ids the search showed on pages before `shown`
    cart: dict[str, int] = field(default_factory=dict)      # product_id -> quantity
    history: list[tuple[str, str]] = field(default_factory=list)  # (user, assistant) texts
    last_candidates: dict[str, Candidate] = field(default_factory=dict)  # shown id -> its ranking
    # The one product the last details/why turn was about: "I'll take it" then means that one.
    focus: str | None = None
    personalize: bool = True
    user_id: str | None = None
    last_kind: str | None = None   # the previous turn's intent ("and the third one too" after an add)
    # Whether the previous turn's search asked for a thing the shop does not carry: "fine, show me grey toasters
    # then" next is a search of its own, not a narrowing of the list kept on screen.
    last_not_carried: bool = False
    last_added: str | None = None  # the product the last add put in the cart ("I meant the 3rd")
    pending: str | None = None     # an action waiting for the shopper's yes ("clear_cart") or pick ("pick:compare")
    # The products the last compare set side by side, until a new list is shown: "both" then means those.
    compared: list[str] = field(default_factory=list)
    # The products looked at one by one since the list was shown ("tell me about the 2nd", "and the 4th?"):
    # "compare those two" then means the last two.
    looked_at: list[str] = field(default_factory=list)
    # The order the last checkout placed: {"order_id", "lines": [{product_id, title, quantity, price}], "total"}.
    last_order: dict | None = None
    # The search slots each search or refinement replaced (`state.search_slots`), oldest first (at most
    # SEARCHES_KEPT): "back to the previous ones", "the first list again", "back to the cheaper ones".
    earlier_searches: list[dict] = field(default_factory=list)
    # The product ids of the last lists searches showed (oldest first, at most LISTS_KEPT): an add named after the
    # screen moved on ("and the blue macbook, the 709 one") or after a look at the cart ("add the first one").
    earlier_lists: list[list[str]] = field(default_factory=list)
    # The budget of a gift being chosen, [min, max] (`assistant.gifts.gift_budget_after`): kept by the next searches.
    gift_budget: list[float | None] | None = None
    # The age of the child the shopping is for ("she's turning 4"): products listed for older children are left
    # out where others exist (`assistant.ages`), until another age is said or the search starts over.
    child_age: int | None = None
    # The cart as it was before the last chat turn that changed it ("undo", "put it back": `assistant.undo`);
    # None once an order is placed, which is not taken back from the chat.
    cart_before: dict[str, int] | None = None
    # Whether the last chat turn changed the cart: "actually no" right after an add takes that add back.
    cart_changed: bool = False
    # The budget the shopper measures the cart against ("total? am i under 450": `assistant.spend`).
    cart_budget: float | None = None
    # [the ceiling the last "cheaper" set, the ceiling before it]: "you have more?" once nothing more is under the
    # ceiling the assistant chose (never one the shopper said) shows the next cheapest above it.
    stepped_ceiling: list[float | None] | None = None

    @property
    def previous_search(self) -> dict | None:
        """The search slots the last search or refinement replaced: "back to the previous ones"."""
        return self.earlier_searches[-1] if self.earlier_searches else None

    def searching(self) -> bool:
        """Whether a search is active (any search slot set): what a refinement can narrow."""
        return bool(self.query or self.category or self.brand or self.color or self.exclude_brands
                    or self.min_price is not None or self.max_price is not None)


@dataclass
class Trace:
    """What one turn did on the way to its reply, for debugging and the API's `trace` object.

    Filled by the turn loop from what the parser and writer return; `to_dict` leaves out what
    did not happen (no fallback, no validation problem), so a plain turn's trace stays short.
    """

    parser: str = ""                           # "rules" or "lm": which parser produced the intent
    lm_output: str | None = None               # the LM's raw slot string, when the LM parsed
    intent_prior: dict[str, Any] | None = None  # the intent classifier's own pick {"top", "p"}
    parser_error: str | None = None            # the parser failed; the rules parsed instead
    validation: list[str] = field(default_factory=list)  # slots the catalog corrected or dropped
    intent: dict[str, Any] | None = None       # the validated intent
    policy: str | None = None                  # a refusal rule that answered instead of the parser
    truncated: str | None = None               # the message was cut to the length cap
    notices: list[str] = field(default_factory=list)     # told to the shopper before the reply
    filters: dict[str, Any] | None = None      # the hard filters of a search
    retrieved: int | None = None               # candidates retrieval returned
    grounding: list[str] = field(default_factory=list)   # placeholders the catalog could not fill
    writer_error: str | None = None            # the writer failed; the template wrote instead
    writer: list[str] = field(default_factory=list)      # what the writer's guard corrected
    chat_log_error: str | None = None          # the chat log could not be written (the turn went on)
    category_evidence: dict[str, Any] | None = None  # where the searched thing lives in the catalog
    not_carried: bool = False                  # the shop does not carry what the search asked for
    spelling: list[str] = field(default_factory=list)    # words mended before parsing ("undr -> under")
    said_as: str | None = None                  # a need said in the catalog's words ("something to carry it in")
    ruled_out: list[str] = field(default_factory=list)  # aisles the message rules out ("that isn't a toy")
    gift: str | None = None                     # what the person a gift is for is into ("runner", "home")
    retraction: str | None = None               # a self-correction resolved ("*350 sorry" read as "under 350")
    service: list[str] = field(default_factory=list)  # service questions set aside (returns, delivery, ...)
    language: str | None = None                # the message's language when clearly not English ("es")
    follow_up: dict[str, Any] | None = None    # a search asked after the cart edit ("..., and show me casio")
    unmet: list[str] = field(default_factory=list)  # search slots no product shown meets (said in a notice)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "", [])}


@dataclass(frozen=True)
class Reply:
    """What one turn produced; `trace` records fallbacks and filters for debugging."""

    text: str
    products: tuple[Candidate, ...]
    intent: Intent
    trace: Trace = field(default_factory=Trace)
    timings_ms: dict[str, float] = field(default_factory=dict)
    currency: str = "USD"  # ISO 4217 code of the catalog's prices (the products' and the text's)
