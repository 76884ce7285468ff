from collections import defaultdict


def migrate(cr, version):
    """The region of a customer is no longer guessed from its address cities: the manager sets
    it. A customer whose region came from a city (its own or an address's matching the city of
    a region's warehouse, the first region by sequence winning) keeps it, now stored on the
    customer and its contacts and addresses. Customers without one keep the default region.
    """
    if not version:
        return
    cr.execute(
        """
        SELECT r.id, w.b2b_city
          FROM b2b_region r
          JOIN stock_warehouse w ON w.b2b_region_id = r.id AND w.active
         WHERE r.active AND w.b2b_city IS NOT NULL
         ORDER BY r.sequence, r.name->>'en_US', r.id
        """
    )
    rank = {}  # casefolded city -> (order of the first region having it, region id)
    for order, (region_id, city) in enumerate(cr.fetchall()):
        rank.setdefault(city.casefold(), (order, region_id))
    if not rank:
        return
    cr.execute(
        """
        SELECT c.id, array_agg(x.city)
          FROM res_partner c
          JOIN res_partner x ON x.id = c.id OR (x.parent_id = c.id AND x.active)
         WHERE c.b2b_region_id IS NULL AND c.commercial_partner_id = c.id
           AND COALESCE(x.city, '') != ''
         GROUP BY c.id
        """
    )
    partners_by_region = defaultdict(list)
    for partner_id, cities in cr.fetchall():
        found = [rank[city.casefold()] for city in cities if city.casefold() in rank]
        if found:
            partners_by_region[min(found)[1]].append(partner_id)
    for region_id, partner_ids in partners_by_region.items():
        cr.execute(
            """
            UPDATE res_partner SET b2b_region_id = %s
             WHERE b2b_region_id IS NULL
               AND (id = ANY(%s) OR commercial_partner_id = ANY(%s))
            """,
            [region_id, partner_ids, partner_ids],
        )
