from . import b2b_claim
