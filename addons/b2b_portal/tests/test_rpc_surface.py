import inspect

from odoo.exceptions import AccessError
from odoo.service.model import get_public_method
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tests.common import JsonRpcException

OUR_ADDONS = ("tyre_catalog", "b2b_pricing", "b2b_portal", "b2b_claims", "b2b_api")

# Every public method of our models is an RPC endpoint. These are meant to be: buttons of the
# back-office views and the head's approval (each checks its caller or writes through ACLs).
RPC_METHODS = {
    ("b2b.api.key", "action_revoke"),
    ("b2b.claim", "action_create_rma"),
    ("b2b.claim", "action_credit_full"),
    ("b2b.claim", "action_credit_proportional"),
    ("b2b.claim", "action_expertise"),
    ("b2b.claim", "action_reject"),
    ("b2b.claim", "action_request_info"),
    ("b2b.claim", "action_resolve"),
    ("b2b.claim", "action_review"),
    ("b2b.contract", "action_activate"),
    ("b2b.contract", "action_draft"),
    ("b2b.contract", "action_expire"),
    ("b2b.price.import", "action_import"),
    ("b2b.price.type", "action_view_prices"),
    ("b2b.registration", "action_confirm_user"),
    ("b2b.registration", "action_create_customer"),
    ("b2b.registration", "action_refuse_user"),
    ("b2b.registration", "action_reject"),
    ("res.partner", "action_b2b_act_for"),
    ("res.partner", "action_b2b_holding_turnover"),
    ("res.partner", "action_b2b_my_customers"),
    ("res.partner", "action_b2b_my_turnover"),
    ("sale.order", "action_b2b_approve"),
    ("sale.order", "action_b2b_lift_credit_block"),
    ("sale.order", "action_b2b_process"),
    ("sale.order", "action_b2b_reject"),
    ("sale.order", "action_b2b_send_proposal"),
    ("sale.order.line", "action_b2b_price_breakdown"),
    ("tyre.fitment.import", "action_import"),
}


def _ours(cls):
    parts = cls.__module__.split(".")
    return parts[:2] == ["odoo", "addons"] and len(parts) > 2 and parts[2] in OUR_ADDONS


def _is_method(attr):
    return inspect.isfunction(attr) or isinstance(attr, (staticmethod, classmethod))


@tagged("post_install", "-at_install")
class TestRpcSurface(TransactionCase):
    def _public_methods(self):
        """{(model, method)} of the methods our addons define (not overrides of Odoo's) that
        /web/dataset/call_kw would run."""
        found = set()
        for model_name in self.env.registry:
            model = self.env[model_name]
            mro = type(model).mro()
            others = [cls for cls in mro if not _ours(cls)]
            for cls in filter(_ours, mro):
                for name, attr in vars(cls).items():
                    if name.startswith("_") or not _is_method(attr):
                        continue
                    if any(name in vars(other) for other in others):
                        continue  # an override of Odoo's public API (create, action_confirm…)
                    try:
                        get_public_method(model, name)
                    except AccessError:
                        continue  # @api.private
                    found.add((model_name, name))
        return found

    def test_every_public_method_is_meant_for_rpc(self):
        public = self._public_methods()
        self.assertTrue(public & RPC_METHODS, "the enumeration must find our buttons")
        self.assertEqual(
            sorted(public - RPC_METHODS),
            [],
            "public model methods not meant for RPC: make them _private or @api.private",
        )


@tagged("post_install", "-at_install")
class TestRpcRefused(HttpCase):
    """A portal user calls the services of our models directly: each is refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer = cls.env.ref("b2b_portal.demo_user_shintorg_buyer")
        cls.main = cls.env.ref("b2b_portal.entity_shintorg_main")
        cls.kolesa = cls.env.ref("b2b_portal.entity_kolesa_main")
        cls.product = cls.env["product.product"].search([("is_tyre", "=", True)], limit=1)

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _assert_refused(self, model, method, *args, **kwargs):
        with self.assertRaises(JsonRpcException, msg=f"{model}.{method}") as caught:
            self._call(model, method, *args, **kwargs)
        self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")

    def _index_changes(self):
        """The change log of the catalog index (a rebuild empties it but for one row)."""
        self.env.cr.execute("SELECT count(*), max(create_date) FROM tyre_catalog_facet_change")
        return self.env.cr.fetchone()

    def test_privileged_and_costly_services_are_refused(self):
        self.authenticate(self.buyer.login, self.buyer.login)
        changes = self._index_changes()
        self._assert_refused("tyre.catalog.facet", "refresh_all")
        self.assertEqual(self._index_changes(), changes, "the index must not be rebuilt")
        self._assert_refused("b2b.company.registry", "b2b_lookup", "7707083893")
        self._assert_refused("tyre.catalog.query", "search_catalog", search="michelin")
        self._assert_refused("tyre.catalog.query", "suggest", "michelin")
        self._assert_refused("tyre.catalog.query", "vehicle_options")
        # Another holding's prices, asked for with bare ids.
        self._assert_refused("b2b.pricing", "net_prices", self.kolesa.id, self.product.ids)
        self._assert_refused("b2b.pricing", "price_lines", self.kolesa.id, self.product.ids)
        self._assert_refused("b2b.pricing", "breakdown_dict", {}, 1)
        self._assert_refused("b2b.price.breakdown", "action_open", self.kolesa.id, self.product.id)

    def test_manager_buttons_are_refused(self):
        seller = self.env.ref("tyre_catalog.company_seller")
        order = (
            self.env["sale.order"]
            .with_company(seller)
            .create(
                {
                    "partner_id": self.main.id,
                    "b2b_buyer_id": self.buyer.partner_id.id,
                    "company_id": seller.id,
                }
            )
        )
        self.authenticate(self.buyer.login, self.buyer.login)
        self._assert_refused("sale.order", "action_b2b_send_proposal", order.ids)
        self.assertFalse(order.b2b_state)
        self._assert_refused("res.partner", "action_b2b_act_for", self.buyer.partner_id.ids)
