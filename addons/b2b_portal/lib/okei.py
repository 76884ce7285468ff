"""Units of measure as Russian documents print them: OKEI code and national symbol."""

# Odoo unit (xml id) → (OKEI code, symbol).
OKEI_UNITS = {
    "uom.product_uom_unit": ("796", "шт"),
    "uom.product_uom_dozen": ("715", "пар"),
    "uom.product_uom_kgm": ("166", "кг"),
    "uom.product_uom_ton": ("168", "т"),
    "uom.product_uom_litre": ("112", "л"),
    "uom.product_uom_meter": ("006", "м"),
}
