from lxml import html

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import format_amount, format_date


@tagged("post_install", "-at_install")
class TestCompanyTerms(HttpCase):
    """Issue 11: /my/company shows the acting entity's contract terms (its credit limit only
    to a role with the balance right) and the entity's own address, on one clean line."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.entity = cls.env.ref("b2b_portal.entity_shintorg_main")
        cls.head = cls.env.ref("b2b_portal.demo_user_shintorg_head")
        cls.buyer = cls.env.ref("b2b_portal.demo_user_shintorg_buyer")
        (cls.head | cls.buyer).b2b_current_entity_id = cls.entity
        cls.contract = cls.env["b2b.contract"]._active_for(cls.entity)[cls.entity.id]
        cls.contract.write({"discount": 3.5, "credit_limit": 1234567.89, "is_prepayment": False})

    def _company_page(self, user):
        self.authenticate(user.login, user.login)
        page = self.url_open("/my/company")
        self.assertEqual(page.status_code, 200)
        return html.fromstring(page.content)

    def _cell(self, tree, css_class):
        cells = tree.xpath(f"//*[contains(@class, '{css_class}')]")
        return cells[0].text_content().strip() if cells else None

    def test_the_contract_terms_are_shown(self):
        env = self.env(context={"lang": self.head.lang})
        tree = self._company_page(self.head)
        self.assertFalse(tree.xpath("//*[contains(@class, 'o_b2b_no_contract')]"))
        self.assertEqual(self._cell(tree, "o_b2b_contract_number"), self.contract.name)
        self.assertIn(
            format_date(env, self.contract.date_start), self._cell(tree, "o_b2b_contract_period")
        )
        discount = env["ir.qweb.field.b2b_number"]._b2b_format(self.contract.discount)
        self.assertEqual(self._cell(tree, "o_b2b_contract_discount"), f"{discount} %")
        self.assertEqual(
            self._cell(tree, "o_b2b_contract_payment"),
            self.contract.payment_term_id.with_env(env).name or "—",
        )
        self.assertEqual(
            self._cell(tree, "o_b2b_contract_credit"),
            format_amount(env, self.contract.credit_limit, self.contract.currency_id),
        )

    def test_the_credit_limit_needs_the_balance_right(self):
        tree = self._company_page(self.buyer)
        self.assertEqual(self._cell(tree, "o_b2b_contract_number"), self.contract.name)
        self.assertIsNone(self._cell(tree, "o_b2b_contract_credit"))

    def test_the_requisites_show_the_entity_own_address(self):
        self.entity.write({"street": "ул. Складочная, д. 1", "street2": False, "zip": "127018"})
        sibling = self.env.ref("b2b_portal.entity_shintorg_region")
        sibling.write({"street": "Можайское ш., д. 165", "city": "Одинцово", "zip": "143006"})
        tree = self._company_page(self.head)
        address = self._cell(tree, "o_b2b_address")
        self.assertIn("ул. Складочная, д. 1", address)
        self.assertIn("127018", address)
        self.assertNotIn(", ,", address)
        self.assertNotIn("  ", address)
        self.assertNotIn(sibling.street, address)
        self.assertNotIn(sibling.zip, address)


@tagged("post_install", "-at_install")
class TestLegalEntityAddress(TransactionCase):
    """A legal entity keeps its own address: Odoo would share a "contact" child's address
    with its parent (the holding) and from there with every other entity."""

    def setUp(self):
        super().setUp()
        self.holding = self.env["res.partner"].create(
            {"name": "Холдинг «Тест»", "is_company": True, "is_b2b_holding": True, "city": "Москва"}
        )
        self.first = self._entity("ООО «Первое»", "ул. Первая, 1", "Москва", "101000")
        self.second = self._entity("ООО «Второе»", "ул. Вторая, 2", "Одинцово", "143006")

    def _entity(self, name, street, city, zip_code):
        return self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "parent_id": self.holding.id,
                "street": street,
                "city": city,
                "zip": zip_code,
            }
        )

    def _address(self, partner):
        return (partner.street, partner.city, partner.zip)

    def test_entities_keep_their_addresses(self):
        self.assertEqual(self._address(self.first), ("ул. Первая, 1", "Москва", "101000"))
        self.assertEqual(self._address(self.second), ("ул. Вторая, 2", "Одинцово", "143006"))
        self.second.write({"street": "ул. Новая, 3", "zip": "143000"})
        self.assertEqual(self._address(self.first), ("ул. Первая, 1", "Москва", "101000"))
        self.assertEqual(self.holding.street, False)
        self.holding.write({"city": "Химки", "street": "ул. Холдинга, 9"})
        self.assertEqual(self._address(self.second), ("ул. Новая, 3", "Одинцово", "143000"))

    def test_contacts_still_share_their_entity_address(self):
        contact = self.env["res.partner"].create(
            {"name": "Иван Петров", "parent_id": self.first.id}
        )
        self.assertEqual(self._address(contact), self._address(self.first))
        self.first.write({"street": "ул. Первая, 5"})
        self.assertEqual(contact.street, "ул. Первая, 5")

    def test_data_files_keep_the_address_given(self):
        [loaded] = self.env["res.partner"]._load_records(
            [
                {
                    "xml_id": "b2b_portal.test_entity_loaded",
                    "values": {
                        "name": "ООО «Третье»",
                        "is_company": True,
                        "parent_id": self.holding.id,
                        "street": "ул. Третья, 3",
                        "zip": "127018",
                    },
                }
            ]
        )
        self.assertEqual(self._address(loaded), ("ул. Третья, 3", False, "127018"))
        self.assertEqual(self._address(self.first), ("ул. Первая, 1", "Москва", "101000"))

    def test_the_address_line_has_no_empty_parts(self):
        line = self.first._b2b_address_line()
        self.assertIn("ул. Первая, 1", line)
        self.assertIn("101000", line)
        self.assertNotIn(", ,", line)
        self.assertFalse(line.startswith(",") or line.endswith(","))
