from . import (
    test_credit,
    test_parallel_confirmation,
    test_portal,
    test_price_import,
    test_pricing,
    test_russian_translation,
    test_volume,
)
