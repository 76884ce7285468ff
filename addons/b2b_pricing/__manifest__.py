{
    "name": "B2B Pricing and Credit",
    "summary": "Contracts, regional price types, volume discounts, credit lines blocking orders",
    "version": "19.0.1.3.0",
    "category": "Sales/Sales",
    "website": "https://github.com/b2b-tyres/b2b-portal",
    "author": "B2B Tyres",
    "license": "LGPL-3",
    "depends": [
        "sale_management",
        "account",
        "portal",
        "sale_financial_risk",
        "tyre_catalog",
    ],
    "data": [
        "security/b2b_staff_groups.xml",
        "security/ir.model.access.csv",
        "security/b2b_pricing_security.xml",
        "data/b2b_pricing_cron.xml",
        "data/mail_templates.xml",
        "views/b2b_price_views.xml",
        "views/b2b_contract_views.xml",
        "views/sale_order_views.xml",
        "views/res_partner_views.xml",
        "views/portal_templates.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/b2b_pricing_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "b2b_pricing/static/src/import_progress/*",
        ],
        "web.assets_frontend": [
            "b2b_pricing/static/src/js/price_breakdown.js",
        ],
        "web.assets_tests": [
            "b2b_pricing/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
