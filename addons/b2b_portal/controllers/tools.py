"""Small helpers shared by the portal controllers of this module."""

from contextlib import contextmanager

from werkzeug.exceptions import NotFound

from odoo.exceptions import AccessError, UserError
from odoo.http import content_disposition, request

from ..lib.form_values import FormValueError


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


@contextmanager
def access_as_404():
    """An AccessError inside becomes a 404: nothing is told about the records of others."""
    try:
        yield
    except AccessError:
        raise NotFound() from None


def record_or_404(model, record_id):
    """The record of ``model`` with that id if the user may read it (record rules)."""
    record = request.env[model].browse(parse_id(record_id)).exists()
    if not record:
        raise NotFound()
    with access_as_404():
        record.check_access("read")
    return record


def entity_or_404(entity_id, right=None):
    """The legal entity the user may act for (with ``right``); otherwise a 404."""
    entity = request.env["res.partner"].sudo().browse(parse_id(entity_id)).exists()
    if not entity:
        raise NotFound()
    with access_as_404():
        request.env.user._b2b_check_access(entity, right=right)
    return entity


def current_entity_or_404(right=None):
    entity = request.env.user._b2b_current_entity()
    if not entity:
        raise NotFound()
    return entity_or_404(entity.id, right=right)


def refusal_page(portal, page_name, right):
    """The page saying why the user's role may not open ``page_name``, which needs ``right``
    for the acting entity (403), or None when it grants it. The entity is the user's own:
    only his role lacks the right, so he is told so and whom to ask rather than given a 404.
    """
    entity = current_entity_or_404()
    reason = request.env.user._b2b_right_refusal(entity, right)
    if not reason:
        return None
    values = portal._prepare_portal_layout_values()
    values.update({"page_name": page_name, "reason": reason})
    return request.render("b2b_pricing.portal_my_refused", values, status=403)


def form_value(parse, value, **options):
    """``parse(value)`` with a parser of ``lib.form_values``; a bad value raises a UserError
    in the user's language (``attempt`` shows it)."""
    try:
        return parse(value, **options)
    except FormValueError as exc:
        raise UserError(exc.render(request.env._)) from None


def attempt(action):
    """Run ``action()`` in a savepoint: (its result, None), or (None, the message) when it
    raises a UserError, with what it wrote undone: a user action happens whole or not at all.
    """
    try:
        with request.env.cr.savepoint():
            return action(), None
    except UserError as exc:
        return None, exc.args[0]


def file_response(content, filename, mimetype):
    """A download of ``content`` named ``filename``."""
    return request.make_response(
        content,
        headers=[
            ("Content-Type", mimetype),
            ("Content-Disposition", content_disposition(filename)),
        ],
    )
