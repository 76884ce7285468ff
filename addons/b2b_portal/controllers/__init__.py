from . import (
    act_for,
    cart,
    entity_switcher,
    file_order,
    orders,
    portal_company,
    portal_documents,
    portal_jobs,
    portal_users,
    pricelist,
    registration,
    saved_cart,
)
