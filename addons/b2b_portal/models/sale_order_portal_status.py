from odoo import api, fields, models
from odoo.fields import Domain

PORTAL_STATUSES = [
    ("approval", "Waiting for Approval"),
    ("queue", "In Manager Queue"),
    ("rfq", "Request for Quote"),
    ("proposal", "Proposal"),
    ("confirmed", "Confirmed"),
    ("partially_delivered", "Partially Delivered"),
    ("delivered", "Delivered"),
    ("cancelled", "Cancelled"),
    ("rejected", "Rejected by the Head"),
    ("declined", "Declined by the Customer"),
]
# Waiting states the portal shows as they are (b2b_state of a quotation).
WAITING_STATUSES = ("approval", "queue", "rfq", "proposal")
# b2b_state of a cancelled order that says who cancelled it.
CANCEL_STATUSES = ("rejected", "declined")
# b2b_state of a sent quotation the customer may accept or decline: the manager's proposal,
# also one he sent with Odoo's "Send" (no portal state, e.g. a back-office quotation).
PROPOSAL_STATES = ("proposal", False)


class SaleOrder(models.Model):
    """What the customer sees of an order: one status from the order, its portal state and
    its deliveries, so that a manager's confirmation or a shipment shows at once."""

    _inherit = "sale.order"

    b2b_portal_status = fields.Selection(
        PORTAL_STATUSES,
        string="Status for the Customer",
        compute="_compute_b2b_portal_status",
        search="_search_b2b_portal_status",
    )

    @api.depends("state", "b2b_state", "delivery_status")
    def _compute_b2b_portal_status(self):
        for order in self:
            if order.state == "cancel":
                status = order.b2b_state if order.b2b_state in CANCEL_STATUSES else "cancelled"
            elif order.state == "sale":
                status = {
                    "full": "delivered",
                    "partial": "partially_delivered",
                    "started": "partially_delivered",
                }.get(order.delivery_status, "confirmed")
            elif order._b2b_is_open_proposal():
                status = "proposal"
            else:
                status = order.b2b_state if order.b2b_state in WAITING_STATUSES else False
            order.b2b_portal_status = status

    @api.model
    def _b2b_portal_status_domain(self, status):
        if status == "proposal":
            return Domain("state", "=", "sent") & Domain("b2b_state", "in", PROPOSAL_STATES)
        if status in WAITING_STATUSES:
            return Domain("state", "in", ("draft", "sent")) & Domain("b2b_state", "=", status)
        if status in CANCEL_STATUSES:
            return Domain("state", "=", "cancel") & Domain("b2b_state", "=", status)
        return {
            "confirmed": Domain("state", "=", "sale")
            & Domain("delivery_status", "in", (False, "pending")),
            "partially_delivered": Domain("state", "=", "sale")
            & Domain("delivery_status", "in", ("started", "partial")),
            "delivered": Domain("state", "=", "sale") & Domain("delivery_status", "=", "full"),
            "cancelled": Domain("state", "=", "cancel")
            & Domain("b2b_state", "not in", CANCEL_STATUSES),
        }.get(status, Domain.FALSE)

    def _search_b2b_portal_status(self, operator, value):
        if operator != "in":
            return NotImplemented
        return Domain.OR(self._b2b_portal_status_domain(status) for status in value)

    def _b2b_is_open_proposal(self):
        """Whether the customer may accept or decline this order as a proposal."""
        self.ensure_one()
        return self.state == "sent" and self.b2b_state in PROPOSAL_STATES

    def _b2b_portal_status_note(self):
        """The sentence the customer reads under the status of an order waiting for someone
        (the rules' reasons are the manager's, never shown to the customer)."""
        self.ensure_one()
        _ = self.env._
        status = self.b2b_portal_status
        if status == "approval":
            # The holding's own approval limits, set by its head.
            return self.b2b_queue_reason or _("The order waits for the approval of your head.")
        return {
            "queue": _("Your order is received; your manager confirms it shortly."),
            "rfq": _("Your manager prepares a proposal for this request."),
        }.get(status, "")
