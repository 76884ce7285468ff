from odoo.tests import tagged

from .common import ApiCase


@tagged("post_install", "-at_install")
class TestApiReading(ApiCase):
    """Keys, scope and what a key reads: catalog, stock and prices, warehouses, orders."""

    def test_no_unknown_or_revoked_key_gets_in(self):
        self.assertError(self.api("GET", "/warehouses"), 401, "unauthorized")
        self.assertError(self.api("GET", "/warehouses", "b2b_" + "x" * 43), 401, "unauthorized")
        response = self.api("GET", "/warehouses", headers={"X-Api-Key": self.read_key})
        self.assertEqual(response.status_code, 200, response.text)
        self.read_key_sudo._b2b_revoke()
        self.assertError(self.api("GET", "/warehouses", self.read_key), 401, "unauthorized")

    def test_holding_never_sees_another_holding(self):
        mine = self.env["sale.order"].search(
            [("partner_id", "=", self.main.id), ("b2b_state", "!=", "cart")], limit=1
        )
        self.assertTrue(mine, "the demo history has orders of «ШинТорг»")
        kolesa = self.kolesa_key
        self.assertError(self.api("GET", f"/orders/{mine.id}", kolesa), 404, "not_found")
        self.assertError(
            self.api("GET", f"/orders/{mine.id}/documents/payment_invoice", kolesa),
            404,
            "not_found",
        )
        self.assertError(
            self.api("GET", f"/warehouses?entity={self.main.id}", kolesa),
            403,
            "entity_not_in_scope",
        )
        self.assertError(
            self.api("GET", f"/catalog?entity={self.main.vat}", kolesa), 403, "entity_not_in_scope"
        )
        listed = self.api("GET", "/orders?limit=500", kolesa).json()["items"]
        self.assertTrue(listed)
        self.assertEqual({order["entity_id"] for order in listed}, {self.kolesa.id})
        # The key of «ШинТорг» sees its order, and only the entities of its scope.
        self.assertEqual(self.api("GET", f"/orders/{mine.id}", self.order_key).status_code, 200)
        listed = self.api("GET", "/orders?limit=500", self.read_key).json()["items"]
        self.assertEqual({order["entity_id"] for order in listed}, {self.main.id})

    def test_entity_by_id_or_inn_and_required_when_several(self):
        by_inn = self.api("GET", f"/warehouses?entity={self.main.vat}", self.order_key)
        self.assertEqual(by_inn.status_code, 200, by_inn.text)
        self.assertEqual(
            [warehouse["id"] for warehouse in by_inn.json()],
            self.env["sale.order"]._b2b_region_warehouses(self.main).ids,
        )
        self.assertError(self.api("GET", "/warehouses", self.order_key), 422, "entity_required")
        # A key of one entity needs none.
        self.assertEqual(self.api("GET", "/warehouses", self.read_key).status_code, 200)

    def test_stock_and_prices_of_a_batch(self):
        response = self.api(
            "POST",
            "/stock-prices",
            self.order_key,
            json={"entity": self.main.id, "articles": ["API-NORDIC-16", "api-summer-15", "NOPE"]},
        )
        self.assertEqual(response.status_code, 200, response.text)
        answer = response.json()
        self.assertEqual([error["article"] for error in answer["errors"]], ["NOPE"])
        self.assertEqual(answer["errors"][0]["code"], "unknown_article")
        items = {item["code"]: item for item in answer["items"]}
        prices = self.env["b2b.pricing"].net_prices(self.main, self.nordic | self.summer)
        self.assertAlmostEqual(items["API-NORDIC-16"]["net_price"], prices[self.nordic.id])
        self.assertEqual(items["API-NORDIC-16"]["pack_size"], 4)
        free = self.env["sale.order"]._b2b_free_stock(self.summer.ids, self.wh_msk.ids)
        stock = {
            level["warehouse_id"]: level["quantity"] for level in items["API-SUMMER-15"]["stock"]
        }
        self.assertEqual(stock[self.wh_msk.id], int(free[(self.summer.id, self.wh_msk.id)]))
        self.assertNotIn(self.wh_spb.id, stock, "only the warehouses of the entity's region")

    def test_catalog_pages_do_not_overlap(self):
        seen, cursor = [], None
        for _page in range(3):
            query = f"/catalog?entity={self.main.id}&limit=5" + (
                f"&cursor={cursor}" if cursor else ""
            )
            response = self.api("GET", query, self.read_key)
            self.assertEqual(response.status_code, 200, response.text)
            page = response.json()
            self.assertEqual(len(page["items"]), 5)
            seen += [item["product_id"] for item in page["items"]]
            cursor = page["next_cursor"]
            self.assertTrue(cursor)
        self.assertEqual(len(seen), len(set(seen)))
        self.assertEqual(seen, sorted(seen))
        item = page["items"][0]
        for field in ("article", "brand", "season", "picture_url", "pack_size", "net_price"):
            self.assertIn(field, item)
        self.assertError(
            self.api("GET", f"/catalog?entity={self.main.id}&cursor=garbage", self.read_key),
            422,
            "invalid_cursor",
        )

    def test_catalog_filters_like_the_portal(self):
        response = self.api("GET", "/catalog?width=205&season=winter&limit=500", self.read_key)
        self.assertEqual(response.status_code, 200, response.text)
        items = response.json()["items"]
        self.assertTrue(items)
        self.assertTrue(all(i["width"] == 205 and i["season"] == "winter" for i in items))
        future = self.api("GET", "/catalog?changed_since=2999-01-01T00:00:00Z", self.read_key)
        self.assertEqual(future.json()["items"], [])

    def test_messages_in_russian_or_english(self):
        source = "This key does not act for the legal entity %(entity)s."
        english = self.api("GET", "/warehouses?entity=1", self.read_key, lang="en-US,en;q=0.9")
        self.assertEqual(
            self.assertError(english, 403, "entity_not_in_scope")["message"],
            source % {"entity": "1"},
        )
        default = self.api("GET", "/warehouses?entity=1", self.read_key)
        self.assertEqual(
            self.assertError(default, 403, "entity_not_in_scope")["message"],
            self._said(source, entity="1"),
        )

    def test_rate_limit_per_key(self):
        self.env["ir.config_parameter"].sudo().set_param("b2b_api.rate_limit", "3")
        # Seven quick requests span at most two windows of ten seconds: one gets four.
        responses = [self.api("GET", "/warehouses", self.read_key) for _i in range(7)]
        limited = [response for response in responses if response.status_code == 429]
        self.assertTrue(limited, [response.status_code for response in responses])
        self.assertError(limited[0], 429, "rate_limited")
        self.assertGreaterEqual(int(limited[0].headers["Retry-After"]), 1)
        self.assertLessEqual(int(limited[0].headers["Retry-After"]), 10)
        # Another key is counted apart.
        self.assertEqual(self.api("GET", "/warehouses", self.kolesa_key).status_code, 200)

    def test_openapi_document_states_the_limits(self):
        response = self.opener.get(self.base_url() + "/api/v1/openapi.json", timeout=60)
        self.assertEqual(response.status_code, 200)
        spec = response.json()
        self.assertIn("/orders", spec["paths"])
        self.assertIn("2000", spec["paths"]["/stock-prices"]["post"]["description"])
        self.assertIn("500", spec["paths"]["/orders"]["post"]["description"])
