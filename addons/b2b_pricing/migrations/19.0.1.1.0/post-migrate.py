def migrate(cr, version):
    """b2b_price.product_id has no index of its own any more (Odoo keeps unexpected indexes).

    The unique index (product_id, price_type_id) serves every lookup by product; one index
    less to maintain makes big price imports faster.
    """
    cr.execute("DROP INDEX IF EXISTS b2b_price__product_id_index")
