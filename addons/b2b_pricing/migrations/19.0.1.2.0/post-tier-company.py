from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Volume discount programmes now belong to a seller company and count in its currency.

    Their tiers used to keep a currency of their own, the one of whoever created them (the
    demo data's: the main company's dollars). Each programme goes to the company of the
    contracts (the seller), whose currency its thresholds now show.
    """
    env = api.Environment(cr, SUPERUSER_ID, {})
    company = env["b2b.contract"].search([], order="id", limit=1).company_id
    if company:
        env["b2b.volume.tier.set"].with_context(active_test=False).search([]).company_id = company
