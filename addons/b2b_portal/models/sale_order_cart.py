from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class _CreditOk(Exception):
    """Leaves the credit check's savepoint: asking for the credit status writes nothing."""


B2B_STATES = [
    ("cart", "Cart"),
    ("approval", "Waiting for Approval"),
    ("queue", "In Manager Queue"),
    ("rfq", "Request for Quote"),
    ("proposal", "Proposal"),
    ("processed", "Processed"),
    ("rejected", "Rejected by the Head"),
    ("declined", "Declined by the Customer"),
]
# Orders that wait for someone and hold their quantities against the free stock.
WAITING_STATES = ("approval", "queue")


class SaleOrder(models.Model):
    """The portal cart of one legal entity and its checkout.

    The cart is website_sale's cart (one draft sale.order) whose ``partner_id`` is the legal
    entity; each line keeps its warehouse through the warehouse's delivery route, so that
    ``sale_stock`` ships one picking per warehouse. Checkout locks the stock rows of the
    warehouses involved, re-checks the free quantity and confirms and reserves in the same
    transaction: of two customers buying the last units, the second is told they are gone.
    """

    _inherit = "sale.order"

    b2b_state = fields.Selection(
        B2B_STATES, string="Portal Status", index=True, copy=False, tracking=True
    )
    b2b_queue_reason = fields.Text(
        string="Why in the Queue",
        copy=False,
        readonly=True,
        help="Why the order was not processed automatically.",
    )
    b2b_payment_mode = fields.Selection(
        [("credit", "On Credit"), ("prepayment", "Prepayment")],
        string="Payment",
        copy=False,
    )
    b2b_delivery_slot = fields.Selection(
        [("morning", "09:00-13:00"), ("afternoon", "13:00-18:00"), ("evening", "18:00-22:00")],
        string="Delivery Slot",
        copy=False,
    )
    b2b_customer_comment = fields.Text(string="Customer's Comment", copy=False)

    # ------------------------------------------------------------------ entity and prices
    def _b2b_is_b2b(self):
        self.ensure_one()
        return bool(self.partner_id.commercial_partner_id.b2b_holding_id)

    def _b2b_entity(self):
        self.ensure_one()
        return self.partner_id.commercial_partner_id

    def _b2b_price_for(self, products):
        """{product id: net unit price} for this order's legal entity: the pricing service.

        The one adapter between orders and pricing: every B2B line price comes from here.
        """
        self.ensure_one()
        return self.env["b2b.pricing"].net_prices(
            self._b2b_entity(), products, date=fields.Date.context_today(self)
        )

    def _b2b_reprice(self):
        """Re-price every product line from the pricing service (after an entity change)."""
        for order in self:
            lines = order.order_line.filtered(
                lambda line: line.product_id and not line.display_type
            )
            lines = lines.filtered(lambda line: line.product_id.type != "service")
            if not lines:
                continue
            prices = order._b2b_price_for(lines.product_id)
            for line in lines.with_context(b2b_prices=prices):
                line._reset_price_unit()

    @api.model
    def _b2b_delivery_addresses(self, entity):
        """The delivery addresses of ``entity`` (its own address when it has none)."""
        addresses = entity.sudo().child_ids.filtered(lambda p: p.type == "delivery")
        return addresses.with_env(self.env) or entity

    def _b2b_set_entity(self, entity, shipping=None):
        """Move the cart to another legal entity (header switcher): re-price everything."""
        self.ensure_one()
        shipping = shipping or self._b2b_delivery_addresses(entity)[:1] or entity
        self.write(
            {
                "partner_id": entity.id,
                "partner_invoice_id": entity.id,
                "partner_shipping_id": shipping.id,
            }
        )
        self._b2b_reprice()

    def _update_address(self, partner_id, fnames=None):
        # website_sale moves a cart to the logged-in user's partner; a B2B cart belongs to
        # the legal entity and keeps the user as its buyer.
        if (
            fnames
            and "partner_id" in fnames
            and self.b2b_state == "cart"
            and (self.b2b_buyer_id.id == partner_id)
        ):
            fnames = [fname for fname in fnames if fname != "partner_id"]
        return super()._update_address(partner_id, fnames)

    # ------------------------------------------------------------------ lines
    def _b2b_add_lines(self, items):
        """Add ``items`` [(product, warehouse, quantity)] to the cart in one go.

        A product already in the cart for the same warehouse gets the quantity added; pack
        sizes are checked on the resulting quantity (UserError naming the rounded quantity).
        """
        self.ensure_one()
        _ = self.env._
        if self.state != "draft":
            raise UserError(_("Only a cart can receive new lines."))
        existing = {
            (line.product_id.id, line.route_ids[:1].id): line
            for line in self.order_line
            if line.product_id and not line.display_type
        }
        totals = defaultdict(float)
        for product, warehouse, quantity in items:
            route = warehouse.delivery_route_id if warehouse else self.env["stock.route"]
            totals[(product, route)] += quantity
        products = self.env["product.product"].browse({p.id for p, _r in totals})
        prices = self._b2b_price_for(products)
        create_vals = []
        for (product, route), quantity in totals.items():
            line = existing.get((product.id, route.id))
            new_quantity = quantity + (line.product_uom_qty if line else 0)
            product._b2b_check_pack_quantity(new_quantity)
            if line:
                line.with_context(b2b_prices=prices).product_uom_qty = new_quantity
            else:
                create_vals.append(
                    {
                        "order_id": self.id,
                        "product_id": product.id,
                        "product_uom_qty": new_quantity,
                        "route_ids": [fields.Command.set(route.ids)],
                    }
                )
        self.env["sale.order.line"].with_context(b2b_prices=prices).create(create_vals)
        return True

    def _b2b_check_packs(self):
        for line in self.order_line.filtered("product_id"):
            line.product_id._b2b_check_pack_quantity(line.product_uom_qty)

    # ------------------------------------------------------------------ stock
    @api.model
    def _b2b_free_stock(self, product_ids, warehouse_ids, exclude_order_ids=()):
        """{(product id, warehouse id): free quantity}.

        Free = on hand in the warehouse's internal locations − reserved − demand of confirmed
        moves not reserved yet − lines of portal orders waiting for approval or a manager.
        """
        if not product_ids or not warehouse_ids:
            return {}
        self.env.flush_all()
        query = SQL(
            """
            SELECT product_id, warehouse_id, SUM(qty) FROM (
                SELECT q.product_id, l.warehouse_id, q.quantity - q.reserved_quantity AS qty
                  FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
                 WHERE q.product_id = ANY(%(products)s) AND l.warehouse_id = ANY(%(warehouses)s)
                UNION ALL
                SELECT m.product_id, l.warehouse_id, -(m.product_qty - m.quantity)
                  FROM stock_move m
                  JOIN stock_location l ON l.id = m.location_id AND l.usage = 'internal'
                  JOIN stock_location d ON d.id = m.location_dest_id AND d.usage != 'internal'
                 WHERE m.state IN ('confirmed', 'waiting', 'partially_available')
                   AND m.product_id = ANY(%(products)s) AND l.warehouse_id = ANY(%(warehouses)s)
                UNION ALL
                SELECT sol.product_id, sol.warehouse_id, -sol.product_uom_qty
                  FROM sale_order_line sol
                  JOIN sale_order so ON so.id = sol.order_id
                 WHERE so.b2b_state IN %(waiting)s AND so.state IN ('draft', 'sent')
                   AND NOT so.id = ANY(%(exclude)s)
                   AND sol.product_id = ANY(%(products)s)
                   AND sol.warehouse_id = ANY(%(warehouses)s)
            ) free
            GROUP BY product_id, warehouse_id
            """,
            products=list(product_ids),
            warehouses=list(warehouse_ids),
            waiting=WAITING_STATES,
            exclude=list(exclude_order_ids),
        )
        rows = self.env.execute_query(query)
        return {(product_id, warehouse_id): qty for product_id, warehouse_id, qty in rows}

    def _b2b_stock_lines(self):
        return self.order_line.filtered(
            lambda line: line.product_id.is_storable and not line.display_type
        )

    def _b2b_lock_stock(self):
        """Lock the stock rows of the cart's products in their warehouses until commit.

        Another checkout of the same products waits here; under Odoo's repeatable-read
        isolation it then fails with a serialization error and is retried (by the HTTP
        layer or ``odoo.service.model.retrying``), and the retry sees the stock taken.
        """
        lines = self._b2b_stock_lines()
        if not lines:
            return
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                """
                SELECT q.id FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
                 WHERE q.product_id = ANY(%s) AND l.warehouse_id = ANY(%s)
                 ORDER BY q.id
                   FOR UPDATE OF q
                """,
                lines.product_id.ids,
                lines.warehouse_id.ids,
            )
        )

    def _b2b_stock_shortages(self):
        """[(line, wanted, free)] for the lines the warehouse cannot serve now."""
        self.ensure_one()
        lines = self._b2b_stock_lines()
        free = self._b2b_free_stock(lines.product_id.ids, lines.warehouse_id.ids, self.ids)
        wanted = defaultdict(float)
        for line in lines:
            wanted[(line.product_id.id, line.warehouse_id.id)] += line.product_uom_qty
        shortages = []
        for line in lines:
            key = (line.product_id.id, line.warehouse_id.id)
            if wanted[key] > free.get(key, 0.0):
                shortages.append((line, wanted[key], max(free.get(key, 0.0), 0.0)))
        return shortages

    def _b2b_shortage_message(self, shortages):
        _ = self.env._
        details = "\n".join(
            _(
                "%(product)s at %(warehouse)s: %(free)s left, %(wanted)s in the cart",
                product=line.product_id.display_name,
                warehouse=line.warehouse_id.name,
                free=int(free) if float(free).is_integer() else free,
                wanted=int(wanted) if float(wanted).is_integer() else wanted,
            )
            for line, wanted, free in shortages
        )
        return _("The stock is gone for some lines; adjust the cart:\n%(details)s", details=details)

    # ------------------------------------------------------------------ warnings
    def _b2b_cart_warnings(self):
        """Credit and stock warnings shown on the cart before checkout."""
        self.ensure_one()
        warnings = []
        shortages = self._b2b_stock_shortages()
        if shortages:
            warnings.append(self._b2b_shortage_message(shortages))
        credit = self._b2b_credit_message()
        if credit:
            warnings.append(credit)
        return warnings

    def _b2b_credit_message(self):
        """Why the credit terms refuse this order ('' when they allow it).

        Orders under a contract use the pricing module's check (overdue debt, credit limit,
        with the numbers), run in a savepoint so that asking changes nothing; others use
        sale_financial_risk's risk evaluation.
        """
        self.ensure_one()
        if self.b2b_payment_mode == "prepayment" and not self.b2b_contract_id:
            return ""
        try:
            with self.env.cr.savepoint():
                if self.b2b_contract_id:
                    self.sudo()._b2b_check_credit()
                else:
                    partner = self.partner_invoice_id.commercial_partner_id
                    message = (self.sudo().evaluate_risk_message(partner) or "").strip()
                    if message:
                        raise UserError(message)
                raise _CreditOk()
        except _CreditOk:
            return ""
        except UserError as exc:
            return exc.args[0]

    def _b2b_contract(self):
        self.ensure_one()
        entity = self._b2b_entity()
        return self.env["b2b.contract"].sudo()._active_for(entity).get(entity.id)

    # ------------------------------------------------------------------ checkout
    def _b2b_checkout(
        self,
        payment_mode=None,
        commitment_date=None,
        delivery_slot=None,
        client_order_ref=None,
        comment=None,
        accept_shortage=False,
    ):
        """Check the cart out; returns the resulting ``b2b_state``.

        One transaction: pack sizes, prices and stock are re-checked under the stock lock;
        the order then waits for the head's approval, or goes through the automatic
        processing rules (confirmed, reserved, invoiced) or into the manager's queue.
        """
        self.ensure_one()
        _ = self.env._
        if self.state != "draft" or self.b2b_state not in (False, "cart"):
            raise UserError(_("This cart has already been checked out."))
        if not self.order_line.filtered("product_id"):
            raise UserError(_("The cart is empty."))
        self._b2b_check_packs()
        self._b2b_reprice()
        self._b2b_lock_stock()
        shortages = self._b2b_stock_shortages()
        if shortages and not accept_shortage:
            raise UserError(self._b2b_shortage_message(shortages))
        contract = self._b2b_contract()
        if not payment_mode:
            payment_mode = "prepayment" if contract and contract.is_prepayment else "credit"
        if payment_mode == "credit" and contract and contract.is_prepayment:
            raise UserError(_("Your contract asks for prepayment: orders on credit are refused."))
        vals = {
            "b2b_payment_mode": payment_mode,
            "b2b_is_prepayment": payment_mode == "prepayment",
            "b2b_delivery_slot": delivery_slot or False,
            "client_order_ref": client_order_ref or self.client_order_ref,
            "b2b_customer_comment": comment or False,
            "commitment_date": commitment_date or False,
        }
        if contract and contract.payment_term_id:
            vals["payment_term_id"] = contract.payment_term_id.id
        self.write(vals)
        reason = self._b2b_approval_reason()
        if reason:
            self._b2b_request_approval(reason)
            return self.b2b_state
        self._b2b_process(stock_ok=not shortages)
        return self.b2b_state
