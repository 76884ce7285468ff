"""Numbers and dates as Russian documents print them."""

from .amount_words import split_kopecks

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
# A no-break space groups the thousands, so an amount never wraps inside a table cell.
THOUSANDS_SEPARATOR = "\u00a0"


def format_amount(amount):
    """ "189 884,28": thousands grouped by a no-break space, a decimal comma."""
    rubles, kopecks = split_kopecks(amount)
    sign = "-" if float(amount) < 0 and (rubles or kopecks) else ""
    grouped = f"{rubles:,}".replace(",", THOUSANDS_SEPARATOR)
    return f"{sign}{grouped},{kopecks:02d}"


def format_quantity(quantity):
    """A quantity without a useless fraction: 4 → "4", 2.5 → "2,5"."""
    text = f"{quantity:.3f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_date_long(date):
    """ "02 декабря 2026 г."."""
    return f"{date.day:02d} {MONTHS_GENITIVE[date.month - 1]} {date.year} г."


def format_date_short(date):
    """ "02.12.2026"."""
    return date.strftime("%d.%m.%Y")
