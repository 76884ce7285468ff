from . import claims
