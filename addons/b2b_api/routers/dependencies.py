"""Who calls: the API key of the request, and the environment of the key's portal user."""

import time
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from odoo.addons.b2b_portal.lib.request_throttle import Rate
from odoo.addons.fastapi.dependencies import odoo_env
from odoo.api import Environment
from odoo.exceptions import UserError

from ..dispatcher import API_CALL, api_lang
from ..exceptions import ApiError
from ..lib.errors import _lt
from ..lib.limits import RATE_LIMIT, RATE_SECONDS, retry_after

_bearer = HTTPBearer(
    auto_error=False,
    description="The API key made by the head of the holding on /my/api.",
)
_api_key_header = APIKeyHeader(
    name="X-Api-Key", auto_error=False, description="The API key, when Bearer cannot be used."
)


@dataclass
class ApiCall:
    """The key of the request (sudo: read its scope only) and the service in the
    environment of the key's portal user, where the portal's record rules apply."""

    key_sudo: Any
    env: Environment

    @property
    def service(self):
        return self.env["b2b.api"]


def api_call(
    env: Annotated[Environment, Depends(odoo_env)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    api_key: Annotated[str | None, Depends(_api_key_header)],
    accept_language: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> ApiCall:
    call = API_CALL.get()
    if call is None:
        call = {}
    lang = api_lang(env, accept_language)
    call["lang"] = lang
    env = env(context=dict(env.context, lang=lang))
    _ = env._
    key = (bearer.credentials if bearer else None) or api_key
    key_sudo = env["b2b.api.key"]._b2b_authenticate_sudo(key)
    if not key_sudo:
        raise ApiError(
            401,
            "unauthorized",
            _("Unknown or revoked API key.")
            if key
            else _("Send the API key: Authorization: Bearer <key>."),
            headers={"WWW-Authenticate": "Bearer"},
        )
    call["key_id"] = key_sudo.id
    limit = int(
        env["ir.config_parameter"].sudo().get_param("b2b_api.rate_limit", RATE_LIMIT) or RATE_LIMIT
    )
    try:
        env["b2b.request.throttle"]._b2b_hit(
            [f"api-key:{key_sudo.id}"],
            (Rate(limit, RATE_SECONDS, _lt("Too many requests with this key")),),
        )
    except UserError:
        raise ApiError(
            429,
            "rate_limited",
            _(
                "Too many requests with this key: at most %(limit)s in %(seconds)s seconds.",
                limit=limit,
                seconds=RATE_SECONDS,
            ),
            headers={"Retry-After": str(retry_after(time.time()))},
        ) from None
    key_sudo._b2b_touch()
    user = key_sudo.user_id
    user_env = env(
        user=user.id,
        context=dict(env.context, lang=lang, allowed_company_ids=user.company_id.ids),
    )
    return ApiCall(key_sudo=key_sudo.with_env(user_env).sudo(), env=user_env)


ApiCallDep = Annotated[ApiCall, Depends(api_call)]
