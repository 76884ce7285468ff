from . import claims, documents_list
