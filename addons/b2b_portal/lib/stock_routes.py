"""Stock Odoo routes that B2B users (portal users acting for a legal entity) and visitors
(not logged in) may not use.

Odoo's shop, checkout, address book, reorder and returns know nothing of holdings, legal
entities and portal roles: through them a buyer would order without the B2B rules, an
accountant would reach a checkout and anybody could edit another customer's addresses. For a
B2B user they are closed: a page is sent to the portal's own page doing the same job, anything
else (JSON, form posts) is refused. The portal sells to business customers only, so the web
shop's cart, checkout and payment are closed to visitors too: a page sends them to the login,
then to the catalog. Everybody else (staff, portal users outside any holding) keeps Odoo's
behaviour.

Routes are matched by their declared pattern (as in ``@http.route``), by whole path segments:
``/shop`` covers ``/shop/cart/update`` but not ``/shopping``. The longest entry wins.
"""

from typing import NamedTuple

CATALOG = "/my/catalog"
CART = "/my/b2b/cart"
ORDERS = "/my/b2b/orders"
ADDRESSES = "/my/company/addresses"
LOGIN = "/web/login?redirect=" + CATALOG

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

# Routes of CLOSED_ROUTES closed to visitors as well: the web shop's cart, checkout and payment
# (the catalog pages stay public).
VISITOR_CLOSED_ROUTES = (
    "/shop/cart",
    "/shop/checkout",
    "/shop/address",
    "/shop/update_address",
    "/shop/extra_info",
    "/shop/pricelist",
    "/shop/delivery_methods",
    "/shop/set_delivery_method",
    "/shop/get_delivery_rate",
    "/shop/payment",
    "/shop/express_checkout",
    "/shop/express",
    "/shop/confirmation",
    "/shop/print",
    "/website_sale/get_pickup_locations",
    "/website_sale/set_pickup_location",
    "/website/form/shop.sale.order",
)


class Closure(NamedTuple):
    """What a B2B user or a visitor gets instead of a closed route: a redirect (with the
    request's query when ``keep_query``), or a refusal."""

    redirect: str | None
    keep_query: bool = True


def _segments(route):
    return tuple(part for part in route.split("/") if part)


_CLOSED = sorted(
    ((_segments(route), target) for route, target in CLOSED_ROUTES.items()),
    key=lambda entry: len(entry[0]),
    reverse=True,
)
_VISITOR_CLOSED = tuple(_segments(route) for route in VISITOR_CLOSED_ROUTES)


def _starts_with(segments, prefix):
    return segments[: len(prefix)] == prefix


def closure(route, method="GET", is_page=True, args=None, visitor=False):
    """How a B2B user's (or, with ``visitor``, a visitor's) request to the stock ``route``
    pattern is answered.

    None when the route stays open; else a Closure with the page to send a GET of a page to,
    or ``redirect=None`` when the request is refused (anything but a page GET, or a route no
    page of ours replaces). ``args`` fill the ``{name}`` placeholders of the target.
    """
    segments = _segments(route)
    if visitor:
        if not any(_starts_with(segments, prefix) for prefix in _VISITOR_CLOSED):
            return None
        if not is_page or method not in ("GET", "HEAD"):
            return Closure(None)
        return Closure(LOGIN, keep_query=False)
    target = next((target for prefix, target in _CLOSED if _starts_with(segments, prefix)), None)
    if target in (None, OPEN):
        return None
    if target == REFUSE or not is_page or method not in ("GET", "HEAD"):
        return Closure(None)
    return Closure(target.format(**(args or {})))
