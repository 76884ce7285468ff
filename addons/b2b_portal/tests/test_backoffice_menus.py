"""Every back-office menu opens for every staff role of the demo.

For each role the test walks the menus the role sees, as the web client does: it loads the
action, its views, the first page of the default view, the form of the first record (or a new
one for forms without records) and renders every report offered for that record. Failures are
collected and listed at the end, named by role and menu. Every SQL view and report of our
addons must have been opened by at least one role.
"""

import logging
import re
from datetime import date

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command
from odoo.addons.web.controllers.utils import clean_action
from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open
from odoo.tools.safe_eval import datetime, safe_eval, time

_logger = logging.getLogger(__name__)

OUR_MODULES = ("tyre_catalog", "b2b_pricing", "b2b_portal", "b2b_claims", "b2b_api")
ROLES = {
    "manager": "b2b_portal.demo_user_manager",
    "substitute manager": "b2b_portal.demo_user_manager2",
    "accountant": "b2b_portal.demo_user_accountant",
    "warehouse": "b2b_portal.demo_user_warehouse",
    "catalog manager": "b2b_portal.demo_user_catalog",
}
MULTI_RECORD_VIEWS = ("list", "kanban", "calendar", "activity", "hierarchy")
GROUPED_VIEWS = ("pivot", "graph")
# registry.category("actions").add("tag", …) and the lazy loaders of spreadsheet actions
ACTION_TAG = re.compile(r"""(?:\.add|LazyLoader)\(\s*["']([\w.\-]+)["']""")


@tagged("post_install", "-at_install")
class TestBackofficeMenus(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The B2B administrator has no demo login of its own (the superuser holds the role).
        seller = cls.env.ref("tyre_catalog.company_seller")
        cls.b2b_admin = cls.env["res.users"].create(
            {
                "name": "B2B administrator (test)",
                "login": "b2b.admin.menus",
                "company_id": seller.id,
                "company_ids": [Command.set(seller.ids)],
                "group_ids": [Command.set(cls.env.ref("b2b_pricing.group_b2b_admin").ids)],
            }
        )
        # A return credited to a customer: the credit notes' menu has one to print (its
        # correction VAT invoice).
        invoice = cls.env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("company_id", "=", seller.id),
            ],
            limit=1,
        )
        invoice._reverse_moves([{"ref": "Возврат (тест)"}]).action_post()
        cls.client_action_tags = cls._client_action_tags()

    @classmethod
    def _client_action_tags(cls):
        """Tags of the client actions the back-office assets register."""
        tags = set()
        for asset in cls.env["ir.asset"]._get_asset_paths("web.assets_backend", {}):
            path = asset[0]
            if path.endswith(".js"):
                with file_open(path.lstrip("/")) as source:
                    tags.update(ACTION_TAG.findall(source.read()))
        return tags

    # ------------------------------------------------------------------ the walk
    def test_every_menu_opens_for_every_staff_role(self):
        self.failures = []
        self.opened_models = set()
        self.rendered_reports = set()
        users = {role: self.env.ref(xmlid) for role, xmlid in ROLES.items()}
        users["B2B administrator"] = self.b2b_admin
        counts = {}
        for role, user in users.items():
            env = self.env(user=user, su=False, context=self._user_context(user))
            menus = env["ir.ui.menu"].load_menus(False)
            opened = 0
            for menu in menus.values():
                if not menu.get("id") or not menu["action_id"]:
                    continue
                path = self.env["ir.ui.menu"].browse(menu["id"]).complete_name
                label = f"{role} ({user.login}): {path.replace('/', '→')}"
                self._open_menu(env, menu, label)
                opened += 1
            counts[role] = opened
            _logger.info("Back-office menus opened as %s: %d", role, opened)
        self.assertTrue(all(counts.values()), f"every role sees menus: {counts}")
        _logger.info(
            "Back-office walk: %d models opened, %d reports rendered",
            len(self.opened_models),
            len(self.rendered_reports),
        )
        self._check_ours_exercised()
        self.assertFalse(
            self.failures,
            "Back-office menus failing:\n" + "\n".join(self.failures),
        )

    def _user_context(self, user):
        context = user.with_user(user).context_get()
        return {**context, "allowed_company_ids": user.company_id.ids}

    def _open_menu(self, env, menu, label):
        try:
            with self.env.cr.savepoint():
                action = self._load_action(env, menu["action_model"], menu["action_id"])
                self._run_action(env, action, label)
        except Exception as error:
            self.failures.append(f"{label}: {type(error).__name__}: {error}")
        finally:
            env.invalidate_all()

    def _load_action(self, env, action_model, action_id):
        """The action as /web/action/load gives it to the user's web client."""
        action_sudo = env[action_model].sudo().browse(action_id)
        if action_model == "ir.actions.act_window":
            return clean_action(action_sudo._get_action_dict(), env=env)
        return clean_action(action_sudo.read()[0], env=env)

    def _run_action(self, env, action, label):
        kind = action["type"]
        if kind == "ir.actions.act_window":
            self._open_window_action(env, action, label)
        elif kind == "ir.actions.server":
            result = env["ir.actions.server"].browse(action["id"]).run()
            if result:
                self._run_action(env, clean_action(result, env=env), label)
        elif kind == "ir.actions.client":
            if action["tag"] not in self.client_action_tags:
                raise AssertionError(f"client action tag {action['tag']!r} is not registered")
        elif kind == "ir.actions.act_url":
            if not action.get("url"):
                raise AssertionError("URL action without URL")
        elif kind == "ir.actions.report":
            self._render_report(env, action["id"], None, label)

    # ------------------------------------------------------------------ window actions
    def _eval_context(self, env):
        today = date.today()
        return {
            "uid": env.uid,
            "allowed_company_ids": env.companies.ids,
            "current_company_id": env.company.id,
            "context_today": datetime.date.today,
            "datetime": datetime,
            "time": time,
            "relativedelta": relativedelta,
            "current_date": today.isoformat(),
            "today": today.isoformat(),
            "active_id": False,
            "active_ids": [],
            "active_model": False,
        }

    def _evaluate(self, env, expression, default):
        if not expression:
            return default
        if not isinstance(expression, str):
            return expression
        return safe_eval(expression, {**self._eval_context(env), **env.context})

    def _open_window_action(self, env, action, label):
        context = self._evaluate(env, action.get("context"), {})
        env = env(context={**env.context, **context})
        domain = list(self._evaluate(env, action.get("domain"), []))
        model = env[action["res_model"]]
        views = [[view_id or False, view_type] for view_id, view_type in action["views"]]
        if "search" not in {view_type for _view_id, view_type in views}:
            views.append([action.get("search_view_id") and action["search_view_id"][0], "search"])
        loaded = model.get_views(
            views, {"toolbar": True, "load_filters": True, "action_id": action.get("id")}
        )
        fields_info = {name: info["fields"] for name, info in loaded["models"].items()}
        default_view = views[0][1]
        arch = etree.fromstring(loaded["views"][default_view]["arch"])
        if default_view in ("list", "kanban", "calendar", "hierarchy", "activity"):
            domain += self._default_filters(env, loaded["views"]["search"]["arch"])
        record = model.browse(action.get("res_id") or [])
        if default_view in MULTI_RECORD_VIEWS:
            spec = self._spec(arch, model._name, fields_info)
            page = model.web_search_read(domain, spec, limit=80)
            record = record or model.browse([row["id"] for row in page["records"][:1]])
        elif default_view in GROUPED_VIEWS:
            self._read_grouped(model, arch, domain, fields_info[model._name])
            record = record or model.search(domain, limit=1)
        self.opened_models.add(model._name)
        if "form" not in loaded["views"]:
            loaded = model.get_views([[False, "form"]], {"toolbar": True})
            fields_info.update({name: info["fields"] for name, info in loaded["models"].items()})
        form_view = loaded["views"]["form"]
        spec = self._spec(etree.fromstring(form_view["arch"]), model._name, fields_info)
        if record:
            record.web_read(spec)
            self._print(env, record, form_view, label)
        elif default_view == "form" or action.get("target") == "new":
            model.onchange({}, [], spec)

    def _print(self, env, record, form_view, label):
        """Run every print action the form offers for ``record``, and our reports of it."""
        for printed in form_view.get("toolbar", {}).get("print", []):
            kind = env["ir.actions.actions"].sudo().browse(printed["id"]).type
            if kind == "ir.actions.report":
                self._render_report(env, printed["id"], record, label)
            else:
                active = {"active_model": record._name, "active_id": record.id}
                active_env = env(context={**env.context, **active, "active_ids": record.ids})
                action = self._load_action(active_env, kind, printed["id"])
                self._run_action(active_env, action, f"{label}: print {printed['name']!r}")
        for report in self._our_reports(env, record._name):
            self._render_report(env, report.id, record, label)

    def _default_filters(self, env, search_arch):
        """The domains of the search filters the action's context switches on."""
        domain = []
        search = etree.fromstring(search_arch)
        for key, value in env.context.items():
            if not key.startswith("search_default_") or not value:
                continue
            name = key.removeprefix("search_default_")
            node = search.find(f".//filter[@name='{name}']")
            if node is not None and node.get("domain"):
                domain += self._evaluate(env, node.get("domain"), [])
        return domain

    def _spec(self, view, model_name, fields_info):
        """The web_read specification of the fields shown by ``view``."""
        model_fields = fields_info.get(model_name, {})
        spec = {}
        for node in self._field_nodes(view):
            name = node.get("name")
            info = model_fields.get(name)
            if not info:
                continue
            if info["type"] == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            elif info["type"] in ("one2many", "many2many"):
                subview = next((child for child in node if child.tag in ("list", "kanban")), None)
                sub_spec = (
                    self._spec(subview, info["relation"], fields_info)
                    if subview is not None
                    else {}
                )
                spec[name] = {"fields": sub_spec or {"display_name": {}}, "limit": 40}
                self.opened_models.add(info["relation"])
            else:
                spec.setdefault(name, {})
        return spec

    def _field_nodes(self, node):
        """The field nodes of a view, without those of the sub-views of its x2many fields."""
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "field":
                yield child
            else:
                yield from self._field_nodes(child)

    def _read_grouped(self, model, arch, domain, model_fields):
        groupby, aggregates = [], ["__count"]
        for node in self._field_nodes(arch):
            name = node.get("name")
            if name not in model_fields:
                continue
            if node.get("type") == "measure":
                aggregates.append(f"{name}:{model_fields[name].get('aggregator') or 'sum'}")
            elif node.get("type") != "col" and not node.get("invisible"):
                interval = node.get("interval") or (
                    "month" if model_fields[name]["type"] in ("date", "datetime") else None
                )
                groupby.append(f"{name}:{interval}" if interval else name)
        model.formatted_read_group(domain, groupby[:1], aggregates)

    # ------------------------------------------------------------------ reports
    def _our_reports(self, env, model_name):
        """Our reports of the model that the user's groups may print."""
        reports = self.env["ir.actions.report"].search([("model", "=", model_name)])
        xmlids = reports.get_external_id()
        return reports.filtered(
            lambda r: (
                xmlids[r.id].split(".")[0] in OUR_MODULES
                and (not r.group_ids or r.group_ids & env.user.all_group_ids)
            )
        )

    def _render_report(self, env, report_id, record, label):
        report = env["ir.actions.report"].sudo().browse(report_id)
        if record is None:
            record = env[report.model].search([], limit=1)
        try:
            with self.env.cr.savepoint():
                if report.report_type == "qweb-text":
                    env["ir.actions.report"]._render_qweb_text(report.id, record.ids)
                else:
                    env["ir.actions.report"]._render_qweb_html(report.id, record.ids)
            self.rendered_reports.add(report.id)
        except Exception as error:
            self.failures.append(
                f"{label}: report {report.name!r} on {record}: {type(error).__name__}: {error}"
            )

    # ------------------------------------------------------------------ ours exercised
    def _check_ours_exercised(self):
        sql_views = [
            ir_model.model
            for ir_model in self.env["ir.model"].search([("transient", "=", False)])
            if ir_model.model in self.env
            and not self.env[ir_model.model]._auto
            and not self.env[ir_model.model]._abstract
            and set(ir_model.modules.split(", ")) & set(OUR_MODULES)
        ]
        self.assertTrue(sql_views)
        _logger.info("Our SQL views: %s", ", ".join(sorted(sql_views)))
        for name in sql_views:
            if name not in self.opened_models:
                self.failures.append(f"no role opens our SQL view {name}")
        for report in self.env["ir.actions.report"].search([]):
            if report.get_external_id()[report.id].split(".")[0] in OUR_MODULES:
                if report.id not in self.rendered_reports:
                    self.failures.append(f"no role renders our report {report.name!r}")
