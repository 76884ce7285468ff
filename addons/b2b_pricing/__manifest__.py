{
    "name": "B2B Pricing and Credit",
    "summary": "Contracts, price types per region, volume discounts and credit lines that block ordering",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/b2b-tyres/b2b-portal",
    "author": "B2B Tyres",
    "license": "LGPL-3",
    "depends": [
        "sale_management",
        "account",
        "sale_financial_risk",
        "tyre_catalog",
    ],
    "data": [
        "security/ir.model.access.csv",
    ],
    "demo": [],
    "installable": True,
}
