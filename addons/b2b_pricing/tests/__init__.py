from . import (
    test_credit,
    test_parallel_confirmation,
    test_portal,
    test_price_import,
    test_pricing,
    test_volume,
)
from . import test_russian_translation
