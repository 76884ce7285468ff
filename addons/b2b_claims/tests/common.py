from odoo.fields import Command
from odoo.tools.translate import get_translation


class ClaimDataMixin:
    """A delivered and invoiced line of a demo order of ШинТорг, made the buyer's (a buyer
    sees the orders he placed; the demo history has none of his)."""

    @classmethod
    def _claim_data(cls):
        ref = cls.env.ref
        cls.entity = ref("b2b_portal.entity_shintorg_main")
        cls.buyer = ref("b2b_portal.demo_user_shintorg_buyer")
        cls.accountant = ref("b2b_portal.demo_user_shintorg_accountant")
        cls.kolesa_buyer = ref("b2b_portal.demo_user_kolesa_buyer")
        cls.manager = ref("b2b_portal.demo_user_manager")
        orders = cls.env["sale.order"].search(
            [("state", "=", "sale"), ("partner_id", "=", cls.entity.id)], order="id"
        )
        # Lines no demo claim takes tyres of: the tests count what is left to claim.
        claimed = cls.env["b2b.claim.line"].search([]).sale_line_id
        claimable = orders.order_line.filtered(
            lambda line: (
                line.product_id
                and not line.is_delivery
                and line.qty_delivered >= 2
                and line not in claimed
                and line.invoice_lines.filtered(lambda inv: inv.move_id.state == "posted")
            )
        )
        # An order with two such lines: a claim may cover several lines of one order.
        cls.order = next(
            (order for order in claimable.order_id if len(claimable & order.order_line) >= 2),
            claimable.order_id[:1],
        )
        cls.line, cls.line2 = (claimable & cls.order.order_line)[:2]
        assert cls.line2, "the demo history has a delivered, invoiced order of two lines"
        cls.order.b2b_buyer_id = cls.buyer.partner_id

    @staticmethod
    def _said(source, module="b2b_claims", **values):
        """``source`` as the portal says it: in Russian (the English text while ru.po lacks
        it, which the translation test reports)."""
        return get_translation(module, "ru_RU", source, values)

    def _claim(self, lines=None, **vals):
        """A claim of the entity on ``lines``: [(sale line, quantity, {line values})]."""
        lines = lines if lines is not None else [(self.line, 1, {})]
        return self.env["b2b.claim"].create(
            {
                "entity_id": self.entity.id,
                "order_id": self.order.id,
                "reason": "defect",
                "complaint": "Грыжа на боковине",
                "line_ids": [
                    Command.create({"sale_line_id": line.id, "quantity": qty, **extra})
                    for line, qty, extra in lines
                ],
                **vals,
            }
        )

    def _invoice_line(self, line=None):
        line = line or self.line
        return line.invoice_lines.filtered(lambda inv: inv.move_id.state == "posted")[:1]

    def _credited(self, quantity, percent, line=None):
        """What a credit note of ``percent`` % of ``quantity`` pieces of the invoiced line
        amounts to, taxes included."""
        invoice_line = self._invoice_line(line)
        return invoice_line.currency_id.round(
            invoice_line.price_total / invoice_line.quantity * quantity * percent / 100
        )
