"""1.2: a claim covers several lines of one order (b2b.claim.line).

Each claim of 1.1 claimed one order line with its tyre data on the claim itself: it becomes
a claim with one line carrying them; the old columns go. Open claims start waiting for an
answer from their last status change (SLA reminders).
"""

from odoo.tools import SQL

MOVED = (
    "sale_line_id",
    "dot_code",
    "tread_depth",
    "new_tread_depth",
    "compensation_percent",
    "move_id",
    "rma_id",
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        SELECT column_name FROM information_schema.columns
         WHERE table_name = 'b2b_claim' AND column_name = ANY(%s)
        """,
        [list(MOVED)],
    )
    if {row[0] for row in cr.fetchall()} != set(MOVED):
        return
    cr.execute(
        """
        INSERT INTO b2b_claim_line (
            claim_id, sale_line_id, quantity, dot_code, tread_depth, new_tread_depth,
            compensation_percent, move_id, rma_id, product_id, brand_id, entity_id, reason,
            state, claim_date, user_id, company_id,
            create_uid, create_date, write_uid, write_date)
        SELECT claim.id, claim.sale_line_id, claim.quantity, claim.dot_code,
               claim.tread_depth, claim.new_tread_depth, claim.compensation_percent,
               claim.move_id, claim.rma_id, line.product_id, template.tyre_brand_id,
               claim.entity_id, claim.reason, claim.state, claim.create_date, claim.user_id,
               claim.company_id, claim.create_uid, claim.create_date, claim.write_uid,
               claim.write_date
          FROM b2b_claim claim
          JOIN sale_order_line line ON line.id = claim.sale_line_id
          JOIN product_product product ON product.id = line.product_id
          JOIN product_template template ON template.id = product.product_tmpl_id
         WHERE NOT EXISTS (SELECT 1 FROM b2b_claim_line l WHERE l.claim_id = claim.id)
        """
    )
    cr.execute(
        """
        UPDATE b2b_claim
           SET waiting_since = state_date
         WHERE state IN ('new', 'review', 'expertise') AND waiting_since IS NULL
        """
    )
    for column in MOVED:
        cr.execute(SQL("ALTER TABLE b2b_claim DROP COLUMN %s", SQL.identifier(column)))
