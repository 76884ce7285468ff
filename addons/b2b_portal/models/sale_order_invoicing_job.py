import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

INVOICING_CRON = "b2b_portal.ir_cron_issue_invoices"

_logger = logging.getLogger(__name__)


class SaleOrder(models.Model):
    """The invoice of an order checked out in the portal, issued a moment after the checkout.

    Creating and posting an invoice (Odoo's tax and payment term lines, the journal's
    sequence, the customer's rank) is about half of a checkout's time, and the buyer needs
    none of it to pay: the invoice for payment is printed from the order. So a portal
    checkout queues the invoice (``b2b_invoice_queued_at``) and triggers a cron that issues
    it, as Odoo's payment post-processing invoices paid web orders. Nothing is lost meanwhile:
    a confirmed order not invoiced yet counts in the credit used like its invoice will.
    """

    _inherit = "sale.order"

    b2b_invoice_queued_at = fields.Datetime(
        string="Invoice Queued",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Set while the invoice of an order confirmed in the portal waits for the cron "
        "that issues it, a moment after the checkout.",
    )

    def _b2b_queue_invoice(self):
        self._b2b_enqueue("b2b_invoice_queued_at", INVOICING_CRON)

    @api.model
    def _cron_b2b_issue_invoices(self):
        self._b2b_work_queue("b2b_invoice_queued_at", "_b2b_issue_queued_invoice")

    def _b2b_issue_queued_invoice(self):
        """Issue the queued invoice of a confirmed order. One that cannot be issued (an
        accounting setting missing, a lock date) leaves the order confirmed and the
        salesperson an activity saying why; the other orders of the batch go on."""
        self.ensure_one()
        self.b2b_invoice_queued_at = False
        if self.state != "sale":
            return  # cancelled meanwhile: nothing to invoice
        try:
            with self.env.cr.savepoint():
                self._b2b_issue_invoice()
        except UserError as exc:
            _logger.warning("Invoice of %s not issued: %s", self.name, exc.args[0])
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=self.user_id.id or self.env.uid,
                summary=self.env._("Issue the invoice"),
                note=self.env._(
                    "The invoice of this order could not be issued: %(reason)s",
                    reason=exc.args[0],
                ),
            )
