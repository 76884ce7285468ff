import pytest

from b2b_portal.lib.stock_routes import (
    ADDRESSES,
    CART,
    CATALOG,
    LOGIN,
    ORDERS,
    VISITOR_CLOSED_ROUTES,
    closure,
)


@pytest.mark.parametrize(
    ("route", "target"),
    [
        ("/shop", CATALOG),
        ("/shop/page/<int:page>", CATALOG),
        ('/shop/category/<model("product.public.category"):category>', CATALOG),
        ('/shop/<model("product.template"):product>', CATALOG),
        ("/shop/wishlist", CATALOG),
        ("/shop/cart", CART),
        ("/shop/checkout", CART),
        ("/shop/address", CART),
        ("/shop/payment", CART),
        ("/shop/payment/validate", CART),
        ("/shop/confirmation", ORDERS),
        ("/my/address", ADDRESSES),
        ("/my/addresses", ADDRESSES),
        ("/my/orders", ORDERS),
        ("/my/orders/page/<int:page>", ORDERS),
        ("/my/quotes", ORDERS),
    ],
)
def test_pages_go_to_the_portal_page_doing_the_same_job(route, target):
    assert closure(route).redirect == target


def test_order_page_keeps_the_order():
    assert closure("/my/orders/<int:order_id>", args={"order_id": 7}).redirect == ORDERS + "/7"


@pytest.mark.parametrize(
    ("route", "method", "is_page"),
    [
        ("/shop/cart/update", "POST", False),
        ("/shop/cart/add", "POST", False),
        ("/shop/address/submit", "POST", True),
        ("/shop/update_address", "POST", False),
        ("/shop/express_checkout", "POST", False),
        ("/shop/payment/transaction/<int:order_id>", "POST", False),
        ("/my/address/submit", "POST", True),
        ("/my/address/archive", "POST", False),
        ("/my/orders/reorder", "POST", False),
        ("/my/orders/<int:order_id>/accept", "POST", False),
        ("/my/orders/<int:order_id>/decline", "POST", True),
        ("/website_sale/get_combination_info", "POST", False),
        ("/sale/product_configurator/get_values", "POST", False),
        ("/website/form/shop.sale.order", "POST", True),
        ("/my/rmas", "GET", True),
        ("/my/rmas/<int:rma_id>", "GET", True),
        ("/my/requestrma/<int:order_id>", "GET", True),
        ("/my/orders/<int:order_id>/requestrma", "POST", True),
    ],
)
def test_everything_else_is_refused(route, method, is_page):
    closed = closure(route, method=method, is_page=is_page)
    assert closed is not None and closed.redirect is None


@pytest.mark.parametrize(
    "route",
    [
        "/my",
        "/my/account",
        "/my/company/addresses",
        "/my/b2b/cart",
        "/my/invoices/<int:invoice_id>",
        "/my/orders/<int:order_id>/document/<int:document_id>",
        "/my/orders/<int:order_id>/download_edi",
        "/shopping",
        "/my/addressbook",
    ],
)
def test_other_routes_stay_open(route):
    assert closure(route) is None


@pytest.mark.parametrize(
    "route",
    [
        "/shop/cart",
        "/shop/checkout",
        "/shop/address",
        "/shop/payment",
        "/shop/payment/validate",
        "/shop/confirmation",
        "/shop/print",
    ],
)
def test_visitors_are_sent_to_the_login_then_the_catalog(route):
    closed = closure(route, visitor=True)
    assert closed.redirect == LOGIN == "/web/login?redirect=/my/catalog"
    assert not closed.keep_query, "the shop's query is not the login's"


@pytest.mark.parametrize(
    ("route", "method", "is_page"),
    [
        ("/shop/cart/update", "POST", False),
        ("/shop/cart/add", "POST", False),
        ("/shop/address/submit", "POST", True),
        ("/shop/express_checkout", "POST", False),
        ("/shop/express/shipping_address_change", "POST", False),
        ("/shop/payment/transaction/<int:order_id>", "POST", False),
        ("/shop/set_delivery_method", "POST", False),
        ("/website_sale/set_pickup_location", "POST", False),
        ("/website/form/shop.sale.order", "POST", True),
    ],
)
def test_visitors_cannot_fill_or_pay_a_cart(route, method, is_page):
    closed = closure(route, method=method, is_page=is_page, visitor=True)
    assert closed is not None and closed.redirect is None


@pytest.mark.parametrize(
    "route",
    [
        "/shop",
        "/shop/page/<int:page>",
        '/shop/<model("product.template"):product>',
        "/shop/wishlist",
        "/website_sale/get_combination_info",
        "/my/orders",
        "/my/address",
        "/payment/pay",
        "/shopping",
    ],
)
def test_the_rest_stays_open_to_visitors(route):
    assert closure(route, visitor=True) is None


def test_routes_closed_to_visitors_are_closed_to_b2b_users_too():
    # The ir.http hook asks who the user is only for routes closed to B2B users.
    for route in VISITOR_CLOSED_ROUTES:
        assert closure(route, method="POST", is_page=False) is not None, route


def test_b2b_users_keep_the_query():
    assert closure("/shop/cart").keep_query
