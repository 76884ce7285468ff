"""Role matrix: head / buyer / accountant / unconfirmed × every page and action of our
addons, with the role's own records of its own holding.

A role listed in the route's ``roles`` (boundary_classification.OUR_ROUTES) is served: a
page answers 200, an action does not refuse (2xx or a redirect, a message is fine). Any
other role is refused: 403/404 (a JSON refusal for JSON routes) or a redirect that wrote
nothing. Never a server error.
"""

import base64
import logging
import re
import time

from odoo import Command
from odoo.tests import tagged

from . import boundary_classification as bc
from .boundary_common import REDIRECTS, BoundaryCase, Failures

_logger = logging.getLogger(__name__)

# Actions that use up their record: run after everything else of the role.
LAST = ("delete", "remove", "cancel", "checkout", "rfq", "accept", "decline", "reject", "approve")
REFUSALS = frozenset(
    {
        "odoo.exceptions.AccessError",
        "werkzeug.exceptions.NotFound",
        "werkzeug.exceptions.Forbidden",
        "odoo.http.SessionExpiredException",
    }
)


ALERT = re.compile(
    r'class="alert alert-(?:danger|warning|success|info)[^"]*"[^>]*>(.*?)</div>', re.S
)
TAG = re.compile(r"<[^>]+>")


def _alert(text):
    """The error or warning a page shows, to say why it was served."""
    match = ALERT.search(text or "")
    return f": {' '.join(TAG.sub(' ', match.group(1)).split())[:120]}" if match else ""


@tagged("post_install", "-at_install")
class TestRoleMatrix(BoundaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        entity = cls.own_entity
        contact = cls.env["res.partner"].create(
            {"name": "Зонд Контактов", "email": "probe-contact@example.com", "parent_id": entity.id}
        )
        cls.env["b2b.entity.access"].create(
            {"contact_id": contact.id, "entity_id": entity.id, "role": "buyer", "confirmed": False}
        )
        common = {
            "entity": entity,
            "entity2": ref("b2b_portal.entity_shintorg_region"),
            "holding": cls.own_holding,
            "address": ref("b2b_portal.delivery_shintorg_main_khimki"),
            "contact": contact,
            "user": cls.users[bc.BUYER],
        }
        warehouse = ref("tyre_catalog.warehouse_moscow")
        # A confirmed order of the entity with a done delivery (demo history): the head reads
        # it and its UPD; the other roles get their own confirmed order below.
        shipped = cls.env["stock.picking"].search(
            [
                ("sale_id.partner_id", "=", entity.id),
                ("state", "=", "done"),
                ("picking_type_code", "=", "outgoing"),
            ],
            limit=1,
        )
        common["picking"] = shipped
        # A done delivery of the entity whose contract asks for TORG-12 + VAT invoice.
        logistic = ref("b2b_portal.entity_shintorg_logistic")
        torg12 = cls.env["stock.picking"].search(
            [
                ("partner_id.commercial_partner_id", "=", logistic.id),
                ("b2b_shipping_documents", "=", "torg12_invoice"),
            ],
            limit=1,
        )
        common["torg12_picking"] = torg12
        contract = cls.env["b2b.contract"]._active_for(entity)[entity.id]
        common["contract"] = contract
        common["contract_file"] = cls.env["ir.attachment"].create(
            {
                "name": "Договор ШинТорг.pdf",
                "res_model": "b2b.contract",
                "res_id": contract.id,
                "raw": b"%PDF-1.4 contract",
            }
        )
        common["torg12_order"] = torg12.sale_id
        common["claim"] = cls._claim(entity, shipped.sale_id, "ШинТорг")
        common["api_key"] = cls.env["b2b.api.key"]._b2b_create_for(
            cls.users[bc.HEAD], "Учётная система ШинТорг", entity, "order"
        )[0]
        cls.own = {}
        for role in bc.PORTAL_ROLES:
            user = cls.users[role if role != bc.ACCOUNTANT else bc.HEAD]
            records = dict(common)
            records["order"] = cls._sale_order(entity, user, cls.product, b2b_state="queue")
            records["proposal"] = cls._sale_order(
                entity, user, cls.product, b2b_state="proposal", state="sent"
            )
            records["cart"] = cls._sale_order(entity, user, cls.product, b2b_state="cart")
            records["pending"] = cls._sale_order(
                entity, cls.users[bc.BUYER], cls.product, b2b_state="approval"
            )
            records["cart_line"] = records["cart"].order_line[:1]
            if role == bc.HEAD:
                records["confirmed"] = shipped.sale_id
            else:
                records["confirmed"] = cls._sale_order(
                    entity, user, cls.product, b2b_state="processed", state="sale"
                )
            records["saved_cart"] = cls.env["b2b.saved.cart"].create(
                {
                    "name": f"Сохранённая {role}",
                    "entity_id": entity.id,
                    "owner_id": user.partner_id.id,
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": cls.product.id,
                                "warehouse_id": warehouse.id,
                                "quantity": 4,
                            }
                        )
                    ],
                }
            )
            records["job"] = cls.env["b2b.portal.job"].create(
                {
                    "kind": "pricelist",
                    "user_id": user.id,
                    "entity_id": entity.id,
                    "state": "done",
                    "result_file": base64.b64encode(b"probe"),
                    "result_filename": "probe.txt",
                    "result_mimetype": "text/plain",
                }
            )
            cls.own[role] = records
        cls.own_watch = {
            "partners": cls.env["res.partner"].search([("id", "child_of", cls.own_holding.id)]).ids,
            "users": [user.id for user in cls.users.values()],
            "channels": [],
            "filters": [],
        }

    def test_role_matrix(self):
        started = time.time()
        routes = self.routes()
        failures = Failures(self)
        ours = sorted(
            (rule for rule, spec in bc.OUR_ROUTES.items() if rule in routes),
            key=lambda rule: (any(word in rule for word in LAST), rule),
        )
        for role in bc.PORTAL_ROLES:
            self.login(role)
            records = self.own[role]
            for rule in ours:
                spec = bc.OUR_ROUTES[rule]
                info = routes[rule]
                allowed = role in spec["roles"]
                url = self.url(rule, spec["ids"], records)
                for variant in spec["variants"]:
                    params = self.resolve(dict(variant), records)
                    before = self.fingerprint(self.own_watch)
                    outcome = self.send(url, info["type"], info["methods"], params, spec["method"])
                    failures.cases += 1
                    detail = f"{url} {params}"[:200] if params else url
                    verdict = self._verdict(outcome, allowed, info, before)
                    if verdict:
                        expected = "allowed" if allowed else "refused"
                        failures.add(rule, role, detail, f"{expected}, but {verdict}")
        _logger.info(
            "boundary role matrix: %d routes x %d roles, %d cases in %.1f s",
            len(ours),
            len(bc.PORTAL_ROLES),
            failures.cases,
            time.time() - started,
        )
        failures.check("role matrix")

    def _verdict(self, outcome, allowed, info, before):
        """What is wrong with ``outcome``, or None."""
        if outcome.server_error:
            return f"server error ({outcome.describe()})"
        json_refusal = outcome.json_error in REFUSALS
        if allowed:
            if outcome.status in (401, 403, 404) or json_refusal:
                return f"refused ({outcome.describe()})"
            if outcome.status in REDIRECTS and "/web/login" in outcome.location:
                return f"sent to the login page ({outcome.describe()})"
            page = "GET" in info["methods"] or "ANY" in info["methods"]
            if page and info["type"] == "http" and outcome.status != 200:
                return f"not served ({outcome.describe()})"
            return None
        if outcome.status in (401, 403, 404) or outcome.json_error:
            return None
        if outcome.status in REDIRECTS:
            written, _after = self.written(before, self.own_watch)
            return f"redirected after writing {written}" if written else None
        return f"served ({outcome.describe()}{_alert(outcome.text)})"
