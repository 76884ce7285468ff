from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..lib.portal_roles import ALL_RIGHTS, BALANCE, ORDER, ROLES, rights


class ResUsers(models.Model):
    """The legal entities a portal user acts for, and the manager's absence/substitute."""

    _inherit = "res.users"

    b2b_current_entity_id = fields.Many2one(
        "res.partner",
        string="Current Legal Entity",
        help="The legal entity the portal user works for right now (header switcher).",
    )
    b2b_absent = fields.Boolean(
        string="Absent", help="While absent, the substitute gets this manager's requests."
    )
    b2b_substitute_id = fields.Many2one(
        "res.users",
        string="Substitute",
        domain="[('share', '=', False), ('id', '!=', id)]",
    )
    # Non-stored, computed as superuser: record rules read them through ``user``.
    b2b_entity_ids = fields.Many2many(
        "res.partner",
        string="Acts for Legal Entities",
        compute="_compute_b2b_rule_entities",
    )
    b2b_orders_all_entity_ids = fields.Many2many(
        "res.partner",
        compute="_compute_b2b_rule_entities",
    )
    b2b_orders_own_entity_ids = fields.Many2many(
        "res.partner",
        compute="_compute_b2b_rule_entities",
    )
    b2b_documents_entity_ids = fields.Many2many(
        "res.partner",
        compute="_compute_b2b_rule_entities",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return [*super().SELF_READABLE_FIELDS, "b2b_current_entity_id"]

    def _compute_b2b_rule_entities(self):
        for user in self:
            user.b2b_entity_ids = user._b2b_entities()
            user.b2b_orders_all_entity_ids = user._b2b_entities("orders_all")
            user.b2b_orders_own_entity_ids = user._b2b_entities("orders_own")
            user.b2b_documents_entity_ids = user._b2b_entities("documents")

    def _compute_b2b_contract_partner_ids(self):  # pylint: disable=missing-return
        # A holding's users read contracts (credit limit, discounts) of the entities whose
        # balance their role shows; users outside any holding keep their own company.
        super()._compute_b2b_contract_partner_ids()
        for user in self:
            if user._b2b_is_customer_user():
                user.b2b_contract_partner_ids = user._b2b_entities(BALANCE)

    # ------------------------------------------------------------------ helpers for others
    def _b2b_accesses(self):
        """The user's confirmed or unconfirmed accesses, as superuser (internal helper).

        Read through the partner's one2many: a request asks for them several times (entity
        switcher, rules, rights), the ORM cache answers all but the first, and creating or
        removing an access through the ORM updates the cached list.
        """
        self.ensure_one()
        accesses = self.partner_id.sudo().b2b_access_ids
        # Only the column needed: reading ``active`` alone would fetch every partner field.
        accesses.entity_id.fetch(["active"])
        return accesses.filtered(lambda a: a.entity_id.active)

    def _b2b_entities(self, right=None, role=None):
        """Legal entities the user acts for; only those granting ``right`` / with ``role``."""
        self.ensure_one()
        if right is not None and right not in ALL_RIGHTS:
            raise ValueError(f"unknown portal right {right!r}")
        if role is not None and role not in ROLES:
            raise ValueError(f"unknown portal role {role!r}")
        accesses = self._b2b_accesses().filtered(
            lambda a: (
                (role is None or a.role == role)
                and (right is None or right in rights(a.role, a.confirmed))
            )
        )
        return accesses.entity_id.with_env(self.env)

    def _b2b_access_for(self, entity):
        """The user's access record for ``entity`` (sudo), or an empty recordset."""
        self.ensure_one()
        return self._b2b_accesses().filtered(lambda a: a.entity_id == entity)[:1]

    def _b2b_has_right(self, entity, right):
        access = self._b2b_access_for(entity)
        return bool(access) and right in rights(access.role, access.confirmed)

    def _b2b_check_access(self, entity, right=None, roles=None):
        """Raise AccessError unless the user acts for ``entity`` with ``right``/one of ``roles``.

        Controllers turn the AccessError into a 404, so that foreign ids reveal nothing.
        """
        self.ensure_one()
        access = self._b2b_access_for(entity)
        if (
            not access
            or (roles and access.role not in roles)
            or (right and right not in rights(access.role, access.confirmed))
        ):
            raise AccessError(self.env._("You may not act for this legal entity."))
        return access

    def _b2b_balance_refusal(self, entity):
        """Why the user may not see the balance, credit and contracts of ``entity``, in the
        user's language; "" when he may. The credit and contract pages explain a refusal
        instead of a 404: the entity is the user's own, only the role lacks the right."""
        return self._b2b_right_refusal(entity, BALANCE)

    def _b2b_acting_right(self, right):
        """Whether the user may use what needs ``right`` for the entity he acts for; a user
        outside any holding (his own partner applies) may. Cards on /my follow it."""
        self.ensure_one()
        if not self._b2b_is_customer_user():
            return True
        entity = self._b2b_current_entity()
        return bool(entity) and self._b2b_has_right(entity, right)

    def _b2b_right_refusal(self, entity, right):
        """Why the user may not open a page that needs ``right`` for ``entity``, in the
        user's language; "" when he may."""
        self.ensure_one()
        access = self._b2b_access_for(entity)
        _ = self.env._
        if not access:
            return _("You do not act for %(entity)s.", entity=entity.sudo().name)
        if right in rights(access.role, access.confirmed):
            return ""
        if right in rights(access.role, True):
            if right == BALANCE:
                return _(
                    "Your access to %(entity)s is not confirmed yet: its balance, credit and "
                    "contracts open once the head of the company or your manager confirms it.",
                    entity=access.entity_id.name,
                )
            return _(
                "Your access to %(entity)s is not confirmed yet: this page opens once the head "
                "of the company or your manager confirms it.",
                entity=access.entity_id.name,
            )
        role = dict(access._fields["role"]._description_selection(self.env))[access.role]
        if right == BALANCE:
            return _(
                "Your role for %(entity)s (%(role)s) does not show its balance, credit and "
                "contracts; the head of the company can change your role.",
                entity=access.entity_id.name,
                role=role,
            )
        if right == ORDER:
            return _(
                "Your role for %(entity)s (%(role)s) does not allow ordering; ask the head of "
                "your company.",
                entity=access.entity_id.name,
                role=role,
            )
        return _(
            "Your role for %(entity)s (%(role)s) does not open this page; ask the head of "
            "your company.",
            entity=access.entity_id.name,
            role=role,
        )

    def _b2b_current_entity(self):
        """The legal entity chosen in the header, checked against the user's accesses.

        Falls back to the user's own company, then the first entity the user acts for.
        """
        self.ensure_one()
        entities = self._b2b_entities()
        if self.b2b_current_entity_id in entities:
            return self.b2b_current_entity_id
        own = self.partner_id.commercial_partner_id
        return own if own in entities else entities[:1]

    def _b2b_set_current_entity(self, entity):
        self.ensure_one()
        self._b2b_check_access(entity)
        self.sudo().b2b_current_entity_id = entity

    def _b2b_is_customer_user(self):
        """Whether this is a portal user of a B2B customer: one acting for a legal entity, or
        a contact within a holding (also once the head removed every access)."""
        self.ensure_one()
        if not self.share or self._is_public():
            return False
        partner_sudo = self.sudo().partner_id
        return bool(
            partner_sudo.b2b_holding_id
            or self.env["b2b.entity.access"]
            .sudo()
            .search_count([("contact_id", "=", partner_sudo.id)], limit=1)
        )

    def _b2b_catalog_regions(self):
        """The regions of every legal entity the user acts for (the switcher picks one)."""
        regions = super()._b2b_catalog_regions()
        for entity in self._b2b_entities():
            regions |= entity._b2b_catalog_region()
        return regions

    def _b2b_effective_manager(self):
        """This manager, or the substitute while absent (one hop, no loops)."""
        self.ensure_one()
        if self.b2b_absent and self.b2b_substitute_id and not self.b2b_substitute_id.b2b_absent:
            return self.b2b_substitute_id
        return self

    @api.private
    def b2b_team_customers_domain(self, partner_path=""):
        """Record-rule domain of the staff's B2B managers: records whose partner (reached by
        ``partner_path``, the record itself when empty) is outside any holding, or in a
        holding without manager yet, of the user, of a manager the user stands in for or of a
        sales team mate. Only the user's id is read here: the rule cache keeps no team
        membership, which is joined in SQL."""
        self.ensure_one()
        holding = f"{partner_path}.b2b_holding_id" if partner_path else "b2b_holding_id"
        manager = f"{holding}.user_id"
        team_mates = f"{manager}.crm_team_member_ids.crm_team_id.crm_team_member_ids.user_id"
        return [
            "|", "|", "|",
            (holding, "=", False),
            (manager, "in", [False, self.id]),
            (f"{manager}.b2b_substitute_id", "=", self.id),
            (team_mates, "=", self.id),
        ]  # fmt: skip

    @api.model
    def _b2b_invalidate_rules(self):
        """Record rules read the accesses through ``user``: drop their cached domains."""
        self.env.registry.clear_cache()
        self.env["res.users"].invalidate_model(
            [
                "b2b_entity_ids",
                "b2b_orders_all_entity_ids",
                "b2b_orders_own_entity_ids",
                "b2b_documents_entity_ids",
                "b2b_contract_partner_ids",
            ]
        )
