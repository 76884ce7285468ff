from odoo import api, models


class MailThread(models.AbstractModel):
    """A portal access token only opens documents that have one.

    Odoo compared the token with the document's token field without checking that the
    model has one: a token sent for a message on a contact or a legal entity (the avatar
    of a message's author, the portal chatter) was a server error instead of a refusal.
    """

    _inherit = "mail.thread"

    @api.model
    def _get_thread_with_access(self, thread_id, *, mode="read", **kwargs):
        if kwargs.get("token") and self._mail_post_token_field not in self._fields:
            kwargs["token"] = None
        return super()._get_thread_with_access(thread_id, mode=mode, **kwargs)
