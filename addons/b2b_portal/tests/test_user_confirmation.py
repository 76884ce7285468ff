from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import B2bPortalCase, CsrfMixin


class ConfirmationMixin:
    def _new_user(self, entity, role, login, confirmed=False, by=None):
        """A contact with a portal login and an access to ``entity``, added by ``by``."""
        contact = self.env["res.partner"].create(
            {
                "name": f"Сотрудник {login}",
                "email": f"{login}@shintorg.demo",
                "parent_id": entity.id,
            }
        )
        user = self.env["res.users"].create(
            {
                "name": contact.name,
                "login": login,
                "partner_id": contact.id,
                "company_id": self.seller.id,
                "company_ids": [Command.set(self.seller.ids)],
                "group_ids": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        # The head adds users in the portal as himself, through sudo (controllers/portal_users).
        Access = self.env["b2b.entity.access"].with_user(by or self.head).sudo()
        access = Access.create(
            {"contact_id": contact.id, "entity_id": entity.id, "role": role, "confirmed": confirmed}
        )
        return user, access

    def _request(self, access):
        return self.env["b2b.registration"].search(
            [("access_id", "=", access.id), ("kind", "=", "confirmation")]
        )

    def _holding_notes(self, holding):
        return holding.message_ids.filtered(lambda m: m.subtype_id == self.env.ref("mail.mt_note"))


@tagged("post_install", "-at_install")
class TestUserConfirmationQueue(ConfirmationMixin, B2bPortalCase):
    """Unconfirmed users in the managers' request queue, confirmed or refused in one click."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.holding = cls.env.ref("b2b_portal.holding_shintorg")
        cls.team = cls.env["crm.team"].create(
            {"name": "Продажи Москва (тест)", "company_id": cls.seller.id}
        )
        cls.env["crm.team.member"].create({"crm_team_id": cls.team.id, "user_id": cls.manager.id})

    def test_unconfirmed_access_queues_a_request_for_the_manager(self):
        self.assertEqual(self.holding.user_id, self.manager)
        self.assertEqual(self.manager.sale_team_id, self.team)
        user, access = self._new_user(self.main, "accountant", "acc.queue")
        request = self._request(access)
        self.assertEqual(len(request), 1)
        self.assertEqual(request.state, "new")
        self.assertEqual(request.user_id, self.manager, "the holding's personal manager")
        self.assertEqual(request.team_id, self.team, "the shared queue of the manager's team")
        self.assertEqual(request.holding_id, self.holding)
        self.assertEqual(request.existing_entity_id, self.main)
        self.assertEqual(request.contact_id, user.partner_id)
        self.assertEqual(request.activity_ids.user_id, self.manager)
        self.assertIn(user.partner_id.name, request.activity_ids.summary)
        # The manager finds it in his queue (record rules of b2b.registration).
        queue = self.env["b2b.registration"].with_user(self.manager).search([("state", "=", "new")])
        self.assertIn(request, queue)
        # A confirmed access asks nothing; the same access never has two open requests.
        _user, confirmed = self._new_user(self.main, "buyer", "buyer.ok", confirmed=True)
        self.assertFalse(self._request(confirmed))
        self.env["b2b.registration"]._b2b_request_confirmation(access)
        self.assertEqual(len(self._request(access)), 1)

    def test_demo_newcomer_waits_in_the_queue(self):
        access = self.newcomer.partner_id.b2b_access_ids
        self.assertFalse(access.confirmed)
        request = self._request(access)
        self.assertEqual(request.state, "new")
        self.assertEqual(request.user_id, self.manager)
        self.holding.invalidate_recordset(["b2b_open_request_count"])
        self.assertGreaterEqual(self.holding.b2b_open_request_count, 1)

    def test_absent_manager_hands_the_request_to_the_substitute(self):
        self.manager.write({"b2b_absent": True, "b2b_substitute_id": self.manager2.id})
        _user, access = self._new_user(self.region, "head", "head.absent")
        request = self._request(access)
        self.assertEqual(request.user_id, self.manager2)
        self.assertEqual(request.activity_ids.user_id, self.manager2)
        self.assertEqual(request.team_id, self.team, "still the holding's team queue")
        self.assertIn(request, self.env["b2b.registration"].with_user(self.manager2).search([]))

    def test_manager_confirms_and_the_user_sees_the_balance(self):
        user, access = self._new_user(self.main, "accountant", "acc.confirm")
        request = self._request(access)
        self.assertFalse(user._b2b_entities(right="balance"))
        with self.assertRaises(AccessError):
            user._b2b_check_access(self.main, right="balance")
        self.assertFalse(self.visible(user, self.invoice_main), "no documents before")
        notes_before = self._holding_notes(self.holding)

        request.with_user(self.manager).action_confirm_user()

        self.assertTrue(access.confirmed)
        self.assertEqual(request.state, "confirmed")
        self.assertFalse(request.activity_ids, "the manager's to-do is done")
        self.assertEqual(user._b2b_entities(right="balance"), self.main)
        self.assertTrue(user._b2b_check_access(self.main, right="balance"))
        self.assertEqual(self.visible(user, self.invoice_main), self.invoice_main)
        note = self._holding_notes(self.holding) - notes_before
        self.assertEqual(len(note), 1, "the decision is logged on the holding")
        self.assertEqual(note.author_id, self.manager.partner_id)
        self.assertIn(user.partner_id.name, note.body)
        self.assertIn(self.manager.name, note.body)
        # Nothing left to do twice.
        with self.assertRaisesRegex(UserError, "already been processed"):
            request.with_user(self.manager).action_confirm_user()

    def test_head_confirming_closes_the_managers_request(self):
        _user, access = self._new_user(self.main, "buyer", "buyer.head")
        request = self._request(access)
        notes_before = self._holding_notes(self.holding)
        # What /my/company/users/<id>/confirm does for the head.
        access.with_user(self.head).sudo().write({"confirmed": True})
        self.assertEqual(request.state, "confirmed")
        self.assertFalse(request.activity_ids)
        self.assertNotIn(
            request,
            self.env["b2b.registration"]
            .with_user(self.manager)
            .search([("state", "=", "new"), ("kind", "=", "confirmation")]),
        )
        note = self._holding_notes(self.holding) - notes_before
        self.assertEqual(note.author_id, self.head.partner_id)
        self.assertIn("in the portal", note.body)

    def test_manager_refuses(self):
        user, access = self._new_user(self.main, "accountant", "acc.refuse")
        request = self._request(access)
        notes_before = self._holding_notes(self.holding)
        request.with_user(self.manager).action_refuse_user()
        self.assertEqual(request.state, "rejected")
        self.assertFalse(request.activity_ids)
        self.assertFalse(access.confirmed, "the user keeps ordering only")
        self.assertFalse(user._b2b_entities(right="balance"))
        self.assertFalse(self.visible(user, self.invoice_main))
        note = self._holding_notes(self.holding) - notes_before
        self.assertIn("refused", note.body)
        self.assertEqual(note.author_id, self.manager.partner_id)
        # "Reject" on the form does the same for a confirmation.
        _user, other = self._new_user(self.main, "buyer", "buyer.reject")
        self._request(other).with_user(self.manager).action_reject()
        self.assertEqual(self._request(other).state, "rejected")
        self.assertFalse(other.confirmed)

    def test_removed_or_unconfirmed_access(self):
        _user, access = self._new_user(self.main, "buyer", "buyer.removed")
        request = self._request(access)
        access.with_user(self.head).sudo().unlink()
        self.assertEqual(request.state, "rejected")
        self.assertFalse(request.access_id)
        # Taking the confirmation back asks the manager again.
        _user, confirmed = self._new_user(self.main, "buyer", "buyer.again", confirmed=True)
        confirmed.confirmed = False
        self.assertEqual(self._request(confirmed).state, "new")

    def test_registration_of_a_new_company_queues_the_heads_confirmation(self):
        registration = self.env["b2b.registration"].create(
            {
                # Not Шинный Двор: its request of the demo data is open (one per company).
                "name": "ООО «Резина Плюс»",
                "inn": "7712346604",
                "kpp": "771201001",
                "contact_name": "Игорь Орлов",
                "email": "igor.queue@rezina-plus.demo",
            }
        )
        registration.with_user(self.manager).action_create_customer()
        access = registration.contact_id.b2b_access_ids
        request = self._request(access)
        self.assertEqual((access.role, access.confirmed), ("head", False))
        self.assertEqual(request.state, "new")
        holding = registration.partner_id.b2b_holding_id
        self.assertEqual(request.holding_id, holding)
        self.assertEqual(request.user_id, holding.user_id, "the new holding's manager")
        with self.assertRaisesRegex(UserError, "creates no customer"):
            request.action_create_customer()


@tagged("post_install", "-at_install")
class TestHeadConfirmsInPortal(CsrfMixin, HttpCase):
    def test_portal_confirmation_closes_the_request(self):
        head = self.env.ref("b2b_portal.demo_user_shintorg_head")
        newcomer = self.env.ref("b2b_portal.demo_user_shintorg_new")
        holding = self.env.ref("b2b_portal.holding_shintorg")
        request = self.env["b2b.registration"].search(
            [("access_id", "in", newcomer.partner_id.b2b_access_ids.ids), ("state", "=", "new")]
        )
        self.assertEqual(len(request), 1, "the demo newcomer waits in the manager's queue")
        self.authenticate(head.login, head.login)
        token = self.csrf_token("/my/company/users")
        self.url_open(
            f"/my/company/users/{newcomer.partner_id.id}/confirm",
            data={"csrf_token": token},
            allow_redirects=False,
        )
        self.env.invalidate_all()
        self.assertEqual(request.state, "confirmed")
        self.assertFalse(request.activity_ids)
        self.assertIn(head.name, holding.message_ids[:1].body)
