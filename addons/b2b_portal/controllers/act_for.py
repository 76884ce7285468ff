import time
from datetime import timedelta

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import request

from .tools import parse_id


class B2bActFor(http.Controller):
    """A manager opens the portal as one of his customers' users, with an audit trail."""

    def _act_for_target(self, user_id):
        """The portal user the current manager may act for, else 404."""
        manager = request.env.user
        if not manager.has_group("sales_team.group_sale_salesman") or manager.share:
            raise NotFound()
        target = request.env["res.users"].sudo().browse(parse_id(user_id)).exists()
        if not target or not target.share or not target.active:
            raise NotFound()
        holding = target.partner_id.b2b_holding_id
        manager_of = holding._b2b_personal_manager() if holding else holding
        if not manager_of or manager not in (manager_of, manager_of._b2b_effective_manager()):
            raise NotFound()
        return target

    @http.route(
        "/b2b/act_for/<int:user_id>", type="http", auth="user", website=True, methods=["GET"]
    )
    def act_for_confirm(self, user_id, **kwargs):
        target = self._act_for_target(user_id)
        minutes = int(
            request.env["ir.config_parameter"].sudo().get_param("b2b_portal.act_for_minutes", 60)
        )
        return request.render(
            "b2b_portal.b2b_act_for_confirm",
            {
                "target": target,
                "minutes": minutes,
            },
        )

    @http.route(
        "/b2b/act_for/<int:user_id>/start", type="http", auth="user", website=True, methods=["POST"]
    )
    def act_for_start(self, user_id, reason=None, **kwargs):
        target = self._act_for_target(user_id)
        manager = request.env.user
        minutes = int(
            request.env["ir.config_parameter"].sudo().get_param("b2b_portal.act_for_minutes", 60)
        )
        now = fields.Datetime.now()
        log = (
            request.env["b2b.impersonation.log"]
            .sudo()
            .create(
                {
                    "manager_id": manager.id,
                    "user_id": target.id,
                    "entity_id": target._b2b_current_entity().id,
                    "holding_id": target.partner_id.b2b_holding_id.id,
                    "start_date": now,
                    "expire_date": now + timedelta(minutes=minutes),
                    "reason": (reason or "").strip()[:200] or False,
                }
            )
        )
        log._b2b_add_line(request.env._("Started acting for the customer"))
        session = request.session
        session.update(
            {
                "uid": target.id,
                "login": target.login,
                "context": dict(request.env["res.users"].with_user(target).context_get()),
                "b2b_act_log_id": log.id,
                "b2b_act_user_id": target.id,
                "b2b_act_manager_uid": manager.id,
                "b2b_act_manager_login": manager.login,
                "b2b_act_until": time.time() + minutes * 60,
            }
        )
        session.should_rotate = True  # new session id and token for the customer's uid
        request.update_env(user=target.id)
        return request.redirect("/my")

    @http.route("/b2b/act_for/stop", type="http", auth="user", website=True, methods=["POST"])
    def act_for_stop(self, **kwargs):
        session = request.session
        log_id = session.get("b2b_act_log_id")
        manager_uid = session.get("b2b_act_manager_uid")
        if not log_id or session.uid != session.get("b2b_act_user_id"):
            raise NotFound()
        log = request.env["b2b.impersonation.log"].sudo().browse(log_id).exists()
        if log and not log.stop_date:
            log._b2b_add_line(request.env._("Stopped acting for the customer"))
            log.stop_date = fields.Datetime.now()
        manager = request.env["res.users"].sudo().browse(manager_uid).exists()
        for key in (
            "b2b_act_log_id",
            "b2b_act_user_id",
            "b2b_act_manager_uid",
            "b2b_act_manager_login",
            "b2b_act_until",
        ):
            session.pop(key, None)
        if not manager or not manager.active:
            session.logout(keep_db=True)
            return request.redirect("/web/login")
        session.update(
            {
                "uid": manager.id,
                "login": manager.login,
                "context": dict(request.env["res.users"].with_user(manager).context_get()),
            }
        )
        session.should_rotate = True
        request.update_env(user=manager.id)
        return request.redirect(f"/odoo/b2b-acting-for-customers/{log.id}" if log else "/odoo")
