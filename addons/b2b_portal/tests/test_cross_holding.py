import json
import re

from odoo.tests import HttpCase, tagged

from .common import B2bDataMixin, CsrfMixin

OUR_MODULES = ("tyre_catalog", "b2b_pricing", "b2b_portal", "b2b_claims")
CONVERTER = re.compile(r"<(?:(?P<converter>[^:<>]+):)?(?P<name>[^<>]+)>")


@tagged("post_install", "-at_install")
class TestCrossHolding(CsrfMixin, B2bDataMixin, HttpCase):
    """The head of ШинТорг walks every portal route with ids of the Колёса holding."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kolesa_address = cls.env["res.partner"].create(
            {
                "name": "Склад Колёса на Седова",
                "type": "delivery",
                "parent_id": cls.kolesa.id,
                "street": "ул. Седова, д. 37",
                "city": "Санкт-Петербург",
            }
        )
        cls.kolesa_contact = cls.env.ref("b2b_portal.contact_elena")
        # Documents e-mailed to the other holding carry access tokens; a wrong one must fail.
        cls.order_kolesa._portal_ensure_token()
        cls.invoice_kolesa._portal_ensure_token()
        cls.foreign = {
            "order": cls.order_kolesa.id,
            "invoice": cls.invoice_kolesa.id,
            "move": cls.invoice_kolesa.id,
            "picking": cls.order_kolesa.picking_ids[:1].id,
            "address": cls.kolesa_address.id,
            "contact": cls.kolesa_contact.id,
            "entity": cls.kolesa.id,
            "partner": cls.kolesa.id,
            "user": cls.kolesa_head.id,
            "attachment": cls.document_kolesa.id,
        }
        # What must never show up in a page of another holding.
        cls.markers = [
            marker
            for marker in (
                cls.kolesa.name,
                cls.kolesa_address.name,
                cls.kolesa_contact.name,
                cls.order_kolesa.name,
                cls.invoice_kolesa.name,
                cls.document_kolesa.name,
            )
            if marker
        ]

    def _foreign_id(self, name):
        """(id, whether it is a record of the other holding) for a URL argument name."""
        if "product" in name:
            return self.product.id, False  # the catalog is shared, not a holding's record
        for key, value in self.foreign.items():
            if key in name:
                return value, True
        return self.order_kolesa.id, True

    def _routes(self):
        """(url rule, methods, type, ours) of every /my and /b2b route."""
        found = []
        for rule in self.env["ir.http"].routing_map().iter_rules():
            if not rule.rule.startswith(("/my", "/b2b")):
                continue
            func = rule.endpoint.func
            ours = any(
                cls.__module__.split(".")[2:3]
                and cls.__module__.split(".")[2] in OUR_MODULES
                and rule.rule
                in (getattr(cls.__dict__.get(func.__name__), "original_routing", {}) or {}).get(
                    "routes", []
                )
                for cls in type(func.__self__).mro()
                if cls.__module__.startswith("odoo.addons.")
            )
            # Odoo's own pages that take ids (documents); its JSON helpers are not data pages.
            core_page = rule.endpoint.routing.get("type") == "http" and CONVERTER.search(rule.rule)
            if ours or core_page:
                found.append((rule.rule, rule.methods, rule.endpoint.routing.get("type"), ours))
        return found

    def _url(self, rule):
        return CONVERTER.sub(lambda m: str(self._foreign_id(m.group("name"))[0]), rule)

    def _has_foreign_ids(self, rule):
        return any(self._foreign_id(m.group("name"))[1] for m in CONVERTER.finditer(rule))

    def _params(self):
        params = {f"{key}_id": value for key, value in self.foreign.items()}
        params["access_token"] = "not-the-token"
        return params

    def test_every_route_refuses_foreign_ids(self):
        routes = self._routes()
        ours = [route for route in routes if route[3]]
        self.assertTrue(
            any(rule == "/my/company/users/<int:contact_id>/remove" for rule, *_ in ours),
            "the walk must see the routes of this module",
        )
        self.authenticate(self.head.login, self.head.login)
        token = self.csrf_token()
        for rule, methods, route_type, is_ours in routes:
            url = self._url(rule)
            with self.subTest(route=rule):
                if route_type == "jsonrpc":
                    response = self.url_open(
                        url,
                        data=json.dumps(
                            {
                                "jsonrpc": "2.0",
                                "method": "call",
                                "params": self._params(),
                            }
                        ),
                        headers={"Content-Type": "application/json"},
                    )
                elif methods and "GET" not in methods:
                    response = self.url_open(
                        url,
                        data={"csrf_token": token, **self._params()},
                        allow_redirects=False,
                    )
                else:
                    response = self.url_open(url, params=self._params(), allow_redirects=False)
                self.assertLess(response.status_code, 500, f"{url} failed")
                body = response.text
                for marker in self.markers:
                    self.assertNotIn(marker, body, f"{url} shows data of another holding")
                if is_ours and self._has_foreign_ids(rule) and route_type != "jsonrpc":
                    self.assertIn(response.status_code, (303, 403, 404), url)

    def test_switching_to_a_foreign_entity_is_a_404(self):
        self.authenticate(self.head.login, self.head.login)
        self.url_open("/my")
        response = self.url_open(
            "/b2b/entity/switch",
            data={
                "csrf_token": self.csrf_token(),
                "entity_id": self.kolesa.id,
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertNotEqual(self.head.b2b_current_entity_id, self.kolesa)

    def test_buyer_cannot_forge_an_entity_she_may_not_act_for(self):
        self.authenticate(self.buyer.login, self.buyer.login)
        self.url_open("/my")
        response = self.url_open(
            "/b2b/entity/switch",
            data={
                "csrf_token": self.csrf_token(),
                "entity_id": self.logistic.id,
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        # A buyer manages no users, whatever she posts.
        response = self.url_open(
            "/my/company/users/save",
            data={
                "csrf_token": self.csrf_token(),
                "name": "Подставной",
                "email": "fake@x.demo",
                f"role_{self.main.id}": "head",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.env["res.partner"].search([("email", "=", "fake@x.demo")]))

    def test_head_sees_own_holding_pages(self):
        self.authenticate(self.head.login, self.head.login)
        page = self.url_open("/my/company")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.main.vat, page.text)
        self.assertIn(self.manager.name, page.text)
        self.assertNotIn(self.kolesa.name, page.text)
