import html

from odoo.tests import HttpCase, tagged

from .common import ClaimDataMixin


@tagged("post_install", "-at_install")
class TestClaimTour(ClaimDataMixin, HttpCase):
    """In the browser: the buyer files a claim on two lines with a photo, the manager asks
    for more, the buyer answers with another photo; the manager records the expertise and
    replaces the tyres (returned tyres received, replacements delivered); the portal thread
    shows every step."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._claim_data()

    def test_claim_from_the_portal_to_the_replacement(self):
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

        # The manager records the expertise and replaces the tyre: the returned one is
        # received at the warehouse, the replacement delivered, with the RMA's own buttons.
        manager_claim = claim.with_user(self.manager).with_context(lang="ru_RU")
        manager_claim.action_expertise()
        manager_claim.write(
            {
                "verdict": "warranty",
                "cause": "production",
                "expertise_note": "Расслоение каркаса: производственный дефект",
            }
        )
        manager_claim.action_create_rma()
        rmas = manager_claim.rma_ids
        rmas.write({"operation_id": self.env.ref("rma.rma_operation_replace").id})
        rmas.action_confirm()
        self._validate(rmas.reception_move_id.picking_id)
        self.assertEqual(set(rmas.mapped("state")), {"received"})
        for rma in rmas:
            # The same tyre as the replacement (an equivalent one could be chosen).
            action = rma.action_replace()
            wizard = self.env[action["res_model"]].with_user(self.manager)
            wizard.with_context(**action["context"]).create(
                {"product_id": rma.product_id.id, "product_uom": rma.product_uom.id}
            ).action_deliver()
        replacements = rmas.delivery_move_ids.picking_id
        self.assertTrue(replacements)
        self._validate(replacements)
        self.assertEqual(set(rmas.mapped("state")), {"replaced"})

        self.start_tour(f"/my/b2b/claims/{claim.id}", "b2b_claims_story", login="shintorg.buyer")
        self.authenticate("shintorg.buyer", "shintorg.buyer")
        thread = html.unescape(self.url_open(f"/my/b2b/claims/{claim.id}").text)
        for line in claim.line_ids:
            moves = line.rma_id.delivery_move_ids
            self.assertIn(
                self._said(
                    "The replacement is delivered: %(products)s, %(qty)s pcs (%(pickings)s).",
                    products=moves.product_id.display_name,
                    qty=f"{line.quantity:g}",
                    pickings=moves.picking_id.name,
                ),
                thread,
            )
        self.assertIn("Расслоение каркаса", thread)

    def _validate(self, pickings):
        """The warehouse (the manager has the stock rights) validates ``pickings`` in full."""
        for move in pickings.with_user(self.manager).move_ids:
            move.write({"quantity": move.product_uom_qty, "picked": True})
        pickings.with_user(self.manager).button_validate()
        self.assertEqual(set(pickings.mapped("state")), {"done"})
