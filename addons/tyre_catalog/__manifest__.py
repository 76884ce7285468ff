{
    "name": "Tyre Catalog",
    "summary": "Tyre attributes, regions, per-warehouse stock and a fast cross-filtered catalog",
    "version": "19.0.1.1.0",
    "category": "Sales/Sales",
    "website": "https://github.com/b2b-tyres/b2b-portal",
    "author": "B2B Tyres",
    "license": "LGPL-3",
    "depends": [
        "product",
        "stock",
        "sale_stock",
        "portal",
        "website_sale",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/tyre_catalog_security.xml",
        "data/ir_cron_data.xml",
        "views/b2b_region_views.xml",
        "views/product_template_views.xml",
        "views/tyre_brand_views.xml",
        "views/tyre_vehicle_views.xml",
        "views/tyre_catalog_facet_views.xml",
        "views/res_partner_views.xml",
        "views/stock_warehouse_views.xml",
        "views/catalog_portal_templates.xml",
    ],
    "demo": [
        "demo/company_demo.xml",
        "demo/warehouse_demo.xml",
        "demo/catalog_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "tyre_catalog/static/src/catalog/**/*",
        ],
        "web.assets_tests": [
            "tyre_catalog/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
