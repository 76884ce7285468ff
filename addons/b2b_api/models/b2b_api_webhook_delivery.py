import json
import logging
import time
from datetime import timedelta

import requests

from odoo import api, fields, models

from ..lib.backoff import next_delay
from ..lib.signature import SIGNATURE_HEADER, sign

_logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
BATCH = 100


class B2bApiWebhookDelivery(models.Model):
    """One event to push to one key's webhook URL: tried by a cron, retried with exponential
    back-off (lib/backoff.py) until the receiver answers 2xx, then given up."""

    _name = "b2b.api.webhook.delivery"
    _description = "API Webhook Delivery"
    _order = "id"

    event_id = fields.Many2one("b2b.api.event", required=True, ondelete="cascade", index=True)
    key_id = fields.Many2one("b2b.api.key", required=True, ondelete="cascade", index=True)
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Delivered"), ("failed", "Given up")],
        default="pending",
        required=True,
        index=True,
    )
    attempts = fields.Integer(default=0)
    next_attempt = fields.Datetime(default=fields.Datetime.now, index=True)
    last_status = fields.Integer(help="HTTP status of the last try (0: no answer).")
    last_error = fields.Char()

    @api.model
    def _b2b_queue(self, event_sudo, keys_sudo):
        if keys_sudo:
            self.create([{"event_id": event_sudo.id, "key_id": key.id} for key in keys_sudo])
            cron = self.env.ref("b2b_api.cron_webhook_delivery", raise_if_not_found=False)
            if cron:
                cron._trigger()

    @api.model
    def _b2b_deliver_due(self, limit=BATCH):
        """Try the pending deliveries that are due (the cron)."""
        due = self.search(
            [("state", "=", "pending"), ("next_attempt", "<=", fields.Datetime.now())],
            limit=limit,
        )
        for delivery in due:
            delivery._b2b_try()

    def _b2b_try(self):
        self.ensure_one()
        key_sudo = self.key_id.sudo()
        if not key_sudo.active or not key_sudo.webhook_url:
            self.write({"state": "failed", "last_error": "The key is revoked or has no URL."})
            return
        problem = key_sudo._b2b_webhook_problem(key_sudo.webhook_url)
        if problem:  # the name may resolve elsewhere than when the URL was set
            self.write({"state": "failed", "last_error": problem[:200]})
            return
        body = json.dumps(self.event_id._b2b_payload(), ensure_ascii=False).encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "b2b-portal-webhooks/1",
            SIGNATURE_HEADER: sign(key_sudo.webhook_secret, int(time.time()), body),
        }
        status, error = 0, ""
        try:
            response = requests.post(
                key_sudo.webhook_url, data=body, headers=headers, timeout=TIMEOUT_SECONDS
            )
            status = response.status_code
        except requests.RequestException as exc:
            error = str(exc)[:200]
        attempts = self.attempts + 1
        if 200 <= status < 300:
            self.write({"state": "done", "attempts": attempts, "last_status": status})
            return
        delay = next_delay(attempts)
        self.write(
            {
                "attempts": attempts,
                "last_status": status,
                "last_error": error or f"HTTP {status}",
                "state": "pending" if delay else "failed",
                "next_attempt": fields.Datetime.now() + timedelta(seconds=delay or 0),
            }
        )
        _logger.info("Webhook delivery %s failed (%s), attempt %s", self.id, status, attempts)
