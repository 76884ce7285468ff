from odoo.tests import tagged

from .common import TyreCatalogCase


@tagged("post_install", "-at_install")
class TestRegionIsolation(TyreCatalogCase):
    def test_distributor_sees_only_warehouses_of_its_region(self):
        product = self._tyre(default_code="TB-REGION").product_variant_id
        Quant = self.env["stock.quant"]
        for warehouse in (self.wh_msk, self.wh_spb, self.wh_ekb):
            Quant._update_available_quantity(product, warehouse.lot_stock_id, 5)
        user = self._portal_user("spb.buyer", self.region_spb)
        Query = self.Query.with_user(user)

        self.assertEqual(self.env["stock.warehouse"].with_user(user).search([]), self.wh_spb)
        result = Query.search_catalog({}, search="TB-REGION")
        self.assertEqual(result["region"]["id"], self.region_spb.id)
        self.assertEqual([wh["id"] for wh in result["warehouses"]], [self.wh_spb.id])
        self.assertEqual(len(result["products"]), 1)
        self.assertEqual(
            [line["warehouse_id"] for line in result["products"][0]["stock"]], [self.wh_spb.id]
        )
        # Even when the whole catalog is listed, no other warehouse ever appears.
        result = Query.search_catalog({"in_stock": True}, limit=100)
        seen = {line["warehouse_id"] for row in result["products"] for line in row["stock"]}
        self.assertEqual(seen, {self.wh_spb.id})
        suggestions = Query.suggest("TB-REGION")
        self.assertEqual(suggestions["products"][0]["qty"], 5)

    def test_region_without_stock_hides_sections(self):
        winter = self.env.ref("tyre_catalog.public_category_passenger_winter")
        empty_region = self.env["b2b.region"].create({"name": "Empty", "code": "EMPTY"})
        self.env["stock.warehouse"].create(
            {
                "name": "Empty WH",
                "code": "EMP",
                "company_id": self.company.id,
                "b2b_region_id": empty_region.id,
            }
        )
        user = self._portal_user("empty.buyer", empty_region)
        result = self.Query.with_user(user).search_catalog({"category": [winter.id]})
        self.assertEqual(result["facets"]["category"], [])
        self.assertEqual(result["total"], 0)
        result = self.Query.with_user(user).search_catalog({})
        self.assertGreater(result["total"], 0)
        self.assertTrue(all(row["stock"] == [] for row in result["products"]))

    def test_customer_region_falls_back_to_city_then_default(self):
        partner = self.env["res.partner"].create(
            {"name": "Uralshina", "is_company": True, "city": "Екатеринбург"}
        )
        self.assertEqual(partner.b2b_catalog_region_id, self.env.ref("tyre_catalog.region_urals"))
        contact = self.env["res.partner"].create({"name": "Nobody", "city": "Тверь"})
        self.assertEqual(contact.b2b_catalog_region_id, self.region_msk)
        partner.b2b_region_id = self.region_spb
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": partner.id})
        self.assertEqual(contact.b2b_catalog_region_id, self.region_spb)
