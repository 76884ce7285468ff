from odoo import fields, models
from odoo.tools import format_amount


class B2bEntityAccess(models.Model):
    """The head's approval limit for a buyer's orders placed for this legal entity."""

    _inherit = "b2b.entity.access"

    approval_amount = fields.Monetary(
        string="Approval above",
        currency_field="approval_currency_id",
        help="Orders of this buyer above this amount wait for the head's approval "
        "(0: no approval needed).",
    )
    approval_categ_ids = fields.Many2many(
        "product.category",
        string="Approval for Categories",
        help="Orders of this buyer with products of these categories wait for the head's "
        "approval, whatever the amount.",
    )
    # The amount is compared with the orders' totals, in the currency of the entity's seller.
    approval_currency_id = fields.Many2one(related="entity_id.b2b_currency_id")

    def _b2b_approval_reason(self, order):
        """Why ``order`` placed under this access needs the head's approval, or ''."""
        self.ensure_one()
        _ = self.env._
        if self.role != "buyer":
            return ""
        if self.approval_amount and order.amount_total > self.approval_amount:
            return _(
                "The order exceeds %(amount)s, the approval limit set by the head.",
                amount=format_amount(self.env, self.approval_amount, self.approval_currency_id),
            )
        categories = self.approval_categ_ids
        if categories:
            hit = order.order_line.product_id.categ_id.filtered(
                lambda categ: any(categ.parent_path.startswith(c.parent_path) for c in categories)
            )
            if hit:
                return _(
                    "The order contains products of %(categories)s, which need the head's "
                    "approval.",
                    categories=", ".join(hit.mapped("display_name")),
                )
        return ""
