from odoo import Command, api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _tyre_catalog_setup_demo_company(self, company_xmlid, sells_on_website=True):
        """Give a demo seller an accounting set-up in RUB with Russian VAT.

        Odoo ships no Russian chart of accounts, so the generic chart is loaded and the
        Russian VAT and fiscal positions are set up on it (res_company_russian_vat.py); the
        company gets a RUB pricelist and, ``sells_on_website``, becomes the website's, so
        the portal sells in RUB.
        """
        company = self.env.ref(company_xmlid)
        currency = company.currency_id
        self.env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        # The generic chart makes its currency (USD) the company's: prices are in RUB.
        company.currency_id = currency
        company._tyre_catalog_setup_russian_vat()
        self.env.user.write({"company_ids": [Command.link(company.id)]})
        website = sells_on_website and self.env.ref(
            "website.default_website", raise_if_not_found=False
        )
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
