"""Money amounts in Russian words, as on invoices: "Сто один рубль 05 копеек".

num2words' currency mode reads an integer as kopecks and prints kopecks in words, which
Russian documents never do: the rubles are written in words, the kopecks in two digits.
"""

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

RUBLE_FORMS = ("рубль", "рубля", "рублей")
KOPECK_FORMS = ("копейка", "копейки", "копеек")


def plural_form(number, forms):
    """The Russian form of a noun after ``number``: (1 рубль, 2 рубля, 5 рублей)."""
    number = abs(int(number))
    if 11 <= number % 100 <= 14:
        return forms[2]
    if number % 10 == 1:
        return forms[0]
    if 2 <= number % 10 <= 4:
        return forms[1]
    return forms[2]


def split_kopecks(amount):
    """(rubles, kopecks) of ``amount`` (float, str, Decimal), rounded half up to kopecks."""
    value = Decimal(repr(amount) if isinstance(amount, float) else str(amount))
    kopecks = int(abs(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) * 100)
    return kopecks // 100, kopecks % 100


def amount_in_words(amount):
    """ "Сто восемьдесят девять тысяч восемьсот восемьдесят четыре рубля 28 копеек"."""
    rubles, kopecks = split_kopecks(amount)
    words = num2words(rubles, lang="ru")
    if Decimal(str(amount)) < 0 and (rubles or kopecks):
        words = f"минус {words}"
    text = (
        f"{words} {plural_form(rubles, RUBLE_FORMS)} "
        f"{kopecks:02d} {plural_form(kopecks, KOPECK_FORMS)}"
    )
    return text[0].upper() + text[1:]


def count_in_words(count, forms):
    """ "два порядковых номера": a count in words (masculine) with its noun's form."""
    return f"{num2words(int(count), lang='ru')} {plural_form(count, forms)}"
