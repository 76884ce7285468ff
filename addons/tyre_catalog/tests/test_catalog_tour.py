from urllib.parse import urlsplit

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCatalogPortal(HttpCase):
    """The portal catalog page, driven in a browser like a distributor would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        seller = cls.env.ref("tyre_catalog.company_seller")
        # A distributor of the Moscow region. tyre_catalog comes before b2b_portal (which holds
        # the demo holdings), so the customer is created here rather than borrowed from there.
        customer = cls.env["res.partner"].create(
            {
                "name": "ООО «Шинный двор»",
                "is_company": True,
                "b2b_region_id": cls.env.ref("tyre_catalog.region_moscow").id,
            }
        )
        cls.distributor = new_test_user(
            cls.env,
            login="catalog.distributor",
            groups="base.group_portal",
            name="Анна Кузнецова",
            company_id=seller.id,
            company_ids=[Command.set([seller.id])],
        )
        cls.distributor.partner_id.parent_id = customer

    def test_anonymous_is_sent_to_login(self):
        self.authenticate(None, None)  # a public session on this database
        # Possibly through the address of the visitor's language first (/en/my/catalog).
        response = self.url_open("/my/catalog")
        self.assertRegex(urlsplit(response.url).path, r"^(/[a-z_]+)?/web/login$")

    def test_portal_home_links_to_catalog(self):
        self.authenticate(self.distributor.login, self.distributor.login)
        response = self.url_open("/my/home")
        self.assertEqual(response.status_code, 200)
        # The link carries the language of the page unless it is the website's default.
        self.assertRegex(response.text, r'href="(/[a-z_]+)?/my/catalog"')

    def test_filter_narrowing_and_add_to_cart(self):
        self.start_tour("/my/catalog", "tyre_catalog_filters_cart", login=self.distributor.login)
        # The quantity typed in the browser reached the distributor's cart on the server.
        cart = self.env["sale.order"].search(
            [
                ("partner_id", "=", self.distributor.partner_id.id),
                ("state", "=", "draft"),
            ]
        )
        self.assertEqual(sum(cart.order_line.mapped("product_uom_qty")), 2)

    def test_search_suggestions(self):
        self.assertTrue(
            self.env["tyre.brand"].search_count([("name", "=", "Michelin")]),
            "the demo catalog must contain Michelin for the layout-correction check",
        )
        self.start_tour("/my/catalog", "tyre_catalog_suggest", login=self.distributor.login)

    def test_paging_shows_the_next_page_from_the_top(self):
        self.start_tour("/my/catalog", "tyre_catalog_paging", login=self.distributor.login)
