from datetime import UTC

from odoo import api, models
from odoo.addons.b2b_portal.controllers.documents_list import DOCUMENT_KINDS
from odoo.addons.b2b_portal.lib.form_values import FormValueError, parse_quantity
from odoo.addons.b2b_portal.lib.order_file import normalize_article
from odoo.addons.b2b_portal.lib.portal_roles import DOCUMENTS, ORDER, ORDERS_ALL
from odoo.addons.tyre_catalog.lib.catalog_filters import clean_filters, clean_query
from odoo.addons.tyre_catalog.lib.facet_bitmap import ids_from_bits
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..exceptions import ApiError
from ..lib.cursors import CursorError, decode_cursor, encode_cursor


def _aware(moment):
    """A datetime of Odoo (naive UTC) as the API gives it: with its time zone (RFC 3339)."""
    return moment.replace(tzinfo=UTC) if moment else None


# The shipping documents of a delivery (b2b_portal: per the order's contract).
SHIPPING_KINDS = ("upd", "torg12", "vat_invoice")
# Rows of the index read per query while looking for products changed since a date.
_CHANGED_CHUNK = 5000


class _DryRun(Exception):
    """Leaves the savepoint of a dry run: what it priced is returned, nothing is kept."""

    def __init__(self, result):
        super().__init__()
        self.result = result


class B2bApi(models.AbstractModel):
    """What the distributor API (/api/v1, ``routers/``) does, in the environment of the
    key's portal user: the portal's services (catalog query, pricing, free stock, cart and
    checkout) called the way the portal calls them. Every method raises ``ApiError``."""

    _name = "b2b.api"
    _description = "Distributor API Service"

    # ------------------------------------------------------------------ who and for whom
    @api.model
    def _b2b_entity(self, key_sudo, value, right=None):
        """The legal entity a request acts for: ``value`` (its id or INN) among the key's
        entities, for which the key's user has ``right``; the key's only entity when
        ``value`` is empty. Ordering needs an ordering key too. Like the portal's
        ``entity_or_404``, the entity is returned as superuser once checked."""
        _ = self.env._
        scope = key_sudo.entity_ids
        text = "" if value is None else str(value).strip()
        if not text:
            if len(scope) != 1:
                raise ApiError(
                    422,
                    "entity_required",
                    _("Name the legal entity (its id or INN): this key acts for several."),
                )
            entity = scope
        else:
            entity = scope.filtered(lambda e: str(e.id) == text or (e.vat or "") == text)[:1]
            if not entity:
                raise ApiError(
                    403,
                    "entity_not_in_scope",
                    _("This key does not act for the legal entity %(entity)s.", entity=text),
                )
        if right == ORDER and key_sudo.access != "order":
            raise ApiError(
                403, "read_only_key", _("This key is read-only: it cannot place orders.")
            )
        try:
            self.env.user._b2b_check_access(entity, right)
        except AccessError:
            raise ApiError(
                403,
                "entity_forbidden",
                _(
                    "The user of this key may not do this for %(entity)s any more; ask the "
                    "head of your company.",
                    entity=entity.name,
                ),
            ) from None
        return entity

    @api.model
    def _b2b_scope(self, key_sudo, right):
        """The key's legal entities for which its user has ``right``."""
        return key_sudo.entity_ids & self.env.user._b2b_entities(right=right).sudo()

    @api.model
    def _b2b_position(self, cursor):
        """The id after which a page starts, from an opaque cursor."""
        try:
            position = decode_cursor(cursor)
        except CursorError as error:
            raise ApiError(422, "invalid_cursor", error.render(self.env._)) from None
        return position["after"] if position else 0

    # ------------------------------------------------------------------ warehouses
    @api.model
    def _b2b_warehouses(self, entity):
        return [
            {
                "id": warehouse.id,
                "code": warehouse.code,
                "name": warehouse.name,
                "city": warehouse.b2b_city or "",
            }
            for warehouse in self.env["sale.order"]._b2b_region_warehouses(entity)
        ]

    # ------------------------------------------------------------------ stock and prices
    @api.model
    def _b2b_articles(self, entity, articles):
        """{normalized article: lib.order_file.Article} of the quick order's lookup (our
        codes, then the holding's own codes)."""
        return self.env["b2b.file.order"]._b2b_articles(articles, entity)

    @api.model
    def _b2b_stock_prices(self, entity, articles):
        """Net price and free stock per warehouse of the entity's region for each article;
        the articles not sold are listed as errors. A fixed number of queries."""
        _ = self.env._
        found = self._b2b_articles(entity, articles)
        warehouses = self.env["sale.order"]._b2b_region_warehouses(entity)
        items, errors, product_ids = [], [], set()
        wanted = []
        for article in dict.fromkeys(articles):
            known = found.get(normalize_article(article))
            if not known:
                errors.append(
                    {
                        "article": article,
                        "code": "unknown_article",
                        "message": _("Unknown article %(article)s.", article=article),
                    }
                )
            elif not known.active:
                errors.append(
                    {
                        "article": article,
                        "code": "not_sold",
                        "message": _("%(product)s is no longer sold.", product=known.name),
                    }
                )
            else:
                wanted.append((article, known))
                product_ids.add(known.product_id)
        products = self.env["product.product"].browse(sorted(product_ids))
        prices = self.env["b2b.pricing"].net_prices(entity, products)
        stock = self.env["sale.order"]._b2b_free_stock(products.ids, warehouses.ids)
        currency = self.env.company.currency_id.name
        warehouse_ids = warehouses.ids  # iterating the recordset per article costs more
        for article, known in wanted:
            items.append(
                {
                    "article": article,
                    "code": known.code,
                    "product_id": known.product_id,
                    "name": known.name,
                    "pack_size": known.pack_multiple or 1,
                    "min_quantity": known.minimum or 1,
                    "net_price": prices.get(known.product_id, 0.0),
                    "currency": currency,
                    "stock": [
                        {
                            "warehouse_id": warehouse_id,
                            "quantity": max(int(stock.get((known.product_id, warehouse_id), 0)), 0),
                        }
                        for warehouse_id in warehouse_ids
                    ],
                }
            )
        return {"items": items, "errors": errors}

    # ------------------------------------------------------------------ catalog
    @api.model
    def _b2b_catalog(
        self, entity, filters, search=None, changed_since=None, cursor=None, limit=100
    ):
        """A page of the catalog as the portal shows it to ``entity`` (its region's stock,
        its prices), filtered like the portal; paged by product id after ``cursor``."""
        after = self._b2b_position(cursor)
        query = self.env["tyre.catalog.query"]
        self.env["tyre.catalog.facet"]._flush_dirty()
        filters = clean_filters(filters)
        warehouses = self.env["sale.order"]._b2b_region_warehouses(entity)
        bitmap = self.env["tyre.catalog.bitmap"]._get()
        matching = bitmap.active
        search_bits, _corrected = query._search_bits(clean_query(search or ""), bitmap, entity)
        if search_bits is not None:
            matching &= search_bits
        if filters.pop("in_stock", False):
            matching &= bitmap.in_stock(warehouses.ids)
        for key, values in filters.items():
            matching &= bitmap.any_of(key, values)
        if changed_since:
            ids = self._b2b_changed_ids(matching, after, changed_since, limit + 1)
        else:
            ids = ids_from_bits(matching >> (after + 1) << (after + 1), limit=limit + 1)
        page = ids[:limit]
        rows = query._page_rows(page, warehouses.ids) if page else []
        rows = query._product_rows(rows, warehouses, entity)
        extra = self._b2b_catalog_extra(page)
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        items = []
        for row in rows:
            more = extra.get(row["id"], {})
            items.append(
                {
                    "product_id": row["id"],
                    "article": row["article"] or "",
                    "name": row["name"],
                    "brand": row["brand"],
                    "model": row["model"],
                    "size": row["size"] or "",
                    "width": more.get("width"),
                    "profile": more.get("profile"),
                    "diameter": more.get("diameter"),
                    "season": row["season"],
                    "studded": bool(row["studded"]),
                    "runflat": bool(row["runflat"]),
                    "reinforced": bool(row["reinforced"]),
                    "load_index": row["load_index"],
                    "speed_index": row["speed_index"],
                    "vehicle_type": row["vehicle_type"],
                    "picture_url": f"{base_url}/web/image/product.product/{row['id']}/image_1024",
                    "pack_size": more.get("pack_size") or 1,
                    "min_quantity": more.get("min_quantity") or 1,
                    "net_price": row["net_price"],
                    "currency": row["currency"],
                    "stock": [
                        {"warehouse_id": stock["warehouse_id"], "quantity": int(stock["qty"])}
                        for stock in row["stock"]
                    ],
                    "changed_at": more.get("changed_at"),
                }
            )
        next_cursor = encode_cursor({"after": page[-1]}) if len(ids) > limit else None
        return {"items": items, "next_cursor": next_cursor}

    @api.model
    def _b2b_changed_ids(self, matching, after, changed_since, wanted):
        """Ids after ``after`` among ``matching`` whose product changed since the date."""
        found = []
        while len(found) < wanted:
            rows = self.env.execute_query(
                SQL(
                    """SELECT f.id FROM tyre_catalog_facet f
                         JOIN product_product pp ON pp.id = f.id
                         JOIN product_template pt ON pt.id = pp.product_tmpl_id
                        WHERE f.active AND f.id > %s
                          AND GREATEST(pp.write_date, pt.write_date) >= %s
                     ORDER BY f.id LIMIT %s""",
                    after,
                    changed_since,
                    _CHANGED_CHUNK,
                )
            )
            if not rows:
                break
            found.extend(row_id for (row_id,) in rows if matching >> row_id & 1)
            after = rows[-1][0]
        return found[:wanted]

    @api.model
    def _b2b_catalog_extra(self, ids):
        """{product id: size numbers, pack size, last change} of the page, one query."""
        if not ids:
            return {}
        rows = self.env.execute_query(
            SQL(
                """SELECT f.id, f.width, f.profile, f.diameter, pt.b2b_pack_multiple,
                          pt.b2b_min_qty, GREATEST(pp.write_date, pt.write_date)
                     FROM tyre_catalog_facet f
                     JOIN product_product pp ON pp.id = f.id
                     JOIN product_template pt ON pt.id = pp.product_tmpl_id
                    WHERE f.id = ANY(%s)""",
                list(ids),
            )
        )
        return {
            row[0]: {
                "width": row[1],
                "profile": row[2],
                "diameter": row[3],
                "pack_size": row[4],
                "min_quantity": row[5],
                "changed_at": _aware(row[6]).isoformat() if row[6] else None,
            }
            for row in rows
        }

    # ------------------------------------------------------------------ ordering
    @api.model
    def _b2b_new_cart(self, entity):
        """A cart of its own for one API order (sudo, like the portal's carts): never the
        cart the user fills in the portal, which belongs to a website."""
        user = self.env.user
        shipping = self.env["sale.order"]._b2b_delivery_addresses(entity)[:1] or entity
        return (
            self.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": entity.id,
                    "partner_invoice_id": entity.id,
                    "partner_shipping_id": shipping.id,
                    "b2b_buyer_id": user.partner_id.id,
                    "b2b_state": "cart",
                    "website_id": False,
                    **self.env["sale.order"]._b2b_seller_values(entity),
                }
            )
        )

    @api.model
    def _b2b_line_code(self, product, warehouse, quantity, warehouses):
        """The stable code of the portal's refusal of a line (its message says why)."""
        try:
            quantity = parse_quantity(quantity)
        except FormValueError:
            return "invalid_quantity"
        product = product.sudo().with_context(active_test=False)
        if not product.active or not product.sale_ok:
            return "not_sold"
        if warehouse not in warehouses:
            return "warehouse_not_in_region"
        if product._b2b_pack_problem(quantity):
            return "pack_size"
        return "insufficient_stock"

    @api.model
    def _b2b_order_items(self, entity, lines):
        """([(product, warehouse, quantity)], {(product id, warehouse id): [line index]},
        per-line errors) of the order's lines: articles and warehouses looked up."""
        _ = self.env._
        found = self._b2b_articles(entity, [line["article"] for line in lines])
        warehouses = self.env["sale.order"]._b2b_region_warehouses(entity)
        Warehouse = self.env["stock.warehouse"].sudo()
        # One recordset for all the products, so that reading one reads them all.
        products = {
            product.id: product
            for product in self.env["product.product"]
            .sudo()
            .browse({known.product_id for known in found.values()})
        }
        items, positions, errors, found_warehouses = [], {}, [], {}
        for index, line in enumerate(lines):
            known = found.get(normalize_article(line["article"]))
            if not known:
                errors.append(
                    self._b2b_line_error(
                        index,
                        line,
                        "unknown_article",
                        _("Unknown article %(article)s.", article=line["article"]),
                    )
                )
                continue
            value = str(line["warehouse"]).strip()
            if value not in found_warehouses:
                found_warehouses[value] = self._b2b_find_warehouse(value, warehouses, Warehouse)
            warehouse = found_warehouses[value]
            if not warehouse:
                errors.append(
                    self._b2b_line_error(
                        index,
                        line,
                        "unknown_warehouse",
                        _("Unknown warehouse %(warehouse)s.", warehouse=line["warehouse"]),
                    )
                )
                continue
            product = products[known.product_id]
            try:
                parse_quantity(line["quantity"])
            except FormValueError:
                # Refused per line before the cart sums the lines of one product and
                # warehouse; the portal's message (the pack check starts with it).
                errors.append(
                    self._b2b_line_error(
                        index,
                        line,
                        "invalid_quantity",
                        product._b2b_pack_problem(line["quantity"]),
                    )
                )
                continue
            items.append((product, warehouse, line["quantity"]))
            positions.setdefault((product.id, warehouse.id), []).append(index)
        return items, positions, errors, warehouses

    @api.model
    def _b2b_find_warehouse(self, value, warehouses, Warehouse):
        """The warehouse named by ``value``: an id (any warehouse: one outside the region
        gets the portal's refusal), or the code or name of one of the region's."""
        text = str(value).strip()
        if text.isdigit() and int(text) < 2**31:
            return Warehouse.browse(int(text)).exists()
        folded = text.casefold()
        return warehouses.filtered(
            lambda w: folded in ((w.code or "").casefold(), (w.name or "").casefold())
        )[:1]

    @api.model
    def _b2b_line_error(self, index, line, code, message):
        return {
            "line": index,
            "article": line["article"],
            "warehouse": str(line["warehouse"]),
            "code": code,
            "message": message,
        }

    @api.model
    def _b2b_place_order(self, entity, payload):
        """Put the lines into a new cart and check it out as the portal does; a dry run
        prices and checks, then undoes everything. Returns (HTTP status, answer)."""
        try:
            with self.env.cr.savepoint():
                result = self._b2b_order_in_cart(entity, payload)
                if payload["dry_run"]:
                    raise _DryRun(result)
        except _DryRun as dry:
            return 200, dry.result
        return 201, result

    @api.model
    def _b2b_order_in_cart(self, entity, payload):
        _ = self.env._
        self = self.with_context(b2b_api_entity_id=entity.id)  # noqa: PLW0642
        items, positions, errors, warehouses = self._b2b_order_items(entity, payload["lines"])
        cart = self._b2b_new_cart(entity).with_context(b2b_api_entity_id=entity.id)
        try:
            problems = cart._b2b_add_lines(items, partial=True) if items else []
        except UserError as exc:
            raise ApiError(403, "order_refused", exc.args[0]) from None
        quantities = {(p.id, w.id): q for p, w, q in items}
        for product, warehouse, message in problems:
            for index in positions.get((product.id, warehouse.id), []):
                line = payload["lines"][index]
                code = self._b2b_line_code(
                    product, warehouse, quantities[(product.id, warehouse.id)], warehouses
                )
                errors.append(self._b2b_line_error(index, line, code, message))
        errors.sort(key=lambda error: error["line"])
        address_id = payload.get("delivery_address_id")
        if address_id:
            address = self.env["sale.order"]._b2b_delivery_addresses(entity)
            address = address.filtered(lambda partner: partner.id == address_id)
            if not address:
                raise ApiError(
                    422,
                    "unknown_delivery_address",
                    _("Choose one of the delivery addresses offered."),
                )
            cart.partner_shipping_id = address
        if payload["dry_run"]:
            return self._b2b_dry_run_answer(cart, errors)
        if errors:
            raise ApiError(
                422,
                "order_lines_invalid",
                _("Some lines cannot be ordered; nothing was ordered."),
                details=errors,
            )
        try:
            cart._b2b_checkout(
                client_order_ref=payload.get("client_order_ref") or None,
                comment=payload.get("comment") or None,
            )
        except UserError as exc:
            raise ApiError(422, "order_refused", exc.args[0]) from None
        return self._b2b_order_answer(cart)

    @api.model
    def _b2b_dry_run_answer(self, cart, errors):
        credit = cart._b2b_credit_message() if cart.order_line else ""
        return {
            "dry_run": True,
            "accepted": not errors and not credit and bool(cart.order_line),
            "errors": errors,
            "credit_refusal": credit or None,
            "lines": self._b2b_lines(cart),
            **self._b2b_amounts(cart),
        }

    # ------------------------------------------------------------------ reading orders
    @api.model
    def _b2b_amounts(self, order):
        return {
            "currency": order.currency_id.name,
            "amount_untaxed": order.amount_untaxed,
            "amount_tax": order.amount_tax,
            "amount_total": order.amount_total,
        }

    @api.model
    def _b2b_lines(self, order):
        return [
            {
                "article": line.product_id.default_code or "",
                "product_id": line.product_id.id,
                "name": line.name,
                "warehouse_id": line.warehouse_id.id or None,
                "quantity": line.product_uom_qty,
                "delivered": line.qty_delivered,
                "invoiced": line.qty_invoiced,
                "price_unit": line.price_unit,
                "price_subtotal": line.price_subtotal,
                "price_total": line.price_total,
            }
            for line in order.order_line
            if line.product_id and not line.display_type and not line.is_delivery
        ]

    @api.model
    def _b2b_order_summary(self, order):
        return {
            "id": order.id,
            "name": order.name,
            "entity_id": order.partner_id.commercial_partner_id.id,
            "date": _aware(order.date_order),
            "state": order.state,
            "b2b_state": order.b2b_state or None,
            "client_order_ref": order.client_order_ref or None,
            "changed_at": _aware(order.write_date),
            **self._b2b_amounts(order),
        }

    @api.model
    def _b2b_order_answer(self, order_sudo):
        """The whole order: lines, shipments with tracking numbers, invoices, documents."""
        kinds = {"invoice": order_sudo.invoice_ids, "payment_invoice": order_sudo}
        documents = []
        if order_sudo.state == "sale":
            documents.append({"kind": "payment_invoice", "id": order_sudo.id})
        documents += [
            {"kind": "invoice", "id": move.id}
            for move in kinds["invoice"]
            if move.move_type == "out_invoice" and move.state == "posted"
        ]
        pickings = order_sudo.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        # The shipping documents the contract asks for: the UPD, or TORG-12 and VAT invoice.
        documents += [
            {"kind": form, "id": picking.id}
            for picking in pickings.filtered(lambda p: p.state == "done")
            for form in picking._b2b_shipping_forms()
            if form in SHIPPING_KINDS
        ]
        return {
            **self._b2b_order_summary(order_sudo),
            "lines": self._b2b_lines(order_sudo),
            "shipments": [
                {
                    "id": picking.id,
                    "name": picking.name,
                    "state": picking.state,
                    "warehouse_id": picking.picking_type_id.warehouse_id.id or None,
                    "scheduled_date": _aware(picking.scheduled_date),
                    "date_done": _aware(picking.date_done),
                    "tracking_ref": picking.carrier_tracking_ref or None,
                }
                for picking in pickings
            ],
            "invoices": [
                {
                    "id": move.id,
                    "name": move.name,
                    "date": move.invoice_date or None,
                    "state": move.state,
                    "payment_state": move.payment_state,
                    "amount_total": move.amount_total,
                    "amount_residual": move.amount_residual,
                }
                for move in order_sudo.invoice_ids
                if move.state == "posted"
            ],
            "documents": documents,
        }

    @api.model
    def _b2b_orders(
        self, key_sudo, entity=None, state=None, changed_since=None, cursor=None, limit=100
    ):
        """A page of the orders of the key's entities the user may see, by id."""
        after = self._b2b_position(cursor)
        entities = entity or self._b2b_scope(key_sudo, ORDERS_ALL)
        domain = [
            ("partner_id", "in", entities.ids),
            ("id", ">", after),
            ("b2b_state", "!=", "cart"),
        ]
        if state:
            domain.append(("state", "=", state))
        if changed_since:
            domain.append(("write_date", ">=", changed_since))
        orders = self.env["sale.order"].search(domain, order="id", limit=limit + 1)
        page = orders[:limit]
        return {
            "items": [self._b2b_order_summary(order) for order in page.sudo()],
            "next_cursor": encode_cursor({"after": page[-1].id}) if len(orders) > limit else None,
        }

    @api.model
    def _b2b_order_or_404(self, key_sudo, order_id):
        """The order (sudo, once checked) if it is one of the key's entities' orders the user
        may read; a 404 for anything else, so that ids of others reveal nothing."""
        entities = self._b2b_scope(key_sudo, ORDERS_ALL) | self._b2b_scope(key_sudo, "orders_own")
        order = self.env["sale.order"].search(
            [("id", "=", order_id), ("partner_id", "in", entities.ids)]
        )
        if not order or order.b2b_state == "cart":
            raise ApiError(404, "not_found", self.env._("No such order."))
        return order.sudo()

    @api.model
    def _b2b_document(self, key_sudo, order_id, kind, document_id=None):
        """(file name, PDF) of a document of the order as it exists, checked as the
        portal's document list does."""
        _ = self.env._
        order_sudo = self._b2b_order_or_404(key_sudo, order_id)
        entities = self._b2b_scope(key_sudo, DOCUMENTS)
        spec = DOCUMENT_KINDS.get(kind)
        if not spec or kind not in ("payment_invoice", "invoice", *SHIPPING_KINDS):
            raise ApiError(404, "not_found", _("No such document."))
        candidates = {"payment_invoice": order_sudo, "invoice": order_sudo.invoice_ids}.get(
            kind, order_sudo.picking_ids
        )
        ids = [document_id] if document_id else candidates.ids
        domain = [
            ("id", "in", [i for i in ids if i in candidates.ids]),
            *spec["domain"],
            (spec["entity"], "in", entities.ids),
        ]
        documents = self.env[spec["model"]].search(domain, order="id desc", limit=1)
        if kind in SHIPPING_KINDS:
            documents = documents.filtered(lambda p: kind in p.sudo()._b2b_shipping_forms())
        if not documents:
            raise ApiError(404, "not_found", _("No such document."))
        report_sudo = self.env.ref(spec["report"]).sudo()
        content, _format = report_sudo._render_qweb_pdf(report_sudo.report_name, documents.ids)
        return f"{kind}-{documents.sudo().name}.pdf".replace("/", "-"), content

    # ------------------------------------------------------------------ events
    @api.model
    def _b2b_events(self, key_sudo, cursor=None, limit=100):
        """The events of the key's entities after ``cursor``, oldest first; the next cursor
        is given even at the end, to poll from."""
        after = self._b2b_position(cursor)
        entities = self._b2b_scope(key_sudo, ORDERS_ALL)
        events_sudo = (
            self.env["b2b.api.event"]
            .sudo()
            .search(
                [("entity_id", "in", entities.ids), ("id", ">", after)], order="id", limit=limit
            )
        )
        last = events_sudo[-1:].id or after
        return {
            "items": [event._b2b_payload() for event in events_sudo],
            "next_cursor": encode_cursor({"after": last}),
        }
