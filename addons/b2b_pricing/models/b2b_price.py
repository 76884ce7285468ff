from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.price_import import MAX_PRICE as _MAX_PRICE

MAX_PRICE = float(_MAX_PRICE)


class B2bPrice(models.Model):
    """One price of one product in one price type: a plain big table, imported by SQL
    (b2b_price_bulk_import.py)."""

    _name = "b2b.price"
    _description = "Price per Price Type"
    _order = "product_id, price_type_id"
    _rec_name = "product_id"

    # No index of its own: the unique index (product_id, price_type_id) serves product_id.
    product_id = fields.Many2one("product.product", required=True, ondelete="cascade")
    price_type_id = fields.Many2one("b2b.price.type", required=True, ondelete="cascade")
    price = fields.Float(required=True, digits="Product Price")

    _product_type_unique = models.Constraint(
        "UNIQUE(product_id, price_type_id)",
        "A product has one price per price type.",
    )
    _price_positive = models.Constraint("CHECK(price >= 0)", "A price cannot be negative.")

    @api.constrains("price")
    def _check_price(self):
        for record in self:
            if record.price > MAX_PRICE:
                raise ValidationError(
                    self.env._(
                        "The price %(price)s of %(product)s is above %(max)s; check it.",
                        price=record.price,
                        product=record.product_id.display_name,
                        max=MAX_PRICE,
                    )
                )

    @api.model
    def _bigdata_fill(self, product_ids):
        """bench/bigdata.py hook: prices of the generated SKUs in the demo price types."""
        self._demo_generate_prices(product_ids)

    @api.model
    def _demo_generate_prices(self, product_ids=None):
        """Demo: a price in every price type for every saleable product with an article.

        The base price is the product's sales price, or one derived from its article; the
        other types are fixed shares of it, so the demo is the same on every installation.
        """
        self.env.flush_all()
        types = {t.code: t.id for t in self.env["b2b.price.type"].search([])}
        shares = {"BASE": 1.0, "OPT": 0.92, "KOPT": 0.87, "URAL": 0.95}
        for code, share in shares.items():
            if code not in types:
                continue
            self.env.cr.execute(
                """
                INSERT INTO b2b_price (product_id, price_type_id, price, create_uid, write_uid,
                                       create_date, write_date)
                SELECT pp.id, %(type)s,
                       round((CASE WHEN pt.list_price > 1 THEN pt.list_price
                              ELSE 3000 + abs(hashtext(pp.default_code)) %% 12000 END
                             * %(share)s)::numeric, 0),
                       %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
                  FROM product_product pp JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE pt.sale_ok AND pp.active AND pp.default_code IS NOT NULL
                   AND (%(ids)s IS NULL OR pp.id = ANY(%(ids)s))
                ON CONFLICT (product_id, price_type_id) DO NOTHING
                """,
                {
                    "type": types[code],
                    "share": share,
                    "uid": self.env.uid,
                    "ids": list(product_ids) if product_ids is not None else None,
                },
            )
