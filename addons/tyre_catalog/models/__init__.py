from . import b2b_region
from . import res_company
from . import stock_warehouse
