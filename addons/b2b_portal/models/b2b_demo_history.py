from datetime import timedelta

from odoo import api, fields, models

# (entity xml id, days ago of each order, how each invoice gets paid): "paid", "partial",
# "open" (not yet due) or "overdue" (unpaid past its due date).
DEMO_HISTORY = (
    ("entity_shintorg_main", ((75, "paid"), (48, "paid"), (20, "partial"), (6, "open"))),
    ("entity_shintorg_logistic", ((70, "overdue"), (30, "paid"))),
    ("entity_kolesa_main", ((80, "paid"), (40, "partial"), (12, "open"))),
    # Bought from the second seller company (b2b_second_seller_demo.xml), from its warehouse.
    ("entity_kolesa_neva", ((58, "paid"), (26, "paid"))),
    ("entity_avtosnab_main", ((85, "paid"), (55, "paid"), (25, "open"))),
    ("entity_uralshina", ((65, "partial"),)),
)
# Orders shipped in two parts (entity xml id, days ago, payment, days after the first
# shipment the backorder followed; None: it still waits). The Moscow one ships from both
# Moscow warehouses.
SPLIT_SHIPMENTS = (
    ("entity_shintorg_main", 16, "open", 5),
    ("entity_kolesa_main", 9, "open", None),
)
# An open proposal of the personal manager for each holding (entity xml id, days ago).
PROPOSALS = (
    ("entity_shintorg_main", 2),
    ("entity_kolesa_main", 3),
    ("entity_avtosnab_main", 1),
)


class B2bDemoHistory(models.AbstractModel):
    """Past orders, deliveries, invoices and payments of the demo customers.

    They give turnover, debt, volume tiers and documents something to show: delivered and
    paid orders, a partly paid and an overdue invoice, orders shipped in two parts (one of
    them from both Moscow warehouses, one still waiting for its backorder) and an open
    proposal for every holding. Each order goes the regular way (confirm, deliver, invoice,
    pay; the manager's "Send Proposal") and is then dated back, in the company of the
    warehouse it ships from: the seller of the entity's contract.
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
            warehouse = self._demo_warehouses(env, entity)[:1]
            products = self._demo_products(env, warehouse, offset=sequence * 7)
            for index, (days_ago, payment) in enumerate(orders):
                order_date = today - timedelta(days=days_ago)
                lines = products[index * 3 : index * 3 + 3] or products[:3]
                self._demo_order(
                    env, entity, self._demo_lines(lines, warehouse), order_date, payment
                )
        for sequence, (entity_xmlid, days_ago, payment, rest_after) in enumerate(SPLIT_SHIPMENTS):
            entity = env.ref(f"b2b_portal.{entity_xmlid}")
            order_date = today - timedelta(days=days_ago)
            lines = self._demo_region_lines(env, entity, offset=60 + sequence * 5)
            self._demo_order(env, entity, lines, order_date, payment, rest_after=rest_after)
        for sequence, (entity_xmlid, days_ago) in enumerate(PROPOSALS):
            entity = env.ref(f"b2b_portal.{entity_xmlid}")
            lines = self._demo_region_lines(env, entity, offset=90 + sequence * 5)
            self._demo_proposal(env, entity, lines, today - timedelta(days=days_ago))
        # The customers' "order confirmed" messages of the history at once, as they were
        # when it happened, not by the first run of the cron.
        env["sale.order"].search(
            [("b2b_confirmation_queued_at", "!=", False)]
        )._b2b_send_confirmation()

    @api.model
    def _demo_warehouses(self, env, entity):
        """The warehouses ``entity`` is sold from, as its portal cart is."""
        return env["sale.order"]._b2b_region_warehouses(entity)

    @api.model
    def _stock_demo_warehouse(self, warehouse_id, like_id):
        """Put in the warehouse ``warehouse_id`` the stock the warehouse ``like_id`` has (a
        demo warehouse of another company)."""
        warehouse, like = self.env["stock.warehouse"].browse([warehouse_id, like_id])
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search([("location_id", "child_of", like.lot_stock_id.id), ("quantity", ">", 0)])
        )
        self.env["stock.quant"].sudo().with_company(warehouse.company_id).create(
            [
                {
                    "product_id": quant.product_id.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "quantity": quant.quantity,
                }
                for quant in quants
            ]
        )

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
    def _demo_lines(self, products, warehouse, quantities=(8, 4, 12)):
        """[(product, warehouse, quantity)] of ``products`` shipped from ``warehouse``."""
        return [
            (product, warehouse, quantity)
            for product, quantity in zip(products, quantities, strict=False)
        ]

    @api.model
    def _demo_region_lines(self, env, entity, offset):
        """Two tyres from the first warehouse of the entity's region and one from its last:
        an order from two warehouses where the region has them."""
        warehouses = self._demo_warehouses(env, entity)
        first, last = warehouses[:1], warehouses[-1:]
        lines = self._demo_lines(self._demo_products(env, first, offset)[:2], first, (8, 12))
        return lines + self._demo_lines(self._demo_products(env, last, offset + 2)[:1], last, (16,))

    @api.model
    def _demo_order_values(self, entity, lines, order_date):
        warehouse = lines[0][1]
        return {
            "partner_id": entity.id,
            "company_id": warehouse.company_id.id,
            "warehouse_id": warehouse.id,
            "client_order_ref": f"ЗК-{order_date:%y%m%d}-{entity.id}",
            "order_line": [
                fields.Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": quantity,
                        # Each line ships from its warehouse, as the portal cart's lines do.
                        "route_ids": [fields.Command.set(line_warehouse.delivery_route_id.ids)],
                    }
                )
                for product, line_warehouse, quantity in lines
            ],
        }

    @api.model
    def _demo_order(self, env, entity, lines, order_date, payment, rest_after=False):
        """A confirmed, delivered and invoiced order of ``lines`` [(product, warehouse,
        quantity)]. With ``rest_after`` (days, or None) the first shipment carries half of
        each line and its backorder follows that many days later (None: it still waits)."""
        env = env(context=dict(env.context, allowed_company_ids=lines[0][1].company_id.ids))
        order = env["sale.order"].create(self._demo_order_values(entity, lines, order_date))
        order.b2b_credit_lifted = True  # history is replayed, not ordered: no credit check
        order.action_confirm()
        order_datetime = fields.Datetime.to_datetime(order_date).replace(hour=10)
        order.date_order = order_datetime
        shipped = order_datetime + timedelta(days=2)
        split = rest_after is not False
        for index, picking in enumerate(order.picking_ids.sorted("id")):
            first_part = split and index == 0
            self._demo_ship(picking, shipped, half=first_part)
            backorder = picking.backorder_ids
            if first_part and rest_after is not None:
                self._demo_ship(backorder, shipped + timedelta(days=rest_after))
            elif backorder:
                backorder.scheduled_date = fields.Datetime.now() + timedelta(days=2)
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

    @api.model
    def _demo_ship(self, picking, when, half=False):
        """Ship ``picking`` dated ``when``: all of it, or half of each line (the rest goes
        to a backorder)."""
        picking.scheduled_date = when
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty // 2 if half else move.product_uom_qty
        picking.move_ids.picked = True
        picking._action_done()
        picking.date_done = when

    @api.model
    def _demo_proposal(self, env, entity, lines, proposal_date):
        """The manager's proposal, sent to the customer, who may accept or decline it."""
        order = env["sale.order"].create(self._demo_order_values(entity, lines, proposal_date))
        order.action_b2b_send_proposal()
        order.date_order = fields.Datetime.to_datetime(proposal_date).replace(hour=11)
        return order
