import json
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# Requisites change seldom; a week-old answer is good enough to fill in a form.
DEFAULT_KEEP_DAYS = 7


class B2bCompanyRegistryAnswer(models.Model):
    """The company registry's last answer per INN: the registry is a paid service, and the
    same INN is looked up again and again (typing, reloading the form, registering)."""

    _name = "b2b.company.registry.answer"
    _description = "Company Registry Answer"
    _log_access = False

    inn = fields.Char(string="INN", required=True)
    values = fields.Json(help="The requisites; empty when the registry does not know the INN.")
    fetched_at = fields.Datetime(required=True)

    _inn_unique = models.UniqueIndex("(inn)")

    @api.model
    def _b2b_keep(self):
        days = self.env["ir.config_parameter"].sudo().get_param("b2b_portal.registry_cache_days")
        return timedelta(days=int(days or DEFAULT_KEEP_DAYS))

    @api.model
    def _b2b_get(self, inn):
        """(True, requisites or None) when the registry answered for ``inn`` lately;
        (False, None) when it has to be asked."""
        answer = self.sudo().search(
            [("inn", "=", inn), ("fetched_at", ">=", fields.Datetime.now() - self._b2b_keep())],
            limit=1,
        )
        return (True, answer.values or None) if answer else (False, None)

    @api.model
    def _b2b_put(self, inn, values):
        """Keep the registry's answer for ``inn`` (None: it does not know the INN)."""
        self.env.cr.execute(
            SQL(
                """INSERT INTO b2b_company_registry_answer (inn, values, fetched_at)
                VALUES (%s, %s::jsonb, %s)
                ON CONFLICT (inn) DO UPDATE
                SET values = EXCLUDED.values, fetched_at = EXCLUDED.fetched_at""",
                inn,
                json.dumps(values) if values is not None else None,
                fields.Datetime.now(),
            )
        )
        self.invalidate_model()

    @api.autovacuum
    def _gc_old_answers(self):
        self.sudo().search([("fetched_at", "<", fields.Datetime.now() - self._b2b_keep())]).unlink()
