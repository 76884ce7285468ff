import threading

from psycopg2 import errors

from odoo.api import SUPERUSER_ID, Environment
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.orm.environments import Transaction
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestParallelConfirmation(TransactionCase):
    """Two buyers of one entity confirm at the same moment from two database connections."""

    def _committed_env(self):
        cr = self.registry.cursor()
        # The test runner holds the registry lock: give the cursor its transaction directly
        # instead of letting Environment look the registry up again.
        cr.transaction = Transaction(self.registry)
        return Environment(cr, SUPERUSER_ID, {})

    def setUp(self):
        super().setUp()
        env = self._committed_env()
        with env.cr:
            product = env["product.product"].create(
                {
                    "name": "T Parallel service",
                    "type": "service",
                    "list_price": 600.0,
                    "invoice_policy": "order",
                    "taxes_id": [Command.clear()],
                }
            )
            entity = env["res.partner"].create({"name": "T Parallel entity", "is_company": True})
            contract = env["b2b.contract"].create(
                {
                    "name": "T-PARALLEL",
                    "partner_id": entity.id,
                    "credit_limit": 1000.0,
                }
            )
            contract.action_activate()
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": entity.id,
                        "order_line": [
                            Command.create({"product_id": product.id, "product_uom_qty": 1})
                        ],
                    }
                    for _buyer in range(2)
                ]
            )
            env.cr.commit()
            self.ids = {
                "product": product.id,
                "entity": entity.id,
                "contract": contract.id,
                "orders": orders.ids,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        env = self._committed_env()
        with env.cr:
            orders = env["sale.order"].browse(self.ids["orders"])
            orders.write({"state": "cancel"})
            orders.unlink()
            env["b2b.contract"].browse(self.ids["contract"]).unlink()
            env["res.partner"].browse(self.ids["entity"]).unlink()
            env["product.product"].browse(self.ids["product"]).product_tmpl_id.unlink()
            env.cr.commit()

    @staticmethod
    def _retrying(function, env):
        """What odoo.service.model.retrying does for each request, minus the registry reset
        (the test runner holds the registry lock)."""
        for _attempt in range(5):
            try:
                return function()
            except errors.SerializationFailure:
                env.cr.rollback()
                env.transaction.clear()
        raise AssertionError("still conflicting after 5 attempts")

    def test_parallel_confirmations_never_exceed_limit(self):
        barrier = threading.Barrier(2)
        outcome = {}

        def buyer(order_id):
            env = self._committed_env()
            try:
                with env.cr:
                    barrier.wait(timeout=30)

                    def confirm():
                        env["sale.order"].browse(order_id).action_confirm()

                    self._retrying(confirm, env)
                outcome[order_id] = "confirmed"
            except UserError as error:
                outcome[order_id] = str(error)

        threads = [threading.Thread(target=buyer, args=(oid,)) for oid in self.ids["orders"]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertEqual(len(outcome), 2, outcome)
        confirmed = [oid for oid, result in outcome.items() if result == "confirmed"]
        refused = [result for result in outcome.values() if result != "confirmed"]
        self.assertEqual(len(confirmed), 1, outcome)
        self.assertIn("cannot be confirmed on credit", refused[0])
        env = self._committed_env()
        with env.cr:
            entity = env["res.partner"].browse(self.ids["entity"])
            self.assertLessEqual(entity.risk_total, entity.credit_limit)
            states = env["sale.order"].browse(self.ids["orders"]).mapped("state")
            self.assertEqual(sorted(states), ["draft", "sale"])
