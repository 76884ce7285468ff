"""Every model a portal user has an access right on is classified, and probed over
/web/dataset/call_kw as each role of one holding with the records of another holding.

For each model: the other holding's records are never returned (search_read, read) nor
written, deleted or linked to (write, unlink, create pointing at them); the customer's own
records of a read-only model cannot be written either; sensitive fields are refused to the
roles that may not see them; no call ends in a server error (a JSON error that refuses or
explains is fine).
"""

import inspect
import logging
import time

from odoo import models
from odoo.tests import tagged

from . import boundary_classification as bc
from .boundary_common import OUR_MODULES, BoundaryCase, Failures

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

    def _acl(self, model, operation, role):
        """Whether the role's access rights allow ``operation`` on ``model`` (no records)."""
        return (
            self.env["ir.model.access"]
            .with_user(self.users[role])
            .check(model, operation, raise_exception=False)
        )

    def _probe_model(self, failures, name, spec, role, before):
        field = self._probe_field(name)
        foreign = self.foreign_ids.get(name) or []
        if self.env[name]._abstract:
            # A mixin's access right: nothing to read or write over RPC.
            for operation in ("write", "create", "unlink"):
                failures.cases += 1
                if self._acl(name, operation, role):
                    failures.add(name, role, operation, "granted by the access rights")
            return before
        if spec["scope"] == "none":
            outcome = self.rpc(name, "search_read", [], fields=["id"], limit=5)
            before = self._check(failures, name, role, "search_read", outcome, before)
            if self._result(outcome):
                failures.add(
                    name, role, "search_read", "readable although its access right grants nothing"
                )
            return before
        if foreign:
            before = self._probe_foreign(failures, name, role, field, foreign, before)
        links = self._links(name)
        before = self._probe_create(failures, name, spec, role, field, links, before)
        if spec["scope"] in ("holding", "shared") and (field or links):
            before = self._probe_own(failures, name, spec, role, field, links, before)
        return before

    def _probe_foreign(self, failures, name, role, field, foreign, before):
        """The other holding's records: not returned, not written, not deleted."""
        outcome = self.rpc(name, "search_read", [("id", "in", foreign)], fields=["display_name"])
        before = self._check(failures, name, role, f"search_read {foreign[:5]}", outcome, before)
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
        return before

    def _probe_create(self, failures, name, spec, role, field, links, before):
        """Creating is refused by the rights, or never points at the other holding."""
        if not self._acl(name, "create", role):
            # Refused by the access rights before anything else (some stock models read
            # their values before checking them, so an RPC create would prove nothing).
            failures.cases += 1
            if "create" in spec["writable"]:
                failures.add(name, role, "create", "classified creatable, refused by the rights")
        elif "create" not in spec["writable"]:
            failures.add(name, role, "create", "granted by the access rights to a customer")
        elif links:
            # Creating a record that points at the other holding's records: refused, even on
            # models a customer may create records of.
            values = {
                **self._required_values(name),
                **({field: PROBE_TEXT} if field else {}),
                **links,
            }
            outcome = self.rpc(name, "create", [values])
            before = self._check(
                failures, name, role, f"create {sorted(values)}", outcome, before, refused=True
            )
        return before

    def _required_values(self, model):
        """Values for the required fields of ``model`` (another holding's records for links
        to customers' records), so that a create reaches the access checks."""
        values = {}
        for name, field in self.env[model]._fields.items():
            if not field.required or not field.store or field.related or field.compute:
                continue
            if name in models.MAGIC_COLUMNS or field.default:
                continue
            if field.type == "many2one":
                kind = HOLDING_COMODELS.get(field.comodel_name)
                record = self.foreign.get(kind) if kind else None
                record = record or self.env[field.comodel_name].sudo().search([], limit=1)
                values[name] = record.id
            elif field.type in ("char", "text", "html"):
                values[name] = PROBE_TEXT
            elif field.type == "selection":
                values[name] = field.get_values(self.env)[0]
            elif field.type in ("integer", "float", "monetary"):
                values[name] = 1
            elif field.type == "boolean":
                values[name] = True
        return values

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

    def _public_methods(self):
        """{"model.method"} of every RPC-callable method our addons define on a model."""
        found = set()
        for name in self.env.registry:
            cls = type(self.env[name])
            for klass in cls.mro():
                module = klass.__module__.split(".")
                if module[:2] != ["odoo", "addons"] or module[2] not in OUR_MODULES:
                    continue
                for attr, value in vars(klass).items():
                    if attr.startswith("_") or not inspect.isfunction(value):
                        continue
                    if any(
                        getattr(getattr(k, attr, None), "_api_private", False) for k in cls.mro()
                    ):
                        continue
                    found.add(f"{name}.{attr}")
        return found

    def test_every_public_method_is_classified(self):
        """A new public method of ours is an RPC endpoint: it must be classified."""
        failures = Failures(self)
        found = self._public_methods()
        for name in sorted(found - bc.RPC_METHODS.keys()):
            failures.add(name, None, "-", "public (RPC) method not classified in RPC_METHODS")
        for name in sorted(bc.RPC_METHODS.keys() - found):
            failures.add(name, None, "-", "classified but not a public method any more: remove it")
        failures.cases = len(found)
        _logger.info("boundary public methods: %d RPC methods of our addons", len(found))
        failures.check("public methods")

    def test_public_methods_refuse_customers(self):
        """Back-office buttons called over RPC by a customer on another holding's record are
        refused; no public method of ours crashes or writes for a customer."""
        failures = Failures(self)
        before = self.fingerprint()
        for role in (bc.HEAD, bc.BUYER):
            self.login(role)
            for name, spec in sorted(bc.RPC_METHODS.items()):
                if spec["kind"] in (bc.ORM, bc.FORMAT):
                    continue
                model, method_name = name.rsplit(".", 1)
                record = self.foreign.get(spec["record"]) if spec["record"] else None
                args = [record.ids] if record is not None else []
                if record is None and not self._is_model_method(model, method_name):
                    # Configuration or a wizard: any record there is (none for a wizard).
                    args = [self.env[model].sudo().search([], limit=1).ids]
                outcome = self.rpc(model, method_name, *args)
                before = self._check(
                    failures,
                    name,
                    role,
                    f"{args}",
                    outcome,
                    before,
                    refused=spec["kind"] == bc.BUTTON and record is not None,
                )
        failures.check("public methods over RPC")

    def _is_model_method(self, model, method_name):
        return getattr(getattr(type(self.env[model]), method_name), "_api_model", False)
