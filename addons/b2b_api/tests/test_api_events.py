import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..lib.signature import SIGNATURE_HEADER, verify
from .common import ApiCase


class _Receiver(BaseHTTPRequestHandler):
    """A distributor's webhook endpoint: records each delivery, answers the queued statuses
    (then 200)."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((self.headers.get(SIGNATURE_HEADER), body))
        status = self.server.answers.pop(0) if self.server.answers else 200
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@tagged("post_install", "-at_install")
class TestApiEvents(ApiCase):
    """Order events: the feed per key scope, and webhooks signed and retried."""

    def setUp(self):
        super().setUp()
        self.receiver = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
        self.receiver.received, self.receiver.answers = [], []
        thread = threading.Thread(target=self.receiver.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(thread.join, 5)
        self.addCleanup(self.receiver.server_close)
        self.addCleanup(self.receiver.shutdown)

    def _place_order(self):
        response = self.api(
            "POST",
            "/orders",
            self.order_key,
            json={
                "entity": self.main.id,
                "lines": [{"article": "API-SUMMER-15", "warehouse": "MSK", "quantity": 2}],
            },
        )
        self.assertEqual(response.status_code, 201, response.text)
        return self.env["sale.order"].browse(response.json()["id"])

    def test_feed_of_the_key_scope(self):
        order = self._place_order()
        self.assertEqual(order.state, "sale")
        page = self.api("GET", "/events", self.order_key).json()
        mine = [event for event in page["items"] if event["order_id"] == order.id]
        self.assertIn("order.confirmed", [event["kind"] for event in mine])
        self.assertTrue(page["next_cursor"])
        # Polling from the cursor gives nothing old again.
        again = self.api("GET", f"/events?cursor={page['next_cursor']}", self.order_key).json()
        self.assertFalse({event["id"] for event in again["items"]} & {e["id"] for e in mine})
        # Another holding never sees them.
        theirs = self.api("GET", "/events?limit=500", self.kolesa_key).json()["items"]
        self.assertFalse([event for event in theirs if event["order_id"] == order.id])
        self.assertTrue(all(event["entity_id"] == self.kolesa.id for event in theirs))

    def test_webhook_to_a_local_address_is_refused(self):
        url = f"http://127.0.0.1:{self.receiver.server_port}/b2b-events"
        with self.assertRaises(UserError):
            self.order_key_sudo._b2b_set_webhook(url)
        with self.assertRaises(UserError):
            self.order_key_sudo._b2b_set_webhook("ftp://erp.example.ru/")
        self.assertFalse(self.order_key_sudo.webhook_url)

    def test_webhook_signed_and_retried_after_an_error(self):
        # The receiver runs on the loopback: allowed for this test only.
        self.env["ir.config_parameter"].sudo().set_param("b2b_api.webhook_allow_private", "1")
        url = f"http://127.0.0.1:{self.receiver.server_port}/b2b-events"
        self.order_key_sudo._b2b_set_webhook(url)
        self.receiver.answers = [500]
        order = self._place_order()
        Delivery = self.env["b2b.api.webhook.delivery"]
        deliveries = Delivery.search(
            [("key_id", "=", self.order_key_sudo.id), ("event_id.order_id", "=", order.id)]
        )
        self.assertTrue(deliveries)
        Delivery._b2b_deliver_due()
        self.assertEqual(len(self.receiver.received), len(deliveries))
        failed = deliveries.filtered(lambda d: d.state == "pending")
        self.assertEqual(len(failed), 1, "the receiver failed the first delivery only")
        self.assertEqual((failed.attempts, failed.last_status), (1, 500))
        self.assertGreater(failed.next_attempt, fields.Datetime.now(), "retried later")
        Delivery._b2b_deliver_due()
        self.assertEqual(failed.attempts, 1, "not before its time")
        failed.next_attempt = fields.Datetime.now() - timedelta(seconds=1)
        Delivery._b2b_deliver_due()
        self.assertEqual(set(deliveries.mapped("state")), {"done"})
        self.assertEqual(failed.attempts, 2)
        secret = self.order_key_sudo.sudo().webhook_secret
        for signature, body in self.receiver.received:
            self.assertTrue(verify(secret, signature, body, now=int(time.time())))
        self.assertIn(b"order.confirmed", b"".join(body for _s, body in self.receiver.received))
