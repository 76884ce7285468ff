{
    "name": "B2B Claims",
    "summary": "Claims (рекламации) on delivered tyres: correspondence, deadlines, resolution",
    "version": "19.0.1.1.0",
    "category": "Sales/Sales",
    "website": "https://github.com/b2b-tyres/b2b-portal",
    "author": "B2B Tyres",
    "license": "LGPL-3",
    "depends": [
        "rma_sale",
        "b2b_portal",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/b2b_claim_rules.xml",
        "data/ir_sequence.xml",
        "views/b2b_claim_views.xml",
        "views/portal_claim_templates.xml",
    ],
    "installable": True,
}
