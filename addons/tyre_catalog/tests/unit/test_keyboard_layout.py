import pytest

from tyre_catalog.lib.keyboard_layout import layout_variants, switch_layout

# Text typed in the wrong layout -> what the user meant.
RUSSIAN_TYPED_AS_ENGLISH = [
    ("ghbdtn", "привет"),
    ("Ghbdtn", "Привет"),
    ("GHBDTN", "ПРИВЕТ"),
    ("k.,jq", "любой"),  # "." and "," are the keys of ю and б
    (";bdjq", "живой"),  # ";" is ж
    ("'nb", "эти"),  # "'" is э
    ("[jhjij", "хорошо"),  # "[" is х
    ("gjl]tv", "подъем"),  # "]" is ъ
    ("`krf", "ёлка"),  # "`" is ё
    ("{jhjij", "Хорошо"),  # shifted keys give capitals
    ("ibys vbikty", "шины мишлен"),
    ("rjhlbfyn", "кордиант"),
]
ENGLISH_TYPED_AS_RUSSIAN = [
    ("Ьшсрудшт", "Michelin"),
    ("ьшсрудшт", "michelin"),
    ("ЬШСРУДШТ", "MICHELIN"),
    ("Нщлщрфьф", "Yokohama"),
    ("Икшвпуыещту", "Bridgestone"),
    ("Сщтештутефд", "Continental"),
    ("Тщлшфт Рфллфзудшшееф", "Nokian Hakkapeliitta"),
    ("ЗшкуддшЖ", "Pirelli:"),
    ("Пщщвнуфк", "Goodyear"),
]


@pytest.mark.parametrize(("typed", "meant"), RUSSIAN_TYPED_AS_ENGLISH)
def test_switch_english_layout_to_russian(typed, meant):
    assert switch_layout(typed) == meant


@pytest.mark.parametrize(("typed", "meant"), ENGLISH_TYPED_AS_RUSSIAN)
def test_switch_russian_layout_to_english(typed, meant):
    assert switch_layout(typed) == meant


@pytest.mark.parametrize(
    "text", [typed for typed, _ in RUSSIAN_TYPED_AS_ENGLISH + ENGLISH_TYPED_AS_RUSSIAN]
)
def test_switching_twice_gives_the_original(text):
    assert switch_layout(switch_layout(text)) == text


@pytest.mark.parametrize("text", ["", "   ", "205/55", "2055516", "205/55 16", "12.5", "?!/"])
def test_words_without_letters_are_unchanged(text):
    assert switch_layout(text) == text


def test_direction_is_chosen_per_word():
    assert switch_layout("Ьшсрудшт ghbdtn") == "Michelin привет"


def test_numbers_and_sizes_survive_next_to_switched_words():
    assert switch_layout("Ьшсрудшт 205/55 к16") == "Michelin 205/55 r16"
    assert switch_layout("ibys 205/55 r16") == "шины 205/55 к16"


def test_russian_punctuation_is_kept():
    # "." and "," in a Russian word are Russian punctuation, not the ю/б keys.
    assert switch_layout("Ьшсрудшт,") == "Michelin,"
    assert switch_layout("ghbdtn?") == "привет?"


def test_whitespace_is_kept():
    assert switch_layout("  ghbdtn\tvbh ") == "  привет\tмир "


def test_unknown_scripts_are_unchanged():
    assert switch_layout("Größe ßü") == "Пкößу ßü"
    assert switch_layout("αβγ") == "αβγ"
    # Characters whose lower case is ASCII (Kelvin sign, dotted I) are not Latin keys.
    assert switch_layout("\u212a\u0130") == "\u212a\u0130"


def test_layout_variants_returns_original_and_switched():
    assert layout_variants("Ьшсрудшт") == ["Ьшсрудшт", "Michelin"]
    assert layout_variants("michelin") == ["michelin", "ьшсрудшт"]


@pytest.mark.parametrize("query", ["", "205/55", "2055516"])
def test_layout_variants_without_letters_has_one_candidate(query):
    assert layout_variants(query) == [query]
