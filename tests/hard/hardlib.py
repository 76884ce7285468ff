"""Helpers of the hard tests (make test-hard): requests released together, the
administrator's RPC, records made for a test (named T-HARD ...)."""

import threading
import uuid

from portal_http import call_kw, login


def run_together(function, arguments):
    """``function(argument)`` for every argument in its own thread, released together;
    returns the results (an exception becomes its message) in the order of the arguments."""
    barrier = threading.Barrier(len(arguments))
    results = [None] * len(arguments)

    def run(index, argument):
        barrier.wait(timeout=120)
        try:
            results[index] = function(argument)
        except Exception as exc:
            results[index] = f"error: {exc}"

    threads = [
        threading.Thread(target=run, args=(index, argument))
        for index, argument in enumerate(arguments)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


def xmlid(admin, name):
    module, name = name.split(".")
    found = admin(
        "ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)], ["res_id"]
    )
    return found[0]["res_id"]


def administrator(url):
    """``admin(model, method, *args, **kwargs)``: call_kw as the administrator of the server
    at ``url``, in the seller's company."""
    session = login(url, "admin")
    companies = []

    def call(model, method, *args, context=None, **kwargs):
        context = {**({"allowed_company_ids": companies} if companies else {}), **(context or {})}
        result = call_kw(session, url, model, method, *args, context=context, **kwargs)
        one = (method == "create" and isinstance(args[0], dict)) or method == "copy"
        if one and isinstance(result, list):
            return result[0]  # one record made: its id
        return result

    seller = xmlid(call, "tyre_catalog.company_seller")
    # The demo administrator belongs to Odoo's sample companies only; the seller's records
    # are made in the seller's company.
    uid = call("res.users", "search", [("login", "=", "admin")])
    call("res.users", "write", uid, {"company_ids": [(4, seller)]})
    companies.append(seller)
    return call


def tyre_with_stock(admin, warehouse_id, quantity_in_packs):
    """A copy of a demo tyre with exactly ``quantity_in_packs`` order packs in the warehouse;
    returns (product id, units of one pack)."""
    template_id = admin(
        "product.template",
        "search",
        [
            ("b2b_pack_multiple", ">", 0),
            ("is_storable", "=", True),
            ("sale_ok", "=", True),
            ("default_code", "!=", False),
        ],
        limit=1,
    )[0]
    tag = uuid.uuid4().hex[:8].upper()
    copy_id = admin(
        "product.template",
        "copy",
        [template_id],
        default={"name": f"T-HARD {tag}", "default_code": f"HARD-{tag}"},
    )
    template = admin(
        "product.template",
        "read",
        [copy_id],
        ["product_variant_id", "b2b_pack_multiple", "b2b_min_qty"],
    )[0]
    pack = int(template["b2b_pack_multiple"] * max(template["b2b_min_qty"], 1))
    product_id = template["product_variant_id"][0]
    location_id = admin("stock.warehouse", "read", [warehouse_id], ["lot_stock_id"])[0][
        "lot_stock_id"
    ][0]
    quant_id = admin(
        "stock.quant",
        "create",
        {
            "product_id": product_id,
            "location_id": location_id,
            "inventory_quantity": pack * quantity_in_packs,
        },
        context={"inventory_mode": True},
    )
    admin("stock.quant", "action_apply_inventory", [quant_id])
    return product_id, pack


def portal_buyers(admin, logins, entity_xmlid="b2b_portal.entity_shintorg_main"):
    """Confirmed buyers of the entity with these logins (password = login), made once;
    their draft carts are emptied. Returns {login: contact id}."""
    entity = xmlid(admin, entity_xmlid)
    portal_group = xmlid(admin, "base.group_portal")
    seller = xmlid(admin, "tyre_catalog.company_seller")
    existing = {
        user["login"]: user["partner_id"][0]
        for user in admin(
            "res.users",
            "search_read",
            [("login", "in", logins)],
            ["login", "partner_id"],
        )
    }
    for login_name in logins:
        if login_name in existing:
            continue
        contact = admin(
            "res.partner",
            "create",
            {
                "name": f"T-HARD {login_name}",
                "parent_id": entity,
                "email": f"{login_name}@shintorg.demo",
            },
        )
        admin(
            "b2b.entity.access",
            "create",
            {"contact_id": contact, "entity_id": entity, "role": "buyer", "confirmed": True},
        )
        admin(
            "res.users",
            "create",
            {
                "name": f"T-HARD {login_name}",
                "login": login_name,
                "password": login_name,
                "partner_id": contact,
                "company_id": seller,
                "company_ids": [(6, 0, [seller])],
                "group_ids": [(6, 0, [portal_group])],
                "lang": "ru_RU",
            },
            context={"no_reset_password": True},
        )
        existing[login_name] = contact
    # Carts left by an earlier run would carry their lines into this one.
    old_carts = admin(
        "sale.order",
        "search",
        [("b2b_buyer_id", "in", list(existing.values())), ("state", "=", "draft")],
    )
    if old_carts:
        admin("sale.order", "unlink", old_carts)
    return existing
