"""Two distributors check out the last 5 units of a warehouse at the same moment.

Each checkout runs in its own thread with its own database cursor and really commits, as two
HTTP requests would; ``odoo.service.model.retrying`` replays a transaction that lost the race
with a serialization error, as the HTTP layer does. Exactly one order gets the units; the other
is told the stock is gone. Everything created is removed afterwards.
"""

import threading
from functools import partial
from unittest.mock import patch

from odoo import api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.orm.environments import Transaction
from odoo.orm.registry import DummyRLock
from odoo.service.model import retrying
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCheckoutConcurrency(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())

    def _env(self, cr):
        # Give the cursor its transaction up front: Environment() would otherwise look the
        # registry up by name, under a lock the test runner's main thread holds.
        if cr.transaction is None:
            cr.transaction = Transaction(self.registry)
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        seller = env.ref("tyre_catalog.company_seller")
        return env(context={"allowed_company_ids": [seller.id]})

    def _setup_data(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            seller = env.ref("tyre_catalog.company_seller")
            warehouse = env.ref("tyre_catalog.warehouse_moscow")
            product = env["product.product"].create(
                {
                    "name": "Tyre VST-LAST-5",
                    "default_code": "VST-LAST-5",
                    "list_price": 5000.0,
                    "is_storable": True,
                    "invoice_policy": "order",
                    "company_id": False,
                    "taxes_id": [(6, 0, seller.account_sale_tax_id.ids)],
                }
            )
            env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 5)
            # Both customers order from the Moscow warehouse, which serves only its region:
            # for this test Колёса is moved there too (put back in _cleanup).
            kolesa = env.ref("b2b_portal.entity_kolesa_main")
            self.kolesa_region = kolesa.b2b_region_id
            kolesa.b2b_region_id = warehouse.b2b_region_id
            orders = env["sale.order"]
            for xmlid, user_xmlid in (
                ("b2b_portal.entity_shintorg_main", "b2b_portal.demo_user_shintorg_buyer"),
                ("b2b_portal.entity_kolesa_main", "b2b_portal.demo_user_kolesa_buyer"),
            ):
                order = env["sale.order"].create(
                    {
                        "partner_id": env.ref(xmlid).id,
                        "company_id": seller.id,
                        "b2b_buyer_id": env.ref(user_xmlid).partner_id.id,
                        "b2b_state": "cart",
                    }
                )
                order._b2b_add_lines([(product, warehouse, 5)])
                orders |= order
            return product.id, orders.ids

    def _cleanup(self, product_id, order_ids):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            orders = env["sale.order"].browse(order_ids).exists()
            invoices = orders.invoice_ids
            invoices.filtered(lambda inv: inv.state == "posted").button_draft()
            invoices.with_context(force_delete=True).unlink()
            pickings = orders.picking_ids
            pickings.action_cancel()
            orders._action_cancel()
            orders.unlink()
            pickings.unlink()
            product = env["product.product"].browse(product_id)
            env["stock.quant"].search([("product_id", "=", product_id)]).sudo().unlink()
            env["stock.move.line"].search([("product_id", "=", product_id)]).unlink()
            env["stock.move"].search([("product_id", "=", product_id)]).unlink()
            product.product_tmpl_id.unlink()
            env.ref("b2b_portal.entity_kolesa_main").b2b_region_id = self.kolesa_region

    def test_last_units_go_to_one_customer(self):
        product_id, order_ids = self._setup_data()
        barrier = threading.Barrier(len(order_ids))
        results = {}

        def checkout(order_id):
            try:
                with self.registry.cursor() as cr:
                    env = self._env(cr)
                    order = env["sale.order"].browse(order_id)
                    barrier.wait(timeout=30)
                    # Prepaid, so that the customers' credit terms play no part here.
                    place = partial(order._b2b_checkout, payment_mode="prepayment")
                    results[order_id] = retrying(place, env)
            except UserError as exc:
                results[order_id] = exc.args[0]
            except Exception as exc:
                results[order_id] = repr(exc)

        try:
            threads = [threading.Thread(target=checkout, args=(oid,)) for oid in order_ids]
            # The transaction that loses the race logs its serialization failure (then retries).
            # The test runner holds the registry lock; like HttpCase's test mode, let the
            # threads look the registry up freely while they run.
            with mute_logger("odoo.sql_db"), patch.object(Registry, "_lock", DummyRLock()):
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=120)
            outcomes = sorted(results.values())
            self.assertEqual(len(outcomes), 2, outcomes)
            self.assertEqual(outcomes.count("processed"), 1, outcomes)
            refused = [value for value in outcomes if value != "processed"]
            self.assertIn("stock is gone", refused[0])
            with self.registry.cursor() as cr:
                env = self._env(cr)
                orders = env["sale.order"].browse(order_ids)
                winner = orders.filtered(lambda o: o.state == "sale")
                loser = orders - winner
                self.assertEqual(len(winner), 1)
                self.assertEqual(winner.picking_ids.move_ids.quantity, 5)
                self.assertEqual((loser.state, loser.b2b_state), ("draft", "cart"))
        finally:
            self._cleanup(product_id, order_ids)
