from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import UserError
from odoo.http import request

from ..lib.portal_roles import ORDER
from .tools import access_as_404, attempt, current_entity_or_404, record_or_404, refusal_page


class B2bSavedCartPortal(CustomerPortal):
    """/my/b2b/saved-carts: save the cart as…, list, add into the cart, rename, update, delete.

    Record rules show the saved carts of every entity the user acts for; adding one into the
    cart of another entity also checks that the user may order for both. Portal users only
    read saved carts: these routes write them as superuser once the user's ordering right
    for the saved cart's entity is checked.
    """

    def _b2b_saved_cart_or_404(self, saved_cart_id):
        return record_or_404("b2b.saved.cart", saved_cart_id)

    def _b2b_saved_cart_sudo_or_404(self, saved_cart_id):
        """The saved cart (sudo) if the user may order for its entity; otherwise a 404."""
        saved = self._b2b_saved_cart_or_404(saved_cart_id)
        with access_as_404():
            request.env.user._b2b_check_access(saved.entity_id, right=ORDER)
        return saved.sudo()

    def _b2b_render(self, **extra):
        entity = current_entity_or_404(right=ORDER)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_saved_carts",
                "entity": entity,
                "saved_carts": request.env["b2b.saved.cart"].search([]),
                # The "Add to cart" forms carry it: a double click adds once.
                "request_key": request.env["b2b.request.key"]._b2b_new_key(),
            }
        )
        values.update(extra)
        return request.render("b2b_portal.portal_b2b_saved_carts", values)

    @http.route("/my/b2b/saved-carts", type="http", auth="user", website=True)
    def b2b_saved_carts(self, **kwargs):
        return refusal_page(self, "b2b_saved_carts", ORDER) or self._b2b_render()

    def _b2b_run(self, action):
        """Run ``action`` in one savepoint; a UserError re-renders the list with the message."""
        result, error = attempt(action)
        return result if error is None else self._b2b_render(error=error)

    def _b2b_saved_cart_action(self, saved_cart_id, action):
        """``action(saved cart, sudo)`` as one user action, then back to the list."""
        saved_sudo = self._b2b_saved_cart_sudo_or_404(saved_cart_id)

        def run():
            action(saved_sudo)
            return request.redirect("/my/b2b/saved-carts")

        return self._b2b_run(run)

    @http.route(
        "/my/b2b/saved-carts/save", type="http", auth="user", website=True, methods=["POST"]
    )
    def b2b_saved_cart_save(self, name="", **kwargs):
        current_entity_or_404(right=ORDER)
        cart = request.website._b2b_cart()
        if not cart:
            return self._b2b_render(
                error=request.env._("The cart is empty: there is nothing to save.")
            )

        def save():
            saved_carts_sudo = request.env["b2b.saved.cart"].sudo()
            saved_carts_sudo._b2b_save(cart, name)
            return request.redirect("/my/b2b/saved-carts")

        return self._b2b_run(save)

    @http.route(
        "/my/b2b/saved-carts/<int:saved_cart_id>/add",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_saved_cart_add(self, saved_cart_id, request_key="", **kwargs):
        """Add the saved cart into the cart; the form's ``request_key`` makes a repeated
        submission of the same form (a double click) a no-op that shows the same result."""
        saved = self._b2b_saved_cart_or_404(saved_cart_id)
        current_entity_or_404(right=ORDER)
        keys_sudo = request.env["b2b.request.key"].sudo()
        key = f"saved-cart-add:{saved.id}:{request_key}"

        def add():
            # Claimed in the action's savepoint: a refused action leaves the key free.
            if request_key and not keys_sudo._b2b_claim(key):
                return self._b2b_render(added=saved, problems=[], cart=request.website._b2b_cart())
            cart = request.website._b2b_cart(create=True)
            with access_as_404():
                problems = saved._b2b_add_to(cart)
            return self._b2b_render(added=saved, problems=problems, cart=cart)

        return self._b2b_run(add)

    @http.route(
        "/my/b2b/saved-carts/<int:saved_cart_id>/rename",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_saved_cart_rename(self, saved_cart_id, name="", **kwargs):
        def rename(saved_sudo):
            if not name.strip():
                raise UserError(request.env._("Give the saved cart a name."))
            saved_sudo.name = name.strip()

        return self._b2b_saved_cart_action(saved_cart_id, rename)

    @http.route(
        "/my/b2b/saved-carts/<int:saved_cart_id>/update",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_saved_cart_update(self, saved_cart_id, **kwargs):
        """Replace the saved lines with the current cart's."""

        def update(saved_sudo):
            cart = request.website._b2b_cart()
            if not cart:
                raise UserError(request.env._("The cart is empty: there is nothing to save."))
            saved_sudo._b2b_check_usable_for(cart._b2b_entity())
            saved_sudo._b2b_save(cart, saved_sudo.name, saved_cart=saved_sudo)

        return self._b2b_saved_cart_action(saved_cart_id, update)

    @http.route(
        "/my/b2b/saved-carts/<int:saved_cart_id>/delete",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def b2b_saved_cart_delete(self, saved_cart_id, **kwargs):
        return self._b2b_saved_cart_action(saved_cart_id, lambda saved_sudo: saved_sudo.unlink())
