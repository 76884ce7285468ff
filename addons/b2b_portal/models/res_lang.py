from odoo import Command, api, models


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _b2b_install_language(self, code):
        """Activate the language ``code`` with Odoo's translations of every installed module,
        unless it is active already (the demo data calls this on every update: its users
        and website speak Russian)."""
        lang = self.with_context(active_test=False).search([("code", "=", code)])
        if lang and not lang.active:
            installer = self.env["base.language.install"].create(
                {"lang_ids": [Command.set(lang.ids)], "overwrite": False}
            )
            installer.lang_install()
        return lang
