import time

from odoo import api, models
from odoo.http import request


class IrHttp(models.AbstractModel):
    """Time limit and audit trail of the sessions in which a manager acts for a customer;
    the seller companies a portal user buys from."""

    _inherit = "ir.http"

    @classmethod
    def _authenticate_explicit(cls, auth):
        session = request.session
        if session.get("b2b_act_log_id") and (
            time.time() > session.get("b2b_act_until", 0)
            or session.uid != session.get("b2b_act_user_id")
        ):
            # The time is up (or the session changed hands): nobody stays the customer.
            session.logout(keep_db=True)
            request.env = api.Environment(request.env.cr, None, session.context)
        return super()._authenticate_explicit(auth)

    @classmethod
    def _pre_dispatch(cls, rule, args):
        result = super()._pre_dispatch(rule, args)
        if (
            request.httprequest.method == "POST"
            and request.session.get("b2b_act_log_id")
            and not request.env.cr.readonly
        ):
            log = request.env["b2b.impersonation.log"]._b2b_active()
            if log:
                log._b2b_add_line(
                    request.env._("Submitted %(page)s", page=request.httprequest.path),
                    path=request.httprequest.path,
                )
        return result

    @classmethod
    def _frontend_pre_dispatch(cls):
        super()._frontend_pre_dispatch()
        # The website's company first (its catalog and prices), then the other sellers the
        # user's legal entities have contracts with (res.users._b2b_sync_seller_companies):
        # their orders, deliveries and invoices pass the multi-company rules; the portal's
        # own rules still keep the user to their holding.
        user = request.env.user
        if not user.share or user._is_public():
            return
        company_ids = user._get_company_ids()
        allowed = request.env.context.get("allowed_company_ids") or []
        if len(company_ids) > 1 and set(allowed) < set(company_ids):
            others = [company_id for company_id in company_ids if company_id not in allowed]
            request.update_context(allowed_company_ids=allowed + others)
            request.website = request.website.with_env(request.env)
