from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Russian VAT set-up for the demo seller of databases made before it existed.

    Such a seller has the generic chart's "Domestic" (United States) and "Foreign Trade"
    positions, so every Russian customer got "Foreign Trade" and a delivery line its US
    "0% Exports" tax, which the invoice refuses; its two VAT taxes had no tax account. The
    set-up adds the Russian taxes and positions and archives the others (posted invoices
    keep theirs), products move to the new rates, and the orders not invoiced yet get the
    domestic position and its taxes.
    """
    env = api.Environment(cr, SUPERUSER_ID, {})
    company = env.ref("tyre_catalog.company_seller", raise_if_not_found=False)
    if not company or not company.chart_template:
        return
    company._tyre_catalog_setup_russian_vat()
    company._tyre_catalog_retax_open_orders()
