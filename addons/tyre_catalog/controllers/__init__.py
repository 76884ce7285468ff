from . import catalog_api, catalog_portal
