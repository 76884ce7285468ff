{
    "name": "B2B Distributor Portal",
    "summary": "Holdings, legal entities and portal roles; ordering and documents for distributors",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "website": "https://github.com/b2b-tyres/b2b-portal",
    "author": "B2B Tyres",
    "license": "LGPL-3",
    "depends": [
        "portal",
        "website_sale",
        "sale_stock",
        "b2b_pricing",
        "tyre_catalog",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/b2b_portal_security.xml",
        "views/res_partner_views.xml",
    ],
    "demo": [
        "demo/b2b_customers_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "b2b_portal/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": True,
}
