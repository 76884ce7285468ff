from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

from ..lib.form_values import FormValueError, parse_choice, parse_quantity
from ..lib.portal_roles import ORDER


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

    def _discard_tracking(self):
        # As Odoo's product catalog does for a draft order: a cart is edited line by line by
        # its buyer, its total changing at each line is no news for the chatter (the order's
        # changes are tracked again from its checkout on).
        return super()._discard_tracking() or (self.state == "draft" and self.b2b_state == "cart")

    @api.model
    def _b2b_seller_values(self, entity):
        """The values that make an order of ``entity`` one of the seller of its contract: its
        company, a warehouse of it in the entity's region, its pricelist, fiscal position and
        sales team, so that the order ships, invoices and books there. Empty where the seller
        is the current company."""
        seller = entity._b2b_seller_company()
        if seller == self.env.company:
            return {}
        entity_sudo = entity.sudo().with_company(seller)
        return {
            "company_id": seller.id,
            "warehouse_id": self._b2b_region_warehouses(entity)[:1].id,
            "pricelist_id": entity_sudo.property_product_pricelist.id,
            "fiscal_position_id": self.env["account.fiscal.position"]
            .sudo()
            .with_company(seller)
            ._get_fiscal_position(entity_sudo)
            .id,
            "team_id": self.env["crm.team"]
            .sudo()
            .search([("company_id", "=", seller.id)], limit=1)
            .id,
        }

    @api.model
    def _b2b_unsaved_cart(self, entity):
        """An unsaved (sudo) cart of ``entity``: what lines are checked against while the
        entity has no cart, which is only made when lines are added."""
        return self.sudo().new({"partner_id": entity.id})

    def _b2b_price_for(self, products):
        """{product id: net unit price} for this order's legal entity: the pricing service.

        The one adapter between orders and pricing: every B2B line price comes from here.
        """
        self.ensure_one()
        return self.env["b2b.pricing"].net_prices(
            self._b2b_entity(), products, date=fields.Date.context_today(self)
        )

    def _b2b_reprice(self):
        """Re-price every product line from the pricing service (at checkout: the prices of
        the day the order is placed)."""
        for order in self:
            lines = order.order_line.filtered(
                lambda line: line.product_id and not line.display_type
            )
            lines = lines.filtered(lambda line: line.product_id.type != "service")
            if not lines:
                continue
            prices = order._b2b_price_for(lines.product_id)
            for line in lines.with_context(b2b_cart_prices=prices):
                line._reset_price_unit()

    @api.model
    def _b2b_delivery_addresses(self, entity):
        """The delivery addresses of ``entity`` (its own address when it has none)."""
        addresses = entity.sudo().child_ids.filtered(lambda p: p.type == "delivery")
        return addresses.with_env(self.env) or entity

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
    def _b2b_check_orderer(self):
        """A portal user fills only the cart of the legal entity chosen in the header, and
        only with the ordering right for it (UserError saying which is missing)."""
        self.ensure_one()
        _ = self.env._
        user = self.env.user
        if not user.share:
            return  # the seller's staff: their access rights decide
        entity = self._b2b_entity()
        if not entity.b2b_holding_id and not user._b2b_entities():
            return  # a web-shop customer outside any holding: no portal roles apply
        if entity != user._b2b_current_entity():
            raise UserError(_("You can only order for the legal entity chosen in the header."))
        if not user._b2b_has_right(entity, ORDER):
            raise UserError(
                _(
                    "Your role for %(entity)s does not include ordering: ask the head of your "
                    "company for it.",
                    entity=entity.name,
                )
            )

    @api.model
    def _b2b_region_warehouses(self, entity):
        """The warehouses ``entity`` orders from (sudo): those of its sales region that
        belong to its seller (the company of its contract), which ships and invoices."""
        region = entity.sudo()._b2b_catalog_region()
        seller = entity._b2b_seller_company()
        return region.warehouse_ids.filtered(lambda w: w.company_id == seller).sorted("id")

    def _b2b_add_lines(self, items, partial=False):
        """The one way into a cart: add ``items`` [(product, warehouse, quantity)] to it.

        The catalog, quick orders and price lists, saved carts and repeated orders all come
        through here; a product already in the cart for the same warehouse gets the quantity
        added. Checked: who orders (:meth:`_b2b_check_orderer`), that this is a cart, then
        for each product and warehouse (:meth:`_b2b_put`): sold, a warehouse of the entity's
        region, pack size and free stock for the resulting quantity.

        All or nothing: a UserError lists the problems. With ``partial`` the products with a
        problem are left out instead and returned as [(product, warehouse, message)].
        """
        self.ensure_one()
        self._b2b_check_orderer()
        existing = self._b2b_lines_by_key()
        quantities, problems = {}, {}
        for product, warehouse, quantity in items:
            key = (product, warehouse)
            try:
                added = parse_quantity(quantity)
            except FormValueError as exc:
                problems[key] = self.env._(
                    "%(product)s: %(problem)s",
                    product=product.sudo().display_name,
                    problem=exc.render(self.env._),
                )
                continue
            line = existing.get((product.id, warehouse.id))
            base = quantities.get(key, line.product_uom_qty if line else 0)
            quantities[key] = base + added
        return self._b2b_put(quantities, problems, partial)

    def _b2b_catalog_add(self, lines, warehouses):
        # Refuse who may not order once for the whole request, not once per line.
        self._b2b_check_orderer()
        return super()._b2b_catalog_add(lines, warehouses)

    def _catalog_add_line(self, product, warehouse, quantity, warehouses):
        # The catalog goes the one way into the cart; the region is the acting entity's,
        # checked there, not the ``warehouses`` of the user's own company.
        self._b2b_add_lines([(product, warehouse, quantity)])

    def _b2b_set_line_quantity(self, line, quantity):
        """Change the quantity of the cart's ``line`` (0 removes it), checked as any way
        into the cart is (:meth:`_b2b_put`)."""
        self.ensure_one()
        self._b2b_check_orderer()
        if line.order_id != self:
            raise UserError(self.env._("This line is not in your cart."))
        if not quantity:
            line.unlink()
            return
        self._b2b_put({(line.product_id, line.warehouse_id): quantity})

    def _b2b_lines_by_key(self):
        """{(product id, warehouse id): line} of the cart's product lines."""
        return {
            (line.product_id.id, line.warehouse_id.id): line
            for line in self.order_line
            if line.product_id and not line.display_type and not line.is_delivery
        }

    def _b2b_put(self, quantities, problems=None, partial=False):
        """Set the cart's quantity of each (product, warehouse) of ``quantities``: the
        checks every way into the cart shares (see :meth:`_b2b_add_lines`)."""
        self.ensure_one()
        _ = self.env._
        if self.state != "draft":
            raise UserError(_("Only a cart can receive new lines."))
        problems = dict(problems or {})
        warehouses = self._b2b_region_warehouses(self._b2b_entity())
        products = self.env["product.product"].browse({product.id for product, _w in quantities})
        free = self._b2b_free_stock(products.ids, warehouses.ids, self.ids)
        accepted = {}
        for (product, warehouse), quantity in quantities.items():
            if (product, warehouse) in problems:
                continue
            problem = self._b2b_line_problem(product, warehouse, quantity, warehouses, free)
            if problem:
                problems[(product, warehouse)] = problem
            else:
                accepted[(product, warehouse)] = quantity
        if problems and not partial:
            raise UserError("\n".join(problems.values()))
        self._b2b_write_lines(accepted)
        return [(product, warehouse, message) for (product, warehouse), message in problems.items()]

    def _b2b_line_problem(self, product, warehouse, quantity, warehouses, free):
        """Why ``quantity`` of ``product`` from ``warehouse`` cannot be in the cart, or ''."""
        _ = self.env._
        product = product.sudo().with_context(active_test=False)
        if not product.active or not product.sale_ok:
            return _("%(product)s is no longer sold.", product=product.display_name)
        if warehouse not in warehouses:
            return _(
                "%(product)s: this warehouse is not available in your region.",
                product=product.display_name,
            )
        problem = product._b2b_pack_problem(quantity)
        if problem:
            return problem
        available = free.get((product.id, warehouse.id), 0.0)
        if product.is_storable and quantity > available:
            return _(
                "%(product)s: %(available)s left at %(warehouse)s, %(quantity)s asked.",
                product=product.display_name,
                available=max(int(available), 0),
                warehouse=warehouse.sudo().name,
                quantity=int(quantity),
            )
        return ""

    def _b2b_write_lines(self, quantities):
        """Write the checked ``quantities`` {(product, warehouse): quantity} into the cart,
        priced by the pricing service; one line per product and warehouse route."""
        if not quantities:
            return
        existing = self._b2b_lines_by_key()
        products = self.env["product.product"].browse({product.id for product, _w in quantities})
        prices = self._b2b_price_for(products)
        create_vals = []
        for (product, warehouse), quantity in quantities.items():
            line = existing.get((product.id, warehouse.id))
            if line:
                line.with_context(b2b_cart_prices=prices).product_uom_qty = quantity
            else:
                create_vals.append(
                    {
                        "order_id": self.id,
                        "product_id": product.id,
                        "product_uom_qty": quantity,
                        "route_ids": [fields.Command.set(warehouse.delivery_route_id.ids)],
                    }
                )
        self.env["sale.order.line"].with_context(b2b_cart_prices=prices).create(create_vals)

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
                    self.sudo()._b2b_check_credit(lock=False)
                else:
                    # The risk figures are staff-only fields: read them as superuser.
                    order_sudo = self.sudo()
                    partner_sudo = order_sudo.partner_invoice_id.commercial_partner_id
                    message = (order_sudo.evaluate_risk_message(partner_sudo) or "").strip()
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
    def _b2b_checkout_choice(self, fname, value):
        """``value`` for the selection field ``fname`` as chosen at checkout (None when
        empty); UserError naming the field for a value it does not offer."""
        field = self._fields[fname]
        try:
            return parse_choice(value, dict(field._description_selection(self.env)))
        except FormValueError as exc:
            raise UserError(
                self.env._(
                    "%(field)s: %(problem)s",
                    field=field._description_string(self.env),
                    problem=exc.render(self.env._),
                )
            ) from None

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
        payment_mode = self._b2b_checkout_choice("b2b_payment_mode", payment_mode)
        delivery_slot = self._b2b_checkout_choice("b2b_delivery_slot", delivery_slot)
        if commitment_date and fields.Date.to_date(commitment_date) < fields.Date.context_today(
            self
        ):
            raise UserError(
                _(
                    "The delivery date %(date)s is in the past.",
                    date=format_date(self.env, commitment_date),
                )
            )
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
