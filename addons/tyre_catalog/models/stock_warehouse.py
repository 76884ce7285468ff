from odoo import api, fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    b2b_region_id = fields.Many2one(
        "b2b.region",
        string="Sales Region",
        index=True,
        help="Customers of this region see this warehouse's stock in the portal.",
    )
    b2b_city = fields.Char(string="City", help="City shown to customers next to the stock.")
    b2b_in_user_region = fields.Boolean(
        string="In the User's Region",
        compute="_compute_b2b_in_user_region",
        search="_search_b2b_in_user_region",
        help="The warehouse serves a region of the current portal user's customer.",
    )

    def _compute_b2b_in_user_region(self):
        regions = self.env.user._b2b_catalog_regions()
        for warehouse in self:
            warehouse.b2b_in_user_region = bool(warehouse.b2b_region_id & regions)

    def _search_b2b_in_user_region(self, operator, value):
        # Used by the portal record rule: evaluated when the query runs, unlike the rule's
        # own domain, which Odoo caches per user until the registry cache is cleared.
        if operator != "in":
            return NotImplemented
        return [("b2b_region_id", "in", self.env.user._b2b_catalog_regions().ids)]

    @api.model_create_multi
    def create(self, vals_list):
        warehouses = super().create(vals_list)
        warehouses._b2b_make_delivery_route_selectable()
        return warehouses

    def write(self, vals):
        result = super().write(vals)
        if "b2b_region_id" in vals:
            self.env["tyre.catalog.facet"]._refresh_warehouses(self.ids)
            self._b2b_make_delivery_route_selectable()
        return result

    def _b2b_make_delivery_route_selectable(self):
        """Let sale lines choose the warehouse through its delivery route (portal cart)."""
        routes = self.filtered("b2b_region_id").delivery_route_id
        routes.filtered(lambda route: not route.sale_selectable).sale_selectable = True
