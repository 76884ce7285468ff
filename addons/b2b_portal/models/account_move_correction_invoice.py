from odoo import fields, models
from odoo.exceptions import UserError

from ..lib.amount_words import amount_in_words
from ..lib.ru_format import format_date_long, format_date_short

AMOUNT_KEYS = ("quantity", "untaxed", "tax", "total")


class AccountMove(models.Model):
    """The correction VAT invoice (корректировочный счёт-фактура, Appendix 2 to Decree 1137)
    of a posted credit note: each line before the change (А), after it (Б) and the decrease
    (Г), the decrease being the credit note's own amounts."""

    _inherit = "account.move"

    def _b2b_correction_invoice_data(self):
        self.ensure_one()
        if self.move_type != "out_refund" or self.state != "posted":
            raise UserError(
                self.env._(
                    "%(move)s has no correction VAT invoice: only a posted credit note has one.",
                    move=self.name,
                )
            )
        origin = self.reversed_entry_id
        lines = [
            self._b2b_correction_line(line, origin)
            for line in self.invoice_line_ids.filtered(lambda ml: ml.display_type == "product")
        ]
        date = self.invoice_date or fields.Date.context_today(self)
        return {
            "move": self,
            "seller": self.company_id,
            "buyer": self.commercial_partner_id,
            "number": self.name,
            "date": format_date_long(date),
            "origins": self._b2b_correction_origins(origin),
            "lines": lines,
            "untaxed": self.amount_untaxed,
            "tax": self.amount_tax,
            "total": self.amount_total,
            "amount_in_words": amount_in_words(self.amount_total),
        }

    def _b2b_correction_origins(self, origin):
        """ "№ … от …" of the documents corrected: the shipping documents (their number is
        the delivery's) of the invoiced orders, else the invoice itself."""
        pickings = origin.invoice_line_ids.sale_line_ids.order_id.picking_ids.filtered(
            lambda picking: picking._b2b_shipping_forms()
        )
        if pickings:
            return [
                f"№ {picking.name} от "
                f"{format_date_short(fields.Date.context_today(self, picking.date_done))}"
                for picking in pickings.sorted("date_done")
            ]
        if origin:
            return [f"№ {origin.name} от {format_date_short(origin.invoice_date)}"]
        return []

    def _b2b_correction_line(self, line, origin):
        """A credit note line: the decrease (its own amounts) and, when the corrected
        invoice has the same product, the values before and after the change."""
        decrease = {
            "quantity": line.quantity,
            "untaxed": line.price_subtotal,
            "tax": line.price_total - line.price_subtotal,
            "total": line.price_total,
        }
        before_line = origin.invoice_line_ids.filtered(
            lambda ml: ml.display_type == "product" and ml.product_id == line.product_id
        )[:1]
        price = line.price_subtotal / line.quantity if line.quantity else 0.0
        before = after = None
        price_before = price_after = price
        if before_line:
            before = {
                "quantity": before_line.quantity,
                "untaxed": before_line.price_subtotal,
                "tax": before_line.price_total - before_line.price_subtotal,
                "total": before_line.price_total,
            }
            after = {key: before[key] - decrease[key] for key in AMOUNT_KEYS}
            if before_line.quantity:
                price_before = before_line.price_subtotal / before_line.quantity
            # A return keeps the price of what stays sold.
            if after["quantity"]:
                price_after = after["untaxed"] / after["quantity"]
            else:
                price_after = price_before
        okei_code, uom_symbol = line.product_uom_id._b2b_okei()
        return {
            "code": line.product_id.default_code or "",
            "name": line.product_id.with_context(display_default_code=False).display_name
            or line.name,
            "okei_code": okei_code,
            "uom": uom_symbol,
            "rate": line.tax_ids._b2b_vat_rate_label(self.company_id),
            "price_before": price_before,
            "price_after": price_after,
            "before": before,
            "after": after,
            "decrease": decrease,
        }
