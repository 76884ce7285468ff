from odoo.fields import Command
from odoo.tests import TransactionCase, tagged

from .parallel import committed_env, retrying, run_together


@tagged("post_install", "-at_install")
class TestParallelConfirmation(TransactionCase):
    """Two buyers of one entity confirm at the same moment from two database connections."""

    def _committed_env(self):
        return committed_env(self.registry)

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

    def test_parallel_confirmations_never_exceed_limit(self):
        def buyer(order_id, wait):
            env = self._committed_env()
            with env.cr:
                wait()
                retrying(env["sale.order"].browse(order_id).action_confirm, env)
            return "confirmed"

        outcome = run_together(buyer, self.ids["orders"])
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
