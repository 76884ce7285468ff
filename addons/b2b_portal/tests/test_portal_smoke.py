from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPortalSmoke(HttpCase):
    def test_distributor_reaches_portal_home(self):
        head = self.env.ref("b2b_portal.demo_user_shintorg_head")
        self.assertTrue(head.share, "the demo head of ШинТорг must be a portal user")
        self.start_tour("/my", "b2b_portal_smoke", login=head.login)
