from odoo.tests import HttpCase
from odoo.tools.translate import get_translation

API = "/api/v1"


class ApiCase(HttpCase):
    """The demo holdings with an API key each, tyres with stock in Moscow, and a client for
    /api/v1 speaking to the test server over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.seller = ref("tyre_catalog.company_seller")
        cls.env.user.company_ids |= cls.seller
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.seller.ids))
        cls.main = ref("b2b_portal.entity_shintorg_main")
        cls.region = ref("b2b_portal.entity_shintorg_region")
        cls.kolesa = ref("b2b_portal.entity_kolesa_main")
        cls.head = ref("b2b_portal.demo_user_shintorg_head")
        cls.kolesa_head = ref("b2b_portal.demo_user_kolesa_head")
        cls.wh_msk = ref("tyre_catalog.warehouse_moscow")
        cls.wh_spb = ref("tyre_catalog.warehouse_spb")
        # Many requests per test: the rate limit has a test of its own.
        cls.env["ir.config_parameter"].sudo().set_param("b2b_api.rate_limit", "100000")
        for entity in (cls.main, cls.region, cls.kolesa):
            cls._contract(entity)
        cls.nordic = cls._product("API-NORDIC-16", 6100.0, pack=4)
        cls.summer = cls._product("API-SUMMER-15", 4200.0)
        cls._stock(cls.nordic, cls.wh_msk, 40)
        cls._stock(cls.summer, cls.wh_msk, 30)
        cls._stock(cls.summer, cls.wh_spb, 30)
        Key = cls.env["b2b.api.key"]
        cls.order_key_sudo, cls.order_key = Key._b2b_create_for(
            cls.head, "1С", cls.main | cls.region, "order"
        )
        cls.read_key_sudo, cls.read_key = Key._b2b_create_for(cls.head, "BI", cls.main, "read")
        cls.kolesa_key_sudo, cls.kolesa_key = Key._b2b_create_for(
            cls.kolesa_head, "ERP", cls.kolesa, "order"
        )

    @classmethod
    def _contract(cls, entity):
        """A contract in force with room for the test orders."""
        Contract = cls.env["b2b.contract"]
        contract = Contract._active_for(entity).get(entity.id)
        if not contract:
            contract = Contract.create(
                {"name": f"Д-API-{entity.id}", "partner_id": entity.id, "company_id": cls.seller.id}
            )
            contract.action_activate()
        contract.write(
            {"is_prepayment": False, "overdue_tolerance_days": 365, "credit_limit": 50_000_000}
        )

    @classmethod
    def _product(cls, code, price, pack=1):
        return cls.env["product.product"].create(
            {
                "name": f"Шина {code}",
                "default_code": code,
                "list_price": price,
                "is_storable": True,
                "invoice_policy": "order",
                "b2b_pack_multiple": pack,
                "taxes_id": [(6, 0, cls.seller.account_sale_tax_id.ids)],
                "company_id": False,
            }
        )

    @classmethod
    def _stock(cls, product, warehouse, quantity):
        cls.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, quantity)

    def api(self, method, path, key=None, lang=None, headers=None, **kwargs):
        """The answer of the API to ``method path`` with ``key`` (Bearer)."""
        headers = dict(headers or {})
        if key:
            headers["Authorization"] = f"Bearer {key}"
        if lang:
            headers["Accept-Language"] = lang
        return self.opener.request(
            method, self.base_url() + API + path, headers=headers, timeout=120, **kwargs
        )

    def assertError(self, response, status, code):
        """``response`` is the API's error ``code`` with HTTP ``status``; returns its body."""
        self.assertEqual(response.status_code, status, response.text)
        body = response.json()
        self.assertEqual(body["error"]["code"], code, body)
        self.assertTrue(body["error"]["message"])
        return body["error"]

    @staticmethod
    def _said(source, module="b2b_api", **values):
        """``source`` as the API says it by default: in Russian (the English text while the
        addon's ru.po lacks it)."""
        return get_translation(module, "ru_RU", source, values)

    def _orders_of(self, entity):
        return self.env["sale.order"].search_count([("partner_id", "=", entity.id)])
