from odoo import api, fields, models
from odoo.exceptions import UserError


class B2bRegistration(models.Model):
    """User confirmations in the managers' request queue.

    A contact given an unconfirmed access (by the holding's head in the portal, from a
    registration or in the back office) can order at once, but balance, documents and credit
    open only once the head or the manager confirms it. Each unconfirmed access puts one
    request "user X of holding Y asks to be confirmed for entity Z" in the same queue as the
    registrations: the sales team's shared queue, an activity for the holding's manager or his
    substitute while he is absent. Confirming the access, by the manager here or by the head in
    the portal, closes the request; every decision is logged on the holding.
    """

    _inherit = "b2b.registration"

    kind = fields.Selection(
        selection_add=[("confirmation", "User Confirmation")],
        ondelete={"confirmation": "cascade"},
    )
    state = fields.Selection(
        selection_add=[("confirmed", "User Confirmed"), ("rejected",)],
        ondelete={"confirmed": "set default"},
    )
    access_id = fields.Many2one(
        "b2b.entity.access",
        string="Access to Confirm",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    access_role = fields.Selection(related="access_id.role", string="Role")

    # ------------------------------------------------------------------ opening, closing
    @api.model
    def _b2b_request_confirmation(self, accesses):
        """Queue one confirmation request per unconfirmed access that has none open."""
        accesses = accesses.sudo().filtered(lambda access: not access.confirmed)
        if not accesses:
            return self.browse()
        open_requests = self._b2b_open_requests(accesses)
        vals_list = [
            {
                "kind": "confirmation",
                "name": access.entity_id.name,
                "existing_entity_id": access.entity_id.id,
                "partner_id": access.entity_id.id,
                "contact_id": access.contact_id.id,
                "contact_name": access.contact_id.name,
                "email": access.contact_id.email or access.user_id.login or False,
                "phone": access.contact_id.phone or False,
                "access_id": access.id,
            }
            for access in accesses - open_requests.access_id
        ]
        return self.sudo().create(vals_list) if vals_list else self.browse()

    @api.model
    def _b2b_backfill_confirmations(self):
        """Queue the unconfirmed accesses that never asked (data of older versions)."""
        asked = (
            self.sudo()
            .with_context(active_test=False)
            .search([("kind", "=", "confirmation"), ("access_id", "!=", False)])
        )
        accesses = (
            self.env["b2b.entity.access"]
            .sudo()
            .search([("confirmed", "=", False), ("id", "not in", asked.access_id.ids)])
        )
        return self._b2b_request_confirmation(accesses)

    def _b2b_activity_summary(self):
        self.ensure_one()
        if self.kind != "confirmation":
            return super()._b2b_activity_summary()
        return self.env._(
            "Confirm portal user %(user)s for %(entity)s",
            user=self.contact_id.name,
            entity=self.existing_entity_id.name,
        )

    def _b2b_close_confirmation(self, state, decision):
        """Close these open confirmation requests; log ``decision`` on them and the holding."""
        requests = self.sudo().filtered(
            lambda item: item.kind == "confirmation" and item.state == "new"
        )
        if not requests:
            return
        requests.write({"state": state})
        requests.activity_ids.action_done()
        author = self.env.user.partner_id
        for item in requests:
            body = item._b2b_decision_message(decision)
            item.message_post(body=body, author_id=author.id)
            if item.holding_id:
                item.holding_id.message_post(
                    body=body, author_id=author.id, subtype_xmlid="mail.mt_note"
                )

    def _b2b_decision_message(self, decision):
        """What the chatter says about ``decision`` taken by the current user."""
        self.ensure_one()
        _ = self.env._
        values = {
            "actor": self.env.user.name,
            "user": self.contact_id.name,
            "entity": self.existing_entity_id.name,
        }
        if decision == "confirmed" and self.env.user.share:
            return _(
                "%(actor)s (head of the holding) confirmed %(user)s for %(entity)s in the portal.",
                **values,
            )
        if decision == "confirmed":
            return _(
                "Manager %(actor)s confirmed %(user)s for %(entity)s: balance, documents and "
                "credit are open to the user.",
                **values,
            )
        if decision == "refused":
            return _(
                "Manager %(actor)s refused to confirm %(user)s for %(entity)s: the user keeps "
                "ordering only, without balance, documents and credit.",
                **values,
            )
        return _(
            "%(actor)s removed the access of %(user)s to %(entity)s: nothing left to confirm.",
            **values,
        )

    @api.model
    def _b2b_access_confirmed(self, accesses):
        """The accesses were confirmed (here, in the portal or on the contact): close requests."""
        self._b2b_open_requests(accesses)._b2b_close_confirmation("confirmed", "confirmed")

    @api.model
    def _b2b_access_removed(self, accesses):
        """The accesses are being deleted: their open requests have nothing left to confirm."""
        self._b2b_open_requests(accesses)._b2b_close_confirmation("rejected", "removed")

    @api.model
    def _b2b_open_requests(self, accesses):
        return self.sudo().search([("access_id", "in", accesses.ids), ("state", "=", "new")])

    # ------------------------------------------------------------------ manager's actions
    def _b2b_check_open_confirmation(self):
        for item in self:
            if item.kind != "confirmation":
                raise UserError(self.env._("This request is not a user confirmation."))
            if item.state != "new":
                raise UserError(self.env._("This request has already been processed."))
            if not item.access_id:
                raise UserError(
                    self.env._("The access of %(user)s was removed.", user=item.contact_name)
                )

    def action_confirm_user(self):
        """One click: confirm the user's access; the access closes this request and logs it."""
        self._b2b_check_open_confirmation()
        self.access_id.write({"confirmed": True})
        return True

    def action_refuse_user(self):
        """One click: leave the user unconfirmed (ordering only) and close the request."""
        self._b2b_check_open_confirmation()
        self._b2b_close_confirmation("rejected", "refused")
        return True

    def action_create_customer(self):
        if any(item.kind == "confirmation" for item in self):
            raise UserError(
                self.env._("A user confirmation creates no customer: confirm or refuse the user.")
            )
        return super().action_create_customer()

    def action_reject(self):
        confirmations = self.filtered(lambda item: item.kind == "confirmation")
        if confirmations:
            confirmations.action_refuse_user()
        return super(B2bRegistration, self - confirmations).action_reject()
