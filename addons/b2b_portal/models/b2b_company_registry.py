from odoo import api, models
from odoo.exceptions import UserError

from ..lib.company_registry import (
    CompanyRegistryError,
    DadataRegistry,
    RequisiteError,
    validate_inn,
    validate_kpp,
)


class B2bCompanyRegistry(models.AbstractModel):
    """Company requisites by INN from the configured registry provider.

    Providers implement ``lib.company_registry.CompanyRegistry``; override
    ``_b2b_registry`` to plug another one. The DaData client is configured in the settings.
    """

    _name = "b2b.company.registry"
    _description = "Company Registry Lookup"

    @api.model
    def _b2b_registry(self):
        params = self.env["ir.config_parameter"].sudo()
        return DadataRegistry(
            params.get_param("b2b_portal.dadata_url") or None,
            params.get_param("b2b_portal.dadata_key") or "",
            timeout=float(params.get_param("b2b_portal.dadata_timeout") or 5),
        )

    @api.model
    def _b2b_check_inn(self, inn, kpp=None):
        """(inn, kpp) cleaned, or a UserError in the user's language."""
        try:
            inn = validate_inn(inn)
            kpp = validate_kpp(kpp) if kpp else ""
        except RequisiteError as error:
            raise UserError(error.render(self.env._)) from None
        return inn, kpp

    @api.private
    @api.model
    def b2b_lookup(self, inn):
        """Requisites of the company with ``inn`` as a dict, or None when the registry has none.

        A paid outside service: not over RPC, only through the routes that throttle it; its
        answers are kept for a while (b2b.company.registry.answer).

        Raises UserError with a clear message for a bad INN, a time-out or a service error.
        """
        inn, _kpp = self._b2b_check_inn(inn)
        Answer = self.env["b2b.company.registry.answer"]
        known, values = Answer._b2b_get(inn)
        if known:
            return values
        try:
            info = self._b2b_registry().find_by_inn(inn)
        except (RequisiteError, CompanyRegistryError) as error:
            raise UserError(error.render(self.env._)) from None
        values = (
            None
            if info is None
            else {
                "inn": info.inn,
                "kpp": info.kpp,
                "ogrn": info.ogrn,
                "name": info.name,
                "full_name": info.full_name,
                "address": info.address,
                "director": info.director,
                "status": info.status,
            }
        )
        Answer._b2b_put(inn, values)
        return values
