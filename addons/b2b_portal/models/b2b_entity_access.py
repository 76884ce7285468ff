from odoo import fields, models


class B2bEntityAccess(models.Model):
    """What one contact person may do for one legal entity of a holding.

    A contact can act for several legal entities and a legal entity has several contacts;
    the role is per entity, so the same person can be head of one and buyer of another.
    """

    _name = "b2b.entity.access"
    _description = "Contact Access to a Legal Entity"
    _order = "entity_id, role, contact_id"

    contact_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True,
        domain="[('is_company', '=', False)]",
    )
    entity_id = fields.Many2one(
        "res.partner", string="Legal Entity", required=True, ondelete="cascade", index=True,
        domain="[('is_company', '=', True), ('is_b2b_holding', '=', False)]",
    )
    role = fields.Selection(
        [("head", "Head"), ("buyer", "Buyer"), ("accountant", "Accountant")],
        required=True,
        default="buyer",
        help="Head: all orders, balance, settlements, credit and users of the holding.\n"
        "Buyer: places and sees own orders only.\n"
        "Accountant: documents and settlements, no ordering.",
    )
    confirmed = fields.Boolean(
        help="Balance, reconciliation acts and credit requests open only once the head or "
        "the manager has confirmed the user.",
    )

    _contact_entity_unique = models.Constraint(
        "UNIQUE(contact_id, entity_id)", "This contact already has access to this legal entity."
    )
