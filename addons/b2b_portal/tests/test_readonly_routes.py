"""The routes that only read are declared ``readonly=True``, so that with ``db_replica_host``
set Odoo serves them from the read replica, and they really write nothing.

In tests Odoo serves a readonly route in a read-only transaction: a write there fails, and
Odoo replays the request on the primary with a warning of ``odoo.http`` ("retrying with a
read/write cursor"); with a replica, every such request would cost two.
"""

from odoo.tests import HttpCase, tagged

# (path, JSON-RPC params or None for a GET)
READONLY_REQUESTS = [
    ("/my/catalog", None),
    ("/b2b/catalog/search", {"search": "", "limit": 20}),
    ("/b2b/catalog/search", {"filters": {"season": ["winter"]}, "sort": "price", "page": 2}),
    ("/b2b/catalog/suggest", {"query": "205/55"}),
    ("/b2b/catalog/vehicle", {}),
    ("/my/credit", None),
    ("/my/contracts", None),
    ("/my/b2b/orders", None),
    ("/my/b2b/orders/report.xlsx", None),
    ("/my/b2b/pricelist", None),
    ("/my/b2b/pricelist/download/xlsx", None),
    ("/my/b2b/settlements", None),
    ("/my/b2b/settlements/report.xlsx", None),
]


@tagged("post_install", "-at_install")
class TestReadonlyRoutes(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head = cls.env.ref("b2b_portal.demo_user_shintorg_head")
        cls.env["tyre.catalog.facet"]._flush_dirty()
        facet = cls.env["tyre.catalog.facet"].search([("active", "=", True)], limit=1)
        cls.breakdown_path = f"/my/price_breakdown/{facet.product_id.id}"

    def test_read_routes_are_declared_readonly(self):
        adapter = self.env["ir.http"].routing_map().bind("localhost")
        requests = [*READONLY_REQUESTS, (self.breakdown_path, None)]
        for path, params in requests:
            method = "GET" if params is None else "POST"
            rule, _args = adapter.match(path, method=method, return_rule=True)
            self.assertIs(rule.endpoint.routing["readonly"], True, path)

    def test_read_routes_write_nothing(self):
        self.authenticate(self.head.login, self.head.login)
        with self.assertNoLogs("odoo.http", "WARNING"):
            for path, params in READONLY_REQUESTS:
                if params is None:
                    response = self.url_open(path)
                    self.assertEqual(response.status_code, 200, path)
                else:
                    result = self.make_jsonrpc_request(path, params)
                    self.assertTrue(result, path)
            breakdown = self.url_open(self.breakdown_path)
            self.assertEqual(breakdown.status_code, 200)
            self.assertIn("net", breakdown.json())
