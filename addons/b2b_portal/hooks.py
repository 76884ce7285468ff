# Odoo's portal record rules that security/b2b_portal_rules.xml switches off and replaces with
# rules reading the portal roles. Without this module they must apply again: otherwise portal
# users keep their read access with no rule at all, and see every order and invoice.
REPLACED_PORTAL_RULES = (
    "sale.sale_order_rule_portal",
    "sale.sale_order_line_rule_portal",
    "account.account_invoice_rule_portal",
    "account.account_invoice_line_rule_portal",
    "sale_stock.stock_picking_rule_portal",
)


def uninstall_hook(env):
    """Switch Odoo's portal record rules back on."""
    for xmlid in REPLACED_PORTAL_RULES:
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.active = True
