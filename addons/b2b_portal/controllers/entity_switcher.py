from odoo import http
from odoo.http import request

from .tools import entity_or_404, safe_redirect


class B2bEntitySwitcher(http.Controller):
    """The legal-entity switcher of the portal header."""

    @http.route("/b2b/entity/switch", type="http", auth="user", methods=["POST"], website=True)
    def switch_entity(self, entity_id=None, redirect=None, **kwargs):
        entity = entity_or_404(entity_id)
        request.env.user._b2b_set_current_entity(entity)
        return request.redirect(safe_redirect(redirect))
