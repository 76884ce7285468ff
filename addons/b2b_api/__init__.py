from . import controllers, dispatcher, models
