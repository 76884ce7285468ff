from odoo import Command, models

from ..lib.catalog_filters import as_positive_int


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _cart_find_product_line(self, product_id, uom_id, **kwargs):
        lines = super()._cart_find_product_line(product_id, uom_id, **kwargs)
        route_id = kwargs.get("b2b_route_id")
        if route_id:
            lines = lines.filtered(lambda line: line.route_ids.ids == [route_id])
        return lines

    def _prepare_order_line_values(self, product_id, quantity, uom_id, **kwargs):
        values = super()._prepare_order_line_values(product_id, quantity, uom_id, **kwargs)
        if kwargs.get("b2b_route_id"):
            values["route_ids"] = [Command.set([kwargs["b2b_route_id"]])]
        return values

    def _b2b_catalog_add(self, lines, warehouses):
        """Add catalog lines [{product_id, warehouse_id, qty}] to this cart, one order line
        per product and warehouse (the warehouse's delivery route decides where it ships
        from). ``warehouses`` are the ones the customer may order from.
        Returns (number of lines added, [error messages])."""
        self.ensure_one()
        _ = self.env._
        errors = []
        added = 0
        allowed = {warehouse.id: warehouse for warehouse in warehouses}
        for number, raw in enumerate(lines if isinstance(lines, list) else [], start=1):
            line = raw if isinstance(raw, dict) else {}
            product_id = as_positive_int(line.get("product_id"))
            warehouse_id = as_positive_int(line.get("warehouse_id"))
            quantity = as_positive_int(line.get("qty"))
            product = product_id and self.env["product.product"].browse(product_id).exists()
            if not product or not product.is_tyre or not product.sale_ok or not product.active:
                errors.append(_("Line %(line)s: this product cannot be ordered.", line=number))
            elif warehouse_id not in allowed:
                errors.append(
                    _("Line %(line)s: the warehouse is not available in your region.", line=number)
                )
            elif not quantity:
                errors.append(
                    _("Line %(line)s: the quantity must be a whole number above zero.", line=number)
                )
            else:
                self.with_context(skip_cart_verification=True)._cart_add(
                    product.id, quantity, b2b_route_id=allowed[warehouse_id].delivery_route_id.id
                )
                added += 1
        return added, errors
