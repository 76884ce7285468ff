"""Chatter routes asked about a document the caller may not read: a 404, not a crash.

Odoo's recipient routes go on with an empty thread when the caller has no access to the
document (a server error), and a model name that does not exist failed the same way.
"""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.mail.controllers.thread import ThreadController
from odoo.http import request


class B2bThreadAccess(ThreadController):
    def _b2b_readable_thread(self, thread_model, thread_id):
        if thread_model not in request.env or not str(thread_id).isdigit():
            raise NotFound()
        thread = self._get_thread_with_access(thread_model, thread_id, mode="read")
        if not thread:
            raise NotFound()
        return thread

    @http.route()
    def mail_thread_recipients(self, thread_model, thread_id, message_id=None):
        self._b2b_readable_thread(thread_model, thread_id)
        return super().mail_thread_recipients(thread_model, thread_id, message_id=message_id)

    @http.route()
    def mail_thread_recipients_get_suggested_recipients(
        self, thread_model, thread_id, partner_ids=None, main_email=False
    ):
        self._b2b_readable_thread(thread_model, thread_id)
        return super().mail_thread_recipients_get_suggested_recipients(
            thread_model, thread_id, partner_ids=partner_ids, main_email=main_email
        )
