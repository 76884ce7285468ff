from odoo.tests import HttpCase, TransactionCase, tagged

from .common import CsrfMixin

SPB_INN = "7812345675"
MSK_INN = "7734567893"
EKB_INN = "6670123457"
NSK_INN = "5401234566"
SHINTORG_INN = "7728083012"


@tagged("post_install", "-at_install")
class TestRequestRouting(TransactionCase):
    """Who gets a request: a customer's goes to the holding's personal manager, a new
    company's to the B2B team of its region, the substitute standing in while the person is
    absent; never Odoo's sample team or the administrator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.Registration = cls.env["b2b.registration"]
        cls.manager = ref("b2b_portal.demo_user_manager")
        cls.manager2 = ref("b2b_portal.demo_user_manager2")
        cls.team = ref("b2b_portal.demo_team_b2b")
        cls.team_spb = ref("b2b_portal.demo_team_b2b_spb")
        cls.region_msk = ref("tyre_catalog.region_moscow")
        cls.region_spb = ref("tyre_catalog.region_spb")
        cls.region_urals = ref("tyre_catalog.region_urals")
        cls.main = ref("b2b_portal.entity_shintorg_main")
        cls.kolesa = ref("b2b_portal.entity_kolesa_main")
        cls.outsiders = ref("base.user_admin") | ref("base.user_root")

    def _register(self, inn, address, **extra):
        return self.Registration.create(
            {
                "name": f"ООО «Тест {inn}»",
                "inn": inn,
                "address": address,
                "contact_name": "Пётр Кузнецов",
                "email": f"{inn}@routing.demo",
                **extra,
            }
        )

    def assertRoutedTo(self, registration, user, team):
        self.assertEqual(registration.user_id, user)
        self.assertEqual(registration.team_id, team)
        self.assertEqual(registration.activity_ids.user_id, user, "the to-do is his")
        self.assertNotIn(registration.user_id, self.outsiders)
        # He finds it among his requests (record rules of b2b.registration).
        mine = self.Registration.with_user(user).search([("state", "=", "new")])
        self.assertIn(registration, mine)

    def test_demo_regions_have_their_teams(self):
        self.assertEqual(self.region_msk.b2b_team_id.user_id, self.manager)
        self.assertEqual(self.region_urals.b2b_team_id.user_id, self.manager)
        self.assertEqual(self.region_spb.b2b_team_id.user_id, self.manager2)

    def test_new_company_of_st_petersburg_goes_to_its_team(self):
        registration = self._register(SPB_INN, "196084, г Санкт-Петербург, Московский пр-кт, 73")
        self.assertEqual(registration.region_id, self.region_spb)
        self.assertRoutedTo(registration, self.manager2, self.team_spb)

    def test_new_company_of_moscow_goes_to_its_team(self):
        registration = self._register(MSK_INN, "125009, г. Москва, ул. Тверская, д. 7")
        self.assertEqual(registration.region_id, self.region_msk)
        self.assertRoutedTo(registration, self.manager, self.team)
        # A town of the region whose warehouse stands there counts too (Химки).
        town = self._register(EKB_INN, "141400, Московская обл, г Химки, ул Ленина, 1")
        self.assertEqual(town.region_id, self.region_msk)

    def test_region_chosen_on_the_form_wins_over_the_address(self):
        registration = self._register(
            MSK_INN, "г Москва, ул Тверская, 7", region_id=self.region_spb.id
        )
        self.assertEqual(registration.region_id, self.region_spb)
        self.assertRoutedTo(registration, self.manager2, self.team_spb)

    def test_customer_request_goes_to_the_personal_manager(self):
        # ШинТорг is a Moscow customer of Фёдоров: an address in St Petersburg changes nothing.
        self.assertEqual(self.main.b2b_holding_id.user_id, self.manager)
        registration = self._register(SHINTORG_INN, "г Санкт-Петербург, Невский пр-кт, 1")
        self.assertEqual(registration.existing_entity_id, self.main)
        self.assertRoutedTo(registration, self.manager, self.manager.sale_team_id)

    def test_substitute_takes_over_while_the_person_is_absent(self):
        self.manager.write({"b2b_absent": True, "b2b_substitute_id": self.manager2.id})
        customer = self._register(SHINTORG_INN, "г Москва")
        self.assertRoutedTo(customer, self.manager2, self.manager.sale_team_id)
        moscow = self._register(MSK_INN, "г Москва, ул Тверская, 7")
        self.assertRoutedTo(moscow, self.manager2, self.team)
        # Back at work: new requests are his again.
        self.manager.b2b_absent = False
        urals = self._register(EKB_INN, "620014, г Екатеринбург, ул Малышева, 5")
        self.assertEqual(urals.region_id, self.region_urals)
        self.assertRoutedTo(urals, self.manager, self.team)
        # The St Petersburg desk while its leader is away.
        self.manager2.write({"b2b_absent": True, "b2b_substitute_id": self.manager.id})
        spb = self._register(SPB_INN, "г Санкт-Петербург")
        self.assertRoutedTo(spb, self.manager, self.team_spb)

    def test_user_confirmation_goes_to_the_holdings_manager(self):
        # Колёса Северо-Запад is a St Petersburg customer; its personal manager decides.
        self.assertEqual(self.kolesa.b2b_region_id, self.region_spb)
        self.assertEqual(self.kolesa.b2b_holding_id.user_id, self.manager)
        contact = self.env["res.partner"].create(
            {"name": "Олег Новый", "email": "oleg@kolesa.demo", "parent_id": self.kolesa.id}
        )
        access = self.env["b2b.entity.access"].create(
            {"contact_id": contact.id, "entity_id": self.kolesa.id, "role": "accountant"}
        )
        request = self.Registration.search([("access_id", "=", access.id)])
        self.assertEqual(request.kind, "confirmation")
        self.assertRoutedTo(request, self.manager, self.manager.sale_team_id)
        self.manager.write({"b2b_absent": True, "b2b_substitute_id": self.manager2.id})
        access.confirmed = True
        access.confirmed = False  # asks again, now while Фёдоров is away
        again = self.Registration.search([("access_id", "=", access.id), ("state", "=", "new")])
        self.assertRoutedTo(again, self.manager2, self.manager.sale_team_id)

    def test_unknown_region_goes_to_the_settings_team_never_to_a_sample_team(self):
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("b2b_portal.registration_team_id"), str(self.team.id))
        registration = self._register(NSK_INN, "630099, г Новосибирск, Красный пр-кт, 1")
        self.assertFalse(registration.region_id)
        self.assertRoutedTo(registration, self.manager, self.team)
        # Nothing configured: the request waits in the shared queue, assigned to nobody
        # (Odoo's sample "Sales" team is led by the administrator).
        params.set_param("b2b_portal.registration_team_id", False)
        orphan = self._register(SPB_INN, "г Новосибирск", email="orphan@routing.demo")
        self.assertFalse(orphan.user_id)
        self.assertFalse(orphan.team_id)
        self.assertFalse(orphan.activity_ids)
        self.assertIn(orphan, self.Registration.with_user(self.manager2).search([]))


@tagged("post_install", "-at_install")
class TestRegistrationRegionForm(CsrfMixin, HttpCase):
    """The visitor may choose the region on the registration form; the address decides
    otherwise, and anything but a region is ignored."""

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)
        self.env["ir.config_parameter"].set_param("b2b_portal.registrations_per_hour", 100)
        self.region_spb = self.env.ref("tyre_catalog.region_spb")
        self.manager2 = self.env.ref("b2b_portal.demo_user_manager2")
        self.manager = self.env.ref("b2b_portal.demo_user_manager")

    def _submit(self, inn, **values):
        return self.url_open(
            "/b2b/register",
            data={
                "csrf_token": self.csrf_token("/b2b/register"),
                "contact_name": "Игорь Орлов",
                "email": f"{inn}@region-form.demo",
                "name": f"ООО «Регион {inn}»",
                "inn": inn,
                "address": "г Москва, ул Тверская, 7",
                **values,
            },
        )

    def _request(self, inn):
        return self.env["b2b.registration"].search([("inn", "=", inn)])

    def test_region_chosen_on_the_form(self):
        form = self.url_open("/b2b/register").text
        self.assertIn('name="region_id"', form)
        self.assertIn(f'value="{self.region_spb.id}"', form)
        self.assertEqual(self._submit(SPB_INN, region_id=str(self.region_spb.id)).status_code, 200)
        request = self._request(SPB_INN)
        self.assertEqual(request.region_id, self.region_spb)
        self.assertEqual(request.user_id, self.manager2)

    def test_no_or_bogus_region_leaves_it_to_the_address(self):
        for inn, region_id in ((MSK_INN, ""), (EKB_INN, "99999999999999"), (NSK_INN, "абв")):
            response = self._submit(inn, region_id=region_id)
            self.assertEqual(response.status_code, 200, region_id)
            request = self._request(inn)
            self.assertEqual(request.region_id, self.env.ref("tyre_catalog.region_moscow"))
            self.assertEqual(request.user_id, self.manager)
