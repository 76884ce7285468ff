import importlib.util
from pathlib import Path

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

    def test_customer_region_is_set_not_guessed_from_cities(self):
        # Cities are edited by customers: they decide nothing, the region is the manager's.
        partner = self.env["res.partner"].create(
            {"name": "Uralshina", "is_company": True, "city": "Екатеринбург"}
        )
        self.env["res.partner"].create(
            {
                "name": "Склад",
                "type": "delivery",
                "parent_id": partner.id,
                "city": "Санкт-Петербург",
            }
        )
        default = self.env["b2b.region"].search([], limit=1)
        self.assertNotIn(default, self.region_spb | self.env.ref("tyre_catalog.region_urals"))
        self.assertEqual(partner.b2b_catalog_region_id, default)
        partner.b2b_region_id = self.region_spb
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": partner.id, "city": "Екатеринбург"}
        )
        self.assertEqual(contact.b2b_catalog_region_id, self.region_spb)
        self.assertEqual(partner.b2b_catalog_region_id, self.region_spb)

    def test_upgrade_keeps_the_region_the_cities_gave(self):
        path = Path(__file__).parents[1] / "migrations/19.0.1.1.0/post-region-from-cities.py"
        spec = importlib.util.spec_from_file_location("post_region_from_cities", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        partner = self.env["res.partner"].create(
            {"name": "Uralshina", "is_company": True, "city": "Екатеринбург"}
        )
        address = self.env["res.partner"].create(
            {
                "name": "Склад",
                "type": "delivery",
                "parent_id": partner.id,
                "city": "Санкт-Петербург",
            }
        )
        elsewhere = self.env["res.partner"].create({"name": "Nowhere", "city": "Тверь"})
        self.env.flush_all()
        migration.migrate(self.env.cr, "19.0.1.0.0")
        self.env.invalidate_all()
        # As the cities decided before: the first region (by sequence) among theirs.
        self.assertEqual((partner | address).b2b_region_id, self.region_spb)
        self.assertFalse(elsewhere.b2b_region_id)

    def test_region_change_applies_to_the_warehouse_rule_at_once(self):
        user = self._portal_user("moving.buyer", self.region_spb)
        Warehouse = self.env["stock.warehouse"].with_user(user)
        self.assertEqual(Warehouse.search([]), self.wh_spb)
        # The rule's domain is cached per user; the region must still be read afresh.
        user.partner_id.commercial_partner_id.b2b_region_id = self.region_msk
        self.assertEqual(Warehouse.search([]), self.wh_msk | self.wh_msk_khimki)
