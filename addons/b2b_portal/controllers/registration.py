import base64
import re

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..lib.request_throttle import registration_rates, registry_lookup_rates, visitor_keys
from ..lib.requisites_file import MAX_SIZE

FORM_FIELDS = (
    "name",
    "full_name",
    "contact_name",
    "email",
    "phone",
    "inn",
    "kpp",
    "ogrn",
    "address",
    "director",
)


class B2bRegistration(http.Controller):
    """Public registration of a new company: by INN with a registry lookup, or with a file."""

    def _render_form(self, form=None, error=None, kind="form"):
        return request.render(
            "b2b_portal.b2b_register",
            {
                "form": form or {},
                "error": error,
                "kind": kind,
                "max_size_mb": MAX_SIZE // 1024 // 1024,
                "regions": request.env["b2b.region"].sudo().search([]),
            },
        )

    @http.route(
        "/b2b/register", type="http", auth="public", website=True, methods=["GET"], sitemap=True
    )
    def register_form(self, **kwargs):
        return self._render_form(
            kind=kwargs.get("kind") if kwargs.get("kind") == "file" else "form"
        )

    @http.route("/b2b/register/lookup", type="jsonrpc", auth="public", website=True)
    def register_lookup(self, inn=None, **kwargs):
        """Requisites for the INN the visitor typed; errors come back as a message.

        The registry is paid: each visitor may ask a few times a minute and a day. Whether
        the company is already a customer is never said (the manager sees it).
        """
        try:
            request.env["b2b.request.throttle"].sudo()._b2b_hit(
                visitor_keys(request.httprequest.remote_addr, request.session.sid),
                self._b2b_lookup_rates(),
            )
            values = (
                request.env["b2b.company.registry"]
                .sudo()
                .b2b_lookup(inn if isinstance(inn, str) else "")
            )
        except UserError as error:
            return {"found": False, "error": str(error.args[0])}
        if values is None:
            return {
                "found": False,
                "error": request.env._(
                    "The company registry does not know the INN %(inn)s; fill in the requisites "
                    "by hand.",
                    inn=inn,
                ),
            }
        return {"found": True, "values": values}

    def _b2b_lookup_rates(self):
        params = request.env["ir.config_parameter"].sudo()
        return registry_lookup_rates(
            per_minute=int(params.get_param("b2b_portal.registry_lookups_per_minute") or 5),
            per_day=int(params.get_param("b2b_portal.registry_lookups_per_day") or 30),
        )

    def _b2b_registration_rates(self):
        params = request.env["ir.config_parameter"].sudo()
        return registration_rates(
            per_hour=int(params.get_param("b2b_portal.registrations_per_hour") or 5)
        )

    @http.route("/b2b/register", type="http", auth="public", website=True, methods=["POST"])
    def register_submit(self, kind="form", requisites_file=None, **post):
        kind = "file" if kind == "file" else "form"
        form = {field: (post.get(field) or "").strip() for field in FORM_FIELDS}
        vals = {key: value for key, value in form.items() if value}
        vals["kind"] = kind
        # Optional (the address tells the region too): anything but a region is ignored.
        region_id = post.get("region_id") if isinstance(post.get("region_id"), str) else ""
        region = request.env["b2b.region"].sudo()
        if re.fullmatch(r"[1-9][0-9]{0,8}", region_id):
            region = region.browse(int(region_id)).exists().filtered("active")
        form["region_id"] = region.id
        if form["region_id"]:
            vals["region_id"] = form["region_id"]
        if kind == "file":
            if requisites_file is not None and hasattr(requisites_file, "read"):
                data = requisites_file.read(MAX_SIZE + 1)
                vals["requisites_filename"] = requisites_file.filename
                vals["requisites_file"] = base64.b64encode(data) if data else False
            vals.setdefault("name", form["name"] or form["contact_name"])
        missing = [
            label
            for field, label in (
                ("contact_name", request.env._("your name")),
                ("email", request.env._("e-mail")),
                ("name", request.env._("company name")),
            )
            if not vals.get(field)
        ]
        if missing:
            return self._render_form(
                form, request.env._("Fill in: %(fields)s.", fields=", ".join(missing)), kind
            )
        try:
            # Each request reaches the manager (and may mail him): a few per address.
            request.env["b2b.request.throttle"].sudo()._b2b_hit(
                visitor_keys(request.httprequest.remote_addr), self._b2b_registration_rates()
            )
            # A savepoint: a refused request leaves nothing half-created behind.
            with request.env.cr.savepoint():
                registration = request.env["b2b.registration"].sudo().create(vals)
        except (UserError, ValidationError) as error:
            return self._render_form(form, str(error.args[0]), kind)
        return request.render("b2b_portal.b2b_register_done", {"registration": registration})
