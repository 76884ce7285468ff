from odoo.tests import TransactionCase, tagged

from .common import ClaimDataMixin


@tagged("post_install", "-at_install")
class TestClaimRate(ClaimDataMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._claim_data()
        cls.product = cls.line.product_id
        cls.company = cls.line.company_id

    def _row(self):
        # The view's rows change with the claims under the same ids: read them afresh.
        self.env.flush_all()
        self.env.invalidate_all()
        Rate = self.env["b2b.claim.rate"].with_user(self.manager)
        return Rate.search([("product_id", "=", self.product.id)])

    def _delivered(self):
        """What the B2B customers of the company received of the product, from the orders."""
        lines = self.env["sale.order.line"].search(
            [
                ("product_id", "=", self.product.id),
                ("company_id", "=", self.company.id),
                ("order_id.state", "=", "sale"),
                ("is_delivery", "=", False),
            ]
        )
        lines = lines.filtered(
            lambda line: line.order_partner_id.commercial_partner_id.b2b_holding_id
        )
        return sum(lines.mapped("qty_delivered"))

    def test_rate_of_an_article(self):
        before = self._row()
        self.assertEqual(len(before), 1)
        delivered = self._delivered()
        self.assertGreaterEqual(delivered, self.line.qty_delivered)
        self.assertEqual(before.qty_delivered, delivered)
        self.assertEqual(before.brand_id, self.product.tyre_brand_id)
        self.assertEqual(before.company_id, self.company)
        claimed_before = before.qty_claimed

        # A rejected claim of one tyre does not count; the two tyres claimed after it do.
        rejected = self._claim([(self.line, 1, {})])
        rejected.write({"state": "rejected", "reject_reason": "Износ от пониженного давления"})
        self._claim([(self.line, 2, {})])
        after = self._row()
        self.assertEqual(after.qty_delivered, delivered)
        claimed = claimed_before + 2
        self.assertEqual(after.qty_claimed, claimed)
        self.assertAlmostEqual(after.claim_rate, claimed * 100 / delivered, places=4)

    def test_rate_of_a_brand_is_claimed_over_delivered(self):
        self._claim([(self.line, 2, {})])
        self.env.flush_all()
        Rate = self.env["b2b.claim.rate"].with_user(self.manager)
        brand = self.product.tyre_brand_id
        rows = Rate.search([("brand_id", "=", brand.id)])
        [(delivered, claimed, rate)] = Rate._read_group(
            [("brand_id", "=", brand.id)],
            aggregates=["qty_delivered:sum", "qty_claimed:sum", "claim_rate:sum"],
        )
        self.assertEqual(delivered, sum(rows.mapped("qty_delivered")))
        self.assertEqual(claimed, sum(rows.mapped("qty_claimed")))
        self.assertGreaterEqual(claimed, 2)
        self.assertAlmostEqual(rate, claimed * 100 / delivered, places=4)

    def test_other_company_and_portal_do_not_see_it(self):
        other = self.env["res.company"].create({"name": "Другой продавец (тест)"})
        self.manager.write({"company_ids": [(4, other.id)]})
        self.env.flush_all()
        Rate = self.env["b2b.claim.rate"].with_user(self.manager)
        self.assertTrue(Rate.with_company(self.company).search_count([]))
        self.assertFalse(
            Rate.with_context(allowed_company_ids=other.ids).search_count(
                [("company_id", "=", self.company.id)]
            )
        )
        self.assertFalse(self.env["b2b.claim.rate"].with_user(self.buyer).has_access("read"))
