from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..lib.requisites_file import MAX_SIZE
from .acting_entity import B2bPortalPricing
from .tools import file_response, parse_id

CONTRACTS_URL = "/my/contracts"


class B2bContractFiles(B2bPortalPricing):
    """The files of the acting entity's contracts on /my/contracts: download what the
    manager published, upload the signed scan. Only for roles that see the contracts
    (balance right); any other contract or file is a 404."""

    def _b2b_contract_or_404(self, contract_id):
        try:
            entity = self._b2b_entity(balance=True)
        except AccessError:
            raise NotFound() from None
        contract_sudo = request.env["b2b.contract"].sudo().browse(parse_id(contract_id)).exists()
        if not contract_sudo or contract_sudo.partner_id != entity:
            raise NotFound()
        return contract_sudo

    @http.route(
        f"{CONTRACTS_URL}/<int:contract_id>/files/<int:attachment_id>",
        type="http",
        auth="user",
        website=True,
    )
    def b2b_contract_file(self, contract_id, attachment_id, **kwargs):
        contract_sudo = self._b2b_contract_or_404(contract_id)
        attachment_sudo = contract_sudo._b2b_portal_files().filtered(
            lambda attachment: attachment.id == attachment_id
        )
        if not attachment_sudo:
            raise NotFound()
        return file_response(
            attachment_sudo.raw,
            attachment_sudo.name,
            attachment_sudo.mimetype or "application/octet-stream",
        )

    @http.route(
        f"{CONTRACTS_URL}/<int:contract_id>/signed",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_contract_signed(self, contract_id, signed_file=None, **kwargs):
        contract_sudo = self._b2b_contract_or_404(contract_id)
        readable = signed_file is not None and hasattr(signed_file, "read")
        data = signed_file.read(MAX_SIZE + 1) if readable else b""
        filename = (signed_file.filename if readable else "") or ""
        try:
            contract_sudo._b2b_receive_signed_scan(filename, data, request.env.user)
        except UserError as exc:
            values = self._prepare_portal_layout_values()
            values.update({"page_name": "b2b_contracts", "reason": exc.args[0]})
            return request.render("b2b_pricing.portal_my_refused", values, status=400)
        return request.redirect(f"{CONTRACTS_URL}?uploaded=1")
