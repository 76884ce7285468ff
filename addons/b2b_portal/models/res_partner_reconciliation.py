from odoo import fields, models

from ..lib.reconciliation import CREDIT_NOTE, INVOICE, OTHER, PAYMENT, build_act, check_period

# Journal entries of these kinds on the receivable account; anything else is an "operation".
_MOVE_KINDS = {"out_invoice": INVOICE, "out_refund": CREDIT_NOTE}


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_monthly_act = fields.Boolean(
        string="Monthly Reconciliation Act",
        help="On the first day of each month the act of the previous month is published in "
        "the portal documents of this legal entity and sent to its head and accountants.",
    )

    def _b2b_reconciliation_act(self, company, date_from, date_to):
        """The reconciliation act (lib.reconciliation.Act) of this legal entity with the
        seller ``company``: its posted receivable entries, read with one query. The period is
        checked first (ReconciliationPeriodError); its end is cut to today."""
        self.ensure_one()
        date_from, date_to = check_period(
            date_from, date_to, fields.Date.context_today(self.with_company(company))
        )
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model()
        # One row for the opening balance (move NULL) and one per document of the period.
        self.env.cr.execute(
            """
            SELECT CASE WHEN aml.date < %(date_from)s THEN NULL ELSE aml.move_id END,
                   MIN(aml.date), MIN(move.name), MIN(move.move_type),
                   BOOL_OR(move.origin_payment_id IS NOT NULL
                           OR journal.type IN ('bank', 'cash')),
                   SUM(aml.debit), SUM(aml.credit)
              FROM account_move_line aml
              JOIN account_account account ON account.id = aml.account_id
              JOIN account_move move ON move.id = aml.move_id
              JOIN account_journal journal ON journal.id = aml.journal_id
             WHERE aml.parent_state = 'posted'
               AND account.account_type = 'asset_receivable'
               AND aml.company_id = %(company)s
               AND aml.partner_id IN (SELECT id FROM res_partner
                                       WHERE commercial_partner_id = %(entity)s)
               AND aml.date <= %(date_to)s
             GROUP BY 1
            """,
            {
                "date_from": date_from,
                "date_to": date_to,
                "company": company.id,
                "entity": self.commercial_partner_id.id,
            },
        )
        opening = 0.0
        rows = []
        for move_id, date, name, move_type, is_payment, debit, credit in self.env.cr.fetchall():
            if move_id is None:
                opening = debit - credit
                continue
            kind = PAYMENT if is_payment else _MOVE_KINDS.get(move_type, OTHER)
            rows.append((date, kind, name, debit, credit))
        return build_act(date_from, date_to, opening, rows)

    def _b2b_reconciliation_pdf(self, company, date_from, date_to):
        """The act as the PDF report (the period checked and cut as for the act)."""
        self.ensure_one()
        report = self.env.ref("b2b_portal.action_report_reconciliation_act")
        content, _format = report._render_qweb_pdf(
            report.report_name,
            self.ids,
            data={
                "company_id": company.id,
                "date_from": fields.Date.to_string(date_from),
                "date_to": fields.Date.to_string(date_to),
            },
        )
        return content

    def _b2b_reconciliation_filename(self, act, extension):
        self.ensure_one()
        return self.env._(
            "Reconciliation act %(entity)s %(start)s-%(end)s.%(extension)s",
            entity=self.name,
            start=act.date_from.strftime("%d.%m.%Y"),
            end=act.date_to.strftime("%d.%m.%Y"),
            extension=extension,
        )
