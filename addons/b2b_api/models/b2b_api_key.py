import secrets
import socket

from odoo import api, fields, models
from odoo.addons.b2b_portal.lib.portal_roles import USERS
from odoo.exceptions import AccessError, UserError

from ..lib.api_keys import key_hash, key_prefix, looks_like_key, new_key
from ..lib.webhook_url import WebhookUrlError, check_webhook_url


def _resolve(host):
    """The IP addresses of ``host`` (OSError when it has none)."""
    return {info[4][0] for info in socket.getaddrinfo(host, None)}


ACCESS_LEVELS = [("read", "Read Only"), ("order", "Read and Order")]


class B2bApiKey(models.Model):
    """A key a distributor's own system uses to call the API (/api/v1).

    The head of a holding makes it in the portal (/my/api) for some of the holding's legal
    entities; the API then acts as the head, limited to those entities and to reading or
    ordering. Only the SHA-256 hash of the key is kept; the key is shown once. Portal users
    have no access rights on the model: the portal page reads and writes it through the
    methods below, which check that the user is the head of the entities.
    """

    _name = "b2b.api.key"
    _description = "Distributor API Key"
    _order = "create_date desc, id desc"

    name = fields.Char(required=True, help="What the key is for, e.g. the system using it.")
    holding_id = fields.Many2one(
        "res.partner", string="Holding", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Acts as",
        required=True,
        ondelete="cascade",
        help="The portal user (the head who made the key) the API acts as.",
    )
    entity_ids = fields.Many2many(
        "res.partner",
        "b2b_api_key_entity_rel",
        "key_id",
        "entity_id",
        string="Legal Entities",
        required=True,
    )
    access = fields.Selection(ACCESS_LEVELS, required=True, default="read")
    prefix = fields.Char(readonly=True, help="The visible start of the key.")
    key_hash = fields.Char(readonly=True, required=True, groups="base.group_system")
    active = fields.Boolean(default=True, help="A revoked key is archived.")
    revoked_on = fields.Datetime(readonly=True)
    revoked_by_id = fields.Many2one("res.users", readonly=True)
    last_used = fields.Datetime(readonly=True)
    webhook_url = fields.Char(string="Webhook URL")
    request_ids = fields.One2many("b2b.api.request.log", "key_id", string="Requests")
    webhook_secret = fields.Char(readonly=True, groups="base.group_system", copy=False)

    _key_hash_unique = models.UniqueIndex("(key_hash)")

    # ------------------------------------------------------------------ made by the head
    @api.model
    def _b2b_check_head(self, user, entities):
        """AccessError unless ``user`` manages the users of every one of ``entities``
        (the head's right) and they are legal entities of one holding."""
        if not entities:
            raise UserError(self.env._("Choose at least one legal entity."))
        for entity in entities:
            user._b2b_check_access(entity, USERS)
        holdings = entities.sudo().b2b_holding_id
        if len(holdings) != 1:
            raise AccessError(self.env._("You may not act for this legal entity."))
        return holdings

    @api.model
    def _b2b_create_for(self, user, name, entities, access):
        """A new key of ``user`` (a head) for ``entities``; returns (key record sudo, the
        key in clear, to be shown once)."""
        holding = self._b2b_check_head(user, entities)
        name = (name or "").strip()
        if not name:
            raise UserError(self.env._("Give the key a name."))
        if access not in dict(ACCESS_LEVELS):
            raise UserError(self.env._("Choose read-only or ordering access."))
        key = new_key()
        key_sudo = self.sudo().create(
            {
                "name": name[:100],
                "holding_id": holding.id,
                "user_id": user.id,
                "entity_ids": [fields.Command.set(entities.ids)],
                "access": access,
                "prefix": key_prefix(key),
                "key_hash": key_hash(key),
                "webhook_secret": secrets.token_urlsafe(32),
            }
        )
        return key_sudo, key

    @api.model
    def _b2b_keys_of(self, user):
        """The keys (sudo, revoked ones too) of the holdings whose users ``user`` manages."""
        entities = user._b2b_entities(right=USERS)
        return (
            self.sudo()
            .with_context(active_test=False)
            .search([("holding_id", "in", entities.sudo().b2b_holding_id.ids)])
            .filtered(lambda key: key.entity_ids <= entities)
        )

    def _b2b_revoke(self):
        for key in self:
            if key.active:
                key.sudo().write(
                    {
                        "active": False,
                        "revoked_on": fields.Datetime.now(),
                        "revoked_by_id": self.env.uid,
                    }
                )

    def action_revoke(self):
        """Back office: a manager revokes a customer's key (record rules decide whose)."""
        self.check_access("write")
        self._b2b_revoke()

    def _b2b_set_webhook(self, url):
        self.ensure_one()
        url = (url or "").strip()[:500]
        if url:
            problem = self._b2b_webhook_problem(url)
            if problem:
                raise UserError(problem)
        self.sudo().webhook_url = url or False

    @api.model
    def _b2b_webhook_problem(self, url):
        """Why the server may not call ``url`` (lib/webhook_url.py), or ''."""
        allow_private = (
            self.env["ir.config_parameter"].sudo().get_param("b2b_api.webhook_allow_private")
        )
        try:
            check_webhook_url(url, _resolve, allow_private=bool(allow_private))
        except WebhookUrlError as error:
            return error.render(self.env._)
        return ""

    # ------------------------------------------------------------------ authentication
    @api.model
    def _b2b_authenticate_sudo(self, key):
        """The active key (sudo) whose hash is that of ``key``, or an empty recordset.

        The only lookup done as superuser: everything after it runs as the key's user.
        """
        if not looks_like_key(key):
            return self.sudo().browse()
        key_sudo = self.sudo().search([("key_hash", "=", key_hash(key))], limit=1)
        if not key_sudo or not key_sudo.user_id.active or not key_sudo.user_id.share:
            return self.sudo().browse()
        return key_sudo

    def _b2b_touch(self):
        """Record the last use, at most once a minute (one row update, no lock wait)."""
        self.env.cr.execute(
            """UPDATE b2b_api_key SET last_used = now() AT TIME ZONE 'UTC'
                WHERE id = %s AND (last_used IS NULL
                      OR last_used < now() AT TIME ZONE 'UTC' - interval '1 minute')""",
            [self.id],
        )
