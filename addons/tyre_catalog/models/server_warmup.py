"""Warm, once the server has loaded a database, what the first portal page would build.

Measured on the demo database right after a start that followed an update: the first /my in a
browser waited for the website's asset bundles (3–4 s of CSS and JS building on a 2-core
machine; the page loaded in 1.7 s, 0.6 s once warmed), and the first catalog query builds the
facet bitsets (their build grows with the catalog). A background thread builds both while
nobody waits.
"""

import logging
import threading
import time

from odoo import SUPERUSER_ID, api, models
from odoo.modules.registry import Registry
from odoo.service import server
from odoo.tools import config

_logger = logging.getLogger(__name__)


class TyreCatalogWarmup(models.AbstractModel):
    _name = "tyre.catalog.warmup"
    _description = "Server Start Warm-up"

    def _register_hook(self):
        super()._register_hook()
        # Only in a threaded serving Odoo (not in a shell, an update or a test run), once per
        # registry. A prefork master loads the registry, closes every connection and forks:
        # a thread warming there would lose its connection, and the workers build their
        # bitsets on their first catalog query anyway.
        serving = isinstance(server.server, server.ThreadedServer) and not (
            config["test_enable"] or config["stop_after_init"]
        )
        if serving and not getattr(self.pool, "_tyre_catalog_warmup_started", False):
            self.pool._tyre_catalog_warmup_started = True
            threading.Thread(
                target=_warm_database,
                args=(self.env.cr.dbname,),
                name=f"tyre_catalog.warmup.{self.env.cr.dbname}",
                daemon=True,
            ).start()

    @api.model
    def _warm(self):
        """Build the facet bitsets and the website's asset bundles (frontend and reports);
        return the seconds each took."""
        timings = {}
        started = time.monotonic()
        self.env["tyre.catalog.bitmap"]._get()
        timings["catalog bitsets"] = time.monotonic() - started
        started = time.monotonic()
        qweb = self.env["ir.qweb"]
        js_bundles, css_bundles = qweb._get_bundles_to_pregenarate()
        wanted = ("web.assets_frontend", "web.report_assets")
        for website in self.env["website"].search([]):
            website_qweb = qweb.with_context(website_id=website.id)
            for bundle in sorted(js_bundles):
                if bundle.startswith(wanted):
                    website_qweb._get_asset_bundle(bundle, css=False, js=True).js()
            for bundle in sorted(css_bundles):
                if bundle.startswith(wanted):
                    website_qweb._get_asset_bundle(bundle, css=True, js=False).css()
        timings["asset bundles"] = time.monotonic() - started
        return timings


def _warm_database(dbname):
    # Waits for the registry the server is still loading (it holds the registries' lock).
    try:
        registry = Registry(dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            timings = env["tyre.catalog.warmup"]._warm()
        _logger.info(
            "Warmed %s: %s",
            dbname,
            ", ".join(f"{name} in {seconds:.1f} s" for name, seconds in timings.items()),
        )
    except Exception:
        # A cold cache only costs the first visitor some time: never stop the server for it.
        _logger.warning("Warming %s failed", dbname, exc_info=True)
