from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.fields import Domain
from odoo.http import request

from ..lib.portal_roles import ADDRESSES, BALANCE, USERS
from .tools import current_entity_or_404, parse_id, refusal_page

ADDRESS_FIELDS = ("name", "street", "street2", "city", "zip", "phone")


class B2bCompanyPortal(CustomerPortal):
    """/my/company: requisites, delivery addresses, personal manager, manager actions."""

    def _b2b_company_values(self, entity, **extra):
        user = request.env.user
        access = user._b2b_access_for(entity)
        holding = entity.b2b_holding_id
        manager = entity._b2b_personal_manager()
        substitute = manager._b2b_effective_manager() if manager else manager
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_company",
                "entity": entity,
                "access": access,
                "accesses": user._b2b_accesses(),
                "holding": holding,
                "manager": manager.sudo(),
                "substitute": substitute.sudo() if substitute != manager else substitute,
                "manager_messages": self._b2b_manager_messages(holding),
                "can_manage_users": user._b2b_has_right(entity, USERS),
                "can_see_credit": user._b2b_has_right(entity, BALANCE),
                "contract": request.env["b2b.contract"].sudo()._active_for(entity).get(entity.id),
                "can_edit_addresses": user._b2b_has_right(entity, ADDRESSES),
                "addresses": entity.sudo().child_ids.filtered(lambda p: p.type == "delivery"),
            }
        )
        values.update(extra)
        return values

    def _b2b_manager_messages(self, holding):
        """The last messages exchanged with the manager on the holding; never the manager's
        internal notes (log notes, internal subtypes), which are for the seller's staff."""
        if not holding:
            return []
        Message = request.env["mail.message"]
        domain = (
            Domain(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "=", holding.id),
                    ("message_type", "=", "comment"),
                ]
            )
            & Message._get_search_domain_share()
        )
        return Message.sudo().search(domain, order="id desc", limit=10)

    @http.route("/my/company", type="http", auth="user", website=True)
    def b2b_company(self, **kwargs):
        entity = current_entity_or_404()
        return request.render("b2b_portal.portal_my_company", self._b2b_company_values(entity))

    # ---------------------------------------------------------------- delivery addresses
    @http.route("/my/company/addresses", type="http", auth="user", website=True)
    def b2b_addresses(self, **kwargs):
        entity = current_entity_or_404()
        return request.render(
            "b2b_portal.portal_my_company_addresses",
            self._b2b_company_values(entity),
        )

    def _b2b_address_or_404(self, entity, address_id):
        address = request.env["res.partner"].sudo().browse(parse_id(address_id)).exists()
        if not address or address.parent_id != entity or address.type != "delivery":
            raise NotFound()
        return address

    @http.route(
        ["/my/company/addresses/new", "/my/company/addresses/<int:address_id>/edit"],
        type="http",
        auth="user",
        website=True,
    )
    def b2b_address_form(self, address_id=None, **kwargs):
        refused = refusal_page(self, "b2b_company", ADDRESSES)
        if refused:
            return refused
        entity = current_entity_or_404(ADDRESSES)
        address = self._b2b_address_or_404(entity, address_id) if address_id else None
        return request.render(
            "b2b_portal.portal_my_company_address_form",
            self._b2b_company_values(entity, address=address, error=None, form={}),
        )

    @http.route(
        "/my/company/addresses/save",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_address_save(self, address_id=None, **post):
        entity = current_entity_or_404(ADDRESSES)
        address = self._b2b_address_or_404(entity, address_id) if address_id else None
        values = {field: (post.get(field) or "").strip() for field in ADDRESS_FIELDS}
        if not values["name"] or not values["street"] or not values["city"]:
            return request.render(
                "b2b_portal.portal_my_company_address_form",
                self._b2b_company_values(
                    entity,
                    address=address,
                    form=values,
                    error=request.env._("Fill in the name, street and city of the address."),
                ),
            )
        values = {key: value or False for key, value in values.items()}
        if address:
            address.write(values)
        else:
            request.env["res.partner"].sudo().create(
                {
                    **values,
                    "type": "delivery",
                    "parent_id": entity.id,
                    "country_id": entity.country_id.id,
                }
            )
        return request.redirect("/my/company/addresses")

    # ---------------------------------------------------------------- personal manager
    @http.route(
        "/my/company/manager/message",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_write_to_manager(self, body=None, **kwargs):
        entity = current_entity_or_404()
        body = (body or "").strip()
        holding = entity.b2b_holding_id or entity
        if body:
            manager = entity._b2b_personal_manager()
            recipients = manager.partner_id
            if manager:
                recipients |= manager._b2b_effective_manager().partner_id
            holding.sudo().message_post(
                body=body,
                author_id=request.env.user.partner_id.id,
                partner_ids=recipients.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return request.redirect("/my/company#b2b_manager")

    # ---------------------------------------------------------------- manager actions
    @http.route("/my/company/manager-actions", type="http", auth="user", website=True)
    def b2b_manager_actions(self, **kwargs):
        entity = current_entity_or_404()
        # Record rules decide: the user's own sessions, or all of the entities he heads.
        logs = request.env["b2b.impersonation.log"].search([])
        return request.render(
            "b2b_portal.portal_my_manager_actions",
            self._b2b_company_values(entity, logs=logs, page_name="b2b_manager_actions"),
        )
