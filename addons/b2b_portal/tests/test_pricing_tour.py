from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPricingTour(HttpCase):
    """The head of ШинТорг sees the credit gauge, the volume progress bar and the contract."""

    def test_credit_gauge_and_progress_bar(self):
        head = self.env.ref("b2b_portal.demo_user_shintorg_head")
        contract = self.env.ref("b2b_portal.contract_shintorg_main")
        self.assertEqual(head.partner_id.commercial_partner_id, contract.partner_id)
        entity = head.partner_id.commercial_partner_id.sudo().with_company(contract.company_id)
        self.assertGreater(entity.credit_limit, 0)
        self.start_tour("/my", "b2b_pricing_credit", login=head.login)
