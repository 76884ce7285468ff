from . import catalog_portal
