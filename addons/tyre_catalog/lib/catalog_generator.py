"""Deterministic generator of a real-looking tyre catalogue (demo data and benchmarks).

``generate_skus(count, seed)`` returns ``count`` SKU dicts; the same arguments always give
the same catalogue. Sizes come from a table of common sizes with their standard load index,
brands and tread patterns from a table of real-looking ranges, so every SKU passes the
validators of ``tyre_size``.
"""

import random

from .tyre_size import TyreSize, format_tyre_size

# (width, profile, diameter, load index, dual load index or None, vehicle type, weight)
SIZES = [
    (155, 70, 13, 75, None, "passenger", 2),
    (175, 70, 13, 82, None, "passenger", 3),
    (175, 65, 14, 82, None, "passenger", 4),
    (185, 60, 14, 82, None, "passenger", 3),
    (185, 65, 14, 86, None, "passenger", 4),
    (185, 65, 15, 88, None, "passenger", 6),
    (185, 60, 15, 84, None, "passenger", 4),
    (195, 65, 15, 91, None, "passenger", 8),
    (195, 55, 16, 87, None, "passenger", 4),
    (195, 60, 15, 88, None, "passenger", 4),
    (205, 55, 16, 91, None, "passenger", 10),
    (205, 60, 16, 92, None, "passenger", 6),
    (205, 65, 15, 94, None, "passenger", 3),
    (215, 55, 16, 93, None, "passenger", 4),
    (215, 55, 17, 94, None, "passenger", 5),
    (215, 60, 16, 95, None, "passenger", 5),
    (215, 65, 16, 98, None, "suv", 6),
    (225, 45, 17, 91, None, "passenger", 6),
    (225, 45, 18, 95, None, "passenger", 3),
    (225, 50, 17, 94, None, "passenger", 4),
    (225, 55, 17, 97, None, "passenger", 5),
    (225, 60, 17, 99, None, "suv", 5),
    (225, 65, 17, 102, None, "suv", 5),
    (235, 45, 18, 94, None, "passenger", 3),
    (235, 55, 18, 100, None, "suv", 4),
    (235, 60, 18, 103, None, "suv", 4),
    (235, 65, 17, 104, None, "suv", 4),
    (245, 40, 18, 93, None, "passenger", 3),
    (245, 45, 19, 98, None, "passenger", 2),
    (255, 55, 18, 105, None, "suv", 3),
    (265, 65, 17, 112, None, "suv", 3),
    (265, 60, 18, 110, None, "suv", 2),
    (275, 40, 20, 102, None, "suv", 2),
    (285, 60, 18, 116, None, "suv", 2),
    (185, 75, 16, 104, 102, "van", 3),
    (195, 75, 16, 107, 105, "van", 3),
    (205, 65, 16, 107, 105, "van", 3),
    (215, 65, 16, 109, 107, "van", 3),
    (225, 70, 15, 112, 110, "van", 2),
    (235, 65, 16, 115, 113, "van", 2),
    (215, 75, 17.5, 126, 124, "truck", 1),
    (235, 75, 17.5, 132, 130, "truck", 1),
    (295, 80, 22.5, 152, 148, "truck", 2),
    (315, 70, 22.5, 154, 150, "truck", 2),
    (315, 80, 22.5, 156, 150, "truck", 2),
    (385, 65, 22.5, 160, None, "truck", 2),
]

# Brand -> (country code, manufacturer code prefix, popularity weight)
BRANDS = {
    "Michelin": ("FR", "MI", 9),
    "Continental": ("DE", "CO", 8),
    "Nokian Tyres": ("FI", "NO", 8),
    "Ikon Tyres": ("RU", "IK", 7),
    "Pirelli": ("IT", "PI", 6),
    "Bridgestone": ("JP", "BR", 6),
    "Cordiant": ("RU", "CD", 7),
    "Kama": ("RU", "KA", 5),
    "Yokohama": ("JP", "YO", 5),
    "Hankook": ("KR", "HA", 5),
}

# (brand, tread pattern, season, studded, vehicle types)
MODELS = [
    ("Michelin", "Primacy 4+", "summer", False, ("passenger",)),
    ("Michelin", "Pilot Sport 5", "summer", False, ("passenger",)),
    ("Michelin", "X-Ice North 4", "winter", True, ("passenger", "suv")),
    ("Michelin", "Alpin 6", "winter", False, ("passenger",)),
    ("Michelin", "Latitude Sport 3", "summer", False, ("suv",)),
    ("Michelin", "CrossClimate 2", "all_season", False, ("passenger", "suv")),
    ("Michelin", "Agilis 3", "summer", False, ("van",)),
    ("Michelin", "X Multi Z", "all_season", False, ("truck",)),
    ("Continental", "PremiumContact 7", "summer", False, ("passenger",)),
    ("Continental", "IceContact 3", "winter", True, ("passenger", "suv")),
    ("Continental", "WinterContact TS 870", "winter", False, ("passenger",)),
    ("Continental", "CrossContact LX Sport", "all_season", False, ("suv",)),
    ("Continental", "VanContact Ultra", "summer", False, ("van",)),
    ("Continental", "Conti Hybrid HS3", "all_season", False, ("truck",)),
    ("Nokian Tyres", "Hakkapeliitta 10p", "winter", True, ("passenger", "suv")),
    ("Nokian Tyres", "Hakkapeliitta R5", "winter", False, ("passenger", "suv")),
    ("Nokian Tyres", "Hakka Blue 3", "summer", False, ("passenger",)),
    ("Nokian Tyres", "Hakkapeliitta CR4", "winter", True, ("van",)),
    ("Ikon Tyres", "Nordman 8", "winter", True, ("passenger", "suv")),
    ("Ikon Tyres", "Autograph Eco 3", "summer", False, ("passenger",)),
    ("Ikon Tyres", "Character Snow 2", "winter", False, ("passenger",)),
    ("Pirelli", "P Zero", "summer", False, ("passenger",)),
    ("Pirelli", "Ice Zero 2", "winter", True, ("passenger", "suv")),
    ("Pirelli", "Scorpion Verde", "summer", False, ("suv",)),
    ("Bridgestone", "Turanza 6", "summer", False, ("passenger",)),
    ("Bridgestone", "Blizzak Spike-03", "winter", True, ("passenger", "suv")),
    ("Bridgestone", "Duravis R660", "summer", False, ("van",)),
    ("Bridgestone", "R-Drive 002", "all_season", False, ("truck",)),
    ("Cordiant", "Comfort 2", "summer", False, ("passenger", "suv")),
    ("Cordiant", "Snow Cross 2", "winter", True, ("passenger", "suv")),
    ("Cordiant", "Business CS", "summer", False, ("van",)),
    ("Cordiant", "Professional FR-1", "all_season", False, ("truck",)),
    ("Kama", "Breeze HK-132", "summer", False, ("passenger",)),
    ("Kama", "Irbis 505", "winter", True, ("passenger",)),
    ("Kama", "Euro LCV-131", "all_season", False, ("van",)),
    ("Kama", "NF 202", "all_season", False, ("truck",)),
    ("Yokohama", "BluEarth-GT AE51", "summer", False, ("passenger",)),
    ("Yokohama", "iceGUARD Stud IG65", "winter", True, ("passenger", "suv")),
    ("Yokohama", "Geolandar A/T G015", "all_season", False, ("suv",)),
    ("Hankook", "Ventus Prime 4", "summer", False, ("passenger",)),
    ("Hankook", "Winter i*Pike RS2", "winter", True, ("passenger",)),
    ("Hankook", "Dynapro HP2", "summer", False, ("suv",)),
]

# Catalog sections (website categories) by vehicle type and season.
SECTIONS = {
    "passenger_summer": "Легковые летние",
    "passenger_winter": "Легковые зимние",
    "passenger_all_season": "Легковые всесезонные",
    "suv": "Внедорожные",
    "van": "Лёгкогрузовые",
    "truck": "Грузовые",
}

WAREHOUSES = ("MSK", "SPB", "EKB", "KHM")
# Warehouses added later draw their stock from a random stream of their own: the SKUs (and
# the stock of the first warehouses) of a seed stay what they were.
_LATER_WAREHOUSES = ("KHM",)

_SPEEDS = {
    ("passenger", "summer"): ("H", "V", "W", "Y"),
    ("passenger", "winter"): ("T", "R", "H"),
    ("passenger", "all_season"): ("H", "V"),
    ("suv", "summer"): ("H", "V", "W"),
    ("suv", "winter"): ("T", "R", "H"),
    ("suv", "all_season"): ("H", "T"),
    ("van", "summer"): ("R", "T"),
    ("van", "winter"): ("R", "Q"),
    ("van", "all_season"): ("R", "T"),
    ("truck", "all_season"): ("L", "M", "K"),
    ("truck", "summer"): ("L", "M"),
    ("truck", "winter"): ("L", "M"),
}
_BASE_PRICE_PER_INCH = {"passenger": 430, "suv": 560, "van": 520, "truck": 1500}
_EU_CLASSES = "ABCDE"


def section_key(vehicle_type, season):
    """Key in ``SECTIONS`` of the catalog section of a tyre."""
    if vehicle_type == "passenger":
        return f"passenger_{season}"
    return vehicle_type


def _models_by_vehicle_type():
    by_type = {}
    for model in MODELS:
        for vehicle_type in model[4]:
            by_type.setdefault(vehicle_type, []).append(model)
    return by_type


def _price(rng, size, brand, season, studded):
    width, _profile, diameter, _load, _dual, vehicle_type, _weight = size
    base = _BASE_PRICE_PER_INCH[vehicle_type] * diameter * (width / 200) ** 1.5
    base *= 0.8 + BRANDS[brand][2] / 20
    if season == "winter":
        base *= 1.12 + (0.08 if studded else 0)
    return round(base * rng.uniform(0.9, 1.15) / 10) * 10


def _stock(rng, codes):
    stock = {}
    for code in codes:
        roll = rng.random()
        stock[code] = (
            0 if roll < 0.25 else (rng.randint(1, 8) if roll < 0.45 else rng.randint(8, 400))
        )
    return stock


def generate_skus(count, seed=2026):
    """Return ``count`` tyre SKUs as dicts (see the keys below); deterministic per seed."""
    rng = random.Random(seed)
    later_rng = random.Random(f"{seed}-later-warehouses")
    first_warehouses = tuple(code for code in WAREHOUSES if code not in _LATER_WAREHOUSES)
    models_by_type = _models_by_vehicle_type()
    weights = [size[6] for size in SIZES]
    skus = []
    for index in range(count):
        size = rng.choices(SIZES, weights=weights)[0]
        width, profile, diameter, load, dual, vehicle_type, _weight = size
        brand, pattern, season, studded, _types = rng.choice(models_by_type[vehicle_type])
        speed = rng.choice(_SPEEDS[(vehicle_type, season)])
        reinforced = vehicle_type in ("passenger", "suv") and rng.random() < 0.25
        runflat = vehicle_type == "passenger" and season != "winter" and rng.random() < 0.06
        tyre = TyreSize(
            width=width,
            profile=profile,
            diameter=diameter,
            load_index=load + (3 if reinforced else 0),
            load_index_dual=dual,
            speed_index=speed,
            zr=speed in ("W", "Y") and diameter >= 17 and rng.random() < 0.5,
            commercial=vehicle_type == "van",
            reinforced=reinforced,
            runflat=runflat,
        )
        country, prefix, popularity = BRANDS[brand]
        skus.append(
            {
                "article": f"{prefix}{index + 1:07d}",
                "brand": brand,
                "model": pattern,
                "season": season,
                "studded": studded,
                "size": tyre,
                "size_string": format_tyre_size(tyre),
                "vehicle_type": vehicle_type,
                "section": section_key(vehicle_type, season),
                "list_price": _price(rng, size, brand, season, studded),
                "popularity": popularity * 10 + rng.randint(0, 90),
                "promotion": rng.random() < 0.08,
                "eu_fuel": rng.choice(_EU_CLASSES[:4]),
                "eu_wet": rng.choice(_EU_CLASSES[:4]),
                "eu_noise_db": rng.randint(66, 75),
                "manufacturer_code": f"{country}{rng.randint(100000, 999999)}",
                "stock": {
                    **_stock(rng, first_warehouses),
                    **_stock(later_rng, _LATER_WAREHOUSES),
                },
            }
        )
    return skus


def sku_name(sku):
    """Product name of a SKU: brand, tread pattern and size."""
    return f"{sku['brand']} {sku['model']} {sku['size_string']}"
