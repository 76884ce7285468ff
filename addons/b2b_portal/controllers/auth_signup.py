from odoo import http
from odoo.addons.auth_signup.controllers.main import AuthSignupHome
from odoo.http import request

REGISTER_URL = "/b2b/register"


class B2bSignup(AuthSignupHome):
    @http.route()
    def web_auth_signup(self, *args, **kw):
        """Customers are companies: a visitor signing up registers a company. A token
        (the invitation of a user the head or the manager added) still sets the password."""
        if not kw.get("token"):
            return request.redirect(REGISTER_URL)
        return super().web_auth_signup(*args, **kw)
