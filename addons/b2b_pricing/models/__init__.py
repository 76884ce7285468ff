# The mixins first: the models below inherit them.
from . import b2b_date_range_mixin

# isort: split
from . import (
    account_move,
    b2b_ageing_line,
    b2b_agent_commission,
    b2b_contract,
    b2b_contract_discount,
    b2b_personal_price,
    b2b_price,
    b2b_price_bulk_import,
    b2b_price_type,
    b2b_pricing,
    b2b_promotion,
    b2b_volume_tier,
    ir_http_frontend_translations,
    res_partner,
    res_partner_risk_fields,
    res_users,
    sale_order,
    sale_order_line,
    tyre_catalog_query,
)
