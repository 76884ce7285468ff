from . import test_api_events, test_api_keys_portal, test_api_orders, test_api_reading
