from odoo import api, fields, models
from odoo.http import request


class B2bImpersonationLog(models.Model):
    """One session in which a manager acted for a customer's portal user, and what was done."""

    _name = "b2b.impersonation.log"
    _description = "Manager Acting for a Customer"
    _order = "start_date desc, id desc"
    _rec_name = "user_id"

    manager_id = fields.Many2one("res.users", string="Manager", required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Customer User",
        required=True,
        readonly=True,
        index=True,
    )
    entity_id = fields.Many2one(
        "res.partner",
        string="Legal Entity",
        readonly=True,
        index=True,
        help="The customer's legal entity selected when the session started.",
    )
    holding_id = fields.Many2one(
        "res.partner",
        string="Holding",
        readonly=True,
        index=True,
    )
    start_date = fields.Datetime(string="Started", required=True, readonly=True)
    expire_date = fields.Datetime(string="Expires", required=True, readonly=True)
    stop_date = fields.Datetime(string="Stopped", readonly=True)
    reason = fields.Char(readonly=True, help="Why the manager acted for the customer.")
    line_ids = fields.One2many(
        "b2b.impersonation.log.line",
        "log_id",
        string="Actions",
        readonly=True,
    )
    order_ids = fields.One2many(
        "sale.order",
        "b2b_impersonation_log_id",
        string="Orders",
        readonly=True,
    )

    @api.model
    def _b2b_active(self):
        """The log of the session the current HTTP request runs in, if a manager acts in it."""
        if not request or not getattr(request, "session", None):
            return self.browse()
        log_id = request.session.get("b2b_act_log_id")
        if not log_id or request.session.uid != request.session.get("b2b_act_user_id"):
            return self.browse()
        now = fields.Datetime.now()
        return (
            self.sudo()
            .browse(log_id)
            .exists()
            .filtered(lambda log: not log.stop_date and log.expire_date > now)
        )

    def _b2b_add_line(self, description, path=None, record=None):
        self.ensure_one()
        self.sudo().env["b2b.impersonation.log.line"].create(
            {
                "log_id": self.id,
                "date": fields.Datetime.now(),
                "description": description,
                "path": path,
                "res_model": record._name if record else False,
                "res_id": record.id if record else False,
            }
        )

    def _b2b_record_orders(self, orders):
        self.ensure_one()
        for order in orders:
            message = self.env._(
                "Placed by manager %(manager)s for %(customer)s.",
                manager=self.manager_id.name,
                customer=self.user_id.name,
            )
            order.sudo().message_post(body=message, author_id=self.manager_id.partner_id.id)
            self._b2b_add_line(message, record=order)


class B2bImpersonationLogLine(models.Model):
    _name = "b2b.impersonation.log.line"
    _description = "Action Done While Acting for a Customer"
    _order = "date, id"

    log_id = fields.Many2one(
        "b2b.impersonation.log",
        required=True,
        ondelete="cascade",
        index=True,
    )
    date = fields.Datetime(required=True)
    description = fields.Char(required=True)
    path = fields.Char(string="Page")
    res_model = fields.Char(string="Document Model")
    res_id = fields.Many2oneReference(string="Document", model_field="res_model")
