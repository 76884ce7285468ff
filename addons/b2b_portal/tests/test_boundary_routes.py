"""Every HTTP route of the database is classified, and probed with another holding's ids.

See boundary_classification.py for the classification and boundary_common.py for what
each probe checks.
"""

import logging
import time

from odoo.tests import tagged

from . import boundary_classification as bc
from .boundary_common import PLACEHOLDER, BoundaryCase, Failures

_logger = logging.getLogger(__name__)

SHARED_KINDS = frozenset({"product", "template", "country"})


def _foreign_kinds(value):
    return {kind for kind in PLACEHOLDER.findall(str(value)) if kind not in SHARED_KINDS}


@tagged("post_install", "-at_install")
class TestBoundaryRoutes(BoundaryCase):
    def test_every_route_is_classified(self):
        routes = self.routes()
        failures = Failures(self)
        for rule, info in sorted(routes.items()):
            failures.cases += 1
            spec = bc.ROUTES.get(rule)
            where = f"{rule} (auth={'/'.join(sorted(map(str, info['auth'])))}, {info['type']})"
            if spec is None:
                failures.add(where, None, "-", "not classified in boundary_classification.py")
                continue
            if info["ours"] and spec["probe"] != bc.OURS:
                failures.add(where, None, "-", "declared by our addons: classify it in OUR_ROUTES")
            if spec["probe"] == bc.OURS and not info["ours"]:
                failures.add(where, None, "-", "in OUR_ROUTES but declared by a stock module")
            if spec["probe"] in bc.PROBED:
                for arg in info["args"]:
                    if arg not in spec["ids"]:
                        failures.add(where, None, arg, "URL argument without a record kind")
            for value in (spec["ids"], *spec["variants"]):
                for kind in PLACEHOLDER.findall(str(value)):
                    if kind not in bc.KINDS and kind not in SHARED_KINDS:
                        failures.add(where, None, kind, "unknown record kind")
        for rule in sorted(bc.ROUTES.keys() - routes.keys()):
            failures.add(rule, None, "-", "classified but no longer in the routing map: remove it")
        by_probe = {}
        for rule in routes:
            probe = bc.ROUTES.get(rule, {}).get("probe", "unclassified")
            by_probe[probe] = by_probe.get(probe, 0) + 1
        _logger.info(
            "boundary routes: %d routes enumerated (%d of our addons): %s",
            len(routes),
            sum(1 for info in routes.values() if info["ours"]),
            ", ".join(f"{count} {probe}" for probe, count in sorted(by_probe.items())),
        )
        failures.check("route classification")

    def _probe(self, label, probes, roles):
        """Probe every route classified as one of ``probes`` as each of ``roles`` with the
        other holding's records; report all failures at once."""
        started = time.time()
        routes = self.routes()
        failures = Failures(self)
        before = self.fingerprint()
        probed = set()
        for role in roles:
            self.login(role)
            for rule, info in sorted(routes.items()):
                spec = bc.ROUTES.get(rule)
                if not spec or spec["probe"] not in probes:
                    continue
                probed.add(rule)
                url = self.url(rule, spec["ids"], self.foreign)
                # Our routes answer another holding's record in the URL with a 404.
                refuse = spec["probe"] == bc.CLOSED or (
                    spec["probe"] == bc.OURS and _foreign_kinds(spec["ids"])
                )
                for variant in spec["variants"]:
                    params = self.resolve(dict(variant), self.foreign)
                    outcome = self.send(url, info["type"], info["methods"], params, spec["method"])
                    detail = f"{url} {params}" if params else url
                    before = self.check_outcome(
                        failures,
                        rule,
                        role,
                        detail[:200],
                        outcome,
                        before,
                        expect_refused=refuse,
                        sent=params,
                    )
                    if role != bc.PUBLIC and "/web/login" in outcome.location:
                        # The session must survive every probe (a route logging the user
                        # out would hide the failures of all the routes after it).
                        if not self._session_alive(role):
                            failures.add(rule, role, detail[:200], "ended the user's session")
                            self.login(role)
        _logger.info(
            "boundary %s: %d routes x %d roles, %d probes in %.1f s",
            label,
            len(probed),
            len(roles),
            failures.cases,
            time.time() - started,
        )
        failures.check(label)

    def _session_alive(self, role):
        outcome = self.send("/web/session/get_session_info", "jsonrpc", {"POST"}, {})
        return not outcome.json_error and outcome.status == 200

    def test_probes_see_what_they_look_for(self):
        """The checks are live: the owner of the records sees the markers on his own order
        page, and his own change of his address shows in the fingerprint."""
        self.login(None, login="kolesa.head")
        order = self.foreign["order"]
        outcome = self.send(f"/my/b2b/orders/{order.id}", "http", {"GET"})
        self.assertEqual(outcome.status, 200)
        self.assertIn(order.name, self.leaked(outcome))
        before = self.fingerprint()
        address = self.foreign["address"]
        self.env["res.users"].browse(
            self.foreign["user"].id
        ).b2b_current_entity_id = address.parent_id
        outcome = self.send(
            "/my/company/addresses/save",
            "http",
            {"POST"},
            {
                "address_id": address.id,
                "name": address.name,
                "street": "ул. Новая",
                "city": "Пушкин",
            },
        )
        self.assertLess(outcome.status, 400, outcome.describe())
        written, _after = self.written(before)
        self.assertIn("res_partner", written)

    def test_our_routes_refuse_foreign_ids(self):
        self._probe("our routes", {bc.OURS}, (bc.PUBLIC, *bc.PORTAL_ROLES))

    def test_stock_routes_keep_to_own_records(self):
        self._probe("stock business routes", {bc.BUSINESS}, (bc.PUBLIC, *bc.PORTAL_ROLES))

    def test_closed_routes_refuse_customers(self):
        self._probe("closed routes", {bc.CLOSED}, (bc.PUBLIC, bc.HEAD))

    def test_shared_routes_show_no_foreign_data(self):
        self._probe("shared routes", {bc.SHARED}, (bc.HEAD,))
