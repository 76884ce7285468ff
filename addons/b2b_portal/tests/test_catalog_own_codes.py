from odoo.tests import tagged

from .common_ordering import B2bOrderingCase


@tagged("post_install", "-at_install")
class TestCatalogOwnCodes(B2bOrderingCase):
    """The catalog search accepts the holding's own article codes, and only its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tyre = cls.env["product.product"].search(
            [("is_tyre", "=", True), ("default_code", "!=", False)], limit=1
        )
        cls.env["b2b.customer.article"].create(
            {
                "holding_id": cls.entity.b2b_holding_id.id,
                "product_id": cls.tyre.id,
                "code": "ШТ-777",
            }
        )

    def _found(self, user, text):
        result = self.env["tyre.catalog.query"].with_user(user).search_catalog(search=text)
        return [row["id"] for row in result["products"]]

    def test_own_code_finds_the_product_in_any_case(self):
        self.assertEqual(self._found(self.buyer, "ШТ-777"), self.tyre.ids)
        self.assertEqual(self._found(self.buyer, "шт-777"), self.tyre.ids)

    def test_another_holding_does_not_see_the_code(self):
        self.assertNotIn(self.tyre.id, self._found(self.kolesa_buyer, "ШТ-777"))

    def test_articles_still_work_for_the_holding(self):
        self.assertIn(self.tyre.id, self._found(self.buyer, self.tyre.default_code))
