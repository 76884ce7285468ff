from odoo import api, fields, models


class SaleOrder(models.Model):
    """Orders and proposals entered in the back office ship from the customer's region."""

    _inherit = "sale.order"

    b2b_region_warning = fields.Char(
        string="Outside the Region",
        compute="_compute_b2b_region_warning",
        help="Lines that ship from a warehouse outside the customer's sales region.",
    )

    @api.depends("partner_id.commercial_partner_id.b2b_region_id")
    def _compute_warehouse_id(self):
        result = super()._compute_warehouse_id()
        # Website carts keep the website's warehouse; each catalog line has its own route.
        for order in self.filtered(lambda o: not o.website_id and o.state in ("draft", "sent")):
            warehouse = order._b2b_customer_region_warehouses()[:1]
            if warehouse:
                order.warehouse_id = warehouse
        return result

    @api.depends("order_line.warehouse_id", "partner_id.commercial_partner_id.b2b_region_id")
    def _compute_b2b_region_warning(self):
        for order in self:
            region = order.partner_id.commercial_partner_id.b2b_region_id
            warehouses = order._b2b_customer_region_warehouses()
            outside = order.order_line.filtered(
                lambda line, warehouses=warehouses: (
                    line.product_id and line.warehouse_id and line.warehouse_id not in warehouses
                )
            )
            order.b2b_region_warning = (
                self.env._(
                    "Shipped from outside the customer's region %(region)s: %(lines)s.",
                    region=region.name,
                    lines="; ".join(
                        f"{line.product_id.display_name} ({line.warehouse_id.name})"
                        for line in outside
                    ),
                )
                if region and warehouses and outside
                else False
            )

    def _b2b_customer_region_warehouses(self):
        """Warehouses of the customer's sales region in the order's company (the customer's
        own region only: no region set, no warehouse imposed)."""
        self.ensure_one()
        region = self.partner_id.commercial_partner_id.sudo().b2b_region_id
        return region.warehouse_ids.filtered(lambda w: w.company_id == self.company_id)
