from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

from .common import ClaimDataMixin


@tagged("post_install", "-at_install")
class TestClaimSla(ClaimDataMixin, TransactionCase):
    """Claims left without an answer remind their manager; statistics; the demo claims."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._claim_data()
        cls.manager2 = cls.env.ref("b2b_portal.demo_user_manager2")
        cls.env["ir.config_parameter"].sudo().set_param("b2b_claims.answer_hours", "8")
        cls.Claim = cls.env["b2b.claim"]

    def _reminders(self, claim):
        # The summary is in the manager's language: the reminder is the to-do naming the claim.
        todo = self.env.ref("mail.mail_activity_data_todo")
        return claim.activity_ids.filtered(
            lambda a: a.activity_type_id == todo and claim.name in (a.summary or "")
        )

    def _waiting(self, claim, days):
        claim.waiting_since = fields.Datetime.now() - timedelta(days=days)

    def test_answer_is_due_after_working_hours(self):
        claim = self._claim()
        # Friday 16:00 in Brussels (the demo calendar, 8–12 and 13–17): one hour on Friday,
        # seven on Monday; the weekend does not count.
        claim.waiting_since = datetime(2026, 11, 27, 15, 0)
        due = claim._b2b_answer_due(8)
        self.assertEqual(due, datetime(2026, 11, 30, 15, 0))

    def test_unanswered_claim_reminds_its_manager_once(self):
        claim = self._claim()
        fresh = self._claim([(self.line2, 1, {})])
        self._waiting(claim, 10)
        reminded = self.Claim._b2b_cron_sla_reminders()
        self.assertIn(claim, reminded)
        self.assertNotIn(fresh, reminded, "waiting since now: not due yet")
        activity = self._reminders(claim)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager)
        self.assertIn(claim.name, activity.summary)
        self.assertFalse(self._reminders(fresh))
        # Once per waiting period.
        self.assertNotIn(claim, self.Claim._b2b_cron_sla_reminders())
        self.assertEqual(len(self._reminders(claim)), 1)

    def test_what_restarts_and_stops_the_clock(self):
        claim = self._claim()
        # The manager's message answers.
        self._waiting(claim, 10)
        claim.with_user(self.manager).message_post(
            body="Принято, проверяем.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertGreater(claim.waiting_since, fields.Datetime.now() - timedelta(minutes=5))
        self.assertNotIn(claim, self.Claim._b2b_cron_sla_reminders())
        # Waiting for the customer: no reminder, however long.
        claim.with_user(self.manager).action_request_info()
        self.assertFalse(claim.waiting_since)
        self.assertNotIn(claim, self.Claim._b2b_cron_sla_reminders())
        # The customer answers: the claim waits for us again, from now.
        claim._b2b_portal_post("Фото прилагаем", [], self.buyer.partner_id)
        self.assertEqual(claim.state, "review")
        self.assertTrue(claim.waiting_since)
        self._waiting(claim, 3)
        self.assertIn(claim, self.Claim._b2b_cron_sla_reminders())
        # Closed claims are never reminded.
        claim.with_user(self.manager).write({"reject_reason": "Не гарантийный случай"})
        claim.with_user(self.manager).action_reject()
        self.assertFalse(claim.waiting_since)

    def test_substitute_is_reminded_while_the_manager_is_absent(self):
        self.manager.write({"b2b_absent": True, "b2b_substitute_id": self.manager2.id})
        claim = self._claim()
        self._waiting(claim, 10)
        self.Claim._b2b_cron_sla_reminders()
        self.assertEqual(self._reminders(claim).user_id, self.manager2)

    def test_answer_time_is_a_setting(self):
        claim = self._claim()
        self._waiting(claim, 10)
        settings = self.env["res.config.settings"].create({"b2b_claim_answer_hours": 400})
        settings.execute()
        self.assertEqual(self.Claim._b2b_answer_hours(), 400)
        self.assertNotIn(claim, self.Claim._b2b_cron_sla_reminders(), "ten days < 400 hours")
        self.env["ir.config_parameter"].sudo().set_param("b2b_claims.answer_hours", "junk")
        self.assertEqual(self.Claim._b2b_answer_hours(), 8, "a bad value falls back to a day")
        cron = self.env.ref("b2b_claims.ir_cron_claim_sla_reminders")
        self.assertTrue(cron.active)
        cron.ir_actions_server_id.run()  # what the scheduler runs, in this transaction
        self.assertTrue(self._reminders(claim))

    def test_statistics_by_brand_reason_state_and_month(self):
        self._claim([(self.line, 2, {}), (self.line2, 1, {})], reason="transit_damage")
        Line = self.env["b2b.claim.line"].with_user(self.manager)
        groups = Line.formatted_read_group(
            [("claim_id.order_id", "=", self.order.id)],
            ["brand_id", "reason", "state", "claim_date:month"],
            ["quantity:sum"],
        )
        mine = [g for g in groups if g["reason"] == "transit_damage"]
        self.assertEqual(sum(g["quantity:sum"] for g in mine), 3)
        brands = {g["brand_id"][0] for g in mine if g["brand_id"]}
        self.assertEqual(
            brands, set((self.line.product_id | self.line2.product_id).tyre_brand_id.ids)
        )
        action = self.env.ref("b2b_claims.b2b_claim_line_action_analysis")
        self.assertEqual(action.view_mode, "pivot,graph,list")
        views = Line.get_views([(False, "pivot"), (False, "graph"), (False, "list")])
        self.assertEqual(set(views["views"]), {"pivot", "graph", "list"})

    def test_demo_claims_with_correspondence(self):
        states = set(self.Claim.search([]).mapped("state"))
        self.assertLessEqual({"new", "info", "expertise", "rejected"}, states)
        several = self.Claim.search([]).filtered(lambda claim: len(claim.line_ids) > 1)
        self.assertTrue(several, "a demo claim covers several lines of one order")
        for claim in self.Claim.search([("state", "in", ("info", "expertise", "rejected"))]):
            authors = claim.message_ids.filtered(lambda m: m.message_type == "comment").author_id
            self.assertIn(claim.filed_by_id, authors, claim.name)
            self.assertIn(self.manager.partner_id, authors, claim.name)
            self.assertTrue(claim.line_ids)
