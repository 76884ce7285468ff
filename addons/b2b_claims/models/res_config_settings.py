from odoo import fields, models

from .b2b_claim import ANSWER_HOURS_PARAM, DEFAULT_ANSWER_HOURS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    b2b_claim_answer_hours = fields.Integer(
        string="Claim Answer Time (working hours)",
        config_parameter=ANSWER_HOURS_PARAM,
        default=DEFAULT_ANSWER_HOURS,
        help="A claim waiting this many working hours (company calendar) for an answer of "
        "the seller reminds its responsible manager with an activity.",
    )
