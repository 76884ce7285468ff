from odoo import api, fields, models
from odoo.service.model import retrying

# Orders a cron run takes at once (each is then done and committed on its own).
QUEUE_BATCH = 20


class SaleOrder(models.Model):
    """The work the portal leaves to crons after a confirmation (the invoice, the e-mail with
    its PDF), order by order."""

    _inherit = "sale.order"

    def _b2b_enqueue(self, queued_field, cron_xmlid):
        """Queue these orders for the cron ``cron_xmlid``, which runs once this transaction
        is committed (see _b2b_work_queue)."""
        self[queued_field] = fields.Datetime.now()
        self.env.ref(cron_xmlid).sudo()._trigger()

    @api.model
    def _b2b_work_queue(self, queued_field, work):
        """Call the method ``work`` of each order whose ``queued_field`` is set, oldest first;
        ``work`` clears the field.

        A transaction per order: the work locks the customer's rows (turnover, rank,
        followers) until its commit, and his portal pages must not wait for a whole batch.
        The customer's own requests write some of these rows: on a serialization failure
        the order is done again in a new transaction, as Odoo retries a request.
        """
        domain = [(queued_field, "!=", False)]
        while True:
            orders = self.search(
                domain, order=f"{queued_field}, id", limit=QUEUE_BATCH
            ).try_lock_for_update()
            if not orders:
                return
            for order in orders:
                retrying(getattr(order, work), self.env)
                remaining_time = self.env["ir.cron"]._commit_progress(
                    1, remaining=self.search_count(domain)
                )
                if not remaining_time:
                    return
