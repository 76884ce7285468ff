"""Dynamic snippets of the website: only records the visitor may read, never a crash.

Odoo renders a "single record" snippet for any model and id the browser names, reading
the record as superuser, and a request without the template or the limit was a server
error.
"""

from werkzeug.exceptions import BadRequest, NotFound

from odoo import http
from odoo.addons.website.controllers.main import Website
from odoo.exceptions import AccessError
from odoo.http import request


class B2bSnippetFilters(Website):
    @http.route()
    def get_dynamic_filter(self, filter_id, **kwargs):
        if not kwargs.get("template_key") or not kwargs.get("limit"):
            raise BadRequest(request.env._("The request lacks parameters this address needs."))
        res_model, res_id = kwargs.get("res_model"), kwargs.get("res_id")
        if res_model or res_id:
            if res_model not in request.env or not str(res_id).isdigit():
                raise NotFound()
            record = request.env[res_model].browse(int(res_id)).exists()
            try:
                record.check_access("read")
            except AccessError:
                raise NotFound() from None
            if not record:
                raise NotFound()
        return super().get_dynamic_filter(filter_id, **kwargs)
