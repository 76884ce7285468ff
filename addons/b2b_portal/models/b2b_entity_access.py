from odoo import api, fields, models
from odoo.exceptions import ValidationError


class B2bEntityAccess(models.Model):
    """What one contact person may do for one legal entity of a holding.

    A contact can act for several legal entities and a legal entity has several contacts;
    the role is per entity, so the same person can be head of one and buyer of another.
    What each role may do, before and after confirmation, is in ``lib/portal_roles.py``.
    """

    _name = "b2b.entity.access"
    _description = "Contact Access to a Legal Entity"
    _order = "entity_id, role, contact_id"

    contact_id = fields.Many2one(
        "res.partner",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('is_company', '=', False)]",
    )
    entity_id = fields.Many2one(
        "res.partner",
        string="Legal Entity",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('is_company', '=', True), ('is_b2b_holding', '=', False)]",
    )
    holding_id = fields.Many2one(related="entity_id.b2b_holding_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Portal User",
        compute="_compute_user_id",
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

    @api.depends("contact_id")
    def _compute_user_id(self):
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", self.contact_id.ids)])
        )
        by_partner = {user.partner_id: user for user in users}
        for access in self:
            access.user_id = by_partner.get(access.contact_id, False)

    @api.constrains("contact_id", "entity_id")
    def _check_same_holding(self):
        for access in self:
            entity = access.entity_id
            if not entity.is_company or entity.is_b2b_holding:
                raise ValidationError(
                    self.env._(
                        "%(entity)s is not a legal entity: access is given to legal entities only.",
                        entity=entity.display_name,
                    )
                )
            contact_holding = access.contact_id.b2b_holding_id
            if contact_holding and contact_holding != entity.b2b_holding_id:
                raise ValidationError(
                    self.env._(
                        "%(contact)s belongs to another holding than %(entity)s.",
                        contact=access.contact_id.display_name,
                        entity=entity.display_name,
                    )
                )

    # An unconfirmed access asks the manager for confirmation (a b2b.registration of kind
    # "confirmation"); confirming it, whoever does it, closes the request; an access
    # unconfirmed again asks again; a removed access leaves nothing to confirm.
    @api.model_create_multi
    def create(self, vals_list):
        accesses = super().create(vals_list)
        self.env["res.users"]._b2b_invalidate_rules()
        accesses.user_id._b2b_sync_seller_companies()
        self.env["b2b.registration"]._b2b_request_confirmation(accesses)
        return accesses

    def write(self, vals):
        result = super().write(vals)
        self.env["res.users"]._b2b_invalidate_rules()
        if {"contact_id", "entity_id"} & set(vals):
            self.user_id._b2b_sync_seller_companies()
        if "confirmed" in vals:
            Registration = self.env["b2b.registration"]
            Registration._b2b_access_confirmed(self.filtered("confirmed"))
            Registration._b2b_request_confirmation(
                self.filtered(lambda access: not access.confirmed)
            )
        return result

    def unlink(self):
        self.env["b2b.registration"]._b2b_access_removed(self)
        result = super().unlink()
        self.env["res.users"]._b2b_invalidate_rules()
        return result
