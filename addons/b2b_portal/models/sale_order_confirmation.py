from odoo import models
from odoo.exceptions import UserError

INVOICE_ON_CONFIRM_PARAM = "b2b_portal.invoice_on_confirm"
INVOICE_ON_CONFIRM_MODES = ("posted", "draft")
# Portal states of an order that waits for someone: confirmed, it is processed.
UNCONFIRMED_STATES = ("cart", "approval", "queue", "rfq", "proposal")


class SaleOrder(models.Model):
    """A B2B order confirmed — by the processing rules, by the customer accepting a proposal
    or by a manager, for a portal or a back-office order — is invoiced at once (a posted or a
    draft invoice, per setting; a moment later by a cron after a portal checkout), leaves
    the manager's queue, keeps the holding's personal manager as its salesperson, and the
    customer is told."""

    _inherit = "sale.order"

    def _compute_user_id(self):
        b2b_orders = self.filtered(lambda order: order.partner_id and order._b2b_is_b2b())
        result = super(SaleOrder, self - b2b_orders)._compute_user_id()
        forced = self.env.context.get("force_user_recomputation")
        for order in b2b_orders:
            if order.website_id and order.state == "draft" and not forced:
                continue  # as website_sale: no salesperson (nor its notification) for carts
            if not (order._origin.id and order.user_id):
                # The holding's personal manager, not the website's salesperson or the
                # sales team's leader website_sale would assign on confirmation.
                order.user_id = order.partner_id.sudo()._b2b_personal_manager()
        return result

    def action_confirm(self):
        result = super().action_confirm()
        for order in self.filtered(lambda o: o.state == "sale" and o._b2b_is_b2b()):
            order._b2b_after_confirmation()
        return result

    def _b2b_invoice_on_confirm(self):
        """The invoice a confirmation issues, "posted" or "draft" (setting; the demo
        history's replays ask for drafts to date them back)."""
        mode = self.env.context.get("b2b_invoice_on_confirm") or (
            self.env["ir.config_parameter"].sudo().get_param(INVOICE_ON_CONFIRM_PARAM)
        )
        return mode if mode in INVOICE_ON_CONFIRM_MODES else "posted"

    def _b2b_after_confirmation(self):
        """Invoice the confirmed order and tell the customer (one transaction with the
        confirmation: a UserError rolls all of it back). A portal checkout
        (``b2b_invoice_later`` in the context) leaves the invoice to a cron instead, see
        sale_order_invoicing_job.py. Returns the invoices issued now."""
        self.ensure_one()
        if self.b2b_state in UNCONFIRMED_STATES:
            self.b2b_state = "processed"
        invoices = self.env["account.move"]
        if self.env.context.get("b2b_invoice_later"):
            if self.sudo()._get_invoiceable_lines():
                self.sudo()._b2b_queue_invoice()
        else:
            invoices = self._b2b_issue_invoice()
        self._b2b_queue_confirmation()
        return invoices

    def _b2b_issue_invoice(self):
        """Create the order's invoice, posted or draft per setting; a posted one is e-mailed
        by Odoo's "Send" cron. Returns the invoices."""
        self.ensure_one()
        # Whoever may confirm the order issues its invoice: a salesperson without
        # accounting rights too.
        order_sudo = self.sudo()
        invoices_sudo = self.env["account.move"].sudo()
        if order_sudo._get_invoiceable_lines():
            invoices_sudo = order_sudo._create_invoices()
        if self._b2b_invoice_on_confirm() == "posted" and invoices_sudo:
            # The order passed the credit check when it was confirmed; account_financial_risk
            # would otherwise hold the invoice back for the customer's other debts.
            invoices_sudo.with_context(bypass_risk=True).action_post()
            if invoices_sudo.filtered(lambda invoice: invoice.state != "posted"):
                raise UserError(
                    self.env._("The invoice of %(order)s could not be issued.", order=self.name)
                )
        posted_sudo = invoices_sudo.filtered(lambda invoice: invoice.state == "posted")
        if posted_sudo:
            # Odoo's "Send" in the background: its cron makes the PDF and e-mails it to the
            # legal entity, from the personal manager; the checkout does not wait for it.
            author = self.user_id or self.env.user
            posted_sudo.sending_data = {
                "author_user_id": author.id,
                "author_partner_id": author.partner_id.id,
            }
            self.env.ref("account.ir_cron_account_move_send").sudo()._trigger()
        return invoices_sudo.with_env(self.env)
