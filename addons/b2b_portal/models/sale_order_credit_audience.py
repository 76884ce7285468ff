from odoo import models

from ..lib.portal_roles import BALANCE


class SaleOrder(models.Model):
    """Credit refusals say limit, debt and available amount only to those who may see them.

    A buyer, or a user whose access is not confirmed yet, has no balance right: the cart, the
    checkout and the proposal tell him only that the manager has to approve the order.
    """

    _inherit = "sale.order"

    def _b2b_sees_credit(self):
        """Whether the current user may read this order's credit figures."""
        self.ensure_one()
        user = self.env.user
        return not user._b2b_is_customer_user() or user._b2b_has_right(self._b2b_entity(), BALANCE)

    def _b2b_credit_audience(self):
        audience = super()._b2b_credit_audience()
        if audience == "customer" and not self._b2b_sees_credit():
            return "approval"
        return audience

    def _b2b_approval_text(self):
        return self.env._("This order needs your manager's approval before it is confirmed.")

    def _b2b_credit_refusal_text(self, refusal, audience, **values):
        if audience == "approval":
            return self._b2b_approval_text()
        return super()._b2b_credit_refusal_text(refusal, audience, **values)

    def _b2b_credit_message(self):
        # Odoo's own risk check (orders outside a contract) names the figures too.
        message = super()._b2b_credit_message()
        if message and self._b2b_credit_audience() == "approval":
            return self._b2b_approval_text()
        return message
