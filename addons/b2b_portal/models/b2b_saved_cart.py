from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


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

        Lines that cannot go into the cart (product no longer sold, warehouse outside the
        region, not enough free stock...) are left out and returned as messages; everything
        else is added in one go, the one way into a cart.
        """
        self.ensure_one()
        self._b2b_check_usable_for(order._b2b_entity())
        items = [
            (line.product_id, line.warehouse_id, line.quantity) for line in self.sudo().line_ids
        ]
        refused = order._b2b_add_lines(items, partial=True)
        return [message for _product, _warehouse, message in refused]

    # ------------------------------------------------------------------ integrity
    # Portal users only read saved carts; whatever writes them, these hold.
    @api.constrains("entity_id", "owner_id")
    def _check_entity_and_owner(self):
        access_sudo = self.env["b2b.entity.access"].sudo()
        for cart in self:
            if not cart.entity_id.b2b_holding_id:
                raise ValidationError(
                    self.env._("A saved cart belongs to a legal entity of a holding.")
                )
            owner_sudo = cart.owner_id.sudo()
            # The seller's staff may keep saved carts for their customers.
            if owner_sudo.user_ids.filtered("share") and not access_sudo.search_count(
                [("contact_id", "=", owner_sudo.id), ("entity_id", "=", cart.entity_id.id)],
                limit=1,
            ):
                raise ValidationError(
                    self.env._(
                        "%(owner)s does not act for %(entity)s: the saved cart cannot be theirs.",
                        owner=owner_sudo.name,
                        entity=cart.entity_id.sudo().name,
                    )
                )
        self.line_ids._check_warehouse_region()

    def write(self, vals):
        holdings = {cart: cart.holding_id for cart in self.sudo()} if "entity_id" in vals else {}
        result = super().write(vals)
        if any(cart.holding_id != holding for cart, holding in holdings.items()):
            raise UserError(self.env._("A saved cart stays in its holding."))
        return result


class B2bSavedCartLine(models.Model):
    _name = "b2b.saved.cart.line"
    _description = "Saved Cart Line"

    saved_cart_id = fields.Many2one("b2b.saved.cart", required=True, index=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True, ondelete="cascade")
    warehouse_id = fields.Many2one("stock.warehouse", ondelete="set null")
    quantity = fields.Float(required=True, default=1.0)

    @api.constrains("saved_cart_id", "warehouse_id")
    def _check_warehouse_region(self):
        for line in self.filtered("warehouse_id"):
            entity = line.saved_cart_id.entity_id
            if line.warehouse_id not in self.env["sale.order"]._b2b_region_warehouses(entity):
                raise ValidationError(
                    self.env._(
                        "%(product)s: the warehouse %(warehouse)s does not serve the region "
                        "of %(entity)s.",
                        product=line.product_id.sudo().display_name,
                        warehouse=line.warehouse_id.sudo().name,
                        entity=entity.name,
                    )
                )

    def write(self, vals):
        carts = (
            {line: line.saved_cart_id for line in self.sudo()} if "saved_cart_id" in vals else {}
        )
        result = super().write(vals)
        if any(line.saved_cart_id != cart for line, cart in carts.items()):
            raise UserError(self.env._("A saved-cart line stays in its saved cart."))
        return result
