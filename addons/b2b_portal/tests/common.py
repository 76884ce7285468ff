import re

from odoo import Command
from odoo.tests import TransactionCase

CSRF_TOKEN = re.compile(r'csrf_token: "([^"]+)"')


class CsrfMixin:
    """HttpCase helpers: the CSRF token of the browser session (read from a page), acting
    for a legal entity as a portal user, a tyre in stock in a warehouse."""

    def csrf_token(self, url="/my"):
        page = self.url_open(url)
        match = CSRF_TOKEN.search(page.text)
        self.assertTrue(match, f"{url} must carry a CSRF token")
        return match.group(1)

    def act_for(self, user, entity):
        """Log ``user`` in (password = login) and choose ``entity`` in the header."""
        self.authenticate(user.login, user.login)
        response = self.url_open(
            "/b2b/entity/switch",
            data={"entity_id": entity.id, "redirect": "/my", "csrf_token": self.csrf_token()},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(user._b2b_current_entity(), entity)

    @classmethod
    def stocked_tyre(cls, warehouse, quantity):
        """(a tyre with at least ``quantity`` in the catalog index of ``warehouse``, its
        smallest order quantity)."""
        cls.env["tyre.catalog.facet"]._flush_dirty()
        stock = cls.env["tyre.catalog.facet.stock"].search(
            [("warehouse_id", "=", warehouse.id), ("qty", ">=", quantity)], limit=1
        )
        product = cls.env["product.product"].browse(stock.product_id.id)
        template = product.product_tmpl_id
        return product, template.b2b_pack_multiple * template.b2b_min_qty


class B2bDataMixin:
    """Demo holdings plus confirmed orders, deliveries and posted invoices per legal entity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.seller = ref("tyre_catalog.company_seller")
        cls.env.user.company_ids |= cls.seller
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.seller.ids))
        cls.main = ref("b2b_portal.entity_shintorg_main")
        cls.region = ref("b2b_portal.entity_shintorg_region")
        cls.logistic = ref("b2b_portal.entity_shintorg_logistic")
        cls.kolesa = ref("b2b_portal.entity_kolesa_main")
        cls.head = ref("b2b_portal.demo_user_shintorg_head")
        cls.buyer = ref("b2b_portal.demo_user_shintorg_buyer")
        cls.accountant = ref("b2b_portal.demo_user_shintorg_accountant")
        cls.newcomer = ref("b2b_portal.demo_user_shintorg_new")
        cls.kolesa_head = ref("b2b_portal.demo_user_kolesa_head")
        cls.manager = ref("b2b_portal.demo_user_manager")
        cls.manager2 = ref("b2b_portal.demo_user_manager2")
        cls.product = cls.env["product.product"].create(
            {
                "name": "Шина 205/55 R16 91V (тест)",
                "type": "consu",
                "is_storable": True,
                "list_price": 5200.0,
                "sale_ok": True,
                "website_published": True,
                "invoice_policy": "order",
                "taxes_id": [Command.set(cls.seller.account_sale_tax_id.ids)],
            }
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.product,
            cls.env["stock.warehouse"]
            .search([("company_id", "=", cls.seller.id)], limit=1)
            .lot_stock_id,
            100,
        )
        cls.order_buyer = cls._order(cls.main, cls.buyer.partner_id, "buyer's order")
        cls.order_head = cls._order(cls.main, cls.head.partner_id, "head's order")
        cls.order_newcomer = cls._order(cls.main, cls.newcomer.partner_id, "newcomer's order")
        # Entered in the back office: no buyer, the legal entity itself is the customer.
        cls.order_offline = cls._order(cls.region, None, "offline order")
        cls.order_kolesa = cls._order(cls.kolesa, cls.kolesa_head.partner_id, "foreign order")
        cls.invoice_main = cls._invoice(cls.order_head)
        cls.invoice_kolesa = cls._invoice(cls.order_kolesa)
        cls.document_main = cls._attachment(cls.invoice_main, "Счёт-фактура ШинТорг.pdf")
        cls.document_kolesa = cls._attachment(cls.invoice_kolesa, "Счёт-фактура Колёса.pdf")

    @classmethod
    def _order(cls, entity, buyer, note):
        order = (
            cls.env["sale.order"]
            .with_company(cls.seller)
            .create(
                {
                    "partner_id": entity.id,
                    "b2b_buyer_id": buyer.id if buyer else False,
                    "company_id": cls.seller.id,
                    "client_order_ref": note,
                    "order_line": [
                        Command.create({"product_id": cls.product.id, "product_uom_qty": 4})
                    ],
                }
            )
        )
        # The credit check of b2b_pricing is not what these tests are about: the manager
        # lifts it, as he may for any order.
        order.b2b_credit_lifted = True
        order.action_confirm()
        return order

    @classmethod
    def _invoice(cls, order):
        order.picking_ids.move_ids.write({"quantity": 4, "picked": True})
        order.picking_ids.button_validate()
        # Confirming a B2B order posts its invoice (sale_order_confirmation.py).
        invoice = order.invoice_ids
        assert invoice.state == "posted", f"{order.name}: the test invoice must be posted"
        return invoice

    @classmethod
    def _attachment(cls, record, name):
        return cls.env["ir.attachment"].create(
            {
                "name": name,
                "res_model": record._name,
                "res_id": record.id,
                "raw": b"%PDF-1.4 document",
            }
        )

    def visible(self, user, records):
        """The part of ``records`` that ``user`` can see through the record rules."""
        return records.with_user(user).search([("id", "in", records.ids)])


class B2bPortalCase(B2bDataMixin, TransactionCase):
    pass
