from odoo import api, models


class SaleOrderLine(models.Model):
    """Computes of Odoo that query once per line, done once per batch.

    A cart of a quick order or of the API gets hundreds of lines in one ``create``; Odoo's
    sale and sale_stock look up analytic distribution models and stock rules line by line.
    The answers are the same as Odoo's, asked once for what the lines have in common.
    """

    _inherit = "sale.order.line"

    def _compute_analytic_distribution(self):
        # Without any distribution model Odoo keeps every line's distribution as it is;
        # asking once spares a search per line.
        models_sudo = self.env["account.analytic.distribution.model"].sudo()
        if models_sudo.search_count([], limit=1):
            return super()._compute_analytic_distribution()
        return None

    @api.depends("route_ids", "order_id.warehouse_id", "product_id")
    def _compute_warehouse_id(self):
        # sale_stock searches the stock rules of a line's routes for each line: lines with
        # the same routes, order warehouse and delivery location get one search.
        groups = {}
        for line in self:
            key = (
                tuple(sorted(line.route_ids.ids)),
                line.order_id.warehouse_id.id,
                line.order_id.partner_shipping_id.property_stock_customer.id,
            )
            groups.setdefault(key, []).append(line.id)
        first_lines = self.browse([ids[0] for ids in groups.values()])
        result = super(SaleOrderLine, first_lines)._compute_warehouse_id()
        for ids in groups.values():
            first, others = self.browse(ids[:1]), self.browse(ids[1:])
            others.warehouse_id = first.warehouse_id
        return result
