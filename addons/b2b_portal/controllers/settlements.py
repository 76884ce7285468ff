from collections import defaultdict

from odoo import http
from odoo.addons.b2b_pricing.lib.ageing import BUCKET_KEYS
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request

from ..lib.portal_roles import BALANCE
from ..lib.settlements import OVERDUE, RECENTLY_PAID_DAYS
from ..lib.settlements_sheet import write_settlements
from .orders import ALL_ENTITIES
from .reconciliation import XLSX_MIMETYPE
from .tools import entity_or_404, file_response, refusal_page

SUMMARY_COLUMNS = ("entity", "total", "overdue", *BUCKET_KEYS, "credits", "balance")


class B2bSettlements(CustomerPortal):
    """/my/b2b/settlements: the receivables of the legal entities the user sees the balance
    of (head, confirmed accountant) with the seller of the website: total, overdue, ageing
    buckets, and the open and recently paid invoices with how far each is paid; the same as
    XLSX. The head sees every entity of the holding, the acting one chosen first; another
    holding's entity is a 404, a role without the balance right gets the page saying why."""

    def _b2b_settlement_filters(self, entity_id, only_open):
        """(entities the user may choose, the chosen ones, the filters as the form shows
        them); None when the user sees no entity's balance."""
        user = request.env.user
        entities = user._b2b_entities(right=BALANCE)
        if not entities:
            return None
        if not entity_id:
            current = user._b2b_current_entity()
            entity_id = str(current.id) if current in entities else ALL_ENTITIES
        if entity_id == ALL_ENTITIES:
            chosen = entities
        else:
            chosen = entity_or_404(entity_id, right=BALANCE)
        return entities, chosen, {"entity_id": entity_id, "only_open": bool(only_open)}

    def _b2b_settlements(self, chosen, only_open):
        """{entity: Ageing}, [(invoice, paid, PaymentStatus)] and {entity: seller} of the checked
        entities ``chosen``, each with its seller (the company of its contract), read as
        superuser; the invoices the earliest due first."""
        chosen_sudo = chosen.sudo()
        sellers = {entity: entity._b2b_seller_company().sudo() for entity in chosen_sudo}
        by_seller = defaultdict(chosen_sudo.browse)
        for entity, seller in sellers.items():
            by_seller[seller] |= entity
        ageings, invoices = {}, []
        for seller, entities in by_seller.items():
            ageings.update(entities._b2b_ageing(seller))
            invoices += entities._b2b_settlement_invoices(seller, only_open)
        invoices.sort(key=lambda row: (row[0].invoice_date_due or row[0].invoice_date, row[0].id))
        return {entity: ageings[entity] for entity in chosen_sudo}, invoices, sellers

    def _b2b_bucket_labels(self):
        """The ageing buckets as the accountants' pivot names them, in the user's language."""
        field = request.env["b2b.ageing.line"]._fields["bucket"]
        return dict(field._description_selection(request.env))

    def _b2b_payment_status_label(self, status):
        """ "Оплачен", "Оплачен частично", "Ожидает оплаты" or "Просрочено, 12 дн.": the
        labels of the orders' payment status (sale.order.b2b_payment_status)."""
        field = request.env["sale.order"]._fields["b2b_payment_status"]
        label = dict(field._description_selection(request.env))[status.status]
        if status.status == OVERDUE:
            return request.env._("%(status)s, %(days)s days", status=label, days=status.days)
        return label

    @http.route(
        "/my/b2b/settlements",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    def b2b_settlements(self, entity_id=None, only_open=None, **kwargs):
        filters = self._b2b_settlement_filters(entity_id, only_open)
        if filters is None:
            return refusal_page(self, "b2b_settlements", BALANCE) or request.not_found()
        entities, chosen, form = filters
        ageings, invoices, sellers = self._b2b_settlements(chosen, form["only_open"])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_settlements",
                "entities": entities.sudo(),
                "all_entities": ALL_ENTITIES,
                "filters": form,
                "ageings": ageings,
                "invoices": invoices,
                "sellers": sellers,
                "currency": request.website.company_id.currency_id,
                "bucket_labels": self._b2b_bucket_labels(),
                "status_label": self._b2b_payment_status_label,
                "recent_days": RECENTLY_PAID_DAYS,
                # The invoice PDFs are the documents list's (b2b_portal.controllers
                # .documents_list, the same portal controller): linked where it serves them.
                "pdf_entity_ids": self._b2b_documents_entities().ids,
            }
        )
        return request.render("b2b_portal.portal_my_settlements", values)

    @http.route(
        "/my/b2b/settlements/report.xlsx",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    def b2b_settlements_report(self, entity_id=None, only_open=None, **kwargs):
        filters = self._b2b_settlement_filters(entity_id, only_open)
        if filters is None:
            return refusal_page(self, "b2b_settlements", BALANCE) or request.not_found()
        _entities, chosen, form = filters
        ageings, invoices, _sellers = self._b2b_settlements(chosen, form["only_open"])
        _ = request.env._
        labels = {
            **self._b2b_bucket_labels(),
            "entity": _("Legal entity"),
            "total": _("Debt"),
            "overdue": _("Overdue"),
            "credits": _("Unapplied payments and credit notes"),
            "balance": _("Balance due"),
            "number": _("Invoice"),
            "date": _("Date"),
            "due_date": _("Due date"),
            "amount": _("Amount"),
            "paid": _("Amount paid"),
            "residual": _("Left to pay"),
            "status": _("Payment status"),
        }
        summaries = [
            (
                entity.name,
                summary.total,
                summary.overdue,
                *summary.buckets,
                summary.credits,
                summary.balance,
            )
            for entity, summary in ageings.items()
        ]
        rows = [
            (
                invoice.commercial_partner_id.name,
                invoice.name,
                invoice.invoice_date,
                invoice.invoice_date_due,
                invoice.amount_total_signed,
                paid,
                invoice.amount_residual_signed,
                self._b2b_payment_status_label(status),
            )
            for invoice, paid, status in invoices
        ]
        content = write_settlements(
            (_("Debt"), _("Invoices")), SUMMARY_COLUMNS, labels, summaries, rows
        )
        return file_response(content, _("Settlements.xlsx"), XLSX_MIMETYPE)
