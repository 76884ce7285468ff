from odoo.tests import TransactionCase, tagged

from ..hooks import REPLACED_PORTAL_RULES, uninstall_hook


@tagged("post_install", "-at_install")
class TestUninstallHook(TransactionCase):
    """Odoo's portal rules that this module switches off come back when it is uninstalled."""

    def test_uninstall_restores_odoo_portal_rules(self):
        Rule = self.env["ir.rule"].with_context(active_test=False)
        portal = self.env.ref("base.group_portal")
        switched_off = Rule.search([("active", "=", False), ("groups", "in", portal.ids)])
        self.assertTrue(switched_off)
        self.assertEqual(
            set(switched_off.get_external_id().values()),
            set(REPLACED_PORTAL_RULES),
            "every portal rule switched off is restored by the uninstall hook",
        )
        uninstall_hook(self.env)
        self.assertTrue(all(Rule.browse(switched_off.ids).mapped("active")))
