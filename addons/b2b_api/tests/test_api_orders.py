import json

from odoo.tests import tagged

from .common import ApiCase


@tagged("post_install", "-at_install")
class TestApiOrders(ApiCase):
    """Orders through the API: the portal's cart and checkout, per-line errors, dry runs,
    idempotent retries, and nothing made when anything is wrong."""

    def _lines(self, *lines):
        return [
            {"article": article, "warehouse": warehouse, "quantity": quantity}
            for article, warehouse, quantity in lines
        ]

    def _order(self, lines, key=None, idempotency=None, **body):
        headers = {"Idempotency-Key": idempotency} if idempotency else {}
        return self.api(
            "POST",
            "/orders",
            key or self.order_key,
            headers=headers,
            json={"entity": self.main.id, "lines": lines, **body},
        )

    def test_order_goes_through_the_portal_checkout(self):
        response = self._order(
            self._lines(("API-NORDIC-16", self.wh_msk.id, 8), ("API-SUMMER-15", "MSK", 2)),
            client_order_ref="PO-77",
        )
        self.assertEqual(response.status_code, 201, response.text)
        answer = response.json()
        order = self.env["sale.order"].browse(answer["id"])
        self.assertEqual(order.partner_id, self.main)
        self.assertEqual(order.client_order_ref, "PO-77")
        self.assertEqual(order.b2b_buyer_id, self.head.partner_id)
        self.assertFalse(order.website_id, "an API order is not the portal's cart")
        self.assertEqual(answer["b2b_state"], order.b2b_state)
        self.assertNotEqual(order.b2b_state, "cart")
        self.assertEqual(
            sorted((line["article"], line["quantity"]) for line in answer["lines"]),
            [("API-NORDIC-16", 8.0), ("API-SUMMER-15", 2.0)],
        )
        prices = self.env["b2b.pricing"].net_prices(self.main, self.nordic | self.summer)
        by_article = {line["article"]: line for line in answer["lines"]}
        self.assertAlmostEqual(by_article["API-NORDIC-16"]["price_unit"], prices[self.nordic.id])
        # The order reads back through the API, with its shipments.
        detail = self.api("GET", f"/orders/{order.id}", self.order_key).json()
        self.assertEqual(detail["name"], order.name)
        self.assertEqual(
            {shipment["id"] for shipment in detail["shipments"]},
            set(order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing").ids),
        )
        # Its invoice for payment, as the portal prints it.
        self.assertIn({"kind": "payment_invoice", "id": order.id}, detail["documents"])
        document = self.api("GET", f"/orders/{order.id}/documents/payment_invoice", self.order_key)
        self.assertEqual(document.status_code, 200, document.text[:300])
        self.assertEqual(document.headers["Content-Type"], "application/pdf")
        self.assertTrue(document.content)
        self.assertError(
            self.api("GET", f"/orders/{order.id}/documents/upd", self.order_key), 404, "not_found"
        )

    def test_shipment_with_tracking_number_and_its_upd(self):
        response = self._order(self._lines(("API-SUMMER-15", self.wh_msk.id, 3)))
        self.assertEqual(response.status_code, 201, response.text)
        order = self.env["sale.order"].browse(response.json()["id"])
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        picking.carrier_tracking_ref = "CDEK-1234567"
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        detail = self.api("GET", f"/orders/{order.id}", self.order_key).json()
        self.assertEqual(
            [(s["state"], s["tracking_ref"]) for s in detail["shipments"]],
            [("done", "CDEK-1234567")],
        )
        forms = picking._b2b_shipping_forms()
        self.assertTrue(forms)
        for form in forms:
            self.assertIn({"kind": form, "id": picking.id}, detail["documents"])
            document = self.api(
                "GET",
                f"/orders/{order.id}/documents/{form}?document_id={picking.id}",
                self.order_key,
            )
            self.assertEqual(document.status_code, 200, document.text[:300])
        events = self.api("GET", "/events?limit=500", self.order_key).json()["items"]
        shipped = [e for e in events if e["kind"] == "order.shipped" and e["order_id"] == order.id]
        self.assertEqual(shipped[0]["data"]["tracking_ref"], "CDEK-1234567")

    def test_bad_lines_refuse_the_whole_order_and_make_nothing(self):
        before = self._orders_of(self.main)
        response = self._order(
            self._lines(
                ("API-SUMMER-15", self.wh_msk.id, 2),  # fine
                ("API-SUMMER-15", self.wh_msk.id, 0),
                ("API-NORDIC-16", self.wh_msk.id, 6),  # pack of 4
                ("API-SUMMER-15", self.wh_spb.id, 1),  # St. Petersburg: not the region's
                ("NO-SUCH-TYRE", self.wh_msk.id, 4),
                ("API-NORDIC-16", "NOWHERE", 4),
                ("API-SUMMER-15", self.wh_msk.id, -3),
            )
        )
        error = self.assertError(response, 422, "order_lines_invalid")
        codes = {detail["line"]: detail["code"] for detail in error["details"]}
        self.assertEqual(
            codes,
            {
                1: "invalid_quantity",
                2: "pack_size",
                3: "warehouse_not_in_region",
                4: "unknown_article",
                5: "unknown_warehouse",
                6: "invalid_quantity",
            },
        )
        self.assertTrue(all(detail["message"] for detail in error["details"]))
        self.assertEqual(self._orders_of(self.main), before, "no order nor cart is left")

    def test_more_than_the_stock_is_refused(self):
        before = self._orders_of(self.main)
        response = self._order(self._lines(("API-SUMMER-15", self.wh_msk.id, 31)))
        error = self.assertError(response, 422, "order_lines_invalid")
        self.assertEqual(error["details"][0]["code"], "insufficient_stock")
        self.assertEqual(self._orders_of(self.main), before)

    def test_dry_run_prices_and_makes_nothing(self):
        before = self._orders_of(self.main)
        response = self._order(self._lines(("API-NORDIC-16", self.wh_msk.id, 4)), dry_run=True)
        self.assertEqual(response.status_code, 200, response.text)
        answer = response.json()
        self.assertTrue(answer["dry_run"])
        self.assertTrue(answer["accepted"])
        self.assertEqual(answer["errors"], [])
        self.assertGreater(answer["amount_total"], 0)
        self.assertEqual(answer["lines"][0]["quantity"], 4)
        self.assertEqual(self._orders_of(self.main), before)

    def test_idempotent_retry_makes_one_order(self):
        lines = self._lines(("API-SUMMER-15", self.wh_msk.id, 1))
        first = self._order(lines, idempotency="po-2026-0001")
        self.assertEqual(first.status_code, 201, first.text)
        count = self._orders_of(self.main)
        again = self._order(lines, idempotency="po-2026-0001")
        self.assertEqual(again.status_code, 201)
        self.assertEqual(again.json(), first.json())
        self.assertEqual(self._orders_of(self.main), count, "the retry made no second order")
        other = self._order(
            self._lines(("API-SUMMER-15", self.wh_msk.id, 2)), idempotency="po-2026-0001"
        )
        self.assertError(other, 409, "idempotency_conflict")
        self.assertEqual(self._orders_of(self.main), count)
        # Another key may use the same Idempotency-Key: keys are per API key.
        kolesa = self.api(
            "POST",
            "/orders",
            self.kolesa_key,
            headers={"Idempotency-Key": "po-2026-0001"},
            json={"lines": lines, "dry_run": True},
        )
        self.assertNotEqual(kolesa.status_code, 409, kolesa.text)

    def test_read_only_key_cannot_order(self):
        before = self._orders_of(self.main)
        response = self._order(self._lines(("API-SUMMER-15", self.wh_msk.id, 1)), key=self.read_key)
        self.assertError(response, 403, "read_only_key")
        self.assertEqual(self._orders_of(self.main), before)

    def test_entity_out_of_scope_cannot_order(self):
        before = self._orders_of(self.kolesa)
        response = self.api(
            "POST",
            "/orders",
            self.order_key,
            json={"entity": self.kolesa.id, "lines": self._lines(("API-SUMMER-15", "MSK", 1))},
        )
        self.assertError(response, 403, "entity_not_in_scope")
        self.assertEqual(self._orders_of(self.kolesa), before)

    def test_malformed_bodies_are_4xx(self):
        before = self._orders_of(self.main)
        for body in (
            "{not json",
            "[]",
            json.dumps({"entity": self.main.id, "lines": "many"}),
            json.dumps({"entity": self.main.id, "lines": [{"article": 5}]}),
            json.dumps({"entity": self.main.id, "lines": [], "unknown": 1}),
            json.dumps(
                {
                    "entity": self.main.id,
                    "lines": [{"article": "A", "warehouse": 1, "quantity": "x"}],
                }
            ),
        ):
            response = self.api(
                "POST",
                "/orders",
                self.order_key,
                data=body,
                headers={"Content-Type": "application/json"},
            )
            self.assertError(response, 422, "validation_error")
        self.assertEqual(self._orders_of(self.main), before)

    def test_every_refused_body_is_answered_in_the_api_format(self):
        """a2wsgi used to drop about one app error in a hundred (the app ended before its
        error was queued): the dispatcher then had no response and answered 500."""
        body = json.dumps({"entity": self.main.id, "lines": "many"})
        statuses = [
            self.api(
                "POST",
                "/orders",
                self.order_key,
                data=body,
                headers={"Content-Type": "application/json"},
            ).status_code
            for _attempt in range(300)
        ]
        self.assertEqual(set(statuses), {422}, statuses)

    def test_batch_over_the_limit(self):
        lines = self._lines(*[("API-SUMMER-15", self.wh_msk.id, 1)] * 501)
        self.assertError(self._order(lines), 413, "batch_too_large")
        response = self.api(
            "POST",
            "/stock-prices",
            self.order_key,
            json={"entity": self.main.id, "articles": [f"A{i}" for i in range(2001)]},
        )
        self.assertError(response, 413, "batch_too_large")
        response = self.api("GET", f"/catalog?entity={self.main.id}&limit=501", self.order_key)
        self.assertError(response, 413, "batch_too_large")
