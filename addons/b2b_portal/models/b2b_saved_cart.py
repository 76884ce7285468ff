from odoo import api, fields, models
from odoo.exceptions import UserError


class B2bSavedCart(models.Model):
    """A cart saved under a name for a legal entity, to be added into a cart later.

    Prices are not kept: they are computed again for the entity of the cart it goes into.
    """

    _name = "b2b.saved.cart"
    _description = "Saved Cart"
    _order = "write_date desc, id desc"

    name = fields.Char(required=True)
    entity_id = fields.Many2one(
        "res.partner", string="Legal Entity", required=True, index=True, ondelete="cascade"
    )
    holding_id = fields.Many2one(related="entity_id.b2b_holding_id", store=True, index=True)
    owner_id = fields.Many2one(
        "res.partner",
        string="Saved by",
        default=lambda self: self.env.user.partner_id,
        index=True,
    )
    line_ids = fields.One2many("b2b.saved.cart.line", "saved_cart_id", string="Lines", copy=True)
    line_count = fields.Integer(compute="_compute_line_count")

    @api.depends("line_ids")
    def _compute_line_count(self):
        for cart in self:
            cart.line_count = len(cart.line_ids)

    @api.model
    def _b2b_save(self, order, name, saved_cart=None):
        """Save ``order``'s lines under ``name`` (a new saved cart, or replace ``saved_cart``)."""
        _ = self.env._
        if not (name or "").strip():
            raise UserError(_("Give the saved cart a name."))
        lines = [
            fields.Command.create(
                {
                    "product_id": line.product_id.id,
                    "warehouse_id": line.warehouse_id.id,
                    "quantity": line.product_uom_qty,
                }
            )
            for line in order.order_line
            if line.product_id and not line.display_type and not line.is_delivery
        ]
        if not lines:
            raise UserError(_("The cart is empty: there is nothing to save."))
        vals = {"name": name.strip(), "line_ids": [fields.Command.clear(), *lines]}
        if saved_cart:
            saved_cart.write(vals)
            return saved_cart
        return self.create({**vals, "entity_id": order._b2b_entity().id})

    def _b2b_check_usable_for(self, entity):
        """The user must act for the saved cart's entity and for the target ``entity``."""
        self.ensure_one()
        user = self.env.user
        if user.share:
            user._b2b_check_access(self.entity_id, right="order")
            user._b2b_check_access(entity, right="order")
        if self.entity_id.b2b_holding_id != entity.b2b_holding_id:
            raise UserError(self.env._("A saved cart can only be used inside its holding."))

    def _b2b_add_to(self, order):
        """Add the lines into ``order`` (re-priced for its entity); return the unavailable ones.

        Archived products and lines whose warehouse has not enough free stock are left out
        and returned as messages; everything else is added in one go.
        """
        self.ensure_one()
        self._b2b_check_usable_for(order._b2b_entity())
        _ = self.env._
        lines = self.sudo().line_ids
        free = order._b2b_free_stock(lines.product_id.ids, lines.warehouse_id.ids, order.ids)
        items, problems = [], []
        for line in lines:
            product = line.product_id.with_context(active_test=False)
            if not product.active or not product.sale_ok:
                problems.append(_("%(product)s is no longer sold.", product=product.display_name))
                continue
            available = free.get((product.id, line.warehouse_id.id), 0.0)
            if line.quantity > available:
                problems.append(
                    _(
                        "%(product)s: %(available)s left at %(warehouse)s, %(quantity)s saved.",
                        product=product.display_name,
                        available=max(int(available), 0),
                        warehouse=line.warehouse_id.name,
                        quantity=int(line.quantity),
                    )
                )
                continue
            items.append((product, line.warehouse_id, line.quantity))
        if items:
            order._b2b_add_lines(items)
        return problems


class B2bSavedCartLine(models.Model):
    _name = "b2b.saved.cart.line"
    _description = "Saved Cart Line"

    saved_cart_id = fields.Many2one("b2b.saved.cart", required=True, index=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True, ondelete="cascade")
    warehouse_id = fields.Many2one("stock.warehouse", ondelete="set null")
    quantity = fields.Float(required=True, default=1.0)
