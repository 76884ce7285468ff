from odoo import fields, models
from odoo.addons.b2b_pricing.models.res_partner_risk_fields import STAFF


class ResPartner(models.Model):
    """The partner's internal notes (Odoo's ``comment``, "Notes" tab) are the manager's:
    Odoo gives the field no groups, so a portal user could read them over RPC on his own
    company. Internal users only; no portal page shows them."""

    _inherit = "res.partner"

    comment = fields.Html(groups=STAFF)
