import datetime
from collections import defaultdict

from odoo import fields, models
from odoo.addons.b2b_pricing.lib.ageing import ageing, days_overdue
from odoo.fields import Domain
from odoo.tools import SQL

from ..lib.settlements import RECENTLY_PAID_DAYS, payment_status


class ResPartner(models.Model):
    """Settlements of legal entities with a seller company: the open receivables in ageing
    buckets and the invoices with how far each is paid (the portal's settlements page)."""

    _inherit = "res.partner"

    def _b2b_settlements_today(self, company):
        return fields.Date.context_today(self.with_company(company))

    def _b2b_ageing(self, company):
        """{legal entity: lib.ageing.Ageing} of the open receivable entries of these legal
        entities with the seller ``company``, read with one query."""
        self.env["account.move.line"].flush_model()
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id, COALESCE(l.date_maturity, l.date),
                       l.amount_residual
                  FROM account_move_line l
                  JOIN res_partner p ON p.id = l.partner_id
                  JOIN account_account a ON a.id = l.account_id
                 WHERE l.parent_state = 'posted' AND NOT l.reconciled
                   AND a.account_type = 'asset_receivable' AND l.amount_residual <> 0
                   AND l.company_id = %s AND p.commercial_partner_id IN %s
                """,
                company.id,
                tuple(self.ids) or (0,),
            )
        )
        items = defaultdict(list)
        for entity_id, due, residual in self.env.cr.fetchall():
            items[entity_id].append((due, residual))
        today = self._b2b_settlements_today(company)
        return {entity: ageing(items[entity.id], today) for entity in self}

    def _b2b_settlement_invoices(self, company, only_open=False):
        """[(invoice, amount paid, lib.settlements.PaymentStatus)] of the posted customer
        invoices of these legal entities with the seller ``company`` (amounts in its
        currency): every open one and, unless ``only_open``, those paid in the last
        ``RECENTLY_PAID_DAYS`` days; the earliest due first."""
        today = self._b2b_settlements_today(company)
        domain = Domain(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("company_id", "=", company.id),
                ("commercial_partner_id", "in", self.ids),
            ]
        )
        shown = Domain("amount_residual", ">", 0)
        if not only_open:
            paid_since = today - datetime.timedelta(days=RECENTLY_PAID_DAYS)
            shown |= Domain("line_ids.matched_credit_ids.max_date", ">=", paid_since)
        invoices = self.env["account.move"].search(
            domain & shown, order="invoice_date_due, invoice_date, name, id"
        )
        return [
            (
                invoice,
                company.currency_id.round(
                    invoice.amount_total_signed - invoice.amount_residual_signed
                ),
                payment_status(
                    invoice.amount_total_signed,
                    invoice.amount_residual_signed,
                    days_overdue(invoice.invoice_date_due or invoice.invoice_date, today),
                ),
            )
            for invoice in invoices
        ]
