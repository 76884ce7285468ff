"""Shared machinery of the boundary suite (issue 10): the other holding's records, the
routes and models to probe, requests as each role, and the checks every probe makes.

Every probe is checked the same way: no server error (HTTP 5xx or a JSON-RPC error that is
not a clear refusal or message), no name of the other holding's records in the answer
(XLSX answers are unzipped first), and the other holding's rows unchanged in the database
(one SQL fingerprint per table, taken before and after). Failures are collected and
reported together at the end of a test, one line per route (or model), role and id.
"""

import inspect
import io
import json
import logging
import re
import time
import zipfile
from collections import defaultdict
from datetime import timedelta

import requests

from odoo import Command, fields
from odoo.tests import HttpCase

from . import boundary_classification as bc
from .common import CSRF_TOKEN

_logger = logging.getLogger(__name__)

OUR_MODULES = ("tyre_catalog", "b2b_pricing", "b2b_portal", "b2b_claims", "b2b_api")
CONVERTER = re.compile(r"<(?:(?P<converter>[^:<>]+):)?(?P<name>[^<>]+)>")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
LOGINS = {
    bc.HEAD: "shintorg.head",
    bc.BUYER: "shintorg.buyer",
    bc.ACCOUNTANT: "shintorg.accountant",
    bc.UNCONFIRMED: "shintorg.new",
}
# Errors that are an answer, not a crash: refusals and messages for the user.
CLEAR_ERRORS = frozenset(
    {
        "odoo.exceptions.AccessError",
        "odoo.exceptions.AccessDenied",
        "odoo.exceptions.MissingError",
        "odoo.exceptions.UserError",
        "odoo.exceptions.ValidationError",
        "odoo.exceptions.RedirectWarning",
        "odoo.http.SessionExpiredException",
        "werkzeug.exceptions.BadRequest",
        "werkzeug.exceptions.Forbidden",
        "werkzeug.exceptions.MethodNotAllowed",
        "werkzeug.exceptions.NotFound",
        "werkzeug.exceptions.TooManyRequests",
        "werkzeug.exceptions.Unauthorized",
        "werkzeug.exceptions.UnprocessableEntity",
        "werkzeug.exceptions.RequestEntityTooLarge",
    }
)
REDIRECTS = (301, 302, 303, 307, 308)

# Tables watched for writes, with the condition selecting one holding's rows.
# %(partners)s: the holding's partners, %(users)s: its users, %(channels)s, %(filters)s.
_HOLDING_ORDERS = "SELECT id FROM sale_order WHERE partner_id = ANY(%(partners)s)"
_HOLDING_MOVES = "SELECT id FROM account_move WHERE commercial_partner_id = ANY(%(partners)s)"
_HOLDING_DOCUMENTS = f"""
    (res_model = 'res.partner' AND res_id = ANY(%(partners)s))
    OR (res_model = 'sale.order' AND res_id IN ({_HOLDING_ORDERS}))
    OR (res_model = 'account.move' AND res_id IN ({_HOLDING_MOVES}))
"""
WATCHED = (
    (
        "res_partner",
        "id = ANY(%(partners)s) OR parent_id = ANY(%(partners)s)"
        " OR commercial_partner_id = ANY(%(partners)s)",
    ),
    ("res_users", "partner_id = ANY(%(partners)s)"),
    (
        "sale_order",
        "partner_id = ANY(%(partners)s) OR partner_shipping_id = ANY(%(partners)s)"
        " OR partner_invoice_id = ANY(%(partners)s)",
    ),
    ("sale_order_line", f"order_id IN ({_HOLDING_ORDERS})"),
    ("account_move", "commercial_partner_id = ANY(%(partners)s)"),
    ("stock_picking", "partner_id = ANY(%(partners)s)"),
    ("ir_attachment", _HOLDING_DOCUMENTS),
    (
        "mail_message",
        _HOLDING_DOCUMENTS.replace("res_model", "model")
        + " OR (model = 'discuss.channel' AND res_id = ANY(%(channels)s))",
    ),
    ("mail_followers", _HOLDING_DOCUMENTS),
    ("b2b_saved_cart", "entity_id = ANY(%(partners)s)"),
    (
        "b2b_saved_cart_line",
        "saved_cart_id IN (SELECT id FROM b2b_saved_cart WHERE entity_id = ANY(%(partners)s))",
    ),
    ("b2b_portal_job", "user_id = ANY(%(users)s) OR entity_id = ANY(%(partners)s)"),
    ("b2b_entity_access", "entity_id = ANY(%(partners)s) OR contact_id = ANY(%(partners)s)"),
    ("b2b_contract", "partner_id = ANY(%(partners)s)"),
    ("b2b_customer_article", "holding_id = ANY(%(partners)s)"),
    ("rma", "partner_id = ANY(%(partners)s)"),
    ("b2b_claim_line", "entity_id = ANY(%(partners)s)"),
    ("b2b_claim", "entity_id = ANY(%(partners)s)"),
    ("b2b_api_key", "holding_id = ANY(%(partners)s)"),
    ("product_wishlist", "partner_id = ANY(%(partners)s)"),
    ("payment_transaction", "partner_id = ANY(%(partners)s)"),
    ("ir_filters", "id = ANY(%(filters)s)"),
    ("discuss_channel", "id = ANY(%(channels)s)"),
    ("discuss_channel_member", "channel_id = ANY(%(channels)s) OR partner_id = ANY(%(partners)s)"),
)


class Outcome:
    """One answer: its status, its text (for markers) and what kind of answer it is."""

    def __init__(self, response=None, error=None):
        self.status = response.status_code if response is not None else 0
        self.location = response.headers.get("Location", "") if response is not None else ""
        self.json_error = None
        self.debug = ""
        self.payload = None
        self.text = ""
        self.transport_error = error
        if response is None:
            return
        content = response.content
        content_type = response.headers.get("Content-Type", "")
        if content[:2] == b"PK":  # XLSX and other zipped files: their XML parts
            self.text = _zip_text(content)
        elif "json" in content_type:
            try:
                payload = json.loads(content)
            except ValueError:
                self.text = response.text
            else:
                self.payload = payload
                self.text = json.dumps(payload, ensure_ascii=False)
                # JSON-RPC answers errors with 200; a 4xx JSON body (the distributor API's
                # {"error": {"code": ...}}) is a refusal, judged by its status.
                if (
                    self.status == 200
                    and isinstance(payload, dict)
                    and isinstance(payload.get("error"), dict)
                ):
                    data = payload["error"].get("data") or {}
                    self.json_error = data.get("name") or payload["error"].get("message")
                    self.debug = data.get("debug") or ""
        elif "text" in content_type or "xml" in content_type or not content_type:
            self.text = response.text

    @property
    def server_error(self):
        if self.transport_error:
            return True
        if self.status >= 500:
            return True
        return bool(self.json_error) and self.json_error not in CLEAR_ERRORS

    @property
    def our_crash(self):
        """An unclear JSON error raised through the code of our addons (below the model
        method the RPC called: the request dispatch passes through our addons too)."""
        if not self.json_error or self.json_error in CLEAR_ERRORS:
            return False
        frames = self.debug.split("\n")
        calls = [index for index, line in enumerate(frames) if "call_kw" in line]
        below = frames[calls[-1] :] if calls else frames
        return any(f"/addons/{module}/" in line for line in below for module in OUR_MODULES)

    @property
    def refused(self):
        """4xx, a redirect (to the login page, or away with a message), or a JSON refusal
        or message."""
        if 400 <= self.status < 500 or self.status in REDIRECTS:
            return True
        return bool(self.json_error)

    def describe(self):
        if self.transport_error:
            return self.transport_error
        text = f"HTTP {self.status}"
        if self.location:
            text += f" -> {self.location[:80]}"
        if self.json_error:
            text += f" JSON {self.json_error}"
        return text


def _parameters(func):
    """Names of the named parameters of a controller method."""
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):
        return []
    return [
        name
        for name, parameter in signature.parameters.items()
        if parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)
        and name != "self"
    ]


def _zip_text(content):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith(".xml")
            )
    except zipfile.BadZipFile:
        return ""


class Failures:
    """Collects failures of one test and reports all of them at once."""

    def __init__(self, test):
        self.test = test
        self.items = []
        self.cases = 0
        self.stock_errors = []

    def add(self, where, role, detail, problem):
        self.items.append((where, role or "-", detail, problem))

    def check(self, label):
        for where, role, detail, error in self.stock_errors:
            _logger.info(
                "boundary %s: stock error %s as %s on %s: %s", label, where, role, detail, error
            )
        if not self.items:
            return
        by_where = defaultdict(list)
        for where, role, detail, problem in self.items:
            by_where[where].append(f"    {role:11} {detail}: {problem}")
        lines = [f"{label}: {len(self.items)} failures on {len(by_where)} routes/models"]
        for where in sorted(by_where):
            lines.append(f"  {where}")
            lines.extend(sorted(set(by_where[where])))
        self.test.fail("\n".join(lines))


class BoundaryCase(HttpCase):
    """The four portal roles of ШинТорг against the records of Колёса Северо-Запад."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.seller = ref("tyre_catalog.company_seller")
        cls.env.user.company_ids |= cls.seller
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.seller.ids))
        cls.website = cls.env["website"].search([("company_id", "=", cls.seller.id)], limit=1)
        cls.website = cls.website or cls.env["website"].search([], limit=1)
        cls.manager = ref("b2b_portal.demo_user_manager")
        cls.users = {role: cls._user(login) for role, login in LOGINS.items()}
        cls.own_entity = ref("b2b_portal.entity_shintorg_main")
        cls.own_holding = ref("b2b_portal.holding_shintorg")
        for user in cls.users.values():
            user.b2b_current_entity_id = cls.own_entity
        cls.foreign_holding = ref("b2b_portal.holding_kolesa")
        cls.foreign_users = cls._user("kolesa.head") | cls._user("kolesa.buyer")
        order = cls.env["sale.order"].search(
            [("partner_id", "=", ref("b2b_portal.entity_kolesa_main").id), ("state", "=", "sale")],
            limit=1,
        )
        cls.product = order.order_line.product_id[:1]
        cls.shared = {
            "product": cls.product,
            "template": cls.product.product_tmpl_id,
            "country": ref("base.ru"),
        }
        cls.foreign = cls._holding_records(
            entity=ref("b2b_portal.entity_kolesa_main"),
            entity2=ref("b2b_portal.entity_kolesa_neva"),
            holding=cls.foreign_holding,
            contact=ref("b2b_portal.contact_elena"),
            user=cls._user("kolesa.head"),
            buyer=cls._user("kolesa.buyer"),
            warehouse=ref("tyre_catalog.warehouse_spb"),
            tag="Колёса",
        )
        cls.foreign_partners = cls.env["res.partner"].search(
            [("id", "child_of", cls.foreign_holding.id)]
        )
        cls.markers = cls._markers()
        cls.watch_params = {
            "partners": cls.foreign_partners.ids,
            "users": cls.foreign_users.ids,
            "channels": cls.foreign["channel"].ids,
            "filters": cls.foreign["filter"].ids,
        }
        cls.env.flush_all()

    @classmethod
    def _user(cls, login):
        return cls.env["res.users"].search([("login", "=", login)], limit=1)

    # ------------------------------------------------------------------ fixtures
    @classmethod
    def _claim(cls, entity, order, tag):
        """A claim (b2b_claims) on a delivered line of ``order`` of ``entity``, its expertise
        given (so that its act is there to download: a refusal is then the boundary's)."""
        line = order.order_line.filtered(lambda item: item.qty_delivered >= 1)[:1]
        return cls.env["b2b.claim"].create(
            {
                "entity_id": entity.id,
                "order_id": order.id,
                "line_ids": [Command.create({"sale_line_id": line.id, "quantity": 1})],
                "reason": "defect",
                "complaint": f"Грыжа на боковине {tag}",
                "verdict": "warranty",
            }
        )

    @classmethod
    def _holding_records(cls, entity, entity2, holding, contact, user, buyer, warehouse, tag):
        """One record of every kind of ``KINDS`` for the holding of ``entity``; its saved
        cart ships from ``warehouse`` (of the entity's region)."""
        env = cls.env
        product = cls.product
        address = env["res.partner"].create(
            {
                "name": f"Склад {tag} на Седова",
                "type": "delivery",
                "parent_id": entity.id,
                "street": "ул. Седова, д. 37",
                "city": entity.city or "Санкт-Петербург",
                "country_id": entity.country_id.id,
            }
        )
        order = env["sale.order"].search(
            [("partner_id", "=", entity.id), ("state", "=", "sale")], limit=1
        )
        order._portal_ensure_token()
        proposal = cls._sale_order(entity, buyer, product, b2b_state="proposal", state="sent")
        pending = cls._sale_order(entity, buyer, product, b2b_state="approval")
        cart = cls._sale_order(entity, buyer, product, b2b_state="cart")
        invoice = env["account.move"].search(
            [
                ("commercial_partner_id", "=", entity.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
            ],
            limit=1,
        )
        invoice._portal_ensure_token()
        picking = order.picking_ids[:1]
        attachment = env["ir.attachment"].create(
            {
                "name": f"Счёт-фактура {tag}.pdf",
                "res_model": "account.move",
                "res_id": invoice.id,
                "raw": b"%PDF-1.4 document",
            }
        )
        message = entity.message_post(
            body=f"Письмо менеджеру {tag}: секретные условия",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=contact.id,
            partner_ids=user.partner_id.ids,
        )
        entity.message_subscribe(partner_ids=contact.ids)
        follower = env["mail.followers"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", entity.id)], limit=1
        )
        saved_cart = env["b2b.saved.cart"].create(
            {
                "name": f"Сохранённая корзина {tag}",
                "entity_id": entity.id,
                "owner_id": buyer.partner_id.id,
                "line_ids": [
                    Command.create(
                        {"product_id": product.id, "warehouse_id": warehouse.id, "quantity": 4}
                    )
                ],
            }
        )
        job = env["b2b.portal.job"].create(
            {
                "kind": "pricelist",
                "user_id": buyer.id,
                "entity_id": entity.id,
                "state": "done",
                "filename": f"Прайс {tag}.xlsx",
                "result_filename": f"Прайс {tag}.xlsx",
                "result_mimetype": "text/plain",
                "result_file": b"",
            }
        )
        rma = env["rma"].create(
            {
                "partner_id": entity.id,
                "order_id": order.id,
                "picking_id": picking.id,
                "move_id": picking.move_ids[:1].id,
            }
        )
        claim = cls._claim(entity, order, tag)
        api_key = env["b2b.api.key"]._b2b_create_for(
            user, f"Учётная система {tag}", entity, "order"
        )[0]
        channel = env["discuss.channel"].create(
            {
                "name": f"Чат {tag} с менеджером",
                "channel_type": "group",
                "channel_member_ids": [
                    Command.create({"partner_id": user.partner_id.id}),
                    Command.create({"partner_id": cls.manager.partner_id.id}),
                ],
            }
        )
        channel.message_post(
            body=f"Чат {tag}: условия", message_type="comment", author_id=user.partner_id.id
        )
        wishlist = env["product.wishlist"].create(
            {
                "partner_id": user.partner_id.id,
                "product_id": product.id,
                "website_id": cls.website.id,
            }
        )
        ir_filter = env["ir.filters"].create(
            {
                "name": f"Фильтр {tag}",
                "model_id": "sale.order",
                "user_ids": [Command.set(user.ids)],
            }
        )
        article = env["b2b.customer.article"].create(
            {"holding_id": holding.id, "product_id": product.id, "code": f"АРТ-{tag}-001"}
        )
        now = fields.Datetime.now()
        log = env["b2b.impersonation.log"].create(
            {
                "manager_id": cls.manager.id,
                "user_id": user.id,
                "entity_id": entity.id,
                "holding_id": holding.id,
                "start_date": now,
                "expire_date": now + timedelta(hours=1),
                "reason": f"Заказ по телефону {tag}",
            }
        )
        log._b2b_add_line(f"Заказ оформлен {tag}")
        contract = env["b2b.contract"].search([("partner_id", "=", entity.id)], limit=1)
        contract_file = env["ir.attachment"].create(
            {
                "name": f"Договор {tag}.pdf",
                "res_model": "b2b.contract",
                "res_id": contract.id,
                "raw": b"%PDF-1.4 contract",
            }
        )
        return {
            "entity": entity,
            "entity2": entity2,
            "holding": holding,
            "contact": contact,
            "address": address,
            "user": user,
            "order": order,
            "order_line": order.order_line[:1],
            "proposal": proposal,
            "pending": pending,
            "confirmed": order,
            "cart": cart,
            "cart_line": cart.order_line[:1],
            "invoice": invoice,
            "picking": picking,
            # The routes of the TORG-12 pair probe another holding's delivery too.
            "torg12_order": order,
            "torg12_picking": picking,
            "attachment": attachment,
            "message": message,
            "follower": follower,
            "saved_cart": saved_cart,
            "saved_cart_line": saved_cart.line_ids[:1],
            "job": job,
            "rma": rma,
            "claim": claim,
            "claim_line": claim.line_ids[:1],
            "api_key": api_key,
            "contract": contract,
            "contract_file": contract_file,
            "access": env["b2b.entity.access"].search([("entity_id", "=", entity.id)], limit=1),
            "channel": channel,
            "wishlist": wishlist,
            "filter": ir_filter,
            "article": article,
            "log": log,
        }

    @classmethod
    def _sale_order(cls, entity, buyer, product, **values):
        order = (
            cls.env["sale.order"]
            .with_company(cls.seller)
            .create(
                {
                    "partner_id": entity.id,
                    "b2b_buyer_id": buyer.partner_id.id,
                    "company_id": cls.seller.id,
                    "website_id": cls.website.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 4})
                    ],
                }
            )
        )
        order.write(values)
        order._portal_ensure_token()
        return order

    @classmethod
    def _markers(cls):
        """Texts that name the other holding's records and nothing else."""
        records = cls.foreign
        texts = {"Колёса", cls.foreign_holding.name}
        texts.update(
            records[kind].display_name for kind in ("entity", "entity2", "contact", "address")
        )
        texts.update(cls.foreign_partners.filtered("vat").mapped("vat"))
        texts.update(cls.foreign_partners.filtered(lambda p: not p.is_company).mapped("name"))
        texts.update(cls.foreign_users.mapped("login"))
        for kind in (
            "order",
            "proposal",
            "pending",
            "cart",
            "invoice",
            "picking",
            "attachment",
            "saved_cart",
        ):
            texts.add(records[kind].name)
        texts.update(
            {
                records["job"].filename,
                records["rma"].name,
                records["contract"].name,
                records["article"].code,
                records["log"].reason,
                "секретные условия",
            }
        )
        texts.update(
            cls.env["sale.order"]
            .search([("partner_id", "in", cls.foreign_partners.ids)])
            .mapped("name")
        )
        texts.update(
            cls.env["account.move"]
            .search([("commercial_partner_id", "in", cls.foreign_partners.ids)])
            .mapped("name")
        )
        return sorted(text for text in texts if text and len(text) >= 5 and text != "/")

    # ------------------------------------------------------------------ routes
    def routes(self):
        """{rule: {"auth", "type", "methods", "ours", "args"}} of every route of the map.

        ``ours``: declared by a controller class of our addons (an override of a stock
        route keeps the stock declaration and is not ours).
        """
        found = {}
        for rule in self.env["ir.http"].routing_map().iter_rules():
            routing = rule.endpoint.routing
            info = found.setdefault(
                rule.rule,
                {
                    "auth": set(),
                    "type": routing.get("type"),
                    "methods": set(),
                    "ours": False,
                    "args": [m.group("name") for m in CONVERTER.finditer(rule.rule)],
                    "csrf": routing.get("csrf", True),
                    "params": _parameters(rule.endpoint.func),
                },
            )
            info["auth"].add(routing.get("auth"))
            info["methods"] |= set(rule.methods or ()) - {"OPTIONS", "HEAD"}
            if not rule.methods:
                info["methods"].add("ANY")
            func = rule.endpoint.func
            for klass in type(func.__self__).mro():
                method = klass.__dict__.get(func.__name__)
                declared = getattr(method, "original_routing", None) or {}
                module = klass.__module__.split(".")
                if (
                    rule.rule in (declared.get("routes") or ())
                    and module[:2] == ["odoo", "addons"]
                    and module[2] in OUR_MODULES
                ):
                    info["ours"] = True
        return found

    def resolve(self, value, records):
        """``value`` with its ``{kind}`` placeholders replaced by ids of ``records``."""
        if isinstance(value, str):
            whole = PLACEHOLDER.fullmatch(value)
            if whole:
                return self._record(whole.group(1), records).id
            return PLACEHOLDER.sub(lambda m: str(self._record(m.group(1), records).id), value)
        if isinstance(value, list):
            return [self.resolve(item, records) for item in value]
        if isinstance(value, dict):
            return {self.resolve(k, records): self.resolve(v, records) for k, v in value.items()}
        return value

    def _record(self, kind, records):
        record = records.get(kind) or self.shared.get(kind)
        if record is None:
            raise KeyError(f"no record of kind {kind!r}")
        return record

    def url(self, rule, ids, records):
        def arg(match):
            name = match.group("name")
            if name not in ids:
                raise KeyError(f"URL argument {name!r} of {rule} has no record kind")
            return str(self.resolve(ids[name], records))

        return CONVERTER.sub(arg, rule)

    # ------------------------------------------------------------------ requests
    def login(self, role, login=None):
        """Open a session as ``role`` (or as the user ``login``) and keep its CSRF token."""
        login = login or LOGINS.get(role)
        if not login:
            self.authenticate(None, None)
            page = self.url_open("/web/login")
        else:
            self.authenticate(login, login)
            page = self.url_open("/my")
        match = CSRF_TOKEN.search(page.text)
        self.csrf = match.group(1) if match else ""

    def send(self, url, route_type, methods, params=None, method=None, files=None):
        params = params or {}
        started = time.time()
        try:
            if route_type in ("jsonrpc", "json2"):
                body = (
                    {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
                    if route_type == "jsonrpc"
                    else params
                )
                response = self.url_open(
                    url,
                    data=json.dumps(body),
                    headers={"Content-Type": "application/json"},
                    allow_redirects=False,
                    timeout=60,
                )
            else:
                form = {
                    key: json.dumps(value) if isinstance(value, (list, dict)) else value
                    for key, value in params.items()
                    if value != "file"
                }
                upload = {
                    key: ("probe.txt", b"probe", "text/plain")
                    for key, value in params.items()
                    if value == "file"
                }
                upload.update(files or {})
                post = method == "POST" or upload or ("GET" not in methods and "ANY" not in methods)
                if post:
                    response = self.url_open(
                        url,
                        data={**form, "csrf_token": self.csrf},
                        files=upload or None,
                        allow_redirects=False,
                        timeout=60,
                    )
                else:
                    response = self.url_open(url, params=form, allow_redirects=False, timeout=60)
        except requests.exceptions.RequestException as error:
            return Outcome(error=f"no answer: {type(error).__name__}")
        finally:
            elapsed = time.time() - started
            if elapsed > 5:
                _logger.info("boundary: %s took %.1f s", url, elapsed)
        return Outcome(response)

    def rpc(self, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` over /web/dataset/call_kw as the session's user."""
        return self.send(
            f"/web/dataset/call_kw/{model}/{method}",
            "jsonrpc",
            {"POST"},
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def leaked(self, outcome, sent=None):
        """Markers of the other holding in the answer, but those the request sent itself
        (a form shown again with what the user typed)."""
        sent = str(sent or "")
        return [marker for marker in self.markers if marker in outcome.text and marker not in sent]

    # ------------------------------------------------------------------ writes
    def fingerprint(self, params=None):
        """{table: md5 of the holding's rows}: any write to them changes it."""
        params = {key: value or [0] for key, value in (params or self.watch_params).items()}
        self.env.flush_all()
        parts = []
        for table, condition in WATCHED:
            if not self._table_exists(table):
                continue
            parts.append(
                f"SELECT '{table}', md5(string_agg(t::text, '|' ORDER BY t.id)) "
                f"FROM {table} t WHERE {condition}"
            )
        self.env.cr.execute(" UNION ALL ".join(parts), params)
        return dict(self.env.cr.fetchall())

    def _table_exists(self, table):
        cache = type(self).__dict__.get("_tables")
        if cache is None:
            cache = {}
            type(self)._tables = cache
        if table not in cache:
            self.env.cr.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
            cache[table] = self.env.cr.fetchone()[0]
        return cache[table]

    def written(self, before, params=None):
        """Tables of the holding written since ``before`` (and the new fingerprint)."""
        after = self.fingerprint(params)
        return sorted(t for t in after if after[t] != before.get(t)), after

    def check_outcome(
        self,
        failures,
        where,
        role,
        detail,
        outcome,
        before,
        expect_refused=False,
        rpc=False,
        sent=None,
    ):
        """The common checks of a probe; returns the new fingerprint.

        Over /web/dataset/call_kw (``rpc``) every answer is JSON and an error is a refusal:
        only HTTP errors and unclear errors raised through our addons' code count as
        crashes (stock models whose create reads its values before the access check give
        a KeyError to any caller; those are logged).
        """
        failures.cases += 1
        if rpc and outcome.server_error and not outcome.our_crash and outcome.status < 500:
            failures.stock_errors.append((where, role, detail, outcome.json_error))
        elif outcome.server_error:
            failures.add(where, role, detail, f"server error ({outcome.describe()})")
        leaked = self.leaked(outcome, sent)
        if leaked:
            failures.add(
                where,
                role,
                detail,
                f"shows the other holding's data {leaked[:3]} ({outcome.describe()})",
            )
        tables, after = self.written(before)
        if tables:
            failures.add(where, role, detail, f"wrote the other holding's {', '.join(tables)}")
        if expect_refused and not outcome.refused and not outcome.server_error:
            failures.add(where, role, detail, f"not refused ({outcome.describe()})")
        return after
