"""Stock Odoo routes that B2B users (portal users acting for a legal entity) may not use.

Odoo's shop, checkout, address book, reorder and returns know nothing of holdings, legal
entities and portal roles: through them a buyer would order without the B2B rules, an
accountant would reach a checkout and anybody could edit another customer's addresses. For a
B2B user they are closed: a page is sent to the portal's own page doing the same job, anything
else (JSON, form posts) is refused. Everybody else (visitors, staff, portal users outside any
holding) keeps Odoo's behaviour.

Routes are matched by their declared pattern (as in ``@http.route``), by whole path segments:
``/shop`` covers ``/shop/cart/update`` but not ``/shopping``. The longest entry wins.
"""

from typing import NamedTuple

CATALOG = "/my/catalog"
CART = "/my/b2b/cart"
ORDERS = "/my/b2b/orders"
ADDRESSES = "/my/company/addresses"

OPEN = "open"  # explicitly left to Odoo: read-only, guarded by the record rules
REFUSE = "refuse"  # no page of ours replaces it

# route pattern -> OPEN, REFUSE, or the page a GET of it is sent to (``{arg}`` from the URL)
CLOSED_ROUTES = {
    # website_sale and the modules on top of it (wishlist, comparison, stock notifications)
    "/shop": CATALOG,
    "/shop/cart": CART,
    "/shop/checkout": CART,
    "/shop/address": CART,
    "/shop/update_address": CART,
    "/shop/extra_info": CART,
    "/shop/payment": CART,
    "/shop/express_checkout": CART,
    "/shop/express": CART,
    "/shop/confirmation": ORDERS,
    "/shop/print": CART,
    "/website_sale": REFUSE,
    "/website/form/shop.sale.order": REFUSE,
    # the product and combo configurators of sale / website_sale
    "/sale": REFUSE,
    # portal's address book: the entity's addresses are managed under My company
    "/my/address": ADDRESSES,
    "/my/addresses": ADDRESSES,
    # sale's order pages: the portal's own order pages check roles and entities
    "/my/orders": ORDERS,
    "/my/quotes": ORDERS,
    "/my/orders/<int:order_id>": ORDERS + "/{order_id}",
    "/my/orders/<int:order_id>/document": OPEN,
    "/my/orders/<int:order_id>/download_edi": OPEN,
    # OCA rma / rma_sale: claims are made with the manager until b2b_claims has its pages
    "/my/rmas": REFUSE,
    "/my/rma": REFUSE,
    "/my/requestrma": REFUSE,
    "/my/orders/<int:order_id>/requestrma": REFUSE,
}


class Closure(NamedTuple):
    """What a B2B user gets instead of a closed route: a redirect, or a refusal."""

    redirect: str | None


def _segments(route):
    return tuple(part for part in route.split("/") if part)


_CLOSED = sorted(
    ((_segments(route), target) for route, target in CLOSED_ROUTES.items()),
    key=lambda entry: len(entry[0]),
    reverse=True,
)


def closure(route, method="GET", is_page=True, args=None):
    """How a B2B user's request to the stock ``route`` pattern is answered.

    None when the route stays open; else a Closure with the page to send a GET of a page to,
    or ``redirect=None`` when the request is refused (anything but a page GET, or a route no
    page of ours replaces). ``args`` fill the ``{name}`` placeholders of the target.
    """
    segments = _segments(route)
    target = next((target for prefix, target in _CLOSED if segments[: len(prefix)] == prefix), None)
    if target in (None, OPEN):
        return None
    if target == REFUSE or not is_page or method not in ("GET", "HEAD"):
        return Closure(None)
    return Closure(target.format(**(args or {})))
