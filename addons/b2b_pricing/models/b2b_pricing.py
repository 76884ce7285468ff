import functools

from odoo import api, fields, models

from ..lib.price_chain import (
    BRAND,
    CATEGORY,
    DISCOUNT_PERCENT,
    FIXED_PRICE_PROMO,
    PRICE,
    PriceStep,
    compute_net_price,
    contract_discount,
)


class B2bPricing(models.AbstractModel):
    """The one pricing service: every price shown or charged to a B2B customer comes from here.

    The chain, in this order: price type of the customer's region (or of its contract) →
    personal price → contract discount (the product's brand line, else its most specific
    category line, else the overall discount) → volume discount → promotion. A page of
    products is priced in a handful of queries.
    """

    _name = "b2b.pricing"
    _description = "B2B Pricing Service"

    @api.private
    @api.model
    def price_lines(self, partner, products, quantities=None, date=None):
        """{product id: PriceBreakdown (lib/price_chain.py)} for ``partner`` buying ``products``.

        Two queries whatever the number of products: one for the customer's terms, one for
        the products with their prices, personal price, contract discount and promotion.
        ``quantities`` ({product id: qty}) is accepted for callers that have it; no rule of
        the chain depends on the quantity of one line (the volume discount follows turnover).
        """
        del quantities  # the chain has no per-line quantity rule
        if not products:
            return {}
        date = date or fields.Date.context_today(self)
        # The caller decided whose prices these are (the portal: the entity the user acts
        # for, which the user's own record rules may not show).
        entity_id = partner.sudo().commercial_partner_id.id or partner.id
        terms = self._customer_terms(entity_id, date)
        # The labels repeat from product to product: translated once each (a batch of
        # 2 000 products spent half its time translating them again).
        _ = functools.cache(self.env._)
        # So do the contract's and the volume discount's steps: built once each.
        step = functools.cache(PriceStep)
        result = {}
        for row in self._product_rows(products.ids, terms, date):
            (
                product_id,
                list_price,
                base_price,
                type_price,
                personal,
                brand_id,
                categ_discount,
                categ_name,
                promo_kind,
                promo_discount,
                promo_price,
                promo_name,
            ) = row
            base = base_price if base_price is not None else list_price or 0.0
            steps = []
            if terms["type_id"] != terms["base_id"] and type_price is not None:
                steps.append(
                    step(
                        "price_type",
                        _("Price type %(type)s", type=terms["type_name"]),
                        PRICE,
                        type_price,
                    )
                )
            if personal is not None:
                steps.append(step("personal", _("Personal price"), PRICE, personal))
            brand_discount, brand_name = terms["brands"].get(brand_id, (None, None))
            scope, discount = contract_discount(terms["discount"], brand_discount, categ_discount)
            if discount:
                if scope == BRAND:
                    label = _(
                        "Contract discount %(discount)s%% (brand %(brand)s)",
                        discount=discount,
                        brand=brand_name,
                    )
                elif scope == CATEGORY:
                    label = _(
                        "Contract discount %(discount)s%% (%(category)s)",
                        discount=discount,
                        category=categ_name,
                    )
                else:
                    label = _("Contract discount %(discount)s%%", discount=discount)
                steps.append(step("contract", label, DISCOUNT_PERCENT, discount))
            if terms["volume"]:
                steps.append(
                    step(
                        "volume",
                        _("Volume discount %(discount)s%%", discount=terms["volume"]),
                        DISCOUNT_PERCENT,
                        terms["volume"],
                    )
                )
            if promo_kind == "percent":
                steps.append(step("promotion", promo_name, DISCOUNT_PERCENT, promo_discount))
            elif promo_kind == "fixed":
                steps.append(step("promotion", promo_name, FIXED_PRICE_PROMO, promo_price))
            result[product_id] = compute_net_price(base, steps)
        return result

    @api.private
    @api.model
    def net_prices(self, partner, products, date=None):
        """{product id: net price as float}: the shortcut for lists and the catalog."""
        return {
            product_id: float(breakdown.net)
            for product_id, breakdown in self.price_lines(partner, products, date=date).items()
        }

    @api.private
    @api.model
    def breakdown_dict(self, breakdown, currency):
        """A PriceBreakdown as JSON-friendly data for the portal and the manager's wizard."""
        return {
            "base": float(breakdown.base),
            "net": float(breakdown.net),
            "currency": currency.symbol,
            "lines": [
                {
                    "code": line.code,
                    "label": line.label,
                    "before": float(line.price_before),
                    "after": float(line.price_after),
                }
                for line in breakdown.lines
            ],
        }

    # --- batch queries ------------------------------------------------------------------

    def _customer_terms(self, entity_id, date):
        """Contract in force, price type (contract → partner → region → base), discounts
        (overall, volume, and the contract's lines per brand)."""
        self.env.flush_all()
        lang = self.env.lang or "en_US"
        self.env.cr.execute(
            """
            WITH base AS (
                SELECT id FROM b2b_price_type WHERE is_base AND active
                 ORDER BY sequence, id LIMIT 1
            )
            SELECT c.id, c.discount, c.brands, p.b2b_volume_discount, (SELECT id FROM base),
                   COALESCE(c.price_type_id, p.b2b_price_type_id, (
                        SELECT t.id FROM b2b_price_type t
                          JOIN b2b_price_type_b2b_region_rel r ON r.b2b_price_type_id = t.id
                         WHERE r.b2b_region_id = p.b2b_region_id AND t.active
                         ORDER BY t.sequence, t.id LIMIT 1),
                        (SELECT id FROM base))
              FROM (SELECT %(entity)s AS id) e
              LEFT JOIN res_partner p ON p.id = e.id
              LEFT JOIN LATERAL (
                    SELECT id, discount, price_type_id, (
                           SELECT json_object_agg(d.brand_id, json_build_array(d.discount, b.name))
                             FROM b2b_contract_brand_discount d
                             JOIN tyre_brand b ON b.id = d.brand_id
                            WHERE d.contract_id = b2b_contract.id) AS brands
                      FROM b2b_contract
                     WHERE partner_id = e.id AND state = 'active' AND date_start <= %(date)s
                       AND (date_end IS NULL OR date_end >= %(date)s)
                     ORDER BY date_start DESC LIMIT 1) c ON TRUE
            """,
            {"entity": entity_id, "date": date},
        )
        contract_id, discount, brands, volume, base_id, type_id = self.env.cr.fetchone()
        type_name = ""
        if type_id and type_id != base_id:
            self.env.cr.execute(
                "SELECT COALESCE(name->>%s, name->>'en_US') FROM b2b_price_type WHERE id = %s",
                [lang, type_id],
            )
            type_name = self.env.cr.fetchone()[0]
        return {
            "entity_id": entity_id,
            "contract_id": contract_id,
            "discount": discount or 0.0,
            "volume": volume or 0.0,
            "base_id": base_id,
            "type_id": type_id,
            "type_name": type_name,
            # {brand id: (discount, brand name)}: the contract's lines per brand (a few).
            "brands": {int(brand): tuple(line) for brand, line in (brands or {}).items()},
        }

    def _product_rows(self, product_ids, terms, date):
        """One row per product: list price, base and type prices, personal price, brand,
        the contract's most specific category line, and the promotion (the product's own,
        else the one of its most specific category)."""
        self.env.cr.execute(
            """
            SELECT pp.id, pt.list_price, base.price, typed.price, personal.price,
                   pt.tyre_brand_id, disc.discount, disc.complete_name,
                   promo.kind, promo.discount, promo.fixed_price, promo.name
              FROM product_product pp
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              LEFT JOIN product_category pc ON pc.id = pt.categ_id
              LEFT JOIN b2b_price base
                     ON base.product_id = pp.id AND base.price_type_id = %(base)s
              LEFT JOIN b2b_price typed
                     ON typed.product_id = pp.id AND typed.price_type_id = %(type)s
              LEFT JOIN b2b_personal_price personal
                     ON personal.product_id = pp.id AND personal.partner_id = %(entity)s
                    AND (personal.date_start IS NULL OR personal.date_start <= %(date)s)
                    AND (personal.date_end IS NULL OR personal.date_end >= %(date)s)
              LEFT JOIN LATERAL (
                    SELECT d.discount, dc.complete_name
                      FROM b2b_contract_discount d
                      JOIN product_category dc ON dc.id = d.categ_id
                     WHERE d.contract_id = %(contract)s
                       AND '/' || pc.parent_path LIKE '%%/' || d.categ_id || '/%%'
                     ORDER BY length(dc.parent_path) DESC LIMIT 1) disc ON TRUE
              LEFT JOIN LATERAL (
                    SELECT pr.kind, pr.discount, pr.fixed_price,
                           COALESCE(pr.name->>%(lang)s, pr.name->>'en_US') AS name
                      FROM b2b_promotion pr
                      LEFT JOIN product_category prc ON prc.id = pr.categ_id
                     WHERE pr.active AND pr.date_start <= %(date)s AND pr.date_end >= %(date)s
                       AND (pr.product_id = pp.id OR (
                            pr.product_id IS NULL
                            AND '/' || pc.parent_path LIKE '%%/' || pr.categ_id || '/%%'))
                     ORDER BY pr.product_id IS NULL, length(prc.parent_path) DESC NULLS LAST,
                              pr.id
                     LIMIT 1) promo ON TRUE
             WHERE pp.id = ANY(%(ids)s)
             ORDER BY pp.id
            """,
            {
                "ids": product_ids,
                "base": terms["base_id"],
                "type": terms["type_id"],
                "entity": terms["entity_id"],
                "contract": terms["contract_id"],
                "date": date,
                "lang": self.env.lang or "en_US",
            },
        )
        return self.env.cr.fetchall()
