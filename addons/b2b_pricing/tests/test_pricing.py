from decimal import Decimal

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import B2bPricingCase


def off(price, percent):
    """The step arithmetic of the chain: a percentage off, rounded to kopecks half up."""
    return (Decimal(str(price)) * (100 - Decimal(str(percent))) / 100).quantize(Decimal("0.01"))


@tagged("post_install", "-at_install")
class TestPriceBreakdown(B2bPricingCase):
    def breakdown(self, partner=None, product=None):
        product = product or self.product
        return self.env["b2b.pricing"].price_lines(partner or self.entity, product)[product.id]

    def price_of(self, price_type, product=None):
        return (
            self.env["b2b.price"]
            .search(
                [
                    ("product_id", "=", (product or self.product).id),
                    ("price_type_id", "=", price_type.id),
                ]
            )
            .price
        )

    def test_base_price_without_region_or_contract(self):
        stranger = self.env["res.partner"].create({"name": "T Stranger", "is_company": True})
        breakdown = self.breakdown(stranger)
        self.assertEqual(breakdown.base, Decimal(str(self.price_of(self.type_base))))
        self.assertEqual(breakdown.net, breakdown.base)
        self.assertEqual(breakdown.lines, [])

    def test_region_price_type(self):
        breakdown = self.breakdown()
        self.assertEqual([line.code for line in breakdown.lines], ["price_type"])
        self.assertEqual(breakdown.net, Decimal(str(self.price_of(self.type_regional))))

    def test_contract_price_type_overrides_region(self):
        self.make_contract(price_type_id=self.type_wholesale.id)
        self.assertEqual(self.breakdown().net, Decimal(str(self.price_of(self.type_wholesale))))

    def test_personal_price_replaces_price_type(self):
        self.env["b2b.personal.price"].create(
            {
                "partner_id": self.entity.id,
                "product_id": self.product.id,
                "price": 7777,
            }
        )
        breakdown = self.breakdown()
        self.assertEqual([line.code for line in breakdown.lines], ["price_type", "personal"])
        self.assertEqual(breakdown.net, Decimal("7777.00"))

    def test_contract_discount_overall_and_most_specific_category(self):
        self.make_contract(
            discount=5,
            discount_line_ids=[
                Command.create({"categ_id": self.categ_tyres.id, "discount": 7}),
                Command.create({"categ_id": self.categ_winter.id, "discount": 12}),
            ],
        )
        regional = self.price_of(self.type_regional)
        self.assertEqual(self.breakdown().net, off(regional, 7))
        winter_regional = self.price_of(self.type_regional, self.product_winter)
        self.assertEqual(self.breakdown(product=self.product_winter).net, off(winter_regional, 12))

    def test_full_chain_in_order(self):
        self.make_contract(discount=5, price_type_id=self.type_wholesale.id)
        self.env["b2b.personal.price"].create(
            {
                "partner_id": self.entity.id,
                "product_id": self.product.id,
                "price": 8000,
            }
        )
        self.entity.b2b_volume_discount = 2
        self.env["b2b.promotion"].create(
            {
                "name": "T Promo",
                "date_start": self.today,
                "date_end": self.today,
                "categ_id": self.categ_tyres.id,
                "kind": "percent",
                "discount": 3,
            }
        )
        breakdown = self.breakdown()
        self.assertEqual(
            [line.code for line in breakdown.lines],
            ["price_type", "personal", "contract", "volume", "promotion"],
        )
        self.assertEqual(breakdown.net, off(off(off(8000, 5), 2), 3))
        # Each line starts where the one before ended.
        for before, after in zip(breakdown.lines, breakdown.lines[1:], strict=False):
            self.assertEqual(before.price_after, after.price_before)

    def test_fixed_price_promotion_never_raises_price(self):
        self.env["b2b.promotion"].create(
            {
                "name": "T Fixed",
                "date_start": self.today,
                "date_end": self.today,
                "product_id": self.product.id,
                "kind": "fixed",
                "fixed_price": 9000,
            }
        )
        self.assertEqual(self.breakdown().net, Decimal("9000.00"))
        self.env["b2b.personal.price"].create(
            {
                "partner_id": self.entity.id,
                "product_id": self.product.id,
                "price": 8500,
            }
        )
        self.assertEqual(self.breakdown().net, Decimal("8500.00"))

    def test_expired_contract_stops_its_terms(self):
        contract = self.make_contract(
            discount=10,
            date_start=self.today.replace(year=2020),
            date_end=self.today.replace(year=2021),
            activate=False,
        )
        contract.state = "active"  # the nightly job has not run yet: the date check applies
        regional = Decimal(str(self.price_of(self.type_regional)))
        self.assertEqual(self.breakdown().net, regional)
        self.env["b2b.contract"]._cron_expire()
        self.assertEqual(contract.state, "expired")

    def test_page_of_products_in_few_queries(self):
        self.make_contract(discount=5)
        self.env.invalidate_all()
        pricing = self.env["b2b.pricing"]
        with self.assertQueryCount(12):
            result = pricing.price_lines(self.entity, self.products)
        self.assertEqual(set(result), set(self.products.ids))

    def test_sale_order_line_uses_pricing_service(self):
        self.make_contract(discount=5)
        order = self.make_order(quantity=3)
        expected = self.breakdown().net
        self.assertEqual(Decimal(str(order.order_line.price_unit)), expected)
        self.assertEqual(order.order_line.discount, 0)
        wizard_action = order.order_line.action_b2b_price_breakdown()
        wizard = self.env["b2b.price.breakdown"].browse(wizard_action["res_id"])
        self.assertIn(f"{expected:.2f}", wizard.breakdown_html)

    def test_bad_terms_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "must be at least 0 and less than 100"):
            self.make_contract(discount=-5, activate=False)
        with self.assertRaisesRegex(ValidationError, "must be between 0 and"):
            self.env["b2b.personal.price"].create(
                {
                    "partner_id": self.entity.id,
                    "product_id": self.product.id,
                    "price": 1e12,
                }
            )
        self.make_contract(name="T-A")
        with self.assertRaisesRegex(ValidationError, "overlaps the active contract T-A"):
            self.make_contract(name="T-B")
