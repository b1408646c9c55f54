"""Shared word tables for the demo shop: colours, brand price levels and the category spec type.

Why tables and not a faker library: every value a shopper may type ("navy", "Hoka", "under $100")
must exist in the catalog with a realistic spread, and the tables are the one place that says so.
The per-category tables live in `fashion.py`, `electronics.py` and `household.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Colour names as they appear in the `color` column (lower-case, one word).
COLORS: tuple[str, ...] = (
    "black", "white", "blue", "red", "green", "grey", "pink", "navy", "beige", "brown",
    "silver", "gold", "purple", "yellow", "orange",
)

# Price level per brand: 0 budget, 1 mid-range, 2 premium. It shifts the brand's prices inside a
# category's range and is one of the latent tastes a user has.
LEVEL_NAMES: tuple[str, ...] = ("budget", "mid", "premium")
BRAND_LEVEL: dict[str, int] = {
    # footwear and sportswear
    "Nike": 2, "Adidas": 1, "Asics": 1, "Brooks": 1, "New Balance": 1, "Hoka": 2, "Saucony": 1,
    "Puma": 0, "On": 2, "Salomon": 2, "Vans": 0, "Converse": 0, "Reebok": 0, "Skechers": 0,
    "Under Armour": 1, "Wilson": 1, "Decathlon": 0, "Yonex": 1, "Spalding": 0,
    # clothing
    "The North Face": 2, "Columbia": 1, "Patagonia": 2, "Uniqlo": 0, "Zara": 0, "H&M": 0,
    "Mango": 1, "Levi's": 1, "Wrangler": 0, "Lee": 0, "Diesel": 2, "Calvin Klein": 2,
    "Tommy Hilfiger": 2, "Ralph Lauren": 2, "Gap": 0, "Free People": 1, "Canada Goose": 2,
    # electronics
    "Sony": 2, "Bose": 2, "JBL": 1, "Sennheiser": 2, "Anker": 0, "Apple": 2, "Samsung": 1,
    "Beats": 1, "Skullcandy": 0, "Lenovo": 1, "Dell": 1, "HP": 1, "Asus": 1, "Acer": 0,
    "Microsoft": 2, "Google": 1, "Xiaomi": 0, "OnePlus": 1, "Motorola": 0, "Nokia": 0,
    "Garmin": 2, "Casio": 0, "Fossil": 1, "Seiko": 1, "Timex": 0, "Citizen": 1,
    # home, kitchen, beauty, toys, bags
    "KitchenAid": 2, "Le Creuset": 2, "Tefal": 0, "Cuisinart": 1, "Ninja": 1, "OXO": 1,
    "Lodge": 0, "Zwilling": 2, "IKEA": 0, "Dyson": 2, "Philips": 1, "Brabantia": 1,
    "Yankee Candle": 0, "Parachute": 2, "L'Oreal": 0, "Maybelline": 0, "Nivea": 0,
    "The Ordinary": 0, "Clinique": 1, "Estee Lauder": 2, "CeraVe": 0, "Lancome": 2,
    "Lego": 1, "Mattel": 0, "Hasbro": 0, "Fisher-Price": 0, "Playmobil": 1, "Melissa & Doug": 1,
    "Herschel": 1, "Osprey": 2, "Jansport": 0, "Samsonite": 2, "Fjallraven": 1,
}


@dataclass(frozen=True)
class CategorySpec:
    """Everything needed to invent plausible products of one category.

    Attributes:
        name: category as a shopper types it, lower-case ("running shoes").
        price_range: inclusive (low, high) price in dollars; every generated price lies inside.
        share: relative number of products in this category.
        brands: brands sold in this category (each must be in `BRAND_LEVEL`).
        nouns: product nouns for titles, title case ("Trail Running Shoes").
        lines: generic product-line names any brand may use ("Velocity", "Air Glide").
        brand_lines: real-sounding lines for particular brands ("Gel-Nimbus 26" for Asics); a
            product of such a brand uses one of them most of the time. "Line|Noun" pins the
            noun, so "AirPods Pro 2" is never titled as over-ear headphones.
        brand_nouns: the nouns a brand makes, for products not on one of its own lines (a
            Yankee Candle product is a candle); brands not listed may use any noun.
        features: (title adjective, description clause[, "Noun|Noun"]) entries; a product draws
            a few, so its title adjective is always backed by a sentence in its description. The
            optional third item limits the feature to nouns containing one of the words.
        uses: what a shopper buys it for, for description openers ("long runs").
        colors: colours this category comes in (subset of `COLORS`).
        sizes: size values, empty when the category has no sizes.
        genders: gender attribute values, empty when it does not apply.
        materials: material attribute values, empty when it does not apply; "wax|Candle"
            limits a material to nouns containing one of the words, as for features.
        noun_prices: narrower price ranges inside `price_range` for nouns containing the key
            (a candle is not priced like a vacuum cleaner); the first matching key wins.
        code: model-number pattern: "A" an upper-case letter, "9" a digit, anything else literal.
        code_share: fraction of titles that carry the model number.
        warranty: whether descriptions may mention a warranty (electronics, appliances).
    """

    name: str
    price_range: tuple[float, float]
    share: float
    brands: tuple[str, ...]
    nouns: tuple[str, ...]
    lines: tuple[str, ...]
    features: tuple[tuple[str, ...], ...]
    uses: tuple[str, ...]
    colors: tuple[str, ...]
    brand_lines: dict[str, tuple[str, ...]] = field(default_factory=dict)
    brand_nouns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    noun_prices: dict[str, tuple[float, float]] = field(default_factory=dict)
    sizes: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    code: str = "AA-999"
    code_share: float = 0.2
    warranty: bool = False

    def price_range_for(self, noun: str) -> tuple[float, float]:
        """The (low, high) price range for a product with this noun."""
        return next((bounds for key, bounds in self.noun_prices.items() if key in noun), self.price_range)


SHOE_SIZES: tuple[str, ...] = (
    "6", "6.5", "7", "7.5", "8", "8.5", "9", "9.5", "10", "10.5", "11", "11.5", "12", "13",
)
CLOTHING_SIZES: tuple[str, ...] = ("XS", "S", "M", "L", "XL", "XXL")


def fits(keywords: str, noun: str) -> bool:
    """Whether a "Word|Word" restriction allows `noun` (an empty restriction allows any noun)."""
    return not keywords or any(word in noun for word in keywords.split("|"))
