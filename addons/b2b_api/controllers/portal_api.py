from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.b2b_portal.controllers.tools import attempt, parse_id
from odoo.addons.b2b_portal.lib.portal_roles import USERS
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request

REQUESTS_SHOWN = 50


class B2bApiPortal(CustomerPortal):
    """/my/api: the head of a holding makes API keys for its legal entities (the key is
    shown once), sees when and how they are used, sets a webhook and revokes them."""

    def _b2b_api_entities(self):
        """The legal entities whose keys the user manages (the head's right); 404 if none."""
        entities = request.env.user._b2b_entities(right=USERS)
        if not entities:
            raise NotFound()
        return entities

    def _b2b_api_key_or_404(self, key_id):
        keys_sudo = request.env["b2b.api.key"]._b2b_keys_of(request.env.user)
        key_sudo = keys_sudo.filtered(lambda key: key.id == parse_id(key_id))
        if not key_sudo:
            raise NotFound()
        return key_sudo

    def _b2b_api_values(self, **extra):
        values = self._prepare_portal_layout_values()
        keys_sudo = request.env["b2b.api.key"]._b2b_keys_of(request.env.user)
        Log = request.env["b2b.api.request.log"].sudo()
        endpoint = request.env["fastapi.endpoint"].sudo()._b2b_api_endpoint()
        values.update(
            {
                "page_name": "b2b_api",
                "entities": self._b2b_api_entities(),
                "keys": keys_sudo,
                "requests": {
                    key.id: Log.search([("key_id", "=", key.id)], limit=REQUESTS_SHOWN)
                    for key in keys_sudo
                },
                "docs_url": endpoint.docs_url if endpoint else "",
                "new_key": None,
                "error": None,
                **extra,
            }
        )
        return values

    @http.route("/my/api", type="http", auth="user", website=True)
    def b2b_api_keys(self, **kwargs):
        return request.render("b2b_api.portal_my_api", self._b2b_api_values())

    @http.route("/my/api/create", type="http", auth="user", website=True, methods=["POST"])
    def b2b_api_create(self, name="", access="read", **post):
        entities = self._b2b_api_entities()
        chosen = request.env["res.partner"]
        for field in post:
            if field.startswith("entity_"):
                entity = entities.filtered(lambda e, f=field: e.id == parse_id(f[7:]))
                if not entity:
                    raise NotFound()
                chosen |= entity
        result, error = attempt(
            lambda: request.env["b2b.api.key"]._b2b_create_for(
                request.env.user, name, chosen, access
            )
        )
        if error:
            return request.render("b2b_api.portal_my_api", self._b2b_api_values(error=error))
        _key_sudo, key = result
        return request.render("b2b_api.portal_my_api", self._b2b_api_values(new_key=key))

    @http.route(
        "/my/api/<int:key_id>/revoke", type="http", auth="user", website=True, methods=["POST"]
    )
    def b2b_api_revoke(self, key_id, **kwargs):
        self._b2b_api_key_or_404(key_id)._b2b_revoke()
        return request.redirect("/my/api")

    @http.route(
        "/my/api/<int:key_id>/webhook", type="http", auth="user", website=True, methods=["POST"]
    )
    def b2b_api_webhook(self, key_id, webhook_url="", **kwargs):
        key_sudo = self._b2b_api_key_or_404(key_id)
        _result, error = attempt(lambda: key_sudo._b2b_set_webhook(webhook_url))
        if error:
            return request.render("b2b_api.portal_my_api", self._b2b_api_values(error=error))
        return request.redirect("/my/api")
