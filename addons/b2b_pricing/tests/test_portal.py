import json

from odoo.fields import Command, Date
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPortalCredit(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        today = Date.context_today(env["res.partner"])
        env["b2b.volume.tier.set"].search([("is_default", "=", True)]).is_default = False
        env["b2b.volume.tier.set"].create(
            {
                "name": "T Portal tiers",
                "is_default": True,
                "tier_ids": [
                    Command.create({"name": "T Bronze", "threshold": 1_000, "discount": 1}),
                    Command.create({"name": "T Silver", "threshold": 100_000, "discount": 2}),
                ],
            }
        )
        cls.product = env["product.product"].create(
            {
                "name": "T Portal tyre",
                "default_code": "T-PORTAL-1",
                "list_price": 5000.0,
                "taxes_id": [Command.clear()],
                "sale_ok": True,
                "type": "service",
                "invoice_policy": "order",
            }
        )
        cls.entity, cls.other = env["res.partner"].create(
            [
                {"name": "T Portal entity", "is_company": True},
                {"name": "T Other entity", "is_company": True},
            ]
        )
        cls.contract = env["b2b.contract"].create(
            {
                "name": "T-PORTAL-C",
                "partner_id": cls.entity.id,
                "credit_limit": 100_000,
                "discount": 4,
                "date_start": today,
                "brand_discount_line_ids": [
                    Command.create(
                        {
                            "brand_id": env["tyre.brand"].create({"name": "T Portal Brand"}).id,
                            "discount": 6,
                        }
                    )
                ],
            }
        )
        cls.contract.action_activate()
        cls.other_contract = env["b2b.contract"].create(
            {
                "name": "T-OTHER-SECRET",
                "partner_id": cls.other.id,
                "credit_limit": 5_000,
                "date_start": today,
            }
        )
        cls.other_contract.action_activate()
        cls.user = env["res.users"].create(
            {
                "name": "T Portal buyer",
                "login": "t_portal_buyer",
                "password": "t_portal_buyer",
                "email": "t.portal@example.com",
                "group_ids": [Command.set([env.ref("base.group_portal").id])],
            }
        )
        cls.user.partner_id.parent_id = cls.entity
        invoice = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.entity.id,
                "invoice_date": today,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "quantity": 1,
                            "price_unit": 30_000,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        invoice.action_post()

    def test_tour_gauge_and_progress_bar(self):
        self.start_tour("/my", "b2b_pricing_credit", login=self.user.login)

    def test_only_own_contracts_and_numbers(self):
        self.authenticate(self.user.login, self.user.login)
        page = self.url_open("/my/contracts").text
        self.assertIn("T-PORTAL-C", page)
        # The brand's discount in the reader's language, without a useless fraction ("6 %").
        discount = (
            self.env["ir.qweb.field.b2b_number"].with_context(lang=self.user.lang)._b2b_format(6.0)
        )
        self.assertIn(f"T Portal Brand: {discount} %", page)
        self.assertNotIn("T-OTHER-SECRET", page)
        credit = self.url_open("/my/credit").text
        self.assertIn("T Portal entity", credit + self.entity.name)
        self.assertNotIn("T-OTHER-SECRET", credit)
        contracts = self.env["b2b.contract"].with_user(self.user).search([])
        self.assertEqual(contracts, self.contract)

    def test_price_breakdown_json(self):
        self.authenticate(self.user.login, self.user.login)
        response = self.url_open(f"/my/price_breakdown/{self.product.id}")
        self.assertEqual(response.status_code, 200)
        data = json.loads(response.text)
        expected = self.env["b2b.pricing"].net_prices(self.entity, self.product)[self.product.id]
        self.assertEqual(data["net"], expected)
        self.assertLess(data["net"], data["base"])
        self.assertEqual(data["lines"][0]["code"], "contract")
        self.authenticate(None, None)
        response = self.url_open(f"/my/price_breakdown/{self.product.id}", allow_redirects=False)
        self.assertIn(response.status_code, (303, 302))

    def test_portal_accept_over_limit_says_why(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.user.partner_id.id,
                "require_signature": True,
                "require_payment": False,
                "order_line": [
                    Command.create({"product_id": self.product.id, "product_uom_qty": 30})
                ],
            }
        )
        order.action_quotation_sent()
        self.authenticate(self.user.login, self.user.login)
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {
                "access_token": order._portal_ensure_token(),
                "name": "T Buyer",
                "signature": "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7",
            },
        )
        # In the customer's language (Russian), and the text addressed to the customer.
        self.assertIn("нельзя подтвердить в кредит", result["error"])
        self.assertIn("обратитесь к своему менеджеру", result["error"])
        order.invalidate_recordset()
        self.assertEqual(order.state, "sent")
        self.assertFalse(order.signature)
