from odoo.tests import HttpCase, tagged

from .common import ClaimDataMixin


@tagged("post_install", "-at_install")
class TestClaimTour(ClaimDataMixin, HttpCase):
    """In the browser: the buyer files a claim on two lines with a photo, the manager asks
    for more, the buyer answers with another photo, the manager credits by the tread left;
    the thread shows every step."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._claim_data()

    def test_claim_from_the_portal_to_the_credit_note(self):
        lines = self.order.order_line.filtered(
            lambda line: line.product_id and not line.is_delivery and line.qty_delivered > 0
        )
        self.assertEqual(lines[:2].ids, [self.line.id, self.line2.id], "the form's first lines")
        self.start_tour(
            f"/my/b2b/orders/{self.order.id}", "b2b_claims_file", login="shintorg.buyer"
        )
        claim = self.env["b2b.claim"].search([("order_id", "=", self.order.id)])
        self.assertEqual(len(claim), 1)
        self.assertEqual(
            {(line.sale_line_id, line.quantity, line.dot_code) for line in claim.line_ids},
            {(self.line, 1, "1915"), (self.line2, 2, "0222")},
        )
        self.assertEqual(claim.attachment_ids.mapped("name"), ["gryzha.png"])
        self.assertEqual(claim.filed_by_id, self.buyer.partner_id)

        claim.with_user(self.manager).with_context(lang="ru_RU").action_request_info()
        self.start_tour(f"/my/b2b/claims/{claim.id}", "b2b_claims_reply", login="shintorg.buyer")
        self.assertEqual(claim.state, "review", "the answer sends the claim back to review")
        answer = claim.message_ids.filtered(lambda m: "Фото протектора" in (m.body or ""))
        self.assertEqual(answer.author_id, self.buyer.partner_id)
        self.assertEqual(answer.attachment_ids.mapped("name"), ["protektor.png"])

        claim.with_user(self.manager).write({"verdict": "warranty", "cause": "production"})
        claim.with_user(self.manager).action_expertise()
        claim.with_user(self.manager).action_credit_proportional()
        # 4,8 mm left of 8: 50 %; the second line, no depth given: nothing to compensate.
        self.assertAlmostEqual(claim.refund_id.amount_total, self._credited(1, 50), delta=0.02)
        self.authenticate("shintorg.buyer", "shintorg.buyer")
        thread = self.url_open(f"/my/b2b/claims/{claim.id}").text
        self.assertIn(claim.refund_id.name, thread)
