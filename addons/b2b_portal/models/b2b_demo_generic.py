from odoo import api, models
from odoo.modules.module import get_manifest
from odoo.tools import file_open

from ..lib.demo_records import record_xmlids

OUR_ADDONS = {"tyre_catalog", "b2b_pricing", "b2b_portal", "b2b_claims"}
ARCHIVED_MODELS = {"res.partner", "product.template", "product.product"}


class B2bDemoGeneric(models.AbstractModel):
    """Odoo's generic demo records in a demo database of the tyre business."""

    _name = "b2b.demo.generic"
    _description = "Generic demo records"

    @api.model
    def _b2b_archive_generic_demo(self):
        """Archive the partners (Azure Interior, Deco Addict…) and products (furniture) the
        demo data of the other modules created: the back office shows the tyre business only.
        Users' and companies' partners and the products of delivery methods stay; the
        partners of the generic companies are kept in their own company."""
        partners = self.env["res.partner"]
        products = self.env["product.template"]
        for xmlid in self._b2b_generic_demo_xmlids():
            record = self.env.ref(xmlid, raise_if_not_found=False)
            if record is None:
                continue
            if record._name == "res.partner":
                partners |= record
            else:
                products |= record if record._name == "product.template" else record.product_tmpl_id
        users = self.env["res.users"].with_context(active_test=False).search([])
        partners -= users.partner_id | self.env["res.company"].search([]).partner_id
        if "delivery.carrier" in self.env:
            carriers = self.env["delivery.carrier"].with_context(active_test=False).search([])
            products -= carriers.product_id.product_tmpl_id
        partners.write({"active": False})
        seller = self.env.ref("tyre_catalog.company_seller")
        for company in self.env["res.company"].search([("id", "!=", seller.id)]):
            company.partner_id.company_id = company
        products.filtered(lambda p: not p.is_tyre).write({"active": False})

    @api.model
    def _b2b_generic_demo_xmlids(self):
        installed = self.env["ir.module.module"].search(
            [("state", "in", ("installed", "to upgrade")), ("name", "not in", list(OUR_ADDONS))]
        )
        xmlids = set()
        for module in installed.mapped("name"):
            for path in get_manifest(module).get("demo", []):
                if path.endswith(".xml"):
                    with file_open(f"{module}/{path}", "rb") as demo_file:
                        xmlids |= record_xmlids(demo_file.read(), module, ARCHIVED_MODELS)
        return xmlids
