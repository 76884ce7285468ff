from odoo import Command, models

# Russian VAT (НДС, Tax Code art. 164) on top of Odoo's generic chart, which ships none.
# Contracts and price types quote sales prices with VAT ("цены с НДС"), so the sales rates
# are price-included; suppliers' documents (УПД) state prices without VAT, so the purchase
# rates are not. 0 % is the export rate: the export position maps the domestic sales rates
# onto it, price-excluded, so a customer abroad is charged the price without VAT. "Без НДС"
# is for operations exempt from VAT (art. 149).
# (key, name, rate, sales price includes VAT)
RU_VAT_TAXES = (
    ("vat_22", "НДС 22%", 22.0, True),
    ("vat_10", "НДС 10%", 10.0, True),
    ("vat_0", "НДС 0%", 0.0, False),
    ("no_vat", "Без НДС", 0.0, False),
)
# The sales rates the export position replaces by 0 % (imports pay VAT at the customs, so
# purchases keep the domestic rates).
RU_EXPORT_RATE = "vat_0"
RU_EXPORT_REPLACES = ("vat_22", "vat_10")
# Every country but Russia: the export position applies to customers abroad only; an
# address without a country gets no position (the domestic rates), never export.
FOREIGN_COUNTRIES_XMLID = "tyre_catalog.country_group_foreign"


class ResCompany(models.Model):
    _inherit = "res.company"

    def _tyre_catalog_setup_russian_vat(self):
        """Russian VAT and fiscal positions for these companies, on the generic chart.

        Creates once the tax groups, the sales and purchase taxes НДС 22 %, 10 %, 0 % and
        "Без НДС", the fiscal position "Россия" (auto-applied to Russian customers, maps
        nothing) and "Экспорт" (auto-applied to customers abroad: sales at 22 % and 10 % go
        at 0 %). Every run makes Russia the fiscal country and НДС 22 % the default taxes,
        archives the company's other taxes (the generic chart's US ones) and positions
        (the generic "Domestic", tied to the United States, and "Foreign Trade", which
        would give every Russian customer "Foreign Trade") and moves the products taxed
        with those to the Russian rates. Meant for a company being set up: taxes added
        later by hand would be archived by another run.
        """
        for company in self.sudo():
            chart = self.env["account.chart.template"].sudo().with_company(company)
            if not chart.ref("ru_sale_vat_22", raise_if_not_found=False):
                chart._load_data(company._tyre_catalog_russian_vat_data())
                # Linked once the taxes exist: created with their positions, Odoo computes
                # is_domestic on new records and gets it wrong (the list of taxes then hides
                # them under its default "Domestic" filter).
                export_tax = chart.ref(f"ru_sale_{RU_EXPORT_RATE}")
                domestic_taxes = company._tyre_catalog_russian_vat_taxes() - export_tax
                domestic_taxes.fiscal_position_ids = chart.ref("ru_fiscal_position_domestic")
                export_tax.fiscal_position_ids = chart.ref("ru_fiscal_position_export")
            company.write(
                {
                    "account_fiscal_country_id": self.env.ref("base.ru").id,
                    "account_sale_tax_id": chart.ref("ru_sale_vat_22").id,
                    "account_purchase_tax_id": chart.ref("ru_purchase_vat_22").id,
                }
            )
            positions = chart.ref("ru_fiscal_position_domestic") | chart.ref(
                "ru_fiscal_position_export"
            )
            self.env["account.fiscal.position"].sudo().search(
                [("company_id", "=", company.id), ("id", "not in", positions.ids)]
            ).active = False
            others = self.env["account.tax"].search(
                [
                    ("company_id", "=", company.id),
                    ("id", "not in", company._tyre_catalog_russian_vat_taxes().ids),
                ]
            )
            company._tyre_catalog_replace_product_taxes(others)
            others.active = False

    def _tyre_catalog_russian_vat_taxes(self):
        """The taxes of the set-up of this company."""
        self.ensure_one()
        chart = self.env["account.chart.template"].with_company(self)
        return self.env["account.tax"].union(
            *(
                chart.ref(f"ru_{type_tax_use}_{key}")
                for type_tax_use in ("sale", "purchase")
                for key, _name, _rate, _included in RU_VAT_TAXES
            )
        )

    def _tyre_catalog_russian_vat_data(self):
        """The records of the set-up as account.chart.template._load_data takes them (an
        xml id without a module is the company's: ``account.<company id>_<name>``)."""
        self.ensure_one()
        data = {
            "res.country.group": {
                FOREIGN_COUNTRIES_XMLID: {
                    "name": "Зарубежные страны",
                    "country_ids": [
                        Command.set(self.env["res.country"].search([("code", "!=", "RU")]).ids)
                    ],
                },
            },
            "account.tax.group": {
                f"ru_tax_group_{key}": {
                    "name": name,
                    "sequence": sequence,
                    "country_id": "base.ru",
                    "tax_payable_account_id": "tax_payable",
                    "tax_receivable_account_id": "tax_receivable",
                }
                for sequence, (key, name, _rate, _included) in enumerate(RU_VAT_TAXES, start=1)
            },
            "account.fiscal.position": {
                "ru_fiscal_position_domestic": {
                    "name": "Россия",
                    "sequence": 1,
                    "auto_apply": True,
                    "country_id": "base.ru",
                },
                "ru_fiscal_position_export": {
                    "name": "Экспорт",
                    "sequence": 2,
                    "auto_apply": True,
                    "country_group_id": FOREIGN_COUNTRIES_XMLID,
                },
            },
            "account.tax": {},
        }
        for type_tax_use, account in (("sale", "tax_received"), ("purchase", "tax_paid")):
            for key, name, amount, included in RU_VAT_TAXES:
                values = {
                    "name": name,
                    "invoice_label": name,
                    "amount": amount,
                    "amount_type": "percent",
                    "type_tax_use": type_tax_use,
                    "country_id": "base.ru",
                    "tax_group_id": f"ru_tax_group_{key}",
                    "price_include_override": "tax_included"
                    if included and type_tax_use == "sale"
                    else "tax_excluded",
                    "repartition_line_ids": [
                        Command.create(
                            {
                                "document_type": document_type,
                                "repartition_type": repartition_type,
                                "account_id": account if repartition_type == "tax" else False,
                            }
                        )
                        for document_type in ("invoice", "refund")
                        for repartition_type in ("base", "tax")
                    ],
                }
                if type_tax_use == "sale" and key == RU_EXPORT_RATE:
                    values["original_tax_ids"] = ",".join(
                        f"ru_sale_{replaced}" for replaced in RU_EXPORT_REPLACES
                    )
                data["account.tax"][f"ru_{type_tax_use}_{key}"] = values
        return data

    def _tyre_catalog_replace_product_taxes(self, old_taxes):
        """Products taxed with ``old_taxes`` of this company get the domestic rate of the
        set-up with the same amount, else the company's default sales or purchase tax."""
        self.ensure_one()
        domestic = self._tyre_catalog_russian_vat_taxes().filtered(
            lambda tax: not tax.original_tax_ids
        )
        defaults = {"sale": self.account_sale_tax_id, "purchase": self.account_purchase_tax_id}
        templates = self.env["product.template"].sudo().with_context(active_test=False)
        for old in old_taxes:
            new = defaults.get(old.type_tax_use)
            if old.amount:
                new = (
                    domestic.filtered(
                        lambda tax, old=old: (
                            (tax.type_tax_use, tax.amount) == (old.type_tax_use, old.amount)
                        )
                    )[:1]
                    or new
                )
            if not new:
                continue
            field = "taxes_id" if old.type_tax_use == "sale" else "supplier_taxes_id"
            templates.search([(field, "in", old.ids)]).write(
                {field: [Command.unlink(old.id), Command.link(new.id)]}
            )

    def _tyre_catalog_retax_open_orders(self):
        """Fiscal position and line taxes of the company's orders without an invoice yet,
        recomputed from the current set-up (after taxes or positions changed)."""
        self.ensure_one()
        orders = (
            self.env["sale.order"]
            .sudo()
            .with_company(self)
            .search(
                [
                    ("company_id", "=", self.id),
                    ("state", "in", ("draft", "sent", "sale")),
                    ("invoice_ids", "=", False),
                ]
            )
        )
        for order in orders:
            order._compute_fiscal_position_id()
            order._recompute_taxes()
        return orders
