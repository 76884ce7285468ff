from . import test_claim_constraints, test_claim_portal
