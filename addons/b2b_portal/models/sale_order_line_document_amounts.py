from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _b2b_document_lines(self, quantities):
        """What a printed document (invoice for payment, UPD) says of these lines, for
        ``quantities`` ({line: quantity in the line's unit}): the one place their amounts
        are computed.

        The lines go together through Odoo's own tax computation, as an invoice of the same
        quantities would (``sale.order.line._compute_amount``, ``account.move``): rounded
        per line or globally as the company says, the rounding difference on the lines,
        so the VAT of a document equals the VAT of its invoice to the kopeck.
        """
        AccountTax = self.env["account.tax"]
        lines = self.filtered(lambda line: bool(quantities.get(line)))
        if not lines:
            return []
        company = lines[0].company_id or self.env.company
        base_lines = [
            line._prepare_base_line_for_taxes_computation(quantity=quantities[line])
            for line in lines
        ]
        for base_line in base_lines:
            AccountTax._add_tax_details_in_base_line(base_line, company)
        AccountTax._round_base_lines_tax_details(base_lines, company)
        return [
            line._b2b_document_line_values(quantities[line], base_line["tax_details"])
            for line, base_line in zip(lines, base_lines, strict=True)
        ]

    def _b2b_document_line_values(self, quantity, tax_details):
        self.ensure_one()
        untaxed = tax_details["total_excluded_currency"] + tax_details.get(
            "delta_total_excluded_currency", 0.0
        )
        tax = sum(data["tax_amount_currency"] for data in tax_details["taxes_data"])
        total = self.currency_id.round(untaxed + tax)
        okei_code, uom_symbol = self.product_uom_id._b2b_okei()
        return {
            "sale_line": self,
            "code": self.product_id.default_code or "",
            "name": self.product_id.with_context(display_default_code=False).display_name,
            "quantity": quantity,
            "okei_code": okei_code,
            "uom": uom_symbol,
            "price_untaxed": untaxed / quantity,
            "price_total": total / quantity,
            "untaxed": untaxed,
            "tax": self.currency_id.round(tax),
            "total": total,
            "taxes": self.tax_ids,
            "rate": self._b2b_vat_rate_label(),
        }

    def _b2b_vat_rate_label(self):
        self.ensure_one()
        return self.tax_ids._b2b_vat_rate_label(self.company_id)
