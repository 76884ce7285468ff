from . import b2b_price_breakdown, b2b_price_import
