from odoo import models


class ResPartner(models.Model):
    """A legal entity of a holding keeps its own address.

    Odoo shares the address of a child of type "contact" with its parent both ways: a legal
    entity (a company whose parent is the holding) would pass its address up to the holding
    and from there to every other entity, so that one entity showed another's street and zip.
    The contacts of an entity still share the entity's address.
    """

    _inherit = "res.partner"

    def _b2b_keeps_own_address(self):
        self.ensure_one()
        return self.is_company and self.parent_id.is_b2b_holding

    def _b2b_address_line(self):
        """The address on one line, its non-empty parts separated by commas."""
        self.ensure_one()
        lines = self._display_address(without_company=True).splitlines()
        parts = (" ".join(line.split()).strip(" ,") for line in lines)
        return ", ".join(part for part in parts if part)

    def _fields_sync(self, values):
        if not self._b2b_keeps_own_address():
            return super()._fields_sync(values)
        # Neither from nor to the holding; only down to the entity's own contacts (the
        # commercial fields of a company are its own anyway).
        return self._children_sync(values)

    def _update_address(self, vals):
        shared = self.filtered(lambda partner: not partner._b2b_keeps_own_address())
        return super(ResPartner, shared)._update_address(vals)

    def _handle_first_contact_creation(self):
        if self._b2b_keeps_own_address():
            return None
        return super()._handle_first_contact_creation()

    def _load_records_create(self, vals_list):
        partners = super()._load_records_create(vals_list)
        # Data files: Odoo wrote the parent's address over the one each child was given.
        address_fields = self._address_fields()
        for partner, vals in zip(partners, vals_list, strict=True):
            if partner._b2b_keeps_own_address():
                partner.write({fname: vals.get(fname, False) for fname in address_fields})
        return partners
