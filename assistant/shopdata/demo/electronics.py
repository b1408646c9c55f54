"""Category tables for electronics: headphones, laptops, smartphones.

Electronics carry model numbers in most titles ("Sony WH-1000XM5") because shoppers search by
them and lexical retrieval is tested on exactly that.
"""

from __future__ import annotations

from assistant.shopdata.demo.vocab import CategorySpec

HEADPHONES = CategorySpec(
    name="headphones", price_range=(15.0, 400.0), share=1.2,
    brands=("Sony", "Bose", "JBL", "Sennheiser", "Anker", "Apple", "Samsung", "Beats", "Skullcandy"),
    nouns=("Wireless Headphones", "Over-Ear Headphones", "Wireless Earbuds", "On-Ear Headphones",
           "Sports Earbuds", "Headphones"),
    lines=("Studio", "Pulse", "Echo", "Wave", "Tune", "Clarity", "Bass"),
    brand_lines={
        "Sony": ("WH-1000XM5|Wireless Headphones", "WF-1000XM5|Wireless Earbuds",
                 "WH-CH720N|Over-Ear Headphones", "ULT Wear|Wireless Headphones",
                 "WF-C700N|Wireless Earbuds"),
        "Bose": ("QuietComfort Ultra|Wireless Headphones", "QuietComfort 45|Over-Ear Headphones",
                 "QuietComfort Earbuds II|Wireless Earbuds"),
        "JBL": ("Tune 770NC|Wireless Headphones", "Live 660NC|Over-Ear Headphones", "Tour One M2|Headphones",
                "Endurance Peak 3|Sports Earbuds"),
        "Sennheiser": ("Momentum 4|Wireless Headphones", "HD 660S2|Headphones",
                       "Accentum Plus|Over-Ear Headphones", "CX Plus|Wireless Earbuds"),
        "Anker": ("Soundcore Life Q30|Wireless Headphones", "Soundcore Space One|Over-Ear Headphones",
                  "Soundcore Liberty 4|Wireless Earbuds"),
        "Apple": ("AirPods Pro 2|Wireless Earbuds", "AirPods 4|Wireless Earbuds",
                  "AirPods Max|Over-Ear Headphones"),
        "Samsung": ("Galaxy Buds3 Pro|Wireless Earbuds", "Galaxy Buds FE|Wireless Earbuds"),
        "Beats": ("Studio Pro|Wireless Headphones", "Solo 4|On-Ear Headphones",
                  "Powerbeats Pro 2|Sports Earbuds", "Fit Pro|Sports Earbuds"),
    },
    features=(
        ("Noise Cancelling", "active noise cancelling silences trains, planes and open offices"),
        ("Long-Battery", "the battery lasts up to 40 hours, and ten minutes of charging adds five more"),
        ("Bluetooth", "Bluetooth 5.3 multipoint pairs a laptop and a phone at once"),
        ("Sweatproof", "an IPX5 sweatproof rating makes them safe for workouts"),
        ("Hi-Res", "hi-res audio support brings out detail in lossless tracks"),
        ("Foldable", "they fold flat into a slim case for travel", "Headphones"),
        ("Bass-Boost", "a bass boost mode adds punch to electronic music"),
    ),
    uses=("commuting", "flights", "the gym", "working from home", "gaming", "audiophile listening"),
    colors=("black", "white", "blue", "silver", "pink", "beige", "green", "navy"),
    code="AA-9999", code_share=0.45, warranty=True,
)

LAPTOPS = CategorySpec(
    name="laptops", price_range=(300.0, 2500.0), share=1.0,
    brands=("Apple", "Lenovo", "Dell", "HP", "Asus", "Acer", "Microsoft", "Samsung"),
    nouns=("Laptop", "Ultrabook", "Gaming Laptop", "2-in-1 Laptop", "Chromebook", "Notebook"),
    lines=("Aero", "Nova", "Vertex", "Flex", "Slim", "Prime", "Pro"),
    brand_lines={
        "Apple": ("MacBook Air M3|Laptop", "MacBook Pro M4|Laptop", "MacBook Air M2|Laptop"),
        "Lenovo": ("ThinkPad X1 Carbon|Ultrabook", "ThinkPad T14|Laptop", "IdeaPad Slim 5|Laptop",
                   "Legion 5|Gaming Laptop", "Yoga 7i|2-in-1 Laptop"),
        "Dell": ("XPS 13 9340|Ultrabook", "XPS 15 9530|Laptop", "Inspiron 15 3520|Laptop",
                 "Latitude 5440|Laptop", "Alienware m16|Gaming Laptop"),
        "HP": ("Spectre x360|2-in-1 Laptop", "Envy 16|Laptop", "Pavilion 15|Laptop",
               "EliteBook 840 G10|Laptop", "Victus 15|Gaming Laptop"),
        "Asus": ("Zenbook 14 OLED|Ultrabook", "Vivobook 15|Laptop", "ROG Zephyrus G14|Gaming Laptop",
                 "TUF Gaming A15|Gaming Laptop"),
        "Acer": ("Swift Go 14|Ultrabook", "Aspire 5 A515|Laptop", "Nitro V 15|Gaming Laptop",
                 "Chromebook Plus 515|Chromebook"),
        "Microsoft": ("Surface Laptop 7|Laptop", "Surface Pro 11|2-in-1 Laptop",
                      "Surface Laptop Go 3|Laptop"),
        "Samsung": ("Galaxy Book4 Pro|Ultrabook", "Galaxy Book4 360|2-in-1 Laptop"),
    },
    features=(
        ("Lightweight", "at about 1.2 kg it slips into any bag"),
        ("Long-Battery", "battery life reaches 15 hours of video playback"),
        ("OLED", "an OLED display shows deep blacks and vivid colour"),
        ("Touchscreen", "the touchscreen folds back into tablet mode", "2-in-1"),
        ("Gaming", "a dedicated graphics card runs modern games at high settings", "Gaming"),
        ("Backlit", "a backlit keyboard makes late-night typing easy"),
        ("Fast-Charging", "fast charging reaches 50 percent in 30 minutes"),
    ),
    uses=("students", "business travel", "gaming", "video editing", "everyday browsing", "programming"),
    colors=("silver", "grey", "black", "blue", "white", "gold"),
    sizes=('13"', '14"', '15"', '16"'), code="AA99-9999", code_share=0.35, warranty=True,
    noun_prices={"Chromebook": (300.0, 700.0), "Gaming": (700.0, 2500.0)},
)

SMARTPHONES = CategorySpec(
    name="smartphones", price_range=(100.0, 1600.0), share=1.0,
    brands=("Apple", "Samsung", "Google", "Xiaomi", "OnePlus", "Motorola", "Nokia", "Sony"),
    nouns=("Smartphone", "5G Smartphone", "Phone", "Unlocked Smartphone"),
    lines=("Edge", "Nova", "Prime", "Lite", "Max", "Neo"),
    brand_lines={
        "Apple": ("iPhone 16 Pro", "iPhone 16", "iPhone 15", "iPhone SE"),
        "Samsung": ("Galaxy S24 Ultra", "Galaxy S24", "Galaxy A55", "Galaxy Z Flip6", "Galaxy A15"),
        "Google": ("Pixel 9 Pro", "Pixel 9", "Pixel 8a"),
        "Xiaomi": ("Redmi Note 13", "Xiaomi 14T", "Poco X6"),
        "OnePlus": ("OnePlus 12", "Nord CE4", "OnePlus 12R"),
        "Motorola": ("Moto G84", "Edge 50 Pro", "Razr 50"),
        "Nokia": ("G42", "X30"),
        "Sony": ("Xperia 1 VI", "Xperia 10 VI"),
    },
    features=(
        ("Triple-Camera", "a triple camera with 5x zoom shoots sharp photos at night"),
        ("Long-Battery", "a 5000 mAh battery comfortably lasts two days"),
        ("120Hz", "a 120Hz display makes scrolling silky smooth"),
        ("Water-Resistant", "IP68 water resistance survives a drop in the pool"),
        ("Fast-Charging", "65 W fast charging fills the battery in under an hour"),
        ("Compact", "a compact body fits comfortably in one hand"),
    ),
    uses=("photography", "everyday use", "mobile gaming", "business", "a first phone"),
    colors=("black", "white", "blue", "green", "silver", "gold", "purple", "pink"),
    sizes=("128GB", "256GB", "512GB"), code="AA-A999", code_share=0.3, warranty=True,
)

ELECTRONICS: tuple[CategorySpec, ...] = (HEADPHONES, LAPTOPS, SMARTPHONES)
