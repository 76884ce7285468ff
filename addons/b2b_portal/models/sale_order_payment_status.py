from odoo import api, fields, models
from odoo.fields import Domain

PAYMENT_STATUSES = [
    ("not_invoiced", "Not Invoiced"),
    ("to_pay", "Awaiting Payment"),
    ("partial", "Partially Paid"),
    ("overdue", "Overdue"),
    ("paid", "Paid"),
]
SETTLED = ("paid", "in_payment", "reversed")


class SaleOrder(models.Model):
    """How far the customer has paid an order, from its posted invoices as the reader may
    see them (record rules: a role without documents sees none)."""

    _inherit = "sale.order"

    b2b_payment_status = fields.Selection(
        PAYMENT_STATUSES,
        string="Payment Status",
        compute="_compute_b2b_payment_status",
        search="_search_b2b_payment_status",
    )

    @api.depends("invoice_ids.state", "invoice_ids.payment_state", "invoice_ids.invoice_date_due")
    def _compute_b2b_payment_status(self):
        today = fields.Date.context_today(self)
        for order in self:
            invoices = order.invoice_ids.filtered(
                lambda move: move.state == "posted" and move.move_type == "out_invoice"
            )
            unpaid = invoices.filtered(lambda move: move.payment_state not in SETTLED)
            if not invoices:
                status = "not_invoiced"
            elif not unpaid:
                status = "paid"
            elif any(move.invoice_date_due and move.invoice_date_due < today for move in unpaid):
                status = "overdue"
            elif "partial" in unpaid.mapped("payment_state"):
                status = "partial"
            else:
                status = "to_pay"
            order.b2b_payment_status = status

    @api.model
    def _b2b_payment_status_domain(self, status):
        def invoiced(*conditions):
            return Domain(
                "order_line.invoice_lines.move_id",
                "any",
                Domain.AND(
                    [
                        Domain("state", "=", "posted"),
                        Domain("move_type", "=", "out_invoice"),
                        *conditions,
                    ]
                ),
            )

        unpaid = Domain("payment_state", "not in", SETTLED)
        overdue = invoiced(unpaid, Domain("invoice_date_due", "<", fields.Date.context_today(self)))
        partial = invoiced(Domain("payment_state", "=", "partial"))
        return {
            "not_invoiced": ~invoiced(),
            "paid": invoiced() & ~invoiced(unpaid),
            "overdue": overdue,
            "partial": partial & ~overdue,
            "to_pay": invoiced(unpaid) & ~overdue & ~partial,
        }.get(status, Domain.FALSE)

    def _search_b2b_payment_status(self, operator, value):
        if operator != "in":
            return NotImplemented
        return Domain.OR(self._b2b_payment_status_domain(status) for status in value)
