"""The portal lists (orders, quotations, invoices) show the legal entity chosen in the header.

Record rules decide what the user may see at all; these domains only narrow the lists down
to the current entity.
"""

from odoo.addons.account.controllers.portal import PortalAccount
from odoo.addons.sale.controllers.portal import CustomerPortal as SaleCustomerPortal
from odoo.fields import Domain
from odoo.http import request


def _entity_domain(field):
    entity = request.env.user._b2b_current_entity()
    return [(field, "=", entity.id)] if entity else []


class B2bSalePortal(SaleCustomerPortal):
    def _prepare_quotations_domain(self, partner):
        if not request.env.user._b2b_current_entity():
            return super()._prepare_quotations_domain(partner)
        return [*_entity_domain("partner_id.commercial_partner_id"), ("state", "=", "sent")]

    def _prepare_orders_domain(self, partner):
        if not request.env.user._b2b_current_entity():
            return super()._prepare_orders_domain(partner)
        return [*_entity_domain("partner_id.commercial_partner_id"), ("state", "=", "sale")]


class B2bAccountPortal(PortalAccount):
    def _get_invoices_domain(self, m_type=None):
        domain = super()._get_invoices_domain(m_type)
        return Domain(domain) & Domain(_entity_domain("commercial_partner_id"))
