"""The legal entity chosen in the header switcher, handed down to the catalog and pricing routes.

tyre_catalog and b2b_pricing know nothing of holdings: their routes ask a hook whose
customer they serve. Here the answer is ``res.users._b2b_current_entity()``, the one
place that resolves the acting entity, so the catalog, the cart, the credit and contract
pages and the price breakdowns of one screen are all the same customer's.
"""

from odoo.addons.b2b_pricing.controllers.portal import B2bPricingPortal
from odoo.addons.tyre_catalog.controllers.catalog_api import TyreCatalogApi
from odoo.exceptions import AccessError
from odoo.http import request

from ..lib.portal_roles import ORDER


def acting_entity():
    """The legal entity the user acts for; None for a user outside any holding (his own
    partner applies then). A holding's user left without any entity is refused."""
    user = request.env.user
    entity = user._b2b_current_entity()
    if not entity and user._b2b_is_customer_user():
        raise AccessError(request.env._("You do not act for any legal entity."))
    return entity


class B2bCatalogApi(TyreCatalogApi):
    def _catalog_customer(self):
        return acting_entity() or super()._catalog_customer()

    def _catalog_can_order(self):
        return request.env.user._b2b_acting_right(ORDER)


class B2bPortalPricing(B2bPricingPortal):
    def _b2b_entity(self, balance=False):
        entity = acting_entity()
        if not entity:
            return super()._b2b_entity(balance=balance)
        refusal = balance and request.env.user._b2b_balance_refusal(entity)
        if refusal:
            raise AccessError(refusal)
        return entity
