"""Dynamic product variants of the shop: ids that are not ids are a 400, not a crash."""

from werkzeug.exceptions import BadRequest

from odoo import http
from odoo.addons.website_sale.controllers.variant import WebsiteSaleVariantController
from odoo.http import request


def _is_id(value):
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31


class B2bProductVariant(WebsiteSaleVariantController):
    @http.route()
    def create_product_variant(
        self, product_template_id, product_template_attribute_value_ids, **kwargs
    ):
        ids = product_template_attribute_value_ids
        template_id = product_template_id
        if isinstance(template_id, str) and template_id.isdigit():
            template_id = int(template_id)
        if not (_is_id(template_id) and isinstance(ids, list) and all(map(_is_id, ids))):
            raise BadRequest(request.env._("The request lacks parameters this address needs."))
        return super().create_product_variant(template_id, ids, **kwargs)
