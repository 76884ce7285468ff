from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestServerWarmup(TransactionCase):
    """Issue 11 (first /my after a start took 9.9 s): the warm-up the server runs once it has
    loaded a database builds the catalog's facet bitsets and the website's asset bundles."""

    def test_warmup_builds_the_bitsets_and_the_frontend_bundles(self):
        Attachment = self.env["ir.attachment"]
        frontend = [("url", "=like", "/web/assets/%/web.assets_frontend%")]
        Attachment.search(frontend).unlink()
        self.registry._tyre_catalog_bitmap = None
        timings = self.env["tyre.catalog.warmup"]._warm()
        self.assertEqual(set(timings), {"catalog bitsets", "asset bundles"})
        self.assertIsNotNone(self.registry._tyre_catalog_bitmap, "the bitsets are built")
        websites = self.env["website"].search([])
        urls = Attachment.search(frontend).mapped("url")
        for website in websites:
            for suffix in (".min.css", ".min.js"):
                self.assertTrue(
                    any(
                        url.startswith(f"/web/assets/{website.id}/") and url.endswith(suffix)
                        for url in urls
                    ),
                    f"website {website.id}: a frontend {suffix} bundle",
                )
