from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        # The portal's scripts and their templates are translated in the browser only for
        # the modules listed here.
        return [*super()._get_translation_frontend_modules_name(), "b2b_pricing"]
