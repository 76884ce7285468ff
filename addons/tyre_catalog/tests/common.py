from odoo import Command
from odoo.tests import TransactionCase


class TyreCatalogCase(TransactionCase):
    """Fixtures on top of the demo catalog: a brand, a pattern, regions and warehouses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("tyre_catalog.company_seller")
        cls.env.user.company_ids |= cls.company
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))
        cls.Facet = cls.env["tyre.catalog.facet"]
        cls.Query = cls.env["tyre.catalog.query"]
        cls.region_msk = cls.env.ref("tyre_catalog.region_moscow")
        cls.region_spb = cls.env.ref("tyre_catalog.region_spb")
        cls.wh_msk = cls.env.ref("tyre_catalog.warehouse_moscow")
        cls.wh_msk_khimki = cls.env.ref("tyre_catalog.warehouse_moscow_khimki")
        cls.wh_spb = cls.env.ref("tyre_catalog.warehouse_spb")
        cls.wh_ekb = cls.env.ref("tyre_catalog.warehouse_ekb")
        cls.brand = cls.env["tyre.brand"].create({"name": "Testbrand"})
        cls.pattern = cls.env["tyre.model"].create(
            {"name": "Frostgrip", "brand_id": cls.brand.id, "season": "winter", "studded": True}
        )

    def _tyre(self, size="205/55 R16 94T XL", **values):
        return self.env["product.template"].create(
            {
                "name": f"Testbrand Frostgrip {size}",
                "default_code": values.pop("default_code", "TB-0001"),
                "type": "consu",
                "is_storable": True,
                "tyre_size": size,
                "tyre_brand_id": self.brand.id,
                "tyre_model_id": self.pattern.id,
                "tyre_season": "winter",
                "tyre_studded": True,
                "tyre_vehicle_type": "passenger",
                "list_price": 7000,
                **values,
            }
        )

    def _row(self, product):
        self.env.cr.flush()
        self.env.cr.execute(
            "SELECT width, profile, diameter, season, active, brand_id, size_label, "
            "stock_warehouse_ids, search_text FROM tyre_catalog_facet WHERE id = %s",
            [product.id],
        )
        return self.env.cr.dictfetchone()

    def _stock(self, product):
        self.env.cr.flush()
        self.env.cr.execute(
            "SELECT warehouse_id, qty FROM tyre_catalog_facet_stock WHERE product_id = %s",
            [product.id],
        )
        return {warehouse_id: float(qty) for warehouse_id, qty in self.env.cr.fetchall()}

    def _portal_user(self, login, region):
        partner = self.env["res.partner"].create(
            {
                "name": f"Distributor {login}",
                "is_company": True,
                "b2b_region_id": region.id,
            }
        )
        return self.env["res.users"].create(
            {
                "name": f"Buyer {login}",
                "login": login,
                "password": login + "-pass-123",
                "parent_id": partner.id,
                "company_id": self.company.id,
                "company_ids": [Command.set([self.company.id])],
                "group_ids": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )
