from odoo import fields, models
from odoo.exceptions import UserError

from ..lib.amount_words import amount_in_words
from ..lib.pagination import paginate
from ..lib.ru_format import format_date_long

UPD_REPORT = "b2b_portal.action_report_upd"
# Lines per sheet of the landscape form (a line of one row; long names wrap, so both leave
# room): under the header block on the first sheet, and on each next one.
UPD_LINES_FIRST_SHEET = 38
UPD_LINES_OTHER_SHEETS = 52


class StockPicking(models.Model):
    """The УПД (universal transfer document, status 1) of a done delivery of an order."""

    _inherit = "stock.picking"

    def _b2b_has_upd(self):
        self.ensure_one()
        return bool(self.state == "done" and self.picking_type_code == "outgoing" and self.sale_id)

    def _b2b_upd_data(self):
        """What the UPD of this shipment prints: the quantities actually shipped, priced as
        the order lines (``sale.order.line._b2b_document_lines``)."""
        self.ensure_one()
        if not self._b2b_has_upd():
            raise UserError(
                self.env._(
                    "%(picking)s has no UPD: only a done delivery of a sales order has one.",
                    picking=self.name,
                )
            )
        shipped = {}
        for move in self.move_ids.filtered(lambda m: m.state == "done" and m.sale_line_id):
            line = move.sale_line_id
            quantity = move.product_uom._compute_quantity(move.quantity, line.product_uom_id)
            shipped[line] = shipped.get(line, 0.0) + quantity
        lines = (
            self.env["sale.order.line"]
            .union(*shipped)
            .sorted(lambda line: (line.sequence, line.id))
            ._b2b_document_lines(shipped)
        )
        order = self.sale_id
        seller = order.company_id
        date = fields.Date.context_today(self, self.date_done)
        total = sum(line["total"] for line in lines)
        return {
            "picking": self,
            "order": order,
            "seller": seller,
            "buyer": order.partner_invoice_id.commercial_partner_id,
            "consignee": self.partner_id,
            "shipper": self.picking_type_id.warehouse_id.partner_id or seller.partner_id,
            "number": self.name,
            "date": format_date_long(date),
            "lines": lines,
            "sheets": paginate(lines, UPD_LINES_FIRST_SHEET, UPD_LINES_OTHER_SHEETS),
            "untaxed": sum(line["untaxed"] for line in lines),
            "tax": sum(line["tax"] for line in lines),
            "total": total,
            "amount_in_words": amount_in_words(total),
            "payments": order.invoice_ids.filtered(lambda m: m.state == "posted"),
        }
