from . import (
    b2b_claim,
    b2b_claim_demo,
    b2b_claim_line,
    b2b_claim_rate,
    report_expertise_act,
    res_config_settings,
    rma,
)
