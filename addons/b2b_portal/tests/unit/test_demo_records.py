from b2b_portal.lib.demo_records import record_xmlids

DEMO_FILE = b"""<?xml version="1.0"?>
<odoo>
    <data noupdate="1">
        <record id="res_partner_1" model="res.partner"><field name="name">Wood</field></record>
        <record id="base.res_partner_2" model="res.partner"><field name="city">Rome</field></record>
        <record id="product_1" model="product.product"><field name="name">Desk</field></record>
        <record id="team_1" model="crm.team"><field name="name">Europe</field></record>
        <function model="res.partner" name="_demo"/>
    </data>
</odoo>
"""


def test_records_of_the_asked_models_with_their_module():
    assert record_xmlids(DEMO_FILE, "sale", {"res.partner", "product.product"}) == {
        "sale.res_partner_1",
        "base.res_partner_2",
        "sale.product_1",
    }


def test_no_record_of_the_asked_models():
    assert record_xmlids(DEMO_FILE, "sale", {"product.template"}) == set()
