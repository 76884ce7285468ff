from . import controllers, http_database_down, models
from .hooks import uninstall_hook
