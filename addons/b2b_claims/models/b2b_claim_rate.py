from odoo import fields, models, tools
from odoo.tools import SQL


class B2bClaimRate(models.Model):
    """Claims rate per article: tyres delivered to B2B customers against tyres claimed.

    One row per article and seller company: the quantity delivered on confirmed orders of
    B2B legal entities (those of a holding), the quantity of it claimed (lines of claims not
    rejected) and the rate. Grouped by brand, the rate is the sum claimed ÷ the sum
    delivered of the group (``_read_group_select``), not an average of the articles' rates.
    """

    _name = "b2b.claim.rate"
    _description = "Claims Rate per Article"
    _auto = False
    _order = "claim_rate desc, qty_delivered desc"
    _rec_name = "product_id"

    product_id = fields.Many2one("product.product", string="Article", readonly=True)
    brand_id = fields.Many2one("tyre.brand", string="Brand", readonly=True)
    company_id = fields.Many2one("res.company", string="Seller", readonly=True)
    qty_delivered = fields.Float(
        string="Delivered", digits="Product Unit", readonly=True, aggregator="sum"
    )
    qty_claimed = fields.Float(
        string="Claimed", digits="Product Unit", readonly=True, aggregator="sum"
    )
    claim_rate = fields.Float(
        string="Claims Rate (%)",
        digits=(16, 2),
        readonly=True,
        aggregator="sum",
        help="Claimed ÷ delivered × 100 (claims not rejected).",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The id is the first order line of the article: stable while the data stays.
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                WITH delivered AS (
                    SELECT MIN(sol.id) AS id, sol.company_id, sol.product_id,
                           SUM(sol.qty_delivered) AS qty
                      FROM sale_order_line sol
                      JOIN sale_order so ON so.id = sol.order_id
                      JOIN res_partner customer ON customer.id = so.partner_id
                      JOIN res_partner entity ON entity.id = customer.commercial_partner_id
                     WHERE so.state = 'sale'
                       AND sol.product_id IS NOT NULL
                       AND NOT COALESCE(sol.is_delivery, FALSE)
                       AND sol.qty_delivered > 0
                       AND entity.b2b_holding_id IS NOT NULL
                  GROUP BY sol.company_id, sol.product_id
                ), claimed AS (
                    SELECT sol.company_id, sol.product_id, SUM(line.quantity) AS qty
                      FROM b2b_claim_line line
                      JOIN b2b_claim claim ON claim.id = line.claim_id
                      JOIN sale_order_line sol ON sol.id = line.sale_line_id
                     WHERE claim.state != 'rejected'
                  GROUP BY sol.company_id, sol.product_id
                )
                SELECT delivered.id, delivered.company_id, delivered.product_id,
                       template.tyre_brand_id AS brand_id,
                       delivered.qty AS qty_delivered,
                       COALESCE(claimed.qty, 0) AS qty_claimed,
                       COALESCE(claimed.qty, 0) * 100.0 / delivered.qty AS claim_rate
                  FROM delivered
                  JOIN product_product product ON product.id = delivered.product_id
                  JOIN product_template template ON template.id = product.product_tmpl_id
             LEFT JOIN claimed ON claimed.company_id = delivered.company_id
                              AND claimed.product_id = delivered.product_id
            )
                """,
                SQL.identifier(self._table),
            )
        )

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec == "claim_rate:sum":
            # The rate of a group (a brand, all articles) from its totals.
            return SQL(
                "SUM(%(claimed)s) * 100.0 / NULLIF(SUM(%(delivered)s), 0)",
                claimed=self._field_to_sql(self._table, "qty_claimed", query),
                delivered=self._field_to_sql(self._table, "qty_delivered", query),
            )
        return super()._read_group_select(aggregate_spec, query)
