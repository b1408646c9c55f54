"""Category tables for things people wear or carry: shoes, clothing, watches, backpacks.

Prices are list prices in dollars from a quick survey of general online stores; the ranges are
what the tests hold the generator to, so a shopper's "under $100" always has a sensible answer.
"""

from __future__ import annotations

from assistant.shopdata.demo.vocab import CLOTHING_SIZES, SHOE_SIZES, CategorySpec

_SHOE_FEATURES = (
    ("Cushioned", "a thick foam midsole cushions every stride"),
    ("Lightweight", "at well under 300 grams a shoe it feels light from the first step"),
    ("Breathable", "an engineered mesh upper keeps air moving on hot days"),
    ("Waterproof", "a waterproof membrane keeps your feet dry through puddles and wet grass"),
    ("Responsive", "a springy plate gives a snappy, responsive toe-off"),
    ("Stable", "a wider base and firm heel counter add stability for overpronators"),
    ("Grippy", "a rubber outsole with deep lugs grips on mud, gravel and wet roads"),
    ("Reflective", "reflective details keep you visible on early-morning and evening runs"),
)

RUNNING_SHOES = CategorySpec(
    name="running shoes", price_range=(40.0, 220.0), share=1.3,
    brands=("Nike", "Adidas", "Asics", "Brooks", "New Balance", "Hoka", "Saucony", "Puma", "On", "Salomon"),
    nouns=("Running Shoes", "Trail Running Shoes", "Road Running Shoes", "Racing Shoes", "Running Shoes"),
    lines=("Velocity", "Stride", "Tempo", "Glide", "Pace", "Vector", "Horizon", "Rush"),
    brand_lines={
        "Nike": ("Pegasus 41", "Vomero 18", "Invincible 3", "Alphafly 3",
                 "Pegasus Trail 5|Trail Running Shoes"),
        "Adidas": ("Ultraboost 5", "Adizero Boston 12", "Supernova Rise", "Adizero SL2"),
        "Asics": ("Gel-Nimbus 26", "Gel-Kayano 31", "Novablast 5", "Gel-Trabuco 12|Trail Running Shoes",
                  "Gel-Cumulus 26"),
        "Brooks": ("Ghost 16", "Glycerin 21", "Adrenaline GTS 24", "Cascadia 18|Trail Running Shoes"),
        "New Balance": ("Fresh Foam 1080v14", "FuelCell Rebel v4", "880v14", "Hierro v8|Trail Running Shoes"),
        "Hoka": ("Clifton 9", "Bondi 8", "Speedgoat 6|Trail Running Shoes", "Mach 6", "Arahi 7"),
        "Saucony": ("Endorphin Speed 4", "Triumph 22", "Ride 17", "Peregrine 14|Trail Running Shoes"),
        "On": ("Cloudmonster 2", "Cloudsurfer", "Cloudultra 2"),
        "Salomon": ("Speedcross 6|Trail Running Shoes", "Sense Ride 5", "Ultra Glide 2"),
    },
    features=_SHOE_FEATURES,
    uses=("daily training", "long runs", "race day", "trail running", "tempo workouts", "marathon training"),
    colors=("black", "white", "blue", "red", "green", "grey", "pink", "navy", "orange", "yellow"),
    sizes=SHOE_SIZES, genders=("men", "women", "unisex"), materials=("mesh", "knit", "synthetic"),
    code="AA999", code_share=0.1,
)

SNEAKERS = CategorySpec(
    name="sneakers", price_range=(35.0, 180.0), share=1.1,
    brands=("Nike", "Adidas", "New Balance", "Puma", "Vans", "Converse", "Reebok", "Skechers"),
    nouns=("Sneakers", "Low-Top Sneakers", "High-Top Sneakers", "Skate Shoes", "Trainers"),
    lines=("Classic", "Court", "Retro", "Street", "Heritage", "Urban", "Club"),
    brand_lines={
        "Nike": ("Air Force 1", "Air Max 90", "Dunk Low", "Blazer Mid 77"),
        "Adidas": ("Stan Smith", "Superstar", "Samba OG", "Gazelle"),
        "New Balance": ("574", "550", "9060", "327"),
        "Vans": ("Old Skool", "Sk8-Hi", "Authentic", "Slip-On"),
        "Converse": ("Chuck Taylor All Star", "Chuck 70", "Run Star Hike"),
        "Puma": ("Suede Classic", "Palermo", "RS-X"),
    },
    features=(
        ("Padded", "a padded collar and tongue make it comfortable straight out of the box"),
        ("Retro", "the retro silhouette is lifted straight from the archive"),
        ("Chunky", "a chunky platform sole adds a little height"),
        ("Cushioned", "a cushioned insole keeps you comfortable on long walks"),
        ("Lightweight", "a lightweight sole keeps every step easy"),
        ("Grippy", "a herringbone rubber outsole grips smooth floors"),
        ("Breathable", "perforations let air through on warm days"),
    ),
    uses=("everyday wear", "weekend outings", "casual Fridays", "city walks", "skateboarding"),
    colors=("black", "white", "blue", "red", "green", "grey", "pink", "navy", "beige", "brown"),
    sizes=SHOE_SIZES, genders=("men", "women", "unisex"), materials=("leather", "suede", "canvas"),
    code="AA9999", code_share=0.08,
)

JACKETS = CategorySpec(
    name="jackets", price_range=(40.0, 450.0), share=1.1,
    brands=("The North Face", "Columbia", "Patagonia", "Uniqlo", "Zara", "Levi's", "Nike", "Canada Goose"),
    nouns=("Jacket", "Puffer Jacket", "Rain Jacket", "Parka", "Fleece Jacket", "Denim Jacket",
           "Softshell Jacket"),
    lines=("Summit", "Ridge", "Alpine", "Metro", "Trail", "Storm", "Nordic", "Harbor"),
    brand_lines={
        "The North Face": ("Nuptse|Puffer Jacket", "Thermoball|Puffer Jacket", "Antora|Rain Jacket",
                           "Denali|Fleece Jacket"),
        "Patagonia": ("Nano Puff|Puffer Jacket", "Torrentshell 3L|Rain Jacket",
                      "Better Sweater|Fleece Jacket", "Down Sweater|Puffer Jacket"),
        "Columbia": ("Watertight II|Rain Jacket", "Powder Lite|Puffer Jacket", "Bugaboo II|Parka"),
        "Canada Goose": ("Expedition|Parka", "Chilliwack|Parka", "Crofton|Puffer Jacket"),
        "Uniqlo": ("Ultra Light Down|Puffer Jacket", "Blocktech|Rain Jacket"),
    },
    features=(
        ("Insulated", "synthetic insulation keeps you warm even when it gets damp", "Puffer|Parka"),
        ("Packable", "it packs into its own pocket for travel", "Puffer|Rain"),
        ("Windproof", "a windproof shell blocks cold gusts", "Rain|Softshell|Parka|Fleece|Puffer"),
        ("Waterproof", "taped seams and a waterproof shell keep heavy rain out", "Rain|Parka|Softshell"),
        ("Classic", "the classic trucker cut never goes out of style", "Denim"),
        ("Breathable", "underarm vents let heat escape on steep climbs"),
        ("Hooded", "an adjustable hood fits over a hat or helmet"),
    ),
    uses=("winter commutes", "hiking", "rainy days", "ski trips", "layering in autumn"),
    colors=("black", "blue", "red", "green", "grey", "navy", "beige", "brown", "yellow", "orange"),
    sizes=CLOTHING_SIZES, genders=("men", "women", "unisex"),
    materials=("nylon|Puffer|Rain|Softshell|Parka", "polyester|Fleece|Puffer|Jacket", "down|Puffer|Parka",
               "fleece|Fleece", "denim|Denim", "wool|Jacket"),
    brand_nouns={"Levi's": ("Denim Jacket", "Jacket"), "Canada Goose": ("Parka", "Puffer Jacket"),
                 "Patagonia": ("Fleece Jacket", "Puffer Jacket", "Rain Jacket", "Softshell Jacket")},
    code="AA-9999", code_share=0.05,
)

DRESSES = CategorySpec(
    name="dresses", price_range=(20.0, 250.0), share=0.9,
    brands=("Zara", "H&M", "Mango", "Free People", "Calvin Klein", "Ralph Lauren", "Gap", "Uniqlo"),
    nouns=("Dress", "Midi Dress", "Maxi Dress", "Wrap Dress", "Shirt Dress", "Slip Dress", "Mini Dress"),
    lines=("Riviera", "Bloom", "Sienna", "Aurora", "Willow", "Camille", "Luna", "Elodie"),
    features=(
        ("Floral", "a hand-drawn floral print brings a summery feel"),
        ("Lined", "a soft lining means no slip is needed"),
        ("Ruffled", "a ruffled hem adds a playful touch"),
        ("Pleated", "soft pleats add movement to the skirt"),
        ("Belted", "a self-tie belt defines the waist"),
        ("Sleeveless", "the sleeveless cut is made for warm evenings"),
        ("Stretch", "a touch of stretch makes it easy to move in"),
    ),
    uses=("weddings", "summer evenings", "the office", "date night", "holidays", "garden parties"),
    colors=("black", "white", "blue", "red", "green", "pink", "navy", "beige", "purple", "yellow"),
    sizes=CLOTHING_SIZES, genders=("women",), materials=("cotton", "linen", "satin", "viscose", "polyester"),
    code="A9999", code_share=0.03,
)

JEANS = CategorySpec(
    name="jeans", price_range=(25.0, 200.0), share=0.9,
    brands=("Levi's", "Wrangler", "Lee", "Diesel", "Calvin Klein", "Gap", "Uniqlo", "Tommy Hilfiger"),
    nouns=("Jeans", "Slim Jeans", "Straight Jeans", "Skinny Jeans", "Relaxed Jeans", "Bootcut Jeans"),
    lines=("Heritage", "Everyday", "Vintage", "Indigo", "Rigid", "Flex", "Carpenter"),
    brand_lines={
        "Levi's": ("501 Original", "511 Slim", "505 Regular", "Ribcage", "550 Relaxed"),
        "Wrangler": ("Cowboy Cut", "Texas Stretch"),
        "Diesel": ("D-Strukt", "Sleenker", "1995 D-Sark"),
    },
    features=(
        ("Stretch", "two percent elastane gives the denim comfortable stretch"),
        ("Tapered", "the leg tapers gently from knee to ankle"),
        ("Distressed", "light distressing gives a broken-in look from day one"),
        ("High-Rise", "the high rise sits at the natural waist"),
        ("Selvedge", "selvedge denim from traditional shuttle looms ages beautifully"),
        ("Washed", "a stone wash softens the fabric"),
    ),
    uses=("everyday wear", "the weekend", "casual workdays", "travel"),
    colors=("blue", "black", "grey", "navy", "white", "beige"),
    sizes=("W28", "W29", "W30", "W31", "W32", "W33", "W34", "W36", "W38"), genders=("men", "women"),
    materials=("denim", "stretch denim", "organic cotton"), code="999", code_share=0.05,
)

TSHIRTS = CategorySpec(
    name="t-shirts", price_range=(8.0, 60.0), share=1.0,
    brands=("Nike", "Adidas", "Uniqlo", "H&M", "Levi's", "Under Armour", "Puma", "Gap", "Tommy Hilfiger"),
    nouns=("T-Shirt", "Crew Neck T-Shirt", "V-Neck T-Shirt", "Graphic T-Shirt", "Training T-Shirt",
           "Pocket Tee"),
    lines=("Essential", "Everyday", "Core", "Supima", "Dri-Tech", "Classic", "Heavyweight"),
    brand_lines={"Nike": ("Dri-FIT Legend", "Sportswear Club"), "Under Armour": ("Tech 2.0", "HeatGear")},
    features=(
        ("Soft", "a soft, brushed jersey feels good against the skin"),
        ("Moisture-Wicking", "moisture-wicking fabric pulls sweat away during workouts"),
        ("Oversized", "a relaxed oversized fit drops at the shoulder"),
        ("Slim-Fit", "a slim fit that stays neat under a jacket"),
        ("Heavyweight", "a heavyweight jersey holds its shape wash after wash"),
        ("Quick-Dry", "quick-dry fabric is ready again in an hour"),
    ),
    uses=("the gym", "everyday wear", "layering", "hot summer days", "running errands"),
    colors=("black", "white", "blue", "red", "green", "grey", "pink", "navy", "beige", "yellow", "orange"),
    sizes=CLOTHING_SIZES, genders=("men", "women", "unisex"),
    materials=("cotton", "polyester", "cotton blend"),
    code="AA999", code_share=0.03,
)

WATCHES = CategorySpec(
    name="watches", price_range=(25.0, 900.0), share=1.0,
    brands=("Apple", "Samsung", "Garmin", "Casio", "Fossil", "Seiko", "Timex", "Citizen", "Xiaomi"),
    nouns=("Smartwatch", "Watch", "Chronograph Watch", "Dive Watch", "GPS Watch", "Digital Watch"),
    lines=("Pilot", "Voyager", "Classic", "Field", "Sport", "Navigator", "Explorer"),
    brand_lines={
        "Apple": ("Watch Series 10|Smartwatch", "Watch SE|Smartwatch", "Watch Ultra 2|Smartwatch"),
        "Samsung": ("Galaxy Watch7|Smartwatch", "Galaxy Watch Ultra|Smartwatch",
                    "Galaxy Watch FE|Smartwatch"),
        "Garmin": ("Forerunner 265|GPS Watch", "Fenix 8|GPS Watch", "Venu 3|Smartwatch",
                   "Instinct 2X|GPS Watch", "Forerunner 965|GPS Watch"),
        "Casio": ("G-Shock GA-2100|Digital Watch", "G-Shock DW-5600|Digital Watch", "F-91W|Digital Watch",
                  "Edifice EFR-526|Chronograph Watch"),
        "Seiko": ("Presage SRPD37|Watch", "Prospex SRPE93|Dive Watch", "5 Sports SRPD55|Watch"),
        "Citizen": ("Eco-Drive BM8180|Watch", "Promaster BN0150|Dive Watch"),
    },
    features=(
        ("Water-Resistant", "it is water resistant to 100 metres, so swimming is fine"),
        ("Solar", "solar charging tops the battery up in daylight", "GPS|Digital|Chronograph"),
        ("GPS", "built-in GPS tracks pace and distance without a phone", "GPS|Smartwatch"),
        ("Automatic", "an automatic movement winds itself as you wear it", "Dive|Chronograph"),
        ("Sapphire", "sapphire crystal glass resists scratches"),
        ("Long-Battery", "the battery lasts up to two weeks between charges", "Smartwatch|GPS|Digital"),
        ("Heart-Rate", "an optical sensor tracks heart rate and sleep", "Smartwatch|GPS"),
        ("Minimalist", "a clean dial and slim case go with a suit or a T-shirt", "Watch"),
    ),
    uses=("everyday wear", "training", "diving", "the office", "outdoor adventures"),
    colors=("black", "silver", "gold", "blue", "green", "brown", "white"),
    sizes=("38mm", "40mm", "42mm", "44mm", "46mm"), genders=("men", "women", "unisex"),
    materials=("stainless steel", "titanium|GPS|Dive|Smartwatch", "resin|Digital|GPS", "leather strap|Watch",
               "aluminium|Smartwatch"),
    brand_nouns={"Apple": ("Smartwatch",), "Samsung": ("Smartwatch",), "Xiaomi": ("Smartwatch",),
                 "Garmin": ("GPS Watch", "Smartwatch"),
                 "Casio": ("Digital Watch", "Chronograph Watch", "Watch"),
                 "Fossil": ("Watch", "Chronograph Watch", "Smartwatch"), "Timex": ("Watch", "Digital Watch")},
    code="AAA999", code_share=0.25, warranty=True,
)

BACKPACKS = CategorySpec(
    name="backpacks", price_range=(20.0, 280.0), share=0.9,
    brands=("Herschel", "Osprey", "Jansport", "The North Face", "Samsonite", "Fjallraven", "Nike", "Adidas"),
    nouns=("Backpack", "Laptop Backpack", "Hiking Backpack", "Travel Backpack", "Daypack",
           "Rolltop Backpack"),
    lines=("Commuter", "Trailhead", "Campus", "Voyager", "Metro", "Summit", "Transit"),
    brand_lines={
        "Herschel": ("Little America", "Heritage", "Classic XL"),
        "Osprey": ("Talon 22", "Farpoint 40", "Daylite Plus", "Stratos 24"),
        "Jansport": ("SuperBreak", "Right Pack", "Big Student"),
        "The North Face": ("Borealis", "Jester", "Recon"),
        "Fjallraven": ("Kanken", "Kanken Laptop 15", "Raven 28"),
    },
    features=(
        ("Water-Resistant", "a water-resistant coating shrugs off showers"),
        ("Padded", "a padded sleeve fits laptops up to 16 inches"),
        ("Ventilated", "a ventilated back panel keeps your back cool on climbs"),
        ("Lightweight", "it weighs under a kilo empty"),
        ("Anti-Theft", "hidden zips and a back pocket make it hard to pickpocket"),
        ("Expandable", "an expandable main compartment adds room for a weekend away"),
    ),
    uses=("commuting", "school", "day hikes", "travel", "the gym"),
    colors=("black", "blue", "red", "green", "grey", "navy", "beige", "brown", "yellow", "orange"),
    sizes=("15L", "20L", "25L", "30L", "40L"), genders=("unisex",),
    materials=("nylon", "polyester", "canvas", "recycled polyester"), code="AA99", code_share=0.05,
)

FASHION: tuple[CategorySpec, ...] = (
    RUNNING_SHOES, SNEAKERS, JACKETS, DRESSES, JEANS, TSHIRTS, WATCHES, BACKPACKS,
)
