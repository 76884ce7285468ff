from markupsafe import escape

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

# Partner fields that are the customer's money (or say something about it) besides every
# monetary field: none of them may be readable by a portal user.
MONEY_FIELDS = (
    "risk_exception",
    "risk_remaining_percentage",
    "credit_policy",
    "b2b_volume_discount",
    "b2b_tier_name",
    "b2b_next_tier_name",
    "b2b_next_tier_discount",
    "b2b_tier_progress",
    "b2b_credit_checked_at",
    "b2b_credit_use",
    "days_sales_outstanding",
)
# Monetary-looking fields that are no money: coordinates.
NOT_MONEY = {"partner_latitude", "partner_longitude"}


@tagged("post_install", "-at_install")
class TestMoneyRoles(HttpCase):
    """Balance, credit and contract terms: only the head and confirmed users with the balance
    right see them, on the pages and over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.main = ref("b2b_portal.entity_shintorg_main")
        cls.region = ref("b2b_portal.entity_shintorg_region")
        cls.contract_main = ref("b2b_portal.contract_shintorg_main")
        cls.head = ref("b2b_portal.demo_user_shintorg_head")
        cls.buyer = ref("b2b_portal.demo_user_shintorg_buyer")
        cls.accountant = ref("b2b_portal.demo_user_shintorg_accountant")
        cls.newcomer = ref("b2b_portal.demo_user_shintorg_new")
        cls.portal_users = cls.head | cls.buyer | cls.accountant | cls.newcomer
        cls.portal_users.b2b_current_entity_id = cls.main
        cls.contract_main.discount_line_ids = [
            Command.create({"categ_id": ref("product.product_category_goods").id, "discount": 2})
        ]
        cls.contracts = cls.env["b2b.contract"].search(
            [("partner_id", "in", cls.head._b2b_entities().ids)]
        )

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _reason(self, user, entity):
        """The refusal the page must give, in the user's language."""
        reason = user.with_context(lang=user.lang)._b2b_balance_refusal(entity)
        self.assertTrue(reason)
        return str(escape(reason))

    def test_pages_refuse_roles_without_the_balance_right(self):
        for user in (self.buyer, self.newcomer):
            reason = self._reason(user, self.main)
            self.authenticate(user.login, user.login)
            for url in ("/my/credit", "/my/contracts"):
                page = self.url_open(url)
                self.assertEqual(page.status_code, 403, f"{user.login} {url}")
                self.assertIn(reason, page.text)
                self.assertNotIn(self.contract_main.name, page.text)
                self.assertNotIn("o_b2b_credit_limit", page.text)

    def test_unconfirmed_accountant_is_told_to_wait_for_confirmation(self):
        access = self.accountant._b2b_access_for(self.region)
        access.confirmed = False
        self.accountant.b2b_current_entity_id = self.region
        self.authenticate(self.accountant.login, self.accountant.login)
        page = self.url_open("/my/credit")
        self.assertEqual(page.status_code, 403)
        self.assertIn(self._reason(self.accountant, self.region), page.text)
        access.confirmed = True
        self.assertEqual(self.accountant._b2b_balance_refusal(self.region), "")
        self.assertEqual(self.url_open("/my/credit").status_code, 200)

    def test_holding_user_without_any_access_sees_no_money(self):
        self.newcomer._b2b_access_for(self.main).unlink()
        self.authenticate(self.newcomer.login, self.newcomer.login)
        for url in ("/my/credit", "/my/contracts"):
            page = self.url_open(url)
            self.assertEqual(page.status_code, 403, url)
            self.assertNotIn(self.contract_main.name, page.text)
        self.assertEqual(self._call("b2b.contract", "search_read", [], ["credit_limit"]), [])

    def test_head_and_confirmed_accountant_see_the_pages(self):
        for user in (self.head, self.accountant):
            self.authenticate(user.login, user.login)
            for url in ("/my/credit", "/my/contracts"):
                page = self.url_open(url)
                self.assertEqual(page.status_code, 200, f"{user.login} {url}")
                self.assertIn(self.contract_main.name, page.text)

    def test_partner_money_fields_are_staff_only(self):
        for user in self.portal_users:
            partner = self.env["res.partner"].with_user(user)
            described = partner.fields_get(attributes=["type"])
            readable = {
                name
                for name, field in described.items()
                if field["type"] == "monetary"
                or (field["type"] == "float" and name not in NOT_MONEY)
                or name in MONEY_FIELDS
            }
            self.assertFalse(readable, f"{user.login} reads money fields of partners")

    def test_rpc_reads_no_risk_or_turnover(self):
        for user in self.portal_users:
            self.authenticate(user.login, user.login)
            for fields in (["risk_total"], ["risk_remaining_value"], ["b2b_turnover"]):
                with self.assertRaises(JsonRpcException, msg=f"{user.login} {fields}") as caught:
                    self._call("res.partner", "read", [self.main.id], fields)
                self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")
            with self.assertRaises(JsonRpcException):
                self._call(
                    "res.partner", "web_read", [self.main.id], specification={"risk_total": {}}
                )
            with self.assertRaises(JsonRpcException):
                self._call(
                    "res.partner", "search_read", [("id", "=", self.main.id)], ["b2b_turnover"]
                )

    def test_rpc_contracts_only_for_the_balance_right(self):
        self.assertGreaterEqual(len(self.contracts), 3)
        expected = {
            self.head: self.contracts,
            self.accountant: self.contracts,
            self.buyer: self.env["b2b.contract"],
            self.newcomer: self.env["b2b.contract"],
        }
        for user, contracts in expected.items():
            self.authenticate(user.login, user.login)
            rows = self._call("b2b.contract", "search_read", [], ["name", "credit_limit"])
            self.assertEqual({row["id"] for row in rows}, set(contracts.ids), user.login)
            discounts = self._call("b2b.contract.discount", "search_read", [], ["discount"])
            visible = contracts.discount_line_ids
            self.assertEqual(bool(visible), user in (self.head, self.accountant))
            self.assertEqual({row["id"] for row in discounts}, set(visible.ids), user.login)
