from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import UserError
from odoo.http import request

from ..lib.documents_zip import safe_filename, zip_documents
from ..lib.form_values import parse_choice, parse_date
from ..lib.portal_roles import BALANCE, DOCUMENTS
from ..models.stock_picking_upd import SHIPPING_FORMS
from .tools import file_response, form_value, parse_id, refusal_page

PDF_MIMETYPE = "application/pdf"
ZIP_MIMETYPE = "application/zip"
# More than one archive a user downloads at once; keeps a request short.
MAX_ZIP_DOCUMENTS = 100
LIST_LIMIT = 200

# Each kind of document: its model, which records are such documents, the field naming their
# legal entity, their date and order, and the report printing them.
DOCUMENT_KINDS = {
    "invoice": {
        "model": "account.move",
        "domain": [("move_type", "=", "out_invoice"), ("state", "=", "posted")],
        "entity": "commercial_partner_id",
        "date": "invoice_date",
        "order": "invoice_origin",
        "report": "account.account_invoices",
    },
    "credit_note": {
        "model": "account.move",
        "domain": [("move_type", "=", "out_refund"), ("state", "=", "posted")],
        "entity": "commercial_partner_id",
        "date": "invoice_date",
        "order": "invoice_origin",
        "report": "b2b_portal.action_report_correction_invoice",
    },
    "payment_invoice": {
        "model": "sale.order",
        "domain": [("state", "=", "sale")],
        "entity": "partner_id.commercial_partner_id",
        "date": "date_order",
        "order": "name",
        "report": "b2b_portal.action_report_payment_invoice",
    },
    **{
        kind: {
            "model": "stock.picking",
            "domain": [("b2b_shipping_documents", "=", documents)],
            "entity": "partner_id.commercial_partner_id",
            "date": "date_done",
            "order": "sale_id.name",
            "report": SHIPPING_FORMS[kind]["report"],
        }
        for kind, documents in (
            ("upd", "upd"),
            ("torg12", "torg12_invoice"),
            ("vat_invoice", "torg12_invoice"),
        )
    },
    # Published by the monthly cron; read as superuser after the balance right is checked,
    # the stored PDF is the document.
    "act": {
        "model": "b2b.reconciliation.act",
        "domain": [],
        "entity": "entity_id",
        "date": "date_to",
        "order": None,
        "right": BALANCE,
    },
}


class B2bDocumentsList(CustomerPortal):
    """Every document of the acting legal entity (of every entity of the holding for the
    head): invoices with their payment state, credit notes, invoices for payment and the
    shipping documents (UPD, or TORG-12 and VAT invoice, as the contract says).
    The lists read through the user's record rules; a download or an archive takes only
    documents the user may read, anything else is a 404."""

    def _b2b_document_kind_labels(self):
        _ = request.env._
        return {
            "invoice": _("Invoice"),
            "credit_note": _("Correction VAT invoice"),
            "payment_invoice": _("Invoice for payment"),
            "upd": _("UPD"),
            "torg12": _("TORG-12"),
            "vat_invoice": _("VAT invoice"),
            "act": _("Reconciliation act"),
        }

    def _b2b_documents_entities(self):
        """The entities whose documents the user sees here: the head every entity he has the
        documents right for, anybody else the acting entity when his role has it."""
        user = request.env.user
        entity = user._b2b_current_entity()
        access = entity and user._b2b_access_for(entity)
        if access and access.role == "head":
            return user._b2b_entities(right=DOCUMENTS)
        return entity if entity and user._b2b_has_right(entity, DOCUMENTS) else entity.browse()

    def _b2b_documents_domain(self, kind, entities):
        spec = DOCUMENT_KINDS[kind]
        if spec.get("right"):
            entities = entities & request.env.user._b2b_entities(right=spec["right"])
        return [*spec["domain"], (spec["entity"], "in", entities.ids)]

    def _b2b_documents_model(self, kind):
        """The model of ``kind`` as the user reads it: through his record rules, or as
        superuser for kinds whose right the domain itself checks."""
        spec = DOCUMENT_KINDS[kind]
        model = request.env[spec["model"]]
        return model.sudo() if spec.get("right") else model

    def _b2b_document_or_404(self, kind, document_id, entities):
        """The document ``kind``/``document_id`` if it is one of the user's documents."""
        if kind not in DOCUMENT_KINDS or not entities:
            raise NotFound()
        document = self._b2b_documents_model(kind).search(
            [("id", "=", parse_id(document_id)), *self._b2b_documents_domain(kind, entities)]
        )
        if not document:
            raise NotFound()
        return document

    def _b2b_document_pdf(self, kind, document):
        """(file name, PDF) of ``document``, printed as superuser after the access check."""
        if kind == "act":
            return safe_filename(document.attachment_id.name), document.attachment_id.raw
        report_sudo = request.env.ref(DOCUMENT_KINDS[kind]["report"]).sudo()
        content, _format = report_sudo._render_qweb_pdf(report_sudo.report_name, document.ids)
        label = self._b2b_document_kind_labels()[kind]
        return safe_filename(f"{label} {document.sudo().name}.pdf"), content

    def _b2b_documents_error(self, message):
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "b2b_documents", "reason": message})
        return request.render("b2b_pricing.portal_my_refused", values, status=400)

    @http.route("/my/b2b/documents", type="http", auth="user", website=True)
    def b2b_documents(self, kind=None, date_from=None, date_to=None, order=None, **kwargs):
        entities = self._b2b_documents_entities()
        if not entities:
            return refusal_page(self, "b2b_documents", DOCUMENTS) or request.not_found()
        labels = self._b2b_document_kind_labels()
        error = None
        try:
            kind = form_value(parse_choice, kind, choices=labels)
            start = form_value(parse_date, date_from)
            end = form_value(parse_date, date_to)
        except UserError as exc:
            error, kind, start, end = exc.args[0], None, None, None
        rows = []
        for key in [kind] if kind else DOCUMENT_KINDS:
            spec = DOCUMENT_KINDS[key]
            domain = self._b2b_documents_domain(key, entities)
            if start:
                domain.append((spec["date"], ">=", start))
            if end:
                domain.append((spec["date"], "<=", end))
            if order:
                if not spec["order"]:
                    continue
                domain.append((spec["order"], "ilike", order.strip()))
            records = self._b2b_documents_model(key).search(
                domain, limit=LIST_LIMIT, order=f"{spec['date'].split('.')[0]} desc, id desc"
            )
            # The entity's name as superuser: the user may read the documents (rules above)
            # but not always the contact they were made out to.
            rows += [
                {
                    "kind": key,
                    "record": record,
                    "entity": record.sudo().mapped(spec["entity"])[:1].name,
                }
                for record in records
            ]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_documents",
                "rows": rows,
                "labels": labels,
                "kind": kind,
                "date_from": date_from or "",
                "date_to": date_to or "",
                "order": order or "",
                "error": error,
            }
        )
        return request.render(
            "b2b_portal.portal_my_documents", values, status=400 if error else 200
        )

    @http.route(
        "/my/b2b/documents/<string:kind>/<int:document_id>.pdf",
        type="http",
        auth="user",
        website=True,
    )
    def b2b_document_download(self, kind, document_id, **kwargs):
        document = self._b2b_document_or_404(kind, document_id, self._b2b_documents_entities())
        try:
            filename, content = self._b2b_document_pdf(kind, document)
        except UserError as exc:
            return self._b2b_documents_error(exc.args[0])
        return file_response(content, filename, PDF_MIMETYPE)

    @http.route("/my/b2b/documents/zip", type="http", auth="user", website=True, methods=["POST"])
    def b2b_documents_zip(self, **kwargs):
        entities = self._b2b_documents_entities()
        selected = request.httprequest.form.getlist("documents")
        if not entities:
            raise NotFound()
        if not selected or len(selected) > MAX_ZIP_DOCUMENTS:
            return self._b2b_documents_error(
                request.env._(
                    "Select between 1 and %(count)s documents for an archive.",
                    count=MAX_ZIP_DOCUMENTS,
                )
            )
        documents = []
        for value in selected:
            kind, _sep, document_id = value.partition(":")
            documents.append((kind, self._b2b_document_or_404(kind, document_id, entities)))
        try:
            files = [self._b2b_document_pdf(kind, document) for kind, document in documents]
        except UserError as exc:
            return self._b2b_documents_error(exc.args[0])
        return file_response(zip_documents(files), request.env._("Documents.zip"), ZIP_MIMETYPE)
