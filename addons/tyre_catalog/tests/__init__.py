from . import (
    test_bad_input,
    test_cart_api,
    test_catalog_search,
    test_catalog_tour,
    test_facet_bitmap_sync,
    test_facet_counts,
    test_facet_sync,
    test_fitment_import,
    test_region_isolation,
    test_russian_translation,
    test_tax_setup,
    test_tyre_fields,
)
