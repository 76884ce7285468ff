from . import portal_api
