from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Portal carts are now sold by the seller of the legal entity's contract: existing
    portal users join the seller companies of their entities' contracts."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.users"].search([("share", "=", True)])._b2b_sync_seller_companies()
