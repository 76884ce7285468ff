from . import (
    account_move,
    b2b_api,
    b2b_api_event,
    b2b_api_idempotency,
    b2b_api_key,
    b2b_api_request_log,
    b2b_api_webhook_delivery,
    fastapi_endpoint,
    ir_http_routing_version,
    res_users,
    sale_order,
    stock_picking,
)
