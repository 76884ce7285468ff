from urllib.parse import urlencode

from odoo import http
from odoo.addons.b2b_portal.controllers.documents_list import B2bDocumentsList
from odoo.addons.b2b_portal.lib.portal_roles import ORDER
from odoo.http import request


class B2bClaimsDocumentsList(B2bDocumentsList):
    """The documents list with the claims: a done delivery offers to file a claim on its
    lines, and a credit note made for a claim links to the claim. Only for the entities the
    user may file claims for (the right to order)."""

    @http.route()
    def b2b_documents(self, *args, **kwargs):
        response = super().b2b_documents(*args, **kwargs)
        rows = getattr(response, "qcontext", {}).get("rows")
        if rows:
            response.qcontext.update(self._b2b_claim_links(rows))
        return response

    def _b2b_claim_links(self, rows):
        """{"claim_new_urls": {picking id: claim form URL}, "row_claims": {"kind:id":
        claim}} for the rows of the list (read by the user's record rules)."""
        user = request.env.user
        claim_entities = user._b2b_entities(right=ORDER)
        pickings = request.env["stock.picking"].union(
            *(row["record"] for row in rows if row["record"]._name == "stock.picking")
        )
        refunds = request.env["account.move"].union(
            *(row["record"] for row in rows if row["kind"] == "credit_note")
        )
        # The orders the user reads (a buyer: those he placed): the claim form's check.
        pickings_sudo = pickings.sudo()
        readable_orders = request.env["sale.order"].search(
            [("id", "in", pickings_sudo.sale_id.ids)]
        )
        claim_new_urls = {
            picking.id: "/my/b2b/claims/new?"
            + urlencode({"order_id": picking.sale_id.id, "picking_id": picking.id})
            for picking in pickings_sudo
            if picking._b2b_is_shipped_delivery()
            and picking.sale_id in readable_orders
            and picking.partner_id.commercial_partner_id in claim_entities
        }
        # The claims the credit notes were made for: those of the entities the user files
        # claims for (read through his record rules).
        claims = request.env["b2b.claim"].search(
            [("entity_id", "in", claim_entities.ids), ("refund_id", "in", refunds.ids)]
        )
        row_claims = {f"credit_note:{claim.sudo().refund_id.id}": claim for claim in claims}
        return {"claim_new_urls": claim_new_urls, "row_claims": row_claims}
