from odoo import api, fields, models
from odoo.addons.b2b_portal.lib.ru_format import THOUSANDS_SEPARATOR
from odoo.addons.b2b_portal.models.report_b2b_documents import FORMATTERS, _document_lang
from odoo.exceptions import AccessError, UserError


class ReportExpertiseAct(models.AbstractModel):
    """The expertise act (акт экспертизы) of a claim whose expertise is recorded."""

    _name = "report.b2b_claims.report_expertise_act"
    _description = "Claim Expertise Act Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        env = self.env(context=dict(self.env.context, lang=_document_lang(self.env)))
        claims = env["b2b.claim"].browse(docids)
        # /report/<converter>/… is open to every logged-in user: the back office prints the
        # act of the claims it reads; the portal checks the customer's role and entity and
        # prints it as superuser (controllers/claims.py).
        if not self.env.su and self.env.user.share:
            raise AccessError(env._("Print the expertise act from the claim's page."))
        claims.check_access("read")
        for claim in claims:
            if not claim._b2b_expertise_recorded():
                raise UserError(
                    env._(
                        "The expertise of the claim %(claim)s is not recorded yet: give its "
                        "verdict first.",
                        claim=claim.name,
                    )
                )
        return {
            "doc_ids": docids,
            "doc_model": "b2b.claim",
            "docs": [self._b2b_act_values(claim_sudo) for claim_sudo in claims.sudo()],
            "label": self._b2b_selection_label,
            **FORMATTERS,
        }

    @api.model
    def _b2b_act_values(self, claim_sudo):
        order_sudo = claim_sudo.order_id
        return {
            "claim": claim_sudo,
            "date": fields.Datetime.context_timestamp(claim_sudo, claim_sudo.create_date).date(),
            "seller": claim_sudo.company_id,
            "buyer": claim_sudo.entity_id,
            "order": order_sudo,
            "order_date": fields.Datetime.context_timestamp(order_sudo, order_sudo.date_order),
            "deliveries": claim_sudo.line_ids.move_id.picking_id.sorted("date_done"),
            "proportional": claim_sudo.resolution == "credit_proportional",
            # "21 000": the mileage grouped by thousands, as the forms print numbers.
            "mileage": claim_sudo.mileage
            and f"{claim_sudo.mileage:,}".replace(",", THOUSANDS_SEPARATOR),
        }

    @api.model
    def _b2b_selection_label(self, record, name):
        """The label of the selection field ``name`` of ``record`` in the act's language."""
        labels = dict(record._fields[name]._description_selection(record.env))
        return labels.get(record[name], "")
