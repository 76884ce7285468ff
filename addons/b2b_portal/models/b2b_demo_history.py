from datetime import timedelta

from odoo import api, fields, models

# (entity xml id, days ago of each order, how each invoice gets paid): "paid", "partial",
# "open" (not yet due) or "overdue" (unpaid past its due date).
DEMO_HISTORY = (
    ("entity_shintorg_main", ((75, "paid"), (48, "paid"), (20, "partial"), (6, "open"))),
    ("entity_shintorg_logistic", ((70, "overdue"), (30, "paid"))),
    ("entity_kolesa_main", ((80, "paid"), (40, "partial"), (12, "open"))),
    ("entity_avtosnab_main", ((85, "paid"), (55, "paid"), (25, "open"))),
    ("entity_uralshina", ((65, "partial"),)),
)


class B2bDemoHistory(models.AbstractModel):
    """Past orders, deliveries, invoices and payments of the demo customers.

    They give turnover, debt, volume tiers and documents something to show. Each order goes
    the regular way (confirm, deliver, invoice, pay) and is then dated back.
    """

    _name = "b2b.demo.history"
    _description = "Demo order history"

    @api.model
    def _create_demo_history(self):
        company = self.env.ref("tyre_catalog.company_seller")
        env = (
            self.with_company(company)
            .with_context(
                tracking_disable=True,
                mail_notrack=True,
                bypass_risk=True,
                # Drafts, dated back before they are posted.
                b2b_invoice_on_confirm="draft",
            )
            .env
        )
        today = fields.Date.context_today(self)
        for sequence, (entity_xmlid, orders) in enumerate(DEMO_HISTORY):
            entity = env.ref(f"b2b_portal.{entity_xmlid}")
            warehouse = entity._b2b_catalog_region().warehouse_ids[:1]
            products = self._demo_products(env, warehouse, offset=sequence * 7)
            for index, (days_ago, payment) in enumerate(orders):
                order_date = today - timedelta(days=days_ago)
                lines = products[index * 3 : index * 3 + 3] or products[:3]
                self._demo_order(env, entity, warehouse, lines, order_date, payment)

    @api.model
    def _demo_products(self, env, warehouse, offset):
        """Tyres with plenty of stock in the warehouse, a different slice per customer."""
        quants = env["stock.quant"].search(
            [
                ("location_id", "child_of", warehouse.lot_stock_id.id),
                ("quantity", ">=", 40),
                ("product_id.sale_ok", "=", True),
            ],
            order="product_id",
            limit=offset + 20,
        )
        return quants.product_id[offset:] or quants.product_id

    @api.model
    def _demo_order(self, env, entity, warehouse, products, order_date, payment):
        order = env["sale.order"].create(
            {
                "partner_id": entity.id,
                "company_id": warehouse.company_id.id,
                "warehouse_id": warehouse.id,
                "client_order_ref": f"ЗК-{order_date:%y%m%d}-{entity.id}",
                "order_line": [
                    fields.Command.create({"product_id": product.id, "product_uom_qty": quantity})
                    for product, quantity in zip(products, (8, 4, 12), strict=False)
                ],
            }
        )
        order.b2b_credit_lifted = True  # history is replayed, not ordered: no credit check
        order.action_confirm()
        order_datetime = fields.Datetime.to_datetime(order_date).replace(hour=10)
        order.date_order = order_datetime
        for picking in order.picking_ids:
            picking.action_assign()
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.move_ids.picked = True
            picking._action_done()
            picking.date_done = order_datetime + timedelta(days=2)
        invoice = order.invoice_ids  # issued by the confirmation
        invoice.invoice_date = order_date + timedelta(days=2)
        invoice.action_post()
        if payment in ("paid", "partial"):
            amount = invoice.amount_total if payment == "paid" else round(invoice.amount_total / 2)
            env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create(
                {"amount": amount, "payment_date": invoice.invoice_date + timedelta(days=10)}
            )._create_payments()
        return order
