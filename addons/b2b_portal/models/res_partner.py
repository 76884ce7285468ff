from odoo import api, fields, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    """Holding → legal entities → contacts on top of Odoo's partner tree.

    A holding is a company partner flagged ``is_b2b_holding``; its legal entities are company
    partners whose parent is the holding. Company partners stay their own commercial entity in
    Odoo, so invoices, credit and accounting remain per legal entity.
    """

    _inherit = "res.partner"

    is_b2b_holding = fields.Boolean(string="Is a Holding", index=True)
    b2b_holding_id = fields.Many2one(
        "res.partner",
        string="Holding",
        compute="_compute_b2b_holding_id",
        store=True,
        recursive=True,
        index=True,
    )
    b2b_main_entity_id = fields.Many2one(
        "res.partner",
        string="Main Legal Entity",
        domain="[('parent_id', '=', id), ('is_company', '=', True)]",
    )
    kpp = fields.Char(string="KPP", size=9, help="Russian tax registration reason code (КПП).")
    b2b_access_ids = fields.One2many("b2b.entity.access", "contact_id", string="Acts for")
    b2b_contact_access_ids = fields.One2many("b2b.entity.access", "entity_id", string="Contacts")
    b2b_entity_ids = fields.One2many(
        "res.partner",
        compute="_compute_b2b_entity_ids",
        string="Legal Entities",
    )

    @api.depends("is_b2b_holding", "parent_id.b2b_holding_id")
    def _compute_b2b_holding_id(self):
        for partner in self:
            if partner.is_b2b_holding:
                partner.b2b_holding_id = partner
            else:
                partner.b2b_holding_id = partner.parent_id.b2b_holding_id

    @api.depends("child_ids.is_company", "is_b2b_holding")
    def _compute_b2b_entity_ids(self):
        for partner in self:
            partner.b2b_entity_ids = (
                partner.child_ids.filtered("is_company") if partner.is_b2b_holding else False
            )

    def _b2b_personal_manager(self):
        """The salesperson of the holding (or of this partner when it has no holding)."""
        self.ensure_one()
        holding = self.b2b_holding_id or self.commercial_partner_id
        return holding.user_id or self.commercial_partner_id.user_id

    def _b2b_grant_portal_access(self):
        """Create (or reactivate) the portal user of these contacts and e-mail the invitation.

        Goes through Odoo's portal wizard, so the usual signup e-mail is sent.
        """
        for contact in self:
            if not contact.email:
                raise UserError(
                    self.env._(
                        "%(contact)s has no e-mail address: the login cannot be sent.",
                        contact=contact.name,
                    )
                )
            wizard = (
                self.env["portal.wizard"]
                .sudo()
                .with_context(
                    active_ids=contact.ids,
                    active_model="res.partner",
                )
                .create({})
            )
            wizard_user = wizard.user_ids.filtered(
                lambda line, contact=contact: line.partner_id == contact
            )
            if not wizard_user.is_portal and not wizard_user.is_internal:
                wizard_user.action_grant_access()
        return self.env["res.users"].sudo().search([("partner_id", "in", self.ids)])

    # ------------------------------------------------------------------ "My customers"
    b2b_entity_count = fields.Integer(
        string="Number of Legal Entities",
        compute="_compute_b2b_workplace",
    )
    b2b_open_request_count = fields.Integer(
        string="Open Requests",
        compute="_compute_b2b_workplace",
        help="Registration requests waiting and users waiting for confirmation.",
    )
    b2b_proposal_count = fields.Integer(
        string="Proposals",
        compute="_compute_b2b_workplace",
        help="Quotations not yet confirmed (draft or sent).",
    )
    b2b_debt = fields.Monetary(
        string="Debt",
        compute="_compute_b2b_workplace",
        currency_field="currency_id",
        help="What the holding's legal entities owe (receivable balance).",
    )

    @api.depends_context("uid")
    def _compute_b2b_workplace(self):
        for partner in self:
            entities = partner.b2b_entity_ids if partner.is_b2b_holding else partner.browse()
            Access = self.env["b2b.entity.access"].sudo()
            partner.b2b_entity_count = len(entities)
            partner.b2b_open_request_count = self.env["b2b.registration"].sudo().search_count(
                [("existing_entity_id", "in", entities.ids), ("state", "=", "new")]
            ) + Access.search_count([("entity_id", "in", entities.ids), ("confirmed", "=", False)])
            partner.b2b_proposal_count = (
                self.env["sale.order"]
                .sudo()
                .search_count(
                    [("partner_id", "child_of", entities.ids), ("state", "in", ("draft", "sent"))]
                )
                if entities
                else 0
            )
            partner.b2b_debt = sum(entities.sudo().mapped("credit"))

    def _b2b_my_customers_domain(self):
        """Holdings of the current manager, and of managers he stands in for while absent."""
        uid = self.env.uid
        return [
            ("is_b2b_holding", "=", True),
            "|",
            ("user_id", "=", uid),
            "&",
            ("user_id.b2b_absent", "=", True),
            ("user_id.b2b_substitute_id", "=", uid),
        ]

    @api.model
    def action_b2b_my_customers(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("b2b_portal.action_b2b_my_customers")
        action["domain"] = self._b2b_my_customers_domain()
        return action

    def action_b2b_act_for(self):
        """Open the portal as this contact's user (the route checks it is the manager's own)."""
        self.ensure_one()
        user = self.sudo().user_ids.filtered("share")[:1]
        if not user:
            raise UserError(self.env._("%(contact)s has no portal login.", contact=self.name))
        return {"type": "ir.actions.act_url", "url": f"/b2b/act_for/{user.id}", "target": "self"}
