from odoo import api, fields, models
from odoo.exceptions import ValidationError


class B2bPriceType(models.Model):
    """A price level (base, wholesale, large wholesale, regional) holding one price per product."""

    _name = "b2b.price.type"
    _inherit = ["mail.thread"]
    _description = "Price Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code used in price files and the API.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_base = fields.Boolean(
        string="Base Price Type",
        help="The base price shown next to the customer's net price; exactly one price type "
        "should be the base.",
    )
    region_ids = fields.Many2many(
        "b2b.region",
        string="Regions",
        help="Customers of these regions buy at this price type unless their contract says "
        "otherwise.",
    )
    price_count = fields.Integer(compute="_compute_price_count")

    _code_unique = models.Constraint("UNIQUE(code)", "A price type with this code already exists.")

    @api.constrains("is_base", "active")
    def _check_single_base(self):
        if self.search_count([("is_base", "=", True)]) > 1:
            raise ValidationError(self.env._("Only one price type can be the base price type."))

    def _compute_price_count(self):
        counts = dict(
            self.env["b2b.price"]._read_group(
                [("price_type_id", "in", self.ids)], ["price_type_id"], ["__count"]
            )
        )
        for price_type in self:
            price_type.price_count = counts.get(price_type, 0)

    @api.model
    def _base_type(self):
        return self.search([("is_base", "=", True)], limit=1)

    @api.model
    def _for_region(self, region):
        """The regional price type of ``region`` (the first by sequence), if any."""
        if not region:
            return self.browse()
        return self.search([("region_ids", "in", region.ids)], limit=1)

    def action_view_prices(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.display_name,
            "res_model": "b2b.price",
            "view_mode": "list",
            "domain": [("price_type_id", "=", self.id)],
            "context": {"default_price_type_id": self.id},
        }
