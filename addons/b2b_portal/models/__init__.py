from . import b2b_entity_access
from . import res_partner
