from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount

from ..lib.order_rules import OrderFacts, decide

NOTIFICATION_TEMPLATES = {
    "received": "b2b_portal.mail_template_order_received",
    "confirmed": "b2b_portal.mail_template_order_confirmed",
    "shipped": "b2b_portal.mail_template_order_shipped",
    "cancelled": "b2b_portal.mail_template_order_cancelled",
    "proposal": "b2b_portal.mail_template_proposal",
    "approval": "b2b_portal.mail_template_order_approval",
}


class SaleOrder(models.Model):
    """What happens to a checked-out portal order: approval inside the holding, the
    automatic processing rules or the manager's queue, requests for quote and proposals."""

    _inherit = "sale.order"

    b2b_approver_id = fields.Many2one(
        "res.partner", string="Approved by", copy=False, readonly=True
    )
    b2b_decline_reason = fields.Text(string="Decline Reason", copy=False, readonly=True)

    # ------------------------------------------------------------------ approval
    def _b2b_buyer_access(self):
        self.ensure_one()
        buyer = self.b2b_buyer_id
        if not buyer:
            return self.env["b2b.entity.access"]
        return (
            self.env["b2b.entity.access"]
            .sudo()
            .search([("contact_id", "=", buyer.id), ("entity_id", "=", self._b2b_entity().id)])
        )

    def _b2b_approval_reason(self):
        self.ensure_one()
        access = self._b2b_buyer_access()
        return access._b2b_approval_reason(self) if access else ""

    def _b2b_heads(self):
        self.ensure_one()
        return (
            self.env["b2b.entity.access"]
            .sudo()
            .search([("entity_id", "=", self._b2b_entity().id), ("role", "=", "head")])
            .contact_id
        )

    def _b2b_request_approval(self, reason):
        self.write({"state": "sent", "b2b_state": "approval", "b2b_queue_reason": reason})
        self._b2b_notify("approval", self._b2b_heads() | self.b2b_buyer_id)

    def _b2b_check_head(self):
        self.ensure_one()
        user = self.env.user
        if user.share:
            user._b2b_check_access(self._b2b_entity(), roles=["head"])
        elif not user.has_group("sales_team.group_sale_salesman"):
            raise AccessError(self.env._("Only the head of the legal entity may decide."))

    def _b2b_check_salesman(self):
        """The manager's buttons: refused to anyone else, whatever the path (RPC included)."""
        if not self.env.su and not self.env.user.has_group("sales_team.group_sale_salesman"):
            raise AccessError(self.env._("Only the seller's sales staff may do this."))

    def action_b2b_approve(self):
        """The head approves a buyer's order: it goes on as if just checked out."""
        for order in self:
            order._b2b_check_head()
            if order.b2b_state != "approval":
                raise UserError(self.env._("This order does not wait for approval."))
            order.sudo()._b2b_lock_stock()
            shortages = order.sudo()._b2b_stock_shortages()
            order.sudo().write(
                {"b2b_approver_id": self.env.user.partner_id.id, "b2b_state": "cart"}
            )
            order.sudo().message_post(
                body=self.env._("Approved by %(head)s.", head=self.env.user.partner_id.name),
                partner_ids=order.b2b_buyer_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            order.sudo()._b2b_process(stock_ok=not shortages)
        return True

    def action_b2b_reject(self, reason=None):
        for order in self:
            order._b2b_check_head()
            if order.b2b_state != "approval":
                raise UserError(self.env._("This order does not wait for approval."))
            order_sudo = order.sudo()
            order_sudo.write({"b2b_state": "rejected", "b2b_decline_reason": reason or False})
            order_sudo._action_cancel()
            order_sudo.message_post(
                body=self.env._(
                    "Rejected by %(head)s: %(reason)s",
                    head=self.env.user.partner_id.name,
                    reason=reason or "-",
                ),
                partner_ids=(order_sudo.b2b_buyer_id | order_sudo._b2b_heads()).ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    # ------------------------------------------------------------------ automatic processing
    def _b2b_order_facts(self, stock_ok):
        self.ensure_one()
        entity = self._b2b_entity()
        return OrderFacts(
            amount=self.amount_total,
            lines=len(
                self.order_line.filtered(lambda line: line.product_id and not line.is_delivery)
            ),
            customer_groups=frozenset((entity.category_id | self.partner_id.category_id).ids),
            credit_ok=not self._b2b_credit_message(),
            stock_ok=stock_ok,
            money=lambda amount: format_amount(self.env, amount, self.currency_id),
        )

    def _b2b_process(self, stock_ok=True):
        """Confirm, reserve and invoice when a rule allows it, else queue with the reason."""
        self.ensure_one()
        rules = self.env["b2b.order.rule"].sudo()._for_company(self.company_id)
        rule, failed = decide(rules._lib_rules(), self._b2b_order_facts(stock_ok))
        if rule:
            try:
                with self.env.cr.savepoint():
                    # A refusal becomes the queue reason: the manager reads it. The personal
                    # manager becomes the salesperson of every order processed this way: no
                    # "you have been assigned" e-mail for each (it cost a tenth of a checkout).
                    self.with_context(
                        b2b_credit_audience="manager", mail_auto_subscribe_no_notify=True
                    )._b2b_confirm_and_invoice()
                    self.write({"b2b_state": "processed", "b2b_queue_reason": False})
                    return
            except UserError as exc:
                reasons = [exc.args[0]]
        else:
            reasons = [failure.render(self.env._) for failure in failed]
        self._b2b_queue(reasons)

    def _b2b_queue(self, reasons):
        self.ensure_one()
        self.write(
            {
                "state": "sent",
                "b2b_state": "queue",
                "b2b_queue_reason": "\n".join(f"- {reason}" for reason in reasons),
            }
        )
        self._b2b_notify("received", self._b2b_customer_recipients())

    def _b2b_confirm_and_invoice(self):
        """Confirm (which invoices, see sale_order_confirmation.py) and reserve every line
        (one transaction; UserError rolls all of it back)."""
        self.ensure_one()
        _ = self.env._
        self.action_confirm()
        if self.state != "sale":
            # sale_financial_risk returns its "risk exceeded" wizard instead of raising.
            raise UserError(
                self._b2b_credit_message() or _("The credit terms do not allow this order.")
            )
        pickings = self.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        pickings.action_assign()
        missing = pickings.move_ids.filtered(
            lambda move: move.product_id.is_storable and move.state != "assigned"
        )
        if missing:
            raise UserError(
                _(
                    "The stock is gone for %(products)s.",
                    products=", ".join(missing.product_id.mapped("display_name")),
                )
            )
        return self.invoice_ids

    def action_b2b_process(self):
        """Manager: run the automatic processing rules again on queued orders."""
        self._b2b_check_salesman()
        for order in self:
            # Two managers pressing the button at once: the second one reads the order
            # again after the first one committed and is told so.
            if order.b2b_state != "queue":
                raise UserError(
                    self.env._(
                        "Order %(order)s is no longer in the queue: someone has already "
                        "processed it. Reload the order to see its state.",
                        order=order.name,
                    )
                )
            order.write({"state": "draft", "b2b_state": "cart"})
            order._b2b_lock_stock()
            order._b2b_process(stock_ok=not order._b2b_stock_shortages())
        return True

    # ------------------------------------------------------------------ request for quote
    def _b2b_request_quote(self, comment):
        """The buyer asks the manager to price the cart: it becomes a quotation to price."""
        self.ensure_one()
        if self.state != "draft" or not self.order_line:
            raise UserError(self.env._("Only a cart with lines can be sent as a request."))
        self.write(
            {
                "state": "sent",
                "b2b_state": "rfq",
                "b2b_customer_comment": comment or False,
                "b2b_queue_reason": self.env._("Request for quote from the customer."),
            }
        )
        manager = self._b2b_entity().user_id
        self.message_post(
            body=self.env._("Request for quote: %(comment)s", comment=comment or "-"),
            partner_ids=manager.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    # ------------------------------------------------------------------ proposals
    def action_b2b_send_proposal(self):
        """Manager: send the quotation as a proposal (e-mail + portal) to the customer."""
        self._b2b_check_salesman()
        for order in self:
            if order.state not in ("draft", "sent"):
                raise UserError(self.env._("Only a quotation can be sent as a proposal."))
            order.write({"state": "sent", "b2b_state": "proposal", "b2b_queue_reason": False})
            order._portal_ensure_token()
            order._b2b_notify("proposal", order._b2b_customer_recipients())
        return True

    def _b2b_accept_proposal(self):
        """The customer accepts in one click: confirm (credit rules apply), reserve, invoice."""
        self.ensure_one()
        if not self._b2b_is_open_proposal():
            raise UserError(self.env._("This proposal can no longer be accepted."))
        self._b2b_lock_stock()
        self._b2b_confirm_and_invoice()
        self.write({"b2b_state": "processed"})

    def _b2b_decline_proposal(self, reason):
        self.ensure_one()
        if not self._b2b_is_open_proposal():
            raise UserError(self.env._("This proposal can no longer be declined."))
        if not (reason or "").strip():
            raise UserError(self.env._("Please say why you decline the proposal."))
        self.write({"b2b_state": "declined", "b2b_decline_reason": reason.strip()})
        self._action_cancel()
        self.message_post(
            body=self.env._("Proposal declined: %(reason)s", reason=reason.strip()),
            partner_ids=self._b2b_entity().user_id.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    # ------------------------------------------------------------------ cancel / repeat
    def _b2b_can_cancel(self):
        self.ensure_one()
        if self.state == "cancel":
            return False
        return not self.picking_ids.filtered(lambda p: p.state == "done")

    def _b2b_cancel_by_customer(self):
        self.ensure_one()
        if not self._b2b_can_cancel():
            raise UserError(self.env._("This order has already shipped and cannot be cancelled."))
        invoices = self.invoice_ids.filtered(lambda inv: inv.state == "posted")
        if invoices.filtered(lambda inv: inv.payment_state not in ("not_paid", "reversed")):
            raise UserError(self.env._("This order is paid: ask your manager to cancel it."))
        # An unpaid invoice of an order that never shipped is withdrawn, not credited.
        invoices.button_draft()
        self.invoice_ids.filtered(lambda inv: inv.state == "draft").button_cancel()
        self._action_cancel()

    def _action_cancel(self):
        result = super()._action_cancel()
        for order in self.filtered(lambda o: o.b2b_state):
            order._b2b_notify("cancelled", order._b2b_customer_recipients())
        return result

    def _b2b_repeat_items(self):
        """[(product, warehouse, quantity)] of this order's lines, for "repeat into the cart"."""
        self.ensure_one()
        return [
            (line.product_id, line.warehouse_id, line.product_uom_qty)
            for line in self.order_line
            if line.product_id and not line.display_type and not line.is_delivery
        ]

    # ------------------------------------------------------------------ notifications
    def _b2b_customer_recipients(self):
        self.ensure_one()
        return self.b2b_buyer_id or self.partner_id

    def _b2b_notify(self, kind, partners):
        """E-mail and portal message to ``partners`` about this order (see data/)."""
        template = self.env.ref(NOTIFICATION_TEMPLATES[kind], raise_if_not_found=False)
        if not template or not partners:
            return
        for order in self:
            order.sudo().message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=partners.ids,
            )
