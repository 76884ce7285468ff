from .router import api_router
