{
    "name": "B2B Claims",
    "summary": "Claims (рекламации) on delivered tyres: correspondence, deadlines, resolution",
    "version": "19.0.1.2.0",
    "category": "Sales/Sales",
    "website": "https://github.com/b2b-tyres/b2b-portal",
    "author": "B2B Tyres",
    "license": "LGPL-3",
    "depends": [
        "resource",
        "rma_sale",
        "b2b_portal",
    ],
    "data": [
        "security/b2b_claim_security.xml",
        "security/ir.model.access.csv",
        "security/b2b_claim_rules.xml",
        "data/ir_sequence.xml",
        "data/ir_cron.xml",
        "data/mail_message_subtype.xml",
        "views/b2b_claim_views.xml",
        "views/b2b_claim_line_views.xml",
        "views/b2b_claim_rate_views.xml",
        "views/res_config_settings_views.xml",
        "views/portal_claim_templates.xml",
        "report/expertise_act_report.xml",
    ],
    "demo": [
        "demo/b2b_claims_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "b2b_claims/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
