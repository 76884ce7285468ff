from b2b_portal.lib.region_match import region_for_address, split_places

PLACES = {
    "msk": ["Москва", "Московская обл", "Подольск", "Химки"],
    "spb": ["Санкт-Петербург", "Ленинградская обл"],
    "ekb": ["Екатеринбург", "Свердловская обл"],
}


def test_city_of_the_legal_address():
    address = "196084, г Санкт-Петербург, Московский пр-кт, д 73"
    assert region_for_address(address, PLACES) == "spb"


def test_moscow_region_town():
    assert region_for_address("141100, Московская обл, г Щёлково", PLACES) == "msk"
    assert region_for_address("г. Химки, ул. Ленина, 1", PLACES) == "msk"


def test_whole_words_only():
    assert region_for_address("ул Москворецкая, Тверь", PLACES) is None


def test_case_and_yo():
    assert region_for_address("ЕКАТЕРИНБУРГ, УЛ. МАЛЫШЕВА", PLACES) == "ekb"
    assert region_for_address("г Королёв", {"msk": ["Королев"]}) == "msk"


def test_longest_place_wins():
    places = {"a": ["Петербург"], "b": ["Санкт-Петербург"]}
    assert region_for_address("г Санкт-Петербург", places) == "b"


def test_nothing_known():
    assert region_for_address("", PLACES) is None
    assert region_for_address(None, PLACES) is None
    assert region_for_address("г Новосибирск", PLACES) is None


def test_split_places():
    assert split_places("Москва, Московская обл;\nПодольск,, ") == [
        "Москва",
        "Московская обл",
        "Подольск",
    ]
    assert split_places(False) == []
