"""Small helpers shared by the portal controllers of this module."""

from werkzeug.exceptions import NotFound

from odoo.exceptions import AccessError
from odoo.http import request


def safe_redirect(url, default="/my"):
    """Only same-site paths: an open redirect would help phishing."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return default
    return url


def parse_id(value):
    """An id from a form or URL; anything else is a 404."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise NotFound() from None
    if number <= 0:
        raise NotFound()
    return number


def entity_or_404(entity_id, right=None):
    """The legal entity the user may act for (with ``right``); otherwise a 404."""
    user = request.env.user
    entity = request.env["res.partner"].sudo().browse(parse_id(entity_id)).exists()
    if not entity:
        raise NotFound()
    try:
        user._b2b_check_access(entity, right=right)
    except AccessError:
        raise NotFound() from None
    return entity


def current_entity_or_404(right=None):
    entity = request.env.user._b2b_current_entity()
    if not entity:
        raise NotFound()
    return entity_or_404(entity.id, right=right)
