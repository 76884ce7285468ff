"""Every model a portal user has an access right on is classified, and probed over
/web/dataset/call_kw as each role of one holding with the records of another holding.

For each model: the other holding's records are never returned (search_read, read) nor
written, deleted or linked to (write, unlink, create pointing at them); the customer's own
records of a read-only model cannot be written either; sensitive fields are refused to the
roles that may not see them; no call ends in a server error (a JSON error that refuses or
explains is fine).
"""

import logging
import time

from odoo import models
from odoo.tests import tagged

from . import boundary_classification as bc
from .boundary_common import BoundaryCase, Failures

_logger = logging.getLogger(__name__)

PROBE_TEXT = "Зонд"
# Comodels whose records belong to a holding: a many2one to them must never be pointed at
# the other holding's record by a customer (kind of the probe record for each).
HOLDING_COMODELS = {
    "res.partner": "entity",
    "sale.order": "order",
    "account.move": "invoice",
    "b2b.saved.cart": "saved_cart",
    "b2b.contract": "contract",
    "res.users": "user",
    "discuss.channel": "channel",
    "stock.picking": "picking",
    "rma": "rma",
}


@tagged("post_install", "-at_install")
class TestBoundaryModels(BoundaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.models = cls._portal_models()
        by_groups = {}
        for role, user in cls.users.items():
            by_groups.setdefault(frozenset(user.all_group_ids.ids), role)
        cls.acl_roles = set(by_groups.values())
        cls.foreign_ids = {
            name: cls._foreign_ids(name, spec)
            for name, spec in bc.MODELS.items()
            if name in cls.models
        }

    @classmethod
    def _portal_models(cls):
        """Models with an access right for the portal or public groups, the groups of the
        demo portal users, or everybody."""
        groups = cls.env.ref("base.group_portal") | cls.env.ref("base.group_public")
        for user in cls.users.values():
            groups |= user.all_group_ids
        rights = cls.env["ir.model.access"].search(
            ["|", ("group_id", "=", False), ("group_id", "in", groups.ids)]
        )
        return {right.model_id.model for right in rights if right.model_id.model in cls.env}

    @classmethod
    def _foreign_ids(cls, name, spec):
        ids = set()
        for kind in spec["foreign"]:
            ids.update(cls.foreign[kind].ids)
        domain = spec["foreign_domain"]
        if domain:
            values = {
                "holding": cls.foreign_holding.id,
                "partners": cls.foreign_partners.ids,
                "users": cls.foreign_users.ids,
            }
            domain = [
                (
                    field,
                    op,
                    values.get(value[1:-1], value)
                    if isinstance(value, str) and value[:1] == "{"
                    else value,
                )
                for field, op, value in domain
            ]
            ids.update(
                cls.env[name].sudo().with_context(active_test=False).search(domain, limit=50).ids
            )
        return sorted(ids)

    def _result(self, outcome):
        payload = outcome.payload
        return payload.get("result") if isinstance(payload, dict) else None

    def _probe_field(self, model):
        """A stored text field the probes try to write."""
        fields_ = self.env[model]._fields
        for name in ("name", "comment", "note", "description", "code", "reason"):
            field = fields_.get(name)
            if (
                field
                and field.store
                and field.type in ("char", "text", "html")
                and not field.related
            ):
                return name
        for name, field in fields_.items():
            if (
                field.store
                and field.type in ("char", "text")
                and not field.related
                and not field.compute
            ):
                return name
        return None

    def _links(self, model):
        """{many2one field: the other holding's record id} for fields to holding records."""
        links = {}
        for name, field in self.env[model]._fields.items():
            if field.type != "many2one" or not field.store or field.related:
                continue
            if name in models.MAGIC_COLUMNS:
                continue
            kind = HOLDING_COMODELS.get(field.comodel_name)
            if kind and self.foreign.get(kind):
                links[name] = self.foreign[kind].id
        return links

    def _check(self, failures, model, role, detail, outcome, before, refused=False):
        return self.check_outcome(
            failures, model, role, detail, outcome, before, expect_refused=refused, rpc=True
        )

    def test_every_portal_model_is_classified(self):
        failures = Failures(self)
        for name in sorted(self.models):
            failures.cases += 1
            spec = bc.MODELS.get(name)
            if spec is None:
                failures.add(name, None, "-", "not classified in boundary_classification.MODELS")
                continue
            for field in spec["sensitive"]:
                if not self._fields_of(name, field):
                    failures.add(name, None, field, "sensitive field does not exist")
            if spec["foreign"] and not self.foreign_ids.get(name):
                failures.add(name, None, "-", "no record of the other holding to probe with")
        for name in sorted(bc.MODELS.keys() - self.models):
            failures.add(name, None, "-", "classified but no portal access right: remove it")
        by_scope = {}
        for name in self.models:
            scope = bc.MODELS.get(name, {}).get("scope", "unclassified")
            by_scope[scope] = by_scope.get(scope, 0) + 1
        _logger.info(
            "boundary models: %d models with a portal access right: %s",
            len(self.models),
            ", ".join(f"{count} {scope}" for scope, count in sorted(by_scope.items())),
        )
        failures.check("model classification")

    def test_rpc_keeps_to_own_records(self):
        started = time.time()
        failures = Failures(self)
        before = self.fingerprint()
        for role in bc.PORTAL_ROLES:
            self.login(role)
            for name in sorted(self.models):
                spec = bc.MODELS.get(name)
                if spec is None:
                    continue
                if spec["scope"] in ("shared", "none") and role not in self.acl_roles:
                    # Access rights depend on the groups only: one role per set of groups
                    # (record rules of customers' records differ between every role).
                    continue
                before = self._probe_model(failures, name, spec, role, before)
        _logger.info(
            "boundary models over RPC: %d models x %d roles, %d calls in %.1f s",
            len(self.models),
            len(bc.PORTAL_ROLES),
            failures.cases,
            time.time() - started,
        )
        failures.check("RPC on portal models")

    def _probe_model(self, failures, name, spec, role, before):
        field = self._probe_field(name)
        foreign = self.foreign_ids.get(name) or []
        if spec["scope"] == "none":
            outcome = self.rpc(name, "search_read", [], fields=["id"], limit=5)
            before = self._check(failures, name, role, "search_read", outcome, before)
            if self._result(outcome):
                failures.add(
                    name, role, "search_read", "readable although its access right grants nothing"
                )
            return before
        if foreign:
            outcome = self.rpc(
                name, "search_read", [("id", "in", foreign)], fields=["display_name"]
            )
            before = self._check(
                failures, name, role, f"search_read {foreign[:5]}", outcome, before
            )
            if self._result(outcome):
                found = [row["id"] for row in self._result(outcome)]
                failures.add(
                    name, role, "search_read", f"returns the other holding's records {found[:5]}"
                )
            outcome = self.rpc(name, "read", foreign[:20], ["display_name"])
            before = self._check(failures, name, role, f"read {foreign[:5]}", outcome, before)
            if self._result(outcome):
                failures.add(name, role, "read", "reads the other holding's records")
            if field:
                outcome = self.rpc(name, "write", foreign, {field: PROBE_TEXT})
                before = self._check(
                    failures,
                    name,
                    role,
                    f"write {field} on {foreign[:5]}",
                    outcome,
                    before,
                    refused=True,
                )
            outcome = self.rpc(name, "unlink", foreign)
            before = self._check(
                failures, name, role, f"unlink {foreign[:5]}", outcome, before, refused=True
            )
        links = self._links(name)
        values = {**({field: PROBE_TEXT} if field else {}), **links}
        if values:
            # Creating a record that points at the other holding's records: refused,
            # even on models a customer may create records of.
            outcome = self.rpc(name, "create", [values])
            refuse = bool(links) or "create" not in spec["writable"]
            before = self._check(
                failures, name, role, f"create {sorted(values)}", outcome, before, refused=refuse
            )
        if spec["scope"] in ("holding", "shared") and (field or links):
            before = self._probe_own(failures, name, spec, role, field, links, before)
        return before

    def _probe_own(self, failures, name, spec, role, field, links, before):
        """The customer's own records of a read-only model cannot be changed, and none can
        be pointed at the other holding's records."""
        outcome = self.rpc(name, "search_read", [], fields=["id"], limit=1)
        before = self._check(failures, name, role, "search_read own", outcome, before)
        own = [row["id"] for row in self._result(outcome) or []]
        if not own:
            return before
        if field and "write" not in spec["writable"]:
            outcome = self.rpc(name, "write", own, {field: PROBE_TEXT})
            before = self._check(
                failures, name, role, f"write {field} on own {own}", outcome, before, refused=True
            )
        for link, foreign_id in links.items():
            outcome = self.rpc(name, "write", own, {link: foreign_id})
            before = self._check(
                failures,
                name,
                role,
                f"write own {own} {link}={foreign_id} (the other holding's)",
                outcome,
                before,
                refused=True,
            )
        if "unlink" not in spec["writable"] and spec["scope"] != "own_user":
            outcome = self.rpc(name, "unlink", own)
            before = self._check(
                failures, name, role, f"unlink own {own}", outcome, before, refused=True
            )
        return before

    def _fields_of(self, model, pattern):
        fields_ = self.env[model]._fields
        if pattern.endswith("*"):
            return sorted(
                name
                for name, field in fields_.items()
                if name.startswith(pattern[:-1]) and field.type in ("monetary", "float")
            )
        return [pattern] if pattern in fields_ else []

    def test_rpc_hides_sensitive_fields(self):
        """Money and the manager's notes over RPC: only for the roles that may see them."""
        failures = Failures(self)
        # Values to hide, so that a readable field shows.
        self.own_entity.comment = "<p>Заметка менеджера</p>"
        self.own_entity.sudo().b2b_turnover = 123456
        own = {
            "res.partner": self.own_entity.ids,
            "b2b.contract": self.env["b2b.contract"]
            .search([("partner_id", "=", self.own_entity.id)])
            .ids,
        }
        before = self.fingerprint()
        for role in bc.PORTAL_ROLES:
            self.login(role)
            for name, spec in sorted(bc.MODELS.items()):
                for pattern, roles in sorted(spec["sensitive"].items()):
                    if role in roles or not own.get(name):
                        continue
                    for field in self._fields_of(name, pattern):
                        outcome = self.rpc(name, "read", own[name], [field])
                        before = self._check(
                            failures, f"{name}.{field}", role, "read own", outcome, before
                        )
                        values = [row.get(field) for row in self._result(outcome) or []]
                        if any(values):
                            failures.add(
                                f"{name}.{field}", role, f"read {own[name]}", f"readable: {values}"
                            )
        failures.check("sensitive fields over RPC")
