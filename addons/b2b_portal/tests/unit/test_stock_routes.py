import pytest

from b2b_portal.lib.stock_routes import ADDRESSES, CART, CATALOG, ORDERS, closure


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
