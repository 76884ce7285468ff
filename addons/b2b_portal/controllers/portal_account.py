from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request
from odoo.tools import email_normalize

from .tools import safe_redirect

CONTACT_FIELDS = ("name", "email", "phone")


class B2bAccountPortal(CustomerPortal):
    """/my/account of a B2B user: only the person's own name, e-mail and phone.

    Odoo's form there edits the address, company name and VAT of the customer: for a contact
    of a legal entity that would rename the entity or rewrite its requisites, which only the
    manager keeps (shown read-only under My company).
    """

    @http.route()
    def account(self, redirect=None, **post):
        if not request.env.user._b2b_is_customer_user():
            return super().account(**post, **({"redirect": redirect} if redirect else {}))
        # The user's own contact, nothing else: the user is who the session says.
        partner_sudo = request.env.user.partner_id.sudo()
        form = {field: partner_sudo[field] or "" for field in CONTACT_FIELDS}
        error = None
        saved = False
        if request.httprequest.method == "POST":
            form = {field: self._b2b_text(post.get(field)) for field in CONTACT_FIELDS}
            error = self._b2b_contact_error(form)
            if not error:
                partner_sudo.write({key: value or False for key, value in form.items()})
                if redirect:
                    return request.redirect(safe_redirect(redirect))
                saved = True
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "my_details",
                "form": form,
                "error": error,
                "saved": saved,
                "redirect": redirect or "",
                "entity": request.env.user._b2b_current_entity(),
            }
        )
        return request.render("b2b_portal.portal_my_contact", values)

    @staticmethod
    def _b2b_text(value):
        """A form field as clean text (a file or a NUL character would not go into the database)."""
        return value.replace("\x00", "").strip() if isinstance(value, str) else ""

    def _b2b_contact_error(self, form):
        _ = request.env._
        if not form["name"] or not form["email"]:
            return _("Fill in your name and e-mail.")
        if not email_normalize(form["email"]):
            return _("The e-mail %(email)s is not valid.", email=form["email"])
        return None
