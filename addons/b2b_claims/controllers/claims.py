from datetime import datetime, time
from urllib.parse import urlencode

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.addons.b2b_portal.controllers.tools import (
    attempt,
    entity_or_404,
    file_response,
    record_or_404,
    refusal_page,
)
from odoo.addons.b2b_portal.lib.documents_zip import safe_filename
from odoo.addons.b2b_portal.lib.portal_roles import ORDER
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.http import request
from odoo.tools import plaintext2html

from ..lib.claim_form import (
    MAX_FILE_SIZE,
    MAX_FILES,
    ClaimFormError,
    check_claim_file,
    parse_dot_search,
    parse_line_search,
    parse_mileage,
    parse_tread_depth,
)
from ..lib.dot_code import DotCodeError

COMPLAINT_MAX_LENGTH = 5000
TEXT_MAX_LENGTH = 200
FOUND_LINES_LIMIT = 50
EXPERTISE_ACT_REPORT = "b2b_claims.action_report_expertise_act"


class B2bClaimsPortal(CustomerPortal):
    """/my/b2b/claims: the claims of the acting legal entity, filing one on a delivered order
    line and the thread of each. The head and the buyer (who may order) file and answer; the
    accountant does not. Portal users only read claims (record rules): what they write goes
    through here, after the role and entity checks, as superuser."""

    # ------------------------------------------------------------------ helpers
    def _b2b_claim_or_404(self, claim_id):
        """The claim, if the user reads it and may file claims for its entity."""
        claim = record_or_404("b2b.claim", claim_id)
        entity_or_404(claim.sudo().entity_id.id, right=ORDER)
        return claim

    def _b2b_order_for_claim(self, order_id):
        """A confirmed order the user reads, of an entity he may file claims for."""
        order = record_or_404("sale.order", order_id)
        if order.state != "sale":
            raise NotFound()
        entity_or_404(order.sudo().partner_id.commercial_partner_id.id, right=ORDER)
        return order

    def _b2b_uploads(self, files):
        """(name, data) of the uploaded files, each checked."""
        files = [f for f in files if f and getattr(f, "filename", None)]
        if len(files) > MAX_FILES:
            raise UserError(
                request.env._("Attach at most %(count)s files at a time.", count=MAX_FILES)
            )
        uploads = []
        for upload in files:
            data = upload.read(MAX_FILE_SIZE + 1)
            try:
                check_claim_file(upload.filename, data)
            except ClaimFormError as exc:
                raise UserError(exc.render(request.env._)) from None
            uploads.append((upload.filename, data))
        return uploads

    def _b2b_measure(self, parse, value):
        try:
            return parse(value)
        except ClaimFormError as exc:
            raise UserError(exc.render(request.env._)) from None

    # ------------------------------------------------------------------ pages
    @http.route(["/my/b2b/claims"], type="http", auth="user", website=True)
    def b2b_claims(self, search=None, dot=None, **kwargs):
        refusal = refusal_page(self, "b2b_claims", ORDER)
        if refusal:
            return refusal
        entity = request.env.user._b2b_current_entity()
        claims = request.env["b2b.claim"].search([("entity_id", "=", entity.id)])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_claims",
                "claims": claims,
                "entity": entity,
                "search": search if isinstance(search, str) else "",
                "dot": dot if isinstance(dot, str) else "",
                "found": None,
                "error": None,
            }
        )
        if search is None and dot is None:
            return request.render("b2b_claims.portal_b2b_claims", values)
        try:
            text = parse_line_search(values["search"])
            dot_code = self._b2b_dot(values["dot"])
        except (ClaimFormError, DotCodeError) as exc:
            values.update(error=exc.render(request.env._), search="", dot="")
            return request.render("b2b_claims.portal_b2b_claims", values, status=400)
        values["search"] = text
        if dot_code:
            values["dot"] = dot_code[0]
        if text or dot_code:
            values["found"] = [
                (line, claimable, self._b2b_claim_url(line, dot_code and dot_code[0]))
                for line, claimable in self._b2b_find_lines(entity, text, dot_code)
            ]
        return request.render("b2b_claims.portal_b2b_claims", values)

    def _b2b_dot(self, value):
        """(text, DotCode) of the DOT code ``value`` made by today, None if none given."""
        return parse_dot_search(value, fields.Date.context_today(request.env.user))

    def _b2b_claim_url(self, line, dot=None):
        """The claim form starting with ``line``, with the DOT code searched by."""
        query = {"order_id": line.order_id.id, "line_id": line.id}
        if dot:
            query["dot"] = dot
        return f"/my/b2b/claims/new?{urlencode(query)}"

    def _b2b_find_lines(self, entity, text, dot_code=None):
        """[(order line, still claimable quantity)] of the delivered lines of ``entity``
        whose article, product name or order number contains ``text`` (any, if empty), on
        the orders the user reads (a buyer: those he placed), newest first. With a DOT code
        (text, DotCode): only lines shipped on or after its production week, as the DOT of a
        shipped tyre is not recorded but a tyre cannot leave before it is made. The caller
        checked the right to file claims for ``entity``."""
        orders_sudo = (
            request.env["sale.order"]
            .sudo()
            .search([("partner_id.commercial_partner_id", "=", entity.id), ("state", "=", "sale")])
        )
        # The record rules decide which of these orders the user reads, as on the form.
        readable = request.env["sale.order"].search([("id", "in", orders_sudo.ids)])
        domain = [
            ("order_id", "in", readable.ids),
            ("product_id", "!=", False),
            ("is_delivery", "=", False),
            ("qty_delivered", ">", 0),
        ]
        if text:
            domain += [
                "|",
                "|",
                ("product_id.default_code", "ilike", text),
                ("product_id.name", "ilike", text),
                ("order_id.name", "ilike", text),
            ]
        if dot_code:
            domain.append(
                (
                    "move_ids",
                    "any",
                    [
                        ("state", "=", "done"),
                        ("picking_type_id.code", "=", "outgoing"),
                        ("date", ">=", datetime.combine(dot_code[1].first_day, time.min)),
                    ],
                )
            )
        lines_sudo = (
            request.env["sale.order.line"]
            .sudo()
            .search(domain, order="order_id desc, id", limit=FOUND_LINES_LIMIT)
        )
        claimed = dict(
            request.env["b2b.claim.line"]
            .sudo()
            ._read_group(
                [("sale_line_id", "in", lines_sudo.ids), ("claim_id.state", "!=", "rejected")],
                ["sale_line_id"],
                ["quantity:sum"],
            )
        )
        return [
            (line, max(line.qty_delivered - claimed.get(line, 0.0), 0.0)) for line in lines_sudo
        ]

    def _b2b_delivery_for_claim(self, order, picking_id):
        """The done delivery ``picking_id`` of ``order`` (checked by the caller), None when
        not given: the documents list files a claim on the lines of one shipment."""
        if not picking_id:
            return None
        delivery_sudo = order.sudo().picking_ids.filtered(
            lambda picking: (
                str(picking.id) == str(picking_id) and picking._b2b_is_shipped_delivery()
            )
        )
        if not delivery_sudo:
            raise NotFound()
        return delivery_sudo

    def _b2b_claimable_lines(self, order, delivery_sudo=None):
        """The delivered lines of ``order`` (those ``delivery_sudo`` shipped, if given)."""
        return order.order_line.filtered(
            lambda line: (
                line.product_id
                and not line.is_delivery
                and line.qty_delivered > 0
                and (delivery_sudo is None or line.sudo().move_ids.picking_id & delivery_sudo)
            )
        )

    def _b2b_claim_form(self, order, form=None, error=None, delivery_sudo=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_claim_new",
                "order": order,
                "lines": self._b2b_claimable_lines(order, delivery_sudo),
                "delivery_sudo": delivery_sudo,
                "reasons": request.env["b2b.claim"]
                ._fields["reason"]
                ._description_selection(request.env),
                "form": form or {},
                "error": error,
                "max_file_mb": MAX_FILE_SIZE // 1024 // 1024,
            }
        )
        return request.render(
            "b2b_claims.portal_b2b_claim_new", values, status=400 if error else 200
        )

    def _b2b_line_values(self, lines, form):
        """The values of the claimed lines: those given a quantity (several lines of the
        order in one claim), each with its DOT code and tread depth."""
        _ = request.env._
        values = []
        for line in lines:
            quantity = form.get(f"qty_{line.id}", "")
            if not quantity or quantity == "0":
                continue
            try:
                number = float(quantity.replace(",", "."))
            except ValueError:
                raise UserError(
                    _("The quantity of %(line)s must be a number.", line=line.name)
                ) from None
            tread = self._b2b_measure(parse_tread_depth, form.get(f"tread_{line.id}", ""))
            values.append(
                Command.create(
                    {
                        "sale_line_id": line.id,
                        "quantity": number,
                        "dot_code": form.get(f"dot_{line.id}", "")[:TEXT_MAX_LENGTH] or False,
                        "tread_depth": tread or 0.0,
                    }
                )
            )
        if not values:
            raise UserError(_("Give the quantity claimed on at least one delivered line."))
        return values

    @http.route(
        "/my/b2b/claims/new", type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def b2b_claim_new(self, order_id=None, line_id=None, picking_id=None, dot=None, **post):
        """The form (GET) and filing the claim (POST) on delivered lines of ``order_id``
        (of its delivery ``picking_id`` if given): a quantity (and the tyre data) per line
        claimed."""
        order = self._b2b_order_for_claim(order_id)
        delivery_sudo = self._b2b_delivery_for_claim(order, picking_id)
        lines = self._b2b_claimable_lines(order, delivery_sudo)
        if request.httprequest.method != "POST":
            # The "Claim" link of an order line starts with one tyre of that line, and the
            # DOT code searched by, if valid.
            chosen = lines.filtered(lambda line: str(line.id) == str(line_id or ""))
            form = {f"qty_{line.id}": "1" for line in chosen}
            try:
                dot_code = self._b2b_dot(dot if isinstance(dot, str) else "")
            except (ClaimFormError, DotCodeError):
                dot_code = None
            if dot_code:
                form.update({f"dot_{line.id}": dot_code[0] for line in chosen})
            return self._b2b_claim_form(order, form=form, delivery_sudo=delivery_sudo)
        keys = ("reason", "mileage", "vehicle")
        per_line = ("qty", "dot", "tread")
        form = {key: (post.get(key) or "").strip() for key in keys}
        for line in lines:
            for prefix in per_line:
                value = post.get(f"{prefix}_{line.id}")
                form[f"{prefix}_{line.id}"] = value.strip() if isinstance(value, str) else ""
        form["complaint"] = (post.get("complaint") or "").strip()[:COMPLAINT_MAX_LENGTH]
        files = request.httprequest.files.getlist("files")
        user = request.env.user

        def create():
            _ = request.env._
            if not form["complaint"]:
                raise UserError(_("Describe the end customer's complaint."))
            reasons = dict(request.env["b2b.claim"]._fields["reason"].selection)
            if form["reason"] not in reasons:
                raise UserError(_("Choose the reason of the claim."))
            line_values = self._b2b_line_values(lines, form)
            uploads = self._b2b_uploads(files)
            # The role, the entity and the order (its lines) were checked above.
            claim_sudo = (
                request.env["b2b.claim"]
                .sudo()
                .create(
                    {
                        "entity_id": order.sudo().partner_id.commercial_partner_id.id,
                        "order_id": order.id,
                        "line_ids": line_values,
                        "reason": form["reason"],
                        "mileage": self._b2b_measure(parse_mileage, form["mileage"]) or 0,
                        "vehicle": form["vehicle"][:TEXT_MAX_LENGTH],
                        "complaint": form["complaint"],
                        "filed_by_id": user.partner_id.id,
                    }
                )
            )
            claim_sudo._b2b_portal_post(plaintext2html(form["complaint"]), uploads, user.partner_id)
            return claim_sudo

        claim_sudo, error = attempt(create)
        if error:
            return self._b2b_claim_form(order, form=form, error=error, delivery_sudo=delivery_sudo)
        return request.redirect(f"/my/b2b/claims/{claim_sudo.id}?created=1")

    def _b2b_claim_page(self, claim, error=None, message=None, status=200):
        claim_sudo = claim.sudo()
        messages = claim_sudo.message_ids.filtered(
            lambda m: (
                m.message_type in ("comment", "notification")
                and not (m.subtype_id and m.subtype_id.internal)
                and (m.body or m.attachment_ids or m.tracking_value_ids)
            )
        ).sorted("id")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_claim",
                "claim": claim,
                "claim_sudo": claim_sudo,
                "messages_sudo": messages,
                # The return and replacement transfers of the claim's RMAs (staff-only).
                "transfers_sudo": (
                    claim_sudo.line_ids.rma_id.reception_move_id.picking_id
                    | claim_sudo.line_ids.rma_id.delivery_move_ids.picking_id
                ),
                "error": error,
                "message": message,
                "max_file_mb": MAX_FILE_SIZE // 1024 // 1024,
            }
        )
        return request.render("b2b_claims.portal_b2b_claim", values, status=status)

    @http.route("/my/b2b/claims/<int:claim_id>", type="http", auth="user", website=True)
    def b2b_claim(self, claim_id, created=None, **kwargs):
        claim = self._b2b_claim_or_404(claim_id)
        message = request.env._("Your claim is filed.") if created else None
        return self._b2b_claim_page(claim, message=message)

    @http.route(
        "/my/b2b/claims/<int:claim_id>/reply",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_claim_reply(self, claim_id, body="", **kwargs):
        claim = self._b2b_claim_or_404(claim_id)
        files = request.httprequest.files.getlist("files")
        user = request.env.user

        def reply():
            _ = request.env._
            text = (body or "").strip()[:COMPLAINT_MAX_LENGTH]
            if claim.state in ("resolved", "rejected"):
                raise UserError(_("The claim is closed: ask your manager to reopen it."))
            uploads = self._b2b_uploads(files)
            if not text and not uploads:
                raise UserError(_("Write a message or attach a file."))
            # Checked above: the user acts for the claim's entity with the right to order.
            claim.sudo()._b2b_portal_post(plaintext2html(text), uploads, user.partner_id)
            return _("Your message is sent.")

        message, error = attempt(reply)
        return self._b2b_claim_page(
            claim, error=error, message=message, status=400 if error else 200
        )

    @http.route(
        "/my/b2b/claims/<int:claim_id>/expertise-act.pdf", type="http", auth="user", website=True
    )
    def b2b_claim_expertise_act(self, claim_id, **kwargs):
        """The expertise act of the claim, once its expertise is recorded (else a 404)."""
        claim = self._b2b_claim_or_404(claim_id)
        claim_sudo = claim.sudo()
        if not claim_sudo._b2b_expertise_recorded():
            raise NotFound()
        # Checked above: the user reads the claim and files claims for its entity.
        report_sudo = request.env.ref(EXPERTISE_ACT_REPORT).sudo()
        content, _format = report_sudo._render_qweb_pdf(report_sudo.report_name, claim_sudo.ids)
        filename = request.env._("Expertise act %(claim)s.pdf", claim=claim_sudo.name)
        return file_response(content, safe_filename(filename), "application/pdf")
