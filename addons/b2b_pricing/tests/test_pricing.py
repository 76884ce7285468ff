from datetime import datetime, time, timedelta
from decimal import Decimal

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

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

    def brand_setup(self):
        """Brand A on the first tyre (category Tyres), brand B on the first winter tyre."""
        brand_a, brand_b = self.env["tyre.brand"].create(
            [{"name": "T Brand A"}, {"name": "T Brand B"}]
        )
        self.product.product_tmpl_id.tyre_brand_id = brand_a
        self.product_winter.product_tmpl_id.tyre_brand_id = brand_b
        return brand_a, brand_b

    def test_contract_discount_brand_beats_category_beats_overall(self):
        brand_a, brand_b = self.brand_setup()
        self.make_contract(
            discount=5,
            discount_line_ids=[
                Command.create({"categ_id": self.categ_tyres.id, "discount": 7}),
                Command.create({"categ_id": self.categ_winter.id, "discount": 12}),
            ],
            brand_discount_line_ids=[
                Command.create({"brand_id": brand_a.id, "discount": 9}),
                # 0 %: brand B keeps out of every other contract discount.
                Command.create({"brand_id": brand_b.id, "discount": 0}),
            ],
        )
        other_brand = self.env["tyre.brand"].create({"name": "T Brand C"})
        self.products[3].product_tmpl_id.tyre_brand_id = other_brand
        uncategorised = self.products[2]
        uncategorised.categ_id = self.env["product.category"].create({"name": "T Other"})
        expected = {
            self.product: (9, "brand T Brand A"),  # brand line beats its category line (7)
            self.product_winter: (0, None),  # 0 % brand line beats category (12) and overall
            self.products[3]: (12, "T Tyres / T Winter"),  # no line for its brand: category
            uncategorised: (5, None),  # neither brand nor category line: overall
        }
        breakdowns = self.env["b2b.pricing"].price_lines(self.entity, self.products)
        for product, (percent, label_part) in expected.items():
            with self.subTest(product=product.name):
                breakdown = breakdowns[product.id]
                regional = self.price_of(self.type_regional, product)
                self.assertEqual(breakdown.net, off(regional, percent))
                contract_lines = [line for line in breakdown.lines if line.code == "contract"]
                self.assertEqual(len(contract_lines), 1 if percent else 0)
                if label_part:
                    self.assertIn(label_part, contract_lines[0].label)
                    self.assertIn(f"{percent}", contract_lines[0].label)

    def test_brand_discount_in_manager_breakdown(self):
        brand_a, _brand_b = self.brand_setup()
        self.make_contract(
            brand_discount_line_ids=[Command.create({"brand_id": brand_a.id, "discount": 9})]
        )
        wizard = self.env["b2b.price.breakdown"].create(
            {"partner_id": self.buyer.id, "product_id": self.product.id}
        )
        self.assertIn("brand T Brand A", wizard.breakdown_html)
        net = off(self.price_of(self.type_regional), 9)
        self.assertIn(f"{net:.2f}", wizard.breakdown_html)

    def test_expired_contract_stops_its_brand_discount(self):
        brand_a, _brand_b = self.brand_setup()
        contract = self.make_contract(
            date_start=self.today.replace(year=2020),
            date_end=self.today.replace(year=2021),
            brand_discount_line_ids=[Command.create({"brand_id": brand_a.id, "discount": 9})],
            activate=False,
        )
        contract.state = "active"  # the nightly job has not run yet: the date check applies
        breakdown = self.breakdown()
        self.assertNotIn("contract", [line.code for line in breakdown.lines])
        self.assertEqual(breakdown.net, Decimal(str(self.price_of(self.type_regional))))

    def test_brand_discount_lines_are_checked(self):
        brand_a, _brand_b = self.brand_setup()
        contract = self.make_contract(activate=False)
        for discount in (-1, 100, 150):
            with self.subTest(discount=discount), self.assertRaises(ValidationError) as error:
                contract.brand_discount_line_ids = [
                    Command.create({"brand_id": brand_a.id, "discount": discount})
                ]
            self.assertIn("T Brand A must be at least 0", str(error.exception))
        contract.brand_discount_line_ids = [Command.create({"brand_id": brand_a.id, "discount": 3})]
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            contract.brand_discount_line_ids = [
                Command.create({"brand_id": brand_a.id, "discount": 4})
            ]
            contract.env.flush_all()

    def test_periods_ending_before_they_start_are_refused(self):
        cases = {
            "b2b.contract": {"name": "T-BACKWARDS", "partner_id": self.entity.id},
            "b2b.promotion": {
                "name": "T Backwards promo",
                "product_id": self.product.id,
                "kind": "percent",
                "discount": 5,
            },
            "b2b.personal.price": {
                "partner_id": self.entity.id,
                "product_id": self.product.id,
                "price": 100,
            },
        }
        for model, values in cases.items():
            with self.subTest(model=model), self.assertRaises(ValidationError) as error:
                self.env[model].create(
                    {
                        **values,
                        "date_start": self.today + timedelta(days=1),
                        "date_end": self.today,
                    }
                )
            self.assertRegex(str(error.exception), "ends on .*, before it starts on")

    def test_page_of_products_in_few_queries(self):
        brand_a, _brand_b = self.brand_setup()
        self.make_contract(
            discount=5,
            brand_discount_line_ids=[Command.create({"brand_id": brand_a.id, "discount": 9})],
        )
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

    def test_order_after_midnight_in_moscow_is_dated_by_its_local_day(self):
        """At 01:30 in Moscow it is still the day before in UTC (date_order): the contract
        starting that Moscow day applies to the order, its prices too."""
        moscow = self.env(context=dict(self.env.context, tz="Europe/Moscow"))
        self.make_contract(discount=5, date_start=self.today)
        night = datetime.combine(self.today, time(1, 30)) - timedelta(hours=3)  # UTC
        order = moscow["sale.order"].create(
            {
                "partner_id": self.entity.id,
                "date_order": night,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        self.assertEqual(order._b2b_order_date(), self.today)
        self.assertTrue(order.b2b_contract_id)
        net = self.env["b2b.pricing"].net_prices(self.entity, self.product, date=self.today)
        self.assertEqual(order.order_line.price_unit, net[self.product.id])

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
