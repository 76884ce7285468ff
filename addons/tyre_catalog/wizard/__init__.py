from . import tyre_fitment_import
