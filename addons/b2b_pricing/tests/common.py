from odoo.fields import Command, Date
from odoo.tests import TransactionCase


class B2bPricingCase(TransactionCase):
    """Own price types, region, products and customers: nothing taken from demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.today = Date.context_today(env["res.partner"])
        env["b2b.price.type"].search([("is_base", "=", True)]).is_base = False
        env["b2b.volume.tier.set"].search([("is_default", "=", True)]).is_default = False
        cls.region = env["b2b.region"].create({"name": "Test region", "code": "TST-REG"})
        PriceType = env["b2b.price.type"]
        cls.type_base = PriceType.create({"name": "T Base", "code": "T-BASE", "is_base": True})
        cls.type_wholesale = PriceType.create({"name": "T Wholesale", "code": "T-OPT"})
        cls.type_regional = PriceType.create(
            {
                "name": "T Regional",
                "code": "T-REG",
                "region_ids": [Command.link(cls.region.id)],
            }
        )
        cls.categ_tyres = env["product.category"].create({"name": "T Tyres"})
        cls.categ_winter = env["product.category"].create(
            {"name": "T Winter", "parent_id": cls.categ_tyres.id}
        )
        cls.products = env["product.product"].create(
            [
                {
                    "name": f"T Tyre {index}",
                    "default_code": f"T-ART-{index}",
                    "categ_id": (cls.categ_winter if index % 2 else cls.categ_tyres).id,
                    "list_price": 1.0,
                    "taxes_id": [Command.clear()],
                    "type": "consu",
                    "invoice_policy": "order",
                }
                for index in range(4)
            ]
        )
        cls.product, cls.product_winter = cls.products[0], cls.products[1]
        prices = []
        for index, product in enumerate(cls.products):
            base = 10_000 + 1_000 * index
            prices += [
                {"product_id": product.id, "price_type_id": cls.type_base.id, "price": base},
                {
                    "product_id": product.id,
                    "price_type_id": cls.type_wholesale.id,
                    "price": base * 0.9,
                },
                {
                    "product_id": product.id,
                    "price_type_id": cls.type_regional.id,
                    "price": base * 0.95,
                },
            ]
        env["b2b.price"].create(prices)
        cls.holding = env["res.partner"].create({"name": "T Holding", "is_company": True})
        cls.entity = env["res.partner"].create(
            {
                "name": "T Entity",
                "is_company": True,
                "parent_id": cls.holding.id,
                "email": "entity@example.com",
                "b2b_region_id": cls.region.id,
            }
        )
        cls.manager = env["res.users"].create(
            {
                "name": "T Manager",
                "login": "t_b2b_manager",
                "email": "manager@example.com",
                "group_ids": [Command.link(env.ref("sales_team.group_sale_manager").id)],
            }
        )
        cls.entity.user_id = cls.manager
        cls.buyer = env["res.partner"].create(
            {
                "name": "T Buyer",
                "parent_id": cls.entity.id,
                "email": "buyer@example.com",
            }
        )
        cls.payment_30 = env["account.payment.term"].create(
            {
                "name": "T 30 days",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 100, "nb_days": 30})
                ],
            }
        )

    @classmethod
    def make_contract(cls, partner=None, activate=True, **values):
        contract = cls.env["b2b.contract"].create(
            {
                "name": values.pop("name", f"T-{partner.id if partner else cls.entity.id}-1"),
                "partner_id": (partner or cls.entity).id,
                "date_start": values.pop("date_start", cls.today),
                "payment_term_id": cls.payment_30.id,
                **values,
            }
        )
        if activate:
            contract.action_activate()
        return contract

    def make_order(self, partner=None, quantity=1, product=None):
        return self.env["sale.order"].create(
            {
                "partner_id": (partner or self.entity).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": (product or self.product).id,
                            "product_uom_qty": quantity,
                        }
                    )
                ],
            }
        )

    def make_invoice(self, amount, partner=None, date=None, due=None, refund=False):
        move = self.env["account.move"].create(
            {
                "move_type": "out_refund" if refund else "out_invoice",
                "partner_id": (partner or self.entity).id,
                "invoice_date": date or self.today,
                "invoice_payment_term_id": False,
                "invoice_date_due": due or date or self.today,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        move.action_post()
        self.assertEqual(move.state, "posted")
        return move
