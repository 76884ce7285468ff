from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import format_date


class B2bDateRangeMixin(models.AbstractModel):
    """Terms valid from ``date_start`` to ``date_end`` (contracts, promotions, personal prices).

    An empty bound is open (a model makes a bound mandatory by redefining the field with
    ``required=True``). One check refuses a period that ends before it starts, one domain
    says what is in force on a date.
    """

    _name = "b2b.date.range.mixin"
    _description = "Validity Period"

    date_start = fields.Date()
    date_end = fields.Date()

    @api.constrains("date_start", "date_end")
    def _check_date_range(self):
        for record in self:
            if record.date_start and record.date_end and record.date_end < record.date_start:
                raise ValidationError(
                    self.env._(
                        "%(record)s ends on %(end)s, before it starts on %(start)s.",
                        record=record._date_range_label(),
                        end=format_date(self.env, record.date_end),
                        start=format_date(self.env, record.date_start),
                    )
                )

    def _date_range_label(self):
        """What the period belongs to, for messages: "Promotion Spring sale"."""
        self.ensure_one()
        return f"{self.env['ir.model']._get(self._name).name} {self.display_name}"

    @api.model
    def _in_force_domain(self, date):
        """The records whose period contains ``date`` (empty bounds are open)."""
        return (Domain("date_start", "=", False) | Domain("date_start", "<=", date)) & (
            Domain("date_end", "=", False) | Domain("date_end", ">=", date)
        )
