from odoo import api, fields, models


class ResPartner(models.Model):
    """Holding → legal entities → contacts on top of Odoo's partner tree.

    A holding is a company partner flagged ``is_b2b_holding``; its legal entities are company
    partners whose parent is the holding. Company partners stay their own commercial entity in
    Odoo, so invoices, credit and accounting remain per legal entity.
    """

    _inherit = "res.partner"

    is_b2b_holding = fields.Boolean(string="Is a Holding", index=True)
    b2b_holding_id = fields.Many2one(
        "res.partner", string="Holding", compute="_compute_b2b_holding_id", store=True,
        recursive=True, index=True,
    )
    b2b_main_entity_id = fields.Many2one(
        "res.partner", string="Main Legal Entity",
        domain="[('parent_id', '=', id), ('is_company', '=', True)]",
    )
    kpp = fields.Char(string="KPP", size=9, help="Russian tax registration reason code (КПП).")
    b2b_access_ids = fields.One2many("b2b.entity.access", "contact_id", string="Acts for")
    b2b_contact_access_ids = fields.One2many("b2b.entity.access", "entity_id", string="Contacts")

    @api.depends("is_b2b_holding", "parent_id.b2b_holding_id")
    def _compute_b2b_holding_id(self):
        for partner in self:
            if partner.is_b2b_holding:
                partner.b2b_holding_id = partner
            else:
                partner.b2b_holding_id = partner.parent_id.b2b_holding_id
