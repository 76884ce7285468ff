from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request
from odoo.tools import email_normalize

from ..lib.portal_roles import ROLES, USERS
from .portal_company import B2bCompanyPortal
from .tools import current_entity_or_404, parse_id, refusal_page


class B2bUsersPortal(B2bCompanyPortal):
    """/my/company/users: the head adds, limits, confirms and removes the holding's users."""

    def _b2b_manageable(self):
        """Legal entities whose users the current user manages; 404 when there are none."""
        current_entity_or_404()
        entities = request.env.user._b2b_entities(right=USERS)
        if not entities:
            raise NotFound()
        return entities

    def _b2b_users_values(self, entities, **extra):
        Access = request.env["b2b.entity.access"].sudo()
        accesses = Access.search([("entity_id", "in", entities.ids)])
        entity = request.env.user._b2b_current_entity()
        return self._b2b_company_values(
            entity,
            page_name="b2b_users",
            manageable=entities,
            contacts=accesses.contact_id,
            user_accesses=accesses,
            roles=dict(Access._fields["role"]._description_selection(request.env)),
            **{"error": None, "form": {}, **extra},
        )

    def _b2b_contact_or_404(self, entities, contact_id):
        contact = request.env["res.partner"].sudo().browse(parse_id(contact_id)).exists()
        if not contact or not (contact.b2b_access_ids.entity_id & entities):
            raise NotFound()
        return contact

    def _b2b_roles_from_post(self, entities, post):
        """{entity: role} from the fields role_<entity id>; a foreign entity id is a 404."""
        roles = {}
        for key, value in post.items():
            if not key.startswith("role_"):
                continue
            entity = request.env["res.partner"].sudo().browse(parse_id(key[5:]))
            if entity not in entities:
                raise NotFound()
            if value:
                if value not in ROLES:
                    raise NotFound()
                roles[entity] = value
        return roles

    @http.route("/my/company/users", type="http", auth="user", website=True)
    def b2b_users(self, **kwargs):
        if not request.env.user._b2b_entities(right=USERS):
            # The acting entity is one of them, so it lacks the right too: say why.
            return refusal_page(self, "b2b_users", USERS)
        entities = self._b2b_manageable()
        return request.render(
            "b2b_portal.portal_my_company_users", self._b2b_users_values(entities)
        )

    @http.route(
        ["/my/company/users/new", "/my/company/users/<int:contact_id>/edit"],
        type="http",
        auth="user",
        website=True,
    )
    def b2b_user_form(self, contact_id=None, **kwargs):
        entities = self._b2b_manageable()
        contact = self._b2b_contact_or_404(entities, contact_id) if contact_id else None
        return request.render(
            "b2b_portal.portal_my_company_user_form",
            self._b2b_users_values(entities, contact=contact),
        )

    @http.route(
        "/my/company/users/save",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_user_save(self, contact_id=None, name=None, email=None, **post):
        entities = self._b2b_manageable()
        contact = self._b2b_contact_or_404(entities, contact_id) if contact_id else None
        roles = self._b2b_roles_from_post(entities, post)
        name, email = (name or "").strip(), email_normalize(email or "")
        error = None
        if not roles:
            error = request.env._("Choose a role in at least one legal entity.")
        elif not contact and (not name or not email):
            error = request.env._("Fill in the name and a valid e-mail address of the user.")
        elif not contact and request.env["res.users"].sudo().with_context(
            active_test=False
        ).search_count([("login", "=ilike", email)]):
            error = request.env._(
                "A user with the e-mail %(email)s already exists; ask your manager to give "
                "him access.",
                email=email,
            )
        if error:
            return request.render(
                "b2b_portal.portal_my_company_user_form",
                self._b2b_users_values(
                    entities,
                    contact=contact,
                    error=error,
                    form={
                        "name": name,
                        "email": email,
                        "roles": {e.id: r for e, r in roles.items()},
                    },
                ),
            )
        Access = request.env["b2b.entity.access"].sudo()
        if not contact:
            first = next(iter(roles))
            contact = (
                request.env["res.partner"]
                .sudo()
                .create(
                    {
                        "name": name,
                        "email": email,
                        "parent_id": first.id,
                        "type": "contact",
                    }
                )
            )
        existing = contact.b2b_access_ids.filtered(lambda a: a.entity_id in entities)
        added = Access
        for entity in entities:
            access = existing.filtered(lambda a, entity=entity: a.entity_id == entity)
            role = roles.get(entity)
            if access and not role:
                access.unlink()
            elif access:
                access.write({"role": role})
            elif role:
                # The head vouches for whom he adds: confirmed at once, no request for the
                # manager (a self-registered user waits for the head or the manager).
                added |= Access.create(
                    {
                        "contact_id": contact.id,
                        "entity_id": entity.id,
                        "role": role,
                        "confirmed": True,
                    }
                )
        self._b2b_log_added(added)
        if not contact.user_ids and contact._b2b_login_mail_failure(
            contact._b2b_grant_portal_access()
        ):
            # The user exists; the head must know that he did not get his login.
            return request.render(
                "b2b_portal.portal_my_company_user_form",
                self._b2b_users_values(
                    entities,
                    contact=contact,
                    error=request.env._(
                        "%(name)s was added, but the e-mail with the login could not be sent "
                        "to %(email)s. Check the address, or ask your manager to send the "
                        "login again.",
                        name=contact.name,
                        email=contact.email,
                    ),
                ),
            )
        return request.redirect("/my/company/users")

    def _b2b_log_added(self, accesses):
        """Note on the holding who added whom with which role, confirmed by the head."""
        roles = dict(accesses._fields["role"]._description_selection(request.env))
        author = request.env.user.partner_id
        for access in accesses:
            access.holding_id.message_post(
                body=request.env._(
                    "%(actor)s (head of the holding) added %(user)s as %(role)s for %(entity)s "
                    "in the portal: confirmed by the head.",
                    actor=author.name,
                    user=access.contact_id.name,
                    role=roles[access.role],
                    entity=access.entity_id.name,
                ),
                author_id=author.id,
                subtype_xmlid="mail.mt_note",
            )

    @http.route(
        "/my/company/users/<int:contact_id>/confirm",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_user_confirm(self, contact_id, **kwargs):
        entities = self._b2b_manageable()
        contact = self._b2b_contact_or_404(entities, contact_id)
        contact.b2b_access_ids.filtered(lambda a: a.entity_id in entities).write(
            {"confirmed": True}
        )
        return request.redirect("/my/company/users")

    @http.route(
        "/my/company/users/<int:contact_id>/remove",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_user_remove(self, contact_id, **kwargs):
        entities = self._b2b_manageable()
        contact = self._b2b_contact_or_404(entities, contact_id)
        if contact == request.env.user.partner_id:
            raise NotFound()
        contact.b2b_access_ids.filtered(lambda a: a.entity_id in entities).unlink()
        if not contact.b2b_access_ids:
            contact.user_ids.sudo().write({"active": False})
        return request.redirect("/my/company/users")
