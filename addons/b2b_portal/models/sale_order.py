from odoo import api, fields, models


class SaleOrder(models.Model):
    """Orders belong to a legal entity and remember the contact who placed them.

    ``partner_id`` is the legal entity (or one of its contacts), so invoicing and credit stay
    per entity; ``b2b_buyer_id`` is the person who placed the order: a buyer sees only the
    orders she placed, a head every order of the entity (see security/b2b_portal_rules.xml).
    """

    _inherit = "sale.order"

    b2b_buyer_id = fields.Many2one(
        "res.partner",
        string="Placed by",
        index=True,
        copy=False,
        default=lambda self: self.env.user.partner_id if self.env.user.share else False,
        help="The customer's contact who placed the order in the portal.",
    )
    # The head reads every order of his entities, but not always the contact of another
    # entity who placed it: the name comes through the related field, read as superuser.
    b2b_buyer_name = fields.Char(related="b2b_buyer_id.name", string="Placed by (name)")
    b2b_holding_id = fields.Many2one(
        related="partner_id.commercial_partner_id.b2b_holding_id",
        string="Holding",
    )
    b2b_impersonation_log_id = fields.Many2one(
        "b2b.impersonation.log",
        string="Placed during",
        copy=False,
        readonly=True,
        help="The manager's session acting for the customer in which the order was created.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        log = self.env["b2b.impersonation.log"]._b2b_active()
        if log:
            for vals in vals_list:
                vals.setdefault("b2b_impersonation_log_id", log.id)
        orders = super().create(vals_list)
        if log:
            log._b2b_record_orders(orders)
        return orders
