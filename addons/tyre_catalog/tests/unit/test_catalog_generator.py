from tyre_catalog.lib.catalog_generator import (
    BRANDS,
    MODELS,
    SECTIONS,
    WAREHOUSES,
    generate_skus,
    section_key,
    sku_name,
)
from tyre_catalog.lib.tyre_size import parse_tyre_size


def test_same_seed_gives_same_catalog():
    assert generate_skus(50, seed=7) == generate_skus(50, seed=7)
    assert generate_skus(50, seed=7) != generate_skus(50, seed=8)


def test_articles_are_unique():
    skus = generate_skus(3000)
    assert len({sku["article"] for sku in skus}) == 3000


def test_size_strings_parse_back_to_the_same_size():
    for sku in generate_skus(500):
        assert parse_tyre_size(sku["size_string"]) == sku["size"]


def test_models_belong_to_their_brand_and_season():
    known = {(brand, model): (season, studded) for brand, model, season, studded, _ in MODELS}
    for sku in generate_skus(500):
        assert sku["brand"] in BRANDS
        assert known[(sku["brand"], sku["model"])] == (sku["season"], sku["studded"])
        assert sku["section"] in SECTIONS


def test_catalog_spreads_over_seasons_brands_and_vehicle_types():
    skus = generate_skus(2000)
    assert {sku["season"] for sku in skus} == {"summer", "winter", "all_season"}
    assert len({sku["brand"] for sku in skus}) == len(BRANDS)
    assert {sku["vehicle_type"] for sku in skus} == {"passenger", "suv", "van", "truck"}
    assert any(sku["studded"] for sku in skus)


def test_stock_has_every_warehouse_and_some_zeros():
    skus = generate_skus(400)
    assert all(set(sku["stock"]) == set(WAREHOUSES) for sku in skus)
    quantities = [qty for sku in skus for qty in sku["stock"].values()]
    assert min(quantities) == 0
    assert max(quantities) > 100
    assert all(qty >= 0 for qty in quantities)


def test_prices_are_positive_and_trucks_cost_more():
    skus = generate_skus(1000)
    assert all(sku["list_price"] > 0 for sku in skus)
    truck = [sku["list_price"] for sku in skus if sku["vehicle_type"] == "truck"]
    passenger = [sku["list_price"] for sku in skus if sku["vehicle_type"] == "passenger"]
    assert min(truck) > sum(passenger) / len(passenger)


def test_section_key_and_name():
    assert section_key("passenger", "winter") == "passenger_winter"
    assert section_key("truck", "all_season") == "truck"
    sku = generate_skus(1)[0]
    assert sku_name(sku) == f"{sku['brand']} {sku['model']} {sku['size_string']}"


def test_the_two_moscow_warehouses_hold_different_stock():
    skus = generate_skus(400)
    assert sum(sku["stock"]["MSK"] != sku["stock"]["KHM"] for sku in skus) > 200
    assert any(sku["stock"]["KHM"] and not sku["stock"]["MSK"] for sku in skus)
    assert any(sku["stock"]["MSK"] and not sku["stock"]["KHM"] for sku in skus)
