from odoo import Command, models
from odoo.exceptions import UserError

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
        """Add catalog lines [{product_id, warehouse_id, qty}] to this cart, each line on its
        own: the good ones are added, the others come back as messages.
        ``warehouses`` are the ones the catalog shows the customer.
        Returns (number of lines added, [error messages])."""
        self.ensure_one()
        _ = self.env._
        errors = []
        added = 0
        for number, raw in enumerate(lines if isinstance(lines, list) else [], start=1):
            line = raw if isinstance(raw, dict) else {}
            product_id = as_positive_int(line.get("product_id"))
            warehouse_id = as_positive_int(line.get("warehouse_id"))
            quantity = as_positive_int(line.get("qty"))
            product = product_id and self.env["product.product"].browse(product_id).exists()
            if not product or not product.is_tyre or not product.sale_ok or not product.active:
                errors.append(_("Line %(line)s: this product cannot be ordered.", line=number))
                continue
            if not quantity:
                errors.append(
                    _("Line %(line)s: the quantity must be a whole number above zero.", line=number)
                )
                continue
            warehouse = self.env["stock.warehouse"].browse(warehouse_id or ()).exists()
            try:
                with self.env.cr.savepoint():
                    self._catalog_add_line(product, warehouse, quantity, warehouses)
            except UserError as exc:
                errors.append(_("Line %(line)s: %(error)s", line=number, error=exc.args[0]))
            else:
                added += 1
        return added, errors

    def _catalog_add_line(self, product, warehouse, quantity, warehouses):
        """Add ``quantity`` of ``product`` shipped from ``warehouse`` (one order line per
        product and warehouse: the warehouse's delivery route decides where it ships from);
        UserError when it may not be added. The hook through which a higher module puts the
        catalog on its own way into the cart."""
        if warehouse not in warehouses:
            raise UserError(self.env._("the warehouse is not available in your region."))
        self.with_context(skip_cart_verification=True)._cart_add(
            product.id, quantity, b2b_route_id=warehouse.delivery_route_id.id
        )
