"""Validate the rows of a price file (article, price type, price) before they are stored."""

from decimal import Decimal
from typing import NamedTuple

from .tabular import Column, TabularFileError

PRICE_COLUMNS = {
    "article": Column(("article", "sku", "артикул", "code", "код", "код товара")),
    "price_type": Column(("price type", "price_type", "тип цены", "вид цены", "прайс")),
    "price": Column(("price", "цена", "стоимость")),
}
# A price above this is a typo (an article pasted into the price column, a missing comma).
MAX_PRICE = Decimal("10000000")


class PriceRow(NamedTuple):
    line: int
    article: str
    price_type: str
    price: Decimal


def parse_price_rows(rows):
    """Turn TableRow objects of :data:`PRICE_COLUMNS` into PriceRow, checking every value.

    Raises TabularFileError naming the line of the first bad row; two rows for the same
    article and price type are an error too (which one should win is not for us to guess).
    """
    parsed = []
    seen = {}
    for row in rows:
        article = row.values["article"].strip()
        price_type = row.values["price_type"].strip()
        if not article:
            raise TabularFileError("Line %(line)s: the article is empty", line=row.line)
        if not price_type:
            raise TabularFileError("Line %(line)s: the price type is empty", line=row.line)
        if not row.values["price"].strip():
            raise TabularFileError("Line %(line)s: the price is empty", line=row.line)
        price = row.decimal("price")
        if price < 0:
            raise TabularFileError(
                "Line %(line)s: the price %(price)s is negative", line=row.line, price=price
            )
        if price > MAX_PRICE:
            raise TabularFileError(
                "Line %(line)s: the price %(price)s is above %(max)s; check the column",
                line=row.line,
                price=price,
                max=MAX_PRICE,
            )
        key = (article.casefold(), price_type.casefold())
        if key in seen:
            raise TabularFileError(
                "Line %(line)s: article %(article)s with price type %(type)s is already on "
                "line %(first)s",
                line=row.line,
                article=article,
                type=price_type,
                first=seen[key],
            )
        seen[key] = row.line
        parsed.append(PriceRow(row.line, article, price_type, price))
    return parsed
