"""Back-office tools of stock Odoo that portal users and visitors could call: a 404 for them.

The web editor's media tools fetch any URL the caller gives (link previews, images by URL)
or spend the company's paid services (AI text, the media library); font metadata and SEO
keyword suggestions are fetched from Google; the exports answer a customer with a server
error; donations have no place on the distributor's site. Internal users keep all of them.
"""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.html_editor.controllers.main import HTML_Editor
from odoo.addons.web.controllers.export import CSVExport, ExcelExport
from odoo.addons.website.controllers.main import Website
from odoo.addons.website_payment.controllers.portal import PaymentPortal
from odoo.http import request


def _staff_only():
    if not request.env.user._is_internal():
        raise NotFound()


class B2bClosedEditorTools(HTML_Editor):
    @http.route()
    def add_url(self, url, res_id=False, res_model="ir.ui.view", **kwargs):
        _staff_only()
        return super().add_url(url, res_id=res_id, res_model=res_model, **kwargs)

    @http.route()
    def save_library_media(self, media):
        _staff_only()
        return super().save_library_media(media)

    @http.route()
    def media_library_search(self, **params):
        _staff_only()
        return super().media_library_search(**params)

    @http.route()
    def generate_text(self, prompt, conversation_history):
        _staff_only()
        return super().generate_text(prompt, conversation_history)

    @http.route()
    def link_preview_metadata(self, preview_url):
        _staff_only()
        return super().link_preview_metadata(preview_url)


class B2bClosedGoogleServices(Website):
    @http.route()
    def google_font_metadata(self):
        _staff_only()
        return super().google_font_metadata()

    @http.route()
    def seo_suggest(self, keywords=None, lang=None):
        _staff_only()
        return super().seo_suggest(keywords=keywords, lang=lang)


class B2bClosedCsvExport(CSVExport):
    @http.route()
    def web_export_csv(self, data):
        _staff_only()
        return super().web_export_csv(data)


class B2bClosedExcelExport(ExcelExport):
    @http.route()
    def web_export_xlsx(self, data):
        _staff_only()
        return super().web_export_xlsx(data)


class B2bClosedDonations(PaymentPortal):
    @http.route()
    def donation_pay(self, **kwargs):
        _staff_only()
        return super().donation_pay(**kwargs)

    @http.route()
    def donation_transaction(
        self, amount, currency_id, partner_id, access_token, minimum_amount=0, **kwargs
    ):
        _staff_only()
        return super().donation_transaction(
            amount, currency_id, partner_id, access_token, minimum_amount=minimum_amount, **kwargs
        )
