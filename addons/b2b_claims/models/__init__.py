from . import b2b_claim, b2b_claim_demo, b2b_claim_line, res_config_settings
