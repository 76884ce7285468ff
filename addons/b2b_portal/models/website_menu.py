from odoo import api, models

SHOP_URL = "/shop"
CATALOG_URL = "/my/catalog"


class WebsiteMenu(models.Model):
    _inherit = "website.menu"

    @api.model
    def _b2b_shop_menus_to_catalog(self):
        """website_sale's "Shop" header menu (and its copy on every website) leads to the
        tyre catalog, named in every installed language: the shop is closed to distributors
        and holds nothing of the tyre business."""
        menus = self.sudo().search([("url", "=", SHOP_URL)])
        if not menus:
            return
        menus.with_context(lang="en_US").write({"url": CATALOG_URL, "name": "Catalog"})
        for code, _name in self.env["res.lang"].get_installed():
            in_lang = self.with_context(lang=code)
            menus.with_context(lang=code).write({"name": in_lang.env._("Catalog")})
