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
        cls.line = orders.order_line.filtered(
            lambda line: (
                line.product_id
                and not line.is_delivery
                and line.qty_delivered >= 2
                and line.invoice_lines.filtered(lambda inv: inv.move_id.state == "posted")
            )
        )[:1]
        assert cls.line, "the demo history has a delivered, invoiced order of the buyer"
        cls.order = cls.line.order_id
        cls.order.b2b_buyer_id = cls.buyer.partner_id

    def _invoice_line(self):
        return self.line.invoice_lines.filtered(lambda inv: inv.move_id.state == "posted")[:1]

    def _credited(self, quantity, percent):
        """What a credit note of ``percent`` % of ``quantity`` pieces of the invoiced line
        amounts to, taxes included."""
        line = self._invoice_line()
        return line.currency_id.round(line.price_total / line.quantity * quantity * percent / 100)
