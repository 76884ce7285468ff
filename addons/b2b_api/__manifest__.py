{
    "name": "B2B Distributor API",
    "summary": "HTTP API with an OpenAPI contract for distributors' own systems: catalog, "
    "stock and prices, orders, shipments, documents, events and webhooks",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "website": "https://github.com/b2b-tyres/b2b-portal",
    "author": "B2B Tyres",
    "license": "LGPL-3",
    "depends": [
        "fastapi",
        "b2b_portal",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/b2b_api_rules.xml",
        "data/fastapi_endpoint_data.xml",
        "data/ir_cron_data.xml",
        "views/b2b_api_key_views.xml",
        "views/portal_api_templates.xml",
    ],
    "installable": True,
}
