from . import test_claim_constraints, test_claim_portal, test_claim_sla, test_claim_tour
