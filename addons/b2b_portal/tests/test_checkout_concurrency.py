"""Two distributors check out the last 5 units of a warehouse at the same moment.

Each checkout has its own database connection and really commits, as two HTTP requests on two
workers would, and nothing of Odoo is patched. The two transactions overlap as two requests
arriving together do: both have looked at the stock (5 free) before the first one checks
out and commits; the second then fails with a serialization error at the stock lock and is
replayed, as the HTTP layer does, and is told the stock is gone. Both run in the test's
thread, one after the other, as Odoo's own concurrency tests do (TestSequenceMixinConcurrency):
the test runner holds the registry lock, which Odoo's post-commit hooks (the partner ranks of
the invoice) take, so a checkout committing in another thread would wait for it forever.
``tests/hard`` races 20 checkouts over HTTP against a multi-worker server. Everything created
is removed afterwards.
"""

from functools import partial

from odoo.addons.b2b_pricing.tests.parallel import committed_env, retrying
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCheckoutConcurrency(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())

    def _env(self, cr):
        env = committed_env(self.registry, cr)
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
        envs = [self._env(self.registry.cursor()) for _order in order_ids]
        try:
            orders = [
                env["sale.order"].browse(order_id)
                for env, order_id in zip(envs, order_ids, strict=True)
            ]
            # Both transactions see the 5 units free before either checks out.
            self.assertEqual([order._b2b_stock_shortages() for order in orders], [[], []])
            results = {}
            # The transaction that loses the race logs its serialization failure (then retries).
            with mute_logger("odoo.sql_db"):
                for env, order in zip(envs, orders, strict=True):
                    # Prepaid, so that the customers' credit terms play no part here.
                    checkout = partial(order._b2b_checkout, payment_mode="prepayment")
                    try:
                        results[order.id] = retrying(checkout, env)
                    except UserError as exc:
                        env.cr.rollback()
                        results[order.id] = exc.args[0]
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
            for env in envs:
                env.cr.close()
            self._cleanup(product_id, order_ids)
