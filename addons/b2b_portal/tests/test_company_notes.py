from odoo.tests import HttpCase, tagged

from .common import CsrfMixin


@tagged("post_install", "-at_install")
class TestCompanyManagerNotes(CsrfMixin, HttpCase):
    """/my/company shows the messages exchanged with the manager, never his internal notes."""

    def test_internal_notes_on_the_holding_stay_internal(self):
        holding = self.env.ref("b2b_portal.holding_shintorg")
        manager = self.env.ref("b2b_portal.demo_user_manager")
        holding.comment = "<p>Служебно: клиент тянет с оплатой</p>"
        holding.with_user(manager).message_post(
            body="Внутренняя заметка: не давать отсрочку",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        holding.with_user(manager).message_post(
            body="Ваш заказ отгружен сегодня",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        for login in ("shintorg.head", "shintorg.buyer", "shintorg.accountant"):
            self.authenticate(login, login)
            page = self.url_open("/my/company").text
            self.assertIn("Ваш заказ отгружен сегодня", page, login)
            self.assertNotIn("не давать отсрочку", page, login)
            self.assertNotIn("тянет с оплатой", page, login)
