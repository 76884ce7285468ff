from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import B2bPortalCase


@tagged("post_install", "-at_install")
class TestEntitySwitcher(B2bPortalCase):
    def test_current_entity_defaults_to_own_company(self):
        self.head.b2b_current_entity_id = False
        self.assertEqual(self.head._b2b_current_entity(), self.main)

    def test_switch_to_an_entity_of_the_holding(self):
        self.head._b2b_set_current_entity(self.region)
        self.assertEqual(self.head._b2b_current_entity(), self.region)

    def test_switch_to_a_foreign_or_forbidden_entity_is_refused(self):
        with self.assertRaises(AccessError):
            self.head._b2b_set_current_entity(self.kolesa)
        with self.assertRaises(AccessError):
            self.buyer._b2b_set_current_entity(self.logistic)

    def test_stale_choice_is_ignored(self):
        self.buyer.sudo().b2b_current_entity_id = self.logistic
        self.assertEqual(self.buyer._b2b_current_entity(), self.main)

    def test_check_access_by_right_and_role(self):
        self.assertTrue(self.head._b2b_check_access(self.region, right="users"))
        with self.assertRaises(AccessError):
            self.accountant._b2b_check_access(self.main, right="order")
        with self.assertRaises(AccessError):
            self.buyer._b2b_check_access(self.main, roles=("head",))

    def test_access_only_within_the_holding(self):
        with self.assertRaises(ValidationError):
            self.env["b2b.entity.access"].create(
                {
                    "contact_id": self.head.partner_id.id,
                    "entity_id": self.kolesa.id,
                    "role": "buyer",
                }
            )
