from odoo import models
from odoo.exceptions import UserError

from ..lib.requisites_file import RequisitesFileError, check_requisites_file


class B2bContract(models.Model):
    """Contract files exchanged in the portal: the manager attaches the contract or an
    agreement (PDF) to the contract, the customer downloads it and uploads the signed
    scan, which is kept on the contract beside every earlier version."""

    _inherit = "b2b.contract"

    def _b2b_portal_files(self):
        """The files of the contract, newest first (superuser: the caller checked that the
        user may see the contract)."""
        self.ensure_one()
        return (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "=", self.id)], order="id desc")
        )

    def _b2b_receive_signed_scan(self, filename, data, user):
        """Keep the signed scan ``data`` uploaded by ``user`` on the contract and tell the
        holding's personal manager; a bad file is a UserError in the user's language."""
        self.ensure_one()
        try:
            check_requisites_file(filename, data)
        except RequisitesFileError as error:
            raise UserError(error.render(self.env._)) from None
        contract_sudo = self.sudo()
        manager = contract_sudo.partner_id._b2b_personal_manager()
        # Posted with the file: the message and the contract share the one attachment.
        message = contract_sudo.message_post(
            body=self.env._(
                "%(user)s uploaded the signed scan %(file)s of contract %(contract)s.",
                user=user.name,
                file=filename,
                contract=self.name,
            ),
            attachments=[(filename, data)],
            partner_ids=manager.partner_id.ids,
            author_id=user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        attachment = message.attachment_ids
        return attachment
