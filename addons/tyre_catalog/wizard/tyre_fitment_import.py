import base64

from odoo import fields, models
from odoo.exceptions import UserError

from ..lib.fitment_csv import read_fitment_csv


class TyreFitmentImport(models.TransientModel):
    """Import vehicle fitment (make, model, years, modification -> sizes) from a CSV file.

    All or nothing: any invalid line stops the import and every error is listed with its
    line number.
    """

    _name = "tyre.fitment.import"
    _description = "Import Vehicle Fitment"

    file = fields.Binary(required=True)
    filename = fields.Char()
    replace_sizes = fields.Boolean(
        default=True,
        help="Replace the sizes of modifications already known instead of adding to them.",
    )

    def action_import(self):
        # Called over RPC by anybody: the access rights (staff importers only) come first.
        self.check_access("write")
        self.ensure_one()
        rows, errors = read_fitment_csv(base64.b64decode(self.file or b""))
        if errors:
            raise UserError(
                self.env._(
                    "Nothing was imported; fix these lines:\n%(errors)s",
                    errors="\n".join(
                        self.env._(
                            "Line %(line)s: %(message)s",
                            line=line,
                            message=message.render(self.env._),
                        )
                        for line, message in errors[:50]
                    ),
                )
            )
        if not rows:
            raise UserError(self.env._("The file has no fitment lines."))
        count = self._import_rows(rows)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s modifications imported.", count=count),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _import_rows(self, rows):
        Make = self.env["tyre.vehicle.make"]
        Model = self.env["tyre.vehicle.model"]
        Modification = self.env["tyre.vehicle.modification"]
        makes = {make.name: make for make in Make.search([])}
        seen = set()
        for row in rows:
            make = makes.get(row["make"]) or Make.create({"name": row["make"]})
            makes[make.name] = make
            model = Model.search([("make_id", "=", make.id), ("name", "=", row["model"])], limit=1)
            model = model or Model.create({"name": row["model"], "make_id": make.id})
            modification = Modification.search(
                [
                    ("model_id", "=", model.id),
                    ("name", "=", row["modification"]),
                    ("year_from", "=", row["year_from"]),
                ],
                limit=1,
            )
            if not modification:
                modification = Modification.create(
                    {
                        "name": row["modification"],
                        "model_id": model.id,
                        "year_from": row["year_from"],
                        "year_to": row["year_to"] or 0,
                    }
                )
            else:
                modification.year_to = row["year_to"] or 0
                if self.replace_sizes and modification.id not in seen:
                    modification.size_ids.unlink()
            seen.add(modification.id)
            existing = {(s.width, s.profile, s.diameter) for s in modification.size_ids}
            modification.size_ids = [
                fields.Command.create(
                    {"width": w, "profile": p, "diameter": d, "is_original": row["original"]}
                )
                for w, p, d in row["sizes"]
                if (w, p, d) not in existing
            ]
        return len(seen)
