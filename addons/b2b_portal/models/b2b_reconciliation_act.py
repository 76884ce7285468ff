import datetime

from odoo import api, fields, models

from ..lib.portal_roles import BALANCE


class B2bReconciliationAct(models.Model):
    """A monthly reconciliation act published to the portal by the cron: one per legal
    entity, seller company and month, its PDF kept as an attachment. Portal users reach it
    only through the documents list, which checks the balance right first."""

    _name = "b2b.reconciliation.act"
    _description = "Published Reconciliation Act"
    _order = "date_to desc, id desc"

    name = fields.Char(required=True)
    entity_id = fields.Many2one(
        "res.partner", string="Legal Entity", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", string="Seller", required=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    attachment_id = fields.Many2one("ir.attachment", required=True, ondelete="restrict")

    _month_unique = models.Constraint(
        "UNIQUE(entity_id, company_id, date_from, date_to)",
        "The act of this entity for this period is already published.",
    )

    @api.model
    def _b2b_opted_in_entities(self):
        """Legal entities getting monthly acts: those opted in, or every entity of a holding
        when the company-wide setting says so."""
        domain = [("is_company", "=", True), ("b2b_monthly_act", "=", True)]
        if self.env["ir.config_parameter"].sudo().get_param("b2b_portal.monthly_act_all"):
            domain = [
                ("is_company", "=", True),
                ("is_b2b_holding", "=", False),
                ("b2b_holding_id", "!=", False),
            ]
        return self.env["res.partner"].sudo().search(domain)

    @api.model
    def _cron_b2b_publish_monthly_acts(self):
        self._b2b_publish_monthly_acts()

    @api.model
    def _b2b_seller_companies(self, entity, date_to):
        """The companies with posted receivable entries of ``entity`` up to ``date_to``: those
        it has something to reconcile with (a seller it never bought from gets no act)."""
        groups = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("parent_state", "=", "posted"),
                    ("account_id.account_type", "=", "asset_receivable"),
                    ("partner_id.commercial_partner_id", "=", entity.id),
                    ("date", "<=", date_to),
                ],
                ["company_id"],
            )
        )
        return self.env["res.company"].union(*(company for (company,) in groups))

    @api.model
    def _b2b_publish_monthly_acts(self, today=None):
        """Publish the act of the month before ``today`` for every opted-in entity and each
        seller company it has entries with. An act already published is skipped, so a rerun
        after a failure only completes the month. Run by the cron, each entity is committed
        on its own."""
        today = today or fields.Date.context_today(self)
        date_to = today.replace(day=1) - datetime.timedelta(days=1)
        date_from = date_to.replace(day=1)
        entities = self._b2b_opted_in_entities()
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        cron = self.env["ir.cron"]
        for index, entity in enumerate(entities):
            for company in self._b2b_seller_companies(entity, date_to):
                self._b2b_publish_act(entity, company, date_from, date_to)
            # Tests run inside one transaction: only a real cron run commits.
            # Out of time: the cron is called again for the entities left.
            if in_cron and cron._commit_progress(1, remaining=len(entities) - index - 1) <= 0:
                break

    @api.model
    def _b2b_publish_act(self, entity, company, date_from, date_to):
        """The act of ``entity`` with ``company`` for the period, published and announced to
        the entity's users with the balance right; the existing one if already published."""
        existing = self.search(
            [
                ("entity_id", "=", entity.id),
                ("company_id", "=", company.id),
                ("date_from", "=", date_from),
                ("date_to", "=", date_to),
            ]
        )
        if existing:
            return existing
        # In the entity's language: the file name and the message are for its users.
        entity = entity.with_company(company).with_context(lang=entity.lang)
        act = entity._b2b_reconciliation_act(company, date_from, date_to)
        filename = entity._b2b_reconciliation_filename(act, "pdf")
        content = entity._b2b_reconciliation_pdf(company, date_from, date_to)
        attachment = self.env["ir.attachment"].create(
            {
                "name": filename,
                "raw": content,
                "mimetype": "application/pdf",
                "res_model": "res.partner",
                "res_id": entity.id,
            }
        )
        record = self.create(
            {
                "name": filename.removesuffix(".pdf"),
                "entity_id": entity.id,
                "company_id": company.id,
                "date_from": date_from,
                "date_to": date_to,
                "attachment_id": attachment.id,
            }
        )
        recipients = entity.b2b_contact_access_ids.filtered(
            lambda access: access.user_id and access.user_id._b2b_has_right(entity, BALANCE)
        ).user_id.partner_id
        entity.message_post(
            body=entity.env._(
                "The reconciliation act for %(start)s-%(end)s is published in the portal "
                "documents.",
                start=date_from.strftime("%d.%m.%Y"),
                end=date_to.strftime("%d.%m.%Y"),
            ),
            attachment_ids=attachment.ids,
            partner_ids=recipients.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return record
