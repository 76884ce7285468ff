from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.amount_words import amount_in_words, count_in_words
from ..lib.pagination import paginate, wrapped_height
from ..lib.ru_format import format_date_long

# The printed forms of a shipment: their report and how they fill the landscape sheet,
# measured with wkhtmltopdf (with a margin): how many one-line rows fit under the form's
# header block on the first sheet and under the column header on each next one, and how
# many characters a line of the name and code columns holds (the UPD and TORG-12 print the
# code in a column of its own, the VAT invoice before the name).
SHIPPING_FORMS = {
    "upd": {
        "report": "b2b_portal.action_report_upd",
        "first_sheet": 36,
        "other_sheets": 49,
        "name_chars": 32,
        "code_chars": 9,
    },
    "vat_invoice": {
        "report": "b2b_portal.action_report_vat_invoice",
        "first_sheet": 36,
        "other_sheets": 49,
        "name_chars": 40,
        "code_chars": None,
    },
    "torg12": {
        "report": "b2b_portal.action_report_torg12",
        "first_sheet": 39,
        "other_sheets": 55,
        "name_chars": 50,
        "code_chars": 9,
    },
}
# The forms each shipment comes with, by the contract's "shipping_documents".
CONTRACT_FORMS = {"upd": ("upd",), "torg12_invoice": ("torg12", "vat_invoice")}
RECORD_FORMS = ("порядковый номер", "порядковых номера", "порядковых номеров")


class StockPicking(models.Model):
    """The shipping documents of a done delivery of an order: the УПД (universal transfer
    document, status 1), or the consignment note ТОРГ-12 with its VAT invoice (счёт-фактура)
    when the order's contract says so. All of them print the same figures."""

    _inherit = "stock.picking"

    b2b_shipping_documents = fields.Selection(
        [("upd", "UPD"), ("torg12_invoice", "TORG-12 and VAT invoice")],
        string="Shipping Documents",
        compute="_compute_b2b_shipping_documents",
        store=True,
        index="btree_not_null",
        help="The documents of this shipment, as the order's contract said when it shipped.",
    )

    @api.depends("state", "sale_id")
    def _compute_b2b_shipping_documents(self):
        # Fixed when the delivery is done: a later change of the contract does not turn the
        # documents already issued into others.
        for picking in self:
            if picking._b2b_is_shipped_delivery():
                contract = picking.sale_id.b2b_contract_id
                picking.b2b_shipping_documents = contract.shipping_documents or "upd"
            else:
                picking.b2b_shipping_documents = False

    def _b2b_is_shipped_delivery(self):
        self.ensure_one()
        return bool(self.state == "done" and self.picking_type_code == "outgoing" and self.sale_id)

    def _b2b_shipping_forms(self):
        """The forms the customer gets for this shipment (empty until it is shipped)."""
        self.ensure_one()
        return CONTRACT_FORMS.get(self.b2b_shipping_documents, ())

    def _b2b_has_upd(self):
        return "upd" in self._b2b_shipping_forms()

    def _b2b_upd_data(self):
        return self._b2b_shipping_document_data("upd")

    def _b2b_shipping_document_data(self, form):
        """What the form ``form`` (a key of SHIPPING_FORMS) of this shipment prints: the
        quantities actually shipped, priced as the order lines
        (``sale.order.line._b2b_document_lines``). Any form prints for any done delivery of
        an order (the warehouse decides in the back office); the portal offers those of the
        contract."""
        self.ensure_one()
        if not self._b2b_is_shipped_delivery():
            raise UserError(
                self.env._(
                    "%(picking)s has no shipping documents yet: only a done delivery of a "
                    "sales order has them.",
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
        layout = SHIPPING_FORMS[form]
        sheets = paginate(
            lines,
            layout["first_sheet"],
            layout["other_sheets"],
            height=lambda line: _printed_height(line, layout),
        )
        total = sum(line["total"] for line in lines)
        return {
            "picking": self,
            "order": order,
            "contract": order.b2b_contract_id,
            "seller": seller,
            "buyer": order.partner_invoice_id.commercial_partner_id,
            "consignee": self.partner_id,
            "shipper": self.picking_type_id.warehouse_id.partner_id or seller.partner_id,
            "number": self.name,
            "date": format_date_long(date),
            "date_short": date.strftime("%d.%m.%Y"),
            "lines": lines,
            "records_in_words": count_in_words(len(lines), RECORD_FORMS),
            "sheets": sheets,
            "sheet_totals": [_totals(line for _number, line in sheet) for sheet in sheets],
            **_totals(lines),
            "amount_in_words": amount_in_words(total),
        }


def _printed_height(line, layout):
    """Height of the line on the form, in one-line rows."""
    if not layout["code_chars"]:
        name = f"{line['code']} · {line['name']}" if line["code"] else line["name"]
        return wrapped_height((name, layout["name_chars"]))
    return wrapped_height(
        (line["name"], layout["name_chars"]), (line["code"], layout["code_chars"])
    )


def _totals(lines):
    """Quantity, amount without VAT, VAT and amount with VAT of ``lines``."""
    totals = dict.fromkeys(("quantity", "untaxed", "tax", "total"), 0.0)
    for line in lines:
        for key in totals:
            totals[key] += line[key]
    return totals
