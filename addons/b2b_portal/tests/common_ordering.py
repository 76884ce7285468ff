from odoo.tests import TransactionCase


class B2bOrderingCase(TransactionCase):
    """Tyres with stock in the Moscow and St. Petersburg warehouses, the demo holdings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = cls.env.ref("tyre_catalog.company_seller")
        cls.env.user.company_ids |= cls.seller
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.seller.id]))
        cls.wh_msk = cls.env.ref("tyre_catalog.warehouse_moscow")
        cls.wh_spb = cls.env.ref("tyre_catalog.warehouse_spb")
        cls.region_msk = cls.env.ref("tyre_catalog.region_moscow")
        cls.entity = cls.env.ref("b2b_portal.entity_shintorg_main")
        cls.entity_region = cls.env.ref("b2b_portal.entity_shintorg_region")
        cls.entity_kolesa = cls.env.ref("b2b_portal.entity_kolesa_main")
        (cls.entity | cls.entity_region).b2b_region_id = cls.region_msk
        # The Moscow region also ships from St. Petersburg, so carts span two warehouses.
        cls.wh_spb.b2b_region_id = cls.region_msk
        cls.head = cls.env.ref("b2b_portal.demo_user_shintorg_head")
        cls.buyer = cls.env.ref("b2b_portal.demo_user_shintorg_buyer")
        cls.kolesa_buyer = cls.env.ref("b2b_portal.demo_user_kolesa_buyer")
        cls.rule = cls.env.ref("b2b_portal.order_rule_default")
        cls.contracts = {
            entity: cls._contract(entity, credit_limit=50_000_000)
            for entity in (cls.entity, cls.entity_region, cls.entity_kolesa)
        }
        cls.nordic = cls._product("VST-NORDIC-16", 6100.0, pack=4)
        cls.summer = cls._product("VST-SUMMER-15", 4200.0)
        cls.allseason = cls._product("VST-ALL-17", 7300.0)
        cls._stock(cls.nordic, cls.wh_msk, 8)
        cls._stock(cls.nordic, cls.wh_spb, 20)
        cls._stock(cls.summer, cls.wh_msk, 5)
        cls._stock(cls.allseason, cls.wh_spb, 12)

    @classmethod
    def _contract(cls, entity, **terms):
        """The entity's contract in force, with ``terms`` (created when there is none)."""
        Contract = cls.env["b2b.contract"]
        contract = Contract._active_for(entity).get(entity.id)
        if not contract:
            contract = Contract.create(
                {
                    "name": f"Д-ТЕСТ-{entity.id}",
                    "partner_id": entity.id,
                    "company_id": cls.seller.id,
                }
            )
            contract.action_activate()
        contract.write({"is_prepayment": False, "overdue_tolerance_days": 365, **terms})
        return contract

    def _tight_credit(self, entity, headroom):
        """Leave ``entity`` only ``headroom`` of credit above what it already uses."""
        used = entity.sudo()._b2b_credit_used()
        self.contracts[entity].credit_limit = used + headroom

    @classmethod
    def _product(cls, code, price, pack=1):
        return cls.env["product.product"].create(
            {
                "name": f"Tyre {code}",
                "default_code": code,
                "list_price": price,
                "is_storable": True,
                "invoice_policy": "order",
                "b2b_pack_multiple": pack,
                "taxes_id": [(6, 0, cls.seller.account_sale_tax_id.ids)],
                "company_id": False,
            }
        )

    @classmethod
    def _stock(cls, product, warehouse, quantity):
        cls.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, quantity)

    def _cart(self, items, entity=None, user=None):
        entity = entity or self.entity
        user = user or self.buyer
        order = self.env["sale.order"].create(
            {
                "partner_id": entity.id,
                "company_id": self.seller.id,
                "b2b_buyer_id": user.partner_id.id,
                "b2b_state": "cart",
            }
        )
        order._b2b_add_lines(items)
        return order
