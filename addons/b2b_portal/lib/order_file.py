"""Turn the rows of a quick-order file into a preview: one line per article and warehouse.

The Odoo layer reads the file with ``b2b_pricing.lib.tabular.read_table`` and looks up the
articles, warehouses and free stock in a few queries; this module decides, without a
database, what happens to every line: found, not found, archived, bad quantity, not a
multiple of the pack size, not enough stock. Repeated articles are merged and said so.
"""

import re
from dataclasses import dataclass, field

from .errors import LocalizedError, _lt
from .job_progress import Phase, Plan
from .pack_sizes import merge_duplicates, round_to_pack

OK = "ok"
NOT_FOUND = "not_found"
ARCHIVED = "archived"
BAD_QUANTITY = "bad_quantity"
PACK_SIZE = "pack_size"
NO_STOCK = "no_stock"
BAD_WAREHOUSE = "bad_warehouse"

STATUSES = (OK, NOT_FOUND, ARCHIVED, BAD_QUANTITY, PACK_SIZE, NO_STOCK, BAD_WAREHOUSE)

# Checking a file, as the progress bar shows it: read the file, find the articles, look up
# near misses of the unknown ones, take the free stock, price the lines that can be ordered.
# The weights are the shares of the time measured on 1 000 lines.
PLAN = Plan(
    Phase("read", 5),
    Phase("match", 30),
    Phase("suggest", 35),
    Phase("stock", 10),
    Phase("price", 20),
)


class OrderFileMessage(LocalizedError):
    """Why a line of the file cannot go into the cart, in the user's language."""


# What an article loses to compare: all but letters, digits, "/" and "." ("\w" is exactly
# str.isalnum() plus the underscore). One regex instead of a loop over characters: the API
# normalizes thousands of articles per call.
_NOT_ARTICLE = re.compile(r"[^\w/.]|_")


def normalize_article(text):
    """Articles compare without case, spaces and dashes: "ab-12 3" == "AB123"."""
    return _NOT_ARTICLE.sub("", text.casefold())


@dataclass(frozen=True)
class Article:
    """A sellable product as the file order sees it."""

    product_id: int
    code: str
    name: str
    active: bool = True
    pack_multiple: int = 1
    minimum: int = 1


@dataclass
class PreviewLine:
    """One line of the preview; ``lines`` are the source lines it was merged from."""

    lines: tuple
    article: str
    warehouse: str = ""
    quantity: int = 0
    status: str = OK
    message: LocalizedError | None = None
    product: Article | None = None
    warehouse_id: int | None = None
    available: float = 0.0
    suggested_quantity: int | None = None
    suggestions: list = field(default_factory=list)

    @property
    def merged(self):
        return len(self.lines) > 1

    @property
    def ok(self):
        return self.status == OK


def build_preview(rows, articles, warehouses, default_warehouse_ids, stock, suggest=None):
    """Check every row of the file and return the list of :class:`PreviewLine`.

    ``rows``: TableRow-like objects with ``.line``, ``.values`` (article, quantity,
    warehouse) and ``.quantity()`` raising a LocalizedError for a bad quantity.
    ``articles``: {normalized code: Article} (our codes and the customer's own codes).
    ``warehouses``: {normalized name or code: warehouse id} the customer may order from.
    ``default_warehouse_ids``: warehouses to take stock from, in order of preference, when
    the line names none. ``stock``: {(product id, warehouse id): free quantity}.
    ``suggest``: callable(article text) -> list of near-miss codes for unknown articles.
    Rows without a quantity are skipped (count_without_quantity() tells how many).
    """
    preview = []
    valid = []
    for row in rows:
        article = row.values.get("article", "").strip()
        warehouse = row.values.get("warehouse", "").strip()
        if not row.values.get("quantity", "").strip():
            # Rows left without a quantity (e.g. the rest of a filled-in price list) are not
            # ordered; see count_without_quantity().
            continue
        if not article:
            preview.append(
                PreviewLine(
                    (row.line,),
                    article,
                    warehouse,
                    status=NOT_FOUND,
                    message=OrderFileMessage(_lt("the article is empty")),
                )
            )
            continue
        try:
            quantity = row.quantity()
        except ValueError as exc:  # the reader's LocalizedError: rendered the same way
            preview.append(
                PreviewLine((row.line,), article, warehouse, status=BAD_QUANTITY, message=exc)
            )
            continue
        key = (normalize_article(article), warehouse.casefold())
        valid.append((row.line, key, quantity, article, warehouse))
    originals = {}
    for _line, key, _quantity, article, warehouse in valid:
        originals.setdefault(key, (article, warehouse))
    merged = merge_duplicates((line, key, quantity) for line, key, quantity, *_ in valid)
    for key, row in merged.items():
        article, warehouse = originals[key]
        preview.append(
            _check_line(
                PreviewLine(row.lines, article, warehouse, row.quantity),
                articles.get(key[0]),
                warehouses,
                default_warehouse_ids,
                stock,
                suggest,
            )
        )
    preview.sort(key=lambda line: line.lines[0])
    return preview


def _check_line(line, product, warehouses, default_warehouse_ids, stock, suggest):
    if product is None:
        line.status = NOT_FOUND
        line.suggestions = list(suggest(line.article)) if suggest else []
        line.message = OrderFileMessage(_lt("article %(article)s not found"), article=line.article)
        return line
    line.product = product
    if not product.active:
        line.status = ARCHIVED
        line.message = OrderFileMessage(_lt("%(product)s is no longer sold"), product=product.name)
        return line
    check = round_to_pack(line.quantity, product.pack_multiple, product.minimum)
    if not check.ok:
        line.status = PACK_SIZE
        line.suggested_quantity = check.suggested
        line.message = OrderFileMessage(
            _lt(
                "%(product)s is sold in packs of %(multiple)s, at least %(minimum)s: "
                "order %(suggested)s instead of %(quantity)s"
            ),
            product=product.name,
            multiple=product.pack_multiple,
            minimum=max(product.minimum, product.pack_multiple),
            suggested=check.suggested,
            quantity=line.quantity,
        )
        return line
    if line.warehouse:
        warehouse_id = warehouses.get(line.warehouse.casefold())
        if warehouse_id is None:
            line.status = BAD_WAREHOUSE
            line.message = OrderFileMessage(
                _lt("you cannot order from the warehouse %(warehouse)s"), warehouse=line.warehouse
            )
            return line
        candidates = [warehouse_id]
    else:
        candidates = list(default_warehouse_ids)
    for warehouse_id in candidates:
        available = stock.get((product.product_id, warehouse_id), 0.0)
        if available >= line.quantity:
            line.warehouse_id = warehouse_id
            line.available = available
            return line
    line.status = NO_STOCK
    best = max(candidates, key=lambda wid: stock.get((product.product_id, wid), 0.0), default=None)
    line.warehouse_id = best
    line.available = stock.get((product.product_id, best), 0.0) if best else 0.0
    line.message = OrderFileMessage(
        _lt("not enough stock of %(product)s: %(available)s available, %(quantity)s asked"),
        product=product.name,
        available=_format_quantity(line.available),
        quantity=line.quantity,
    )
    if line.available >= 1:
        line.suggested_quantity = int(line.available)
    return line


def _format_quantity(quantity):
    return str(int(quantity)) if float(quantity).is_integer() else str(quantity)


def suggestion_requests(rows, articles, limit):
    """The unknown articles to look near misses up for (a query each): those of the first
    ``limit`` lines not found, in the order build_preview() meets them, without repeats and
    without articles too short to compare. Pass the result as a dict to build_preview()'s
    ``suggest`` (``suggestions.get``)."""
    asked = []
    build_preview(rows, articles, {}, (), {}, suggest=lambda article: asked.append(article) or [])
    return list(dict.fromkeys(article for article in asked[:limit] if len(article) >= 3))


def count_without_quantity(rows):
    """How many rows were skipped by build_preview() for having no quantity."""
    return sum(1 for row in rows if not row.values.get("quantity", "").strip())


def summarize(preview):
    """{status: number of preview lines} plus the number of merged lines, for the header."""
    counts = dict.fromkeys(STATUSES, 0)
    for line in preview:
        counts[line.status] += 1
    counts["merged"] = sum(1 for line in preview if line.merged)
    return counts
