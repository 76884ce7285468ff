"""Delivery reports of the SMS provider: a malformed report is a 400, not a crash.

Odoo's check raised UserError with an argument it does not take (a TypeError), and a report
without its keys failed the same way, on a route anybody can call.
"""

import re

from werkzeug.exceptions import BadRequest

from odoo import http
from odoo.addons.sms.controllers.main import SmsController

UUID = re.compile(r"^[0-9a-f]{32}$")
STATUS = re.compile(r"^\w+$")


class B2bSmsStatus(SmsController):
    @http.route()
    def update_sms_status(self, message_statuses):
        if not isinstance(message_statuses, list) or not all(
            isinstance(status, dict)
            and isinstance(status.get("uuids"), list)
            and status["uuids"]
            and all(isinstance(uuid, str) and UUID.match(uuid) for uuid in status["uuids"])
            and isinstance(status.get("sms_status"), str)
            and STATUS.match(status["sms_status"])
            for status in message_statuses
        ):
            raise BadRequest("Bad parameters")
        return super().update_sms_status(message_statuses)
