from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import B2bDataMixin, CsrfMixin


@tagged("post_install", "-at_install")
class TestEntityRegion(CsrfMixin, B2bDataMixin, HttpCase):
    """The region of a legal entity is the manager's: no address a customer adds or removes
    changes it, and a change by the manager shows in the portal at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.region_spb = cls.env.ref("tyre_catalog.region_spb")
        cls.region_urals = cls.env.ref("tyre_catalog.region_urals")
        cls.wh_spb = cls.env.ref("tyre_catalog.warehouse_spb")
        cls.wh_ekb = cls.env.ref("tyre_catalog.warehouse_ekb")
        cls.kolesa_entities = cls.kolesa_head.partner_id.b2b_access_ids.entity_id

    def _warehouses(self, user):
        return self.env["stock.warehouse"].with_user(user).search([])

    def test_an_address_in_another_city_does_not_switch_the_region(self):
        self.assertEqual(self.kolesa.b2b_catalog_region_id, self.region_spb)
        self.assertEqual(self._warehouses(self.kolesa_head), self.wh_spb)
        self.authenticate(self.kolesa_head.login, self.kolesa_head.login)
        response = self.url_open(
            "/my/company/addresses/save",
            data={
                "csrf_token": self.csrf_token("/my/company/addresses"),
                "name": "Склад в Москве",
                "street": "ул. Складская, 1",
                "city": "Москва",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        address = self.kolesa.child_ids.filtered(lambda p: p.name == "Склад в Москве")
        self.assertEqual(address.city, "Москва")
        self.kolesa.invalidate_recordset()
        self.assertEqual(self.kolesa.b2b_catalog_region_id, self.region_spb)
        self.assertEqual(self._warehouses(self.kolesa_head), self.wh_spb)
        address.unlink()
        self.assertEqual(self._warehouses(self.kolesa_head), self.wh_spb)

    def test_a_region_set_by_the_manager_applies_at_once(self):
        self.assertEqual(self._warehouses(self.kolesa_head), self.wh_spb)
        # The manager moves the holding to the Urals in the back office.
        self.kolesa_entities.write({"b2b_region_id": self.region_urals.id})
        self.assertEqual(self._warehouses(self.kolesa_head), self.wh_ekb)
        self.authenticate(self.kolesa_head.login, self.kolesa_head.login)
        self.assertIn(self.region_urals.name, self.url_open("/my/company").text)

    def test_customers_read_the_region_but_cannot_change_it(self):
        self.assertEqual(self.main.with_user(self.head).b2b_region_id, self.main.b2b_region_id)
        with self.assertRaises(AccessError):
            self.main.with_user(self.head).write({"b2b_region_id": self.region_urals.id})
