from odoo import api, fields, models

EVENT_KINDS = [
    ("order.confirmed", "Order confirmed"),
    ("order.shipped", "Order shipped"),
    ("invoice.posted", "Invoice issued"),
]


class B2bApiEvent(models.Model):
    """The outbox of what happens to distributors' orders: read through GET /events and
    pushed to the keys' webhooks (b2b.api.webhook.delivery). Events are kept only for the
    holdings that have an API key."""

    _name = "b2b.api.event"
    _description = "API Event"
    _order = "id"

    kind = fields.Selection(EVENT_KINDS, required=True, readonly=True)
    entity_id = fields.Many2one("res.partner", required=True, readonly=True, index=True)
    holding_id = fields.Many2one("res.partner", readonly=True, index=True)
    order_id = fields.Many2one("sale.order", readonly=True, ondelete="set null")
    data = fields.Json(readonly=True)

    @api.model
    def _b2b_emit(self, kind, entity, order, data):
        """Record the event ``kind`` of ``entity``'s ``order`` when its holding has an active
        key, and queue its webhook deliveries. Returns the event (sudo) or None."""
        entity_sudo = entity.sudo().commercial_partner_id
        holding = entity_sudo.b2b_holding_id
        if not holding:
            return None
        keys_sudo = (
            self.env["b2b.api.key"]
            .sudo()
            .search([("holding_id", "=", holding.id), ("entity_ids", "in", entity_sudo.ids)])
        )
        if not keys_sudo:
            return None
        event_sudo = self.sudo().create(
            {
                "kind": kind,
                "entity_id": entity_sudo.id,
                "holding_id": holding.id,
                "order_id": order.id,
                "data": data,
            }
        )
        self.env["b2b.api.webhook.delivery"].sudo()._b2b_queue(
            event_sudo, keys_sudo.filtered("webhook_url")
        )
        return event_sudo

    def _b2b_payload(self):
        self.ensure_one()
        return {
            "id": self.id,
            "kind": self.kind,
            "time": self.create_date.isoformat() + "Z",
            "entity_id": self.entity_id.id,
            "order_id": self.order_id.id or None,
            "data": self.data or {},
        }

    @api.autovacuum
    def _gc_old_events(self):
        self.env.cr.execute(
            "DELETE FROM b2b_api_event"
            " WHERE create_date < now() AT TIME ZONE 'UTC' - interval '90 days'"
        )
