from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _b2b_current_entity(self):
        """An API request acts for the legal entity it names, not the one chosen in the
        portal's header: the API resolved and checked it (``b2b.api._b2b_entity``) and
        passes it in the context. Only an entity the user acts for is taken."""
        entity_id = self.env.context.get("b2b_api_entity_id")
        if entity_id:
            entity = self._b2b_entities().filtered(lambda e: e.id == entity_id)
            if entity:
                return entity
        return super()._b2b_current_entity()
