from . import (
    test_claim_constraints,
    test_claim_documents_list,
    test_claim_portal,
    test_claim_rate,
    test_claim_search,
    test_claim_sla,
    test_claim_tour,
    test_expertise_act,
)
