from odoo import Command, api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _tyre_catalog_setup_demo_company(self, company_xmlid):
        """Give the demo seller an accounting set-up in RUB with Russian VAT.

        Odoo ships no Russian chart of accounts, so the generic chart is loaded and the VAT
        taxes are created here; the company becomes the website's, with a RUB pricelist, so
        the portal sells in RUB.
        """
        company = self.env.ref(company_xmlid)
        currency = company.currency_id
        self.env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        # The generic chart makes the US the fiscal country (and its currency the company's);
        # Russian VAT only applies with Russia as fiscal country, and prices are in RUB.
        company.write(
            {"account_fiscal_country_id": company.country_id.id, "currency_id": currency.id}
        )
        tax_group = self.env["account.tax.group"].create(
            {"name": "НДС 22%", "company_id": company.id, "country_id": company.country_id.id}
        )
        taxes = self.env["account.tax"]
        for type_tax_use, name in (
            ("sale", "НДС 22% (продажи)"),
            ("purchase", "НДС 22% (покупки)"),
        ):
            taxes |= taxes.create(
                {
                    "name": name,
                    "amount": 22.0,
                    "amount_type": "percent",
                    "type_tax_use": type_tax_use,
                    "price_include_override": "tax_included",
                    "company_id": company.id,
                    "country_id": company.country_id.id,
                    "tax_group_id": tax_group.id,
                }
            )
        company.write(
            {
                "account_sale_tax_id": taxes.filtered(lambda t: t.type_tax_use == "sale").id,
                "account_purchase_tax_id": taxes.filtered(
                    lambda t: t.type_tax_use == "purchase"
                ).id,
            }
        )
        self.env.user.write({"company_ids": [Command.link(company.id)]})
        website = self.env.ref("website.default_website", raise_if_not_found=False)
        if website:
            website.company_id = company
        # The first pricelist of the company (by sequence) is every customer's fallback, so
        # the portal and the website cart price in RUB rather than in the demo USD/EUR lists.
        self.env["product.pricelist"].create(
            {
                "name": "Базовые цены (RUB)",
                "currency_id": company.currency_id.id,
                "company_id": company.id,
                "sequence": 1,
                "website_id": website.id if website else False,
            }
        )
