from odoo import Command, api, models

from ..lib.catalog_generator import BRANDS, MODELS, generate_skus, sku_name

DEMO_WAREHOUSES = {
    "MSK": "tyre_catalog.warehouse_moscow",
    "SPB": "tyre_catalog.warehouse_spb",
    "EKB": "tyre_catalog.warehouse_ekb",
    "KHM": "tyre_catalog.warehouse_moscow_khimki",
}
BATCH = 500


class TyreCatalogDemo(models.AbstractModel):
    _name = "tyre.catalog.demo"
    _description = "Tyre Catalog Demo Data Loader"

    @api.model
    def _load_demo_catalog(self, count, company_xmlid="tyre_catalog.company_seller"):
        """Create ``count`` generated tyres with brands, patterns, sections and stock."""
        company = self.env.ref(company_xmlid)
        # No chatter messages or followers for generated demo products: much faster.
        env = (
            self.with_company(company)
            .with_context(
                tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
            )
            .env
        )
        countries = {c.code: c.id for c in env["res.country"].search([])}
        brands = {}
        for sequence, (name, (country, _prefix, _popularity)) in enumerate(BRANDS.items()):
            brands[name] = env["tyre.brand"].create(
                {
                    "name": name,
                    "sequence": sequence,
                    "country_id": countries.get(country),
                }
            )
        patterns = {}
        for brand, name, season, studded, _types in MODELS:
            patterns[brand, name] = env["tyre.model"].create(
                {
                    "name": name,
                    "brand_id": brands[brand].id,
                    "season": season,
                    "studded": studded,
                }
            )
        sections = {
            key: env.ref(f"tyre_catalog.public_category_{key}").id
            for key in (
                "passenger_summer",
                "passenger_winter",
                "passenger_all_season",
                "suv",
                "van",
                "truck",
            )
        }
        locations = {
            code: env.ref(xmlid).lot_stock_id.id for code, xmlid in DEMO_WAREHOUSES.items()
        }
        skus = generate_skus(count)
        Template = env["product.template"]
        Quant = env["stock.quant"].sudo()
        for start in range(0, len(skus), BATCH):
            batch = skus[start : start + BATCH]
            templates = Template.create(
                [self._template_values(sku, brands, patterns, sections) for sku in batch]
            )
            Quant.create(
                [
                    {
                        "product_id": template.product_variant_id.id,
                        "location_id": locations[code],
                        "quantity": qty,
                    }
                    for sku, template in zip(batch, templates, strict=True)
                    for code, qty in sku["stock"].items()
                    if qty
                ]
            )
            env.flush_all()
            env.invalidate_all()
        return env["tyre.catalog.facet"].refresh_all()

    @api.model
    def _template_values(self, sku, brands, patterns, sections):
        size = sku["size"]
        values = self.env["product.template"]._tyre_size_values(size)
        values.update(
            {
                "name": sku_name(sku),
                "default_code": sku["article"],
                "type": "consu",
                "is_storable": True,
                "sale_ok": True,
                "is_published": True,
                "list_price": sku["list_price"],
                "tyre_brand_id": brands[sku["brand"]].id,
                "tyre_model_id": patterns[sku["brand"], sku["model"]].id,
                "tyre_season": sku["season"],
                "tyre_studded": sku["studded"],
                "tyre_vehicle_type": sku["vehicle_type"],
                "tyre_eu_fuel": sku["eu_fuel"],
                "tyre_eu_wet": sku["eu_wet"],
                "tyre_eu_noise_db": sku["eu_noise_db"],
                "tyre_eu_noise_class": "A" if sku["eu_noise_db"] <= 68 else "B",
                "tyre_manufacturer_code": sku["manufacturer_code"],
                "tyre_popularity": sku["popularity"],
                "tyre_promotion": sku["promotion"],
                "public_categ_ids": [Command.set([sections[sku["section"]]])],
            }
        )
        return values
