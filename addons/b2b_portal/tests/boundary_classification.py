"""Every HTTP route a portal or public user can reach and every model a portal user has
access rights on, classified for the boundary suite (issue 10).

The suite enumerates the routing map and the access rights of the database it runs on and
fails with the name of anything missing here, so a new route or model cannot slip through
unreviewed. To classify one, add it to the table of its kind below:

- ``ours`` / ``business``: routes of our addons and stock routes that read or write business
  records. They are probed as the public user and as every role of one holding with the
  records of another holding (``ids`` for URL arguments, ``params`` for the query, form or
  JSON parameters); placeholders ``{kind}`` name a record kind of ``KINDS``.
- ``closed``: back-office routes (a group check, the model's access rights, a master
  password, a token or an API key refuses portal users). Probed as the public user and the
  head with the other holding's records: refused, nothing written, no server error.
- ``shared``: the public catalog and website content, the same for every customer. Probed
  once as a head: no other holding's data, no server error.
- ``self_only``: the caller's own session, account, cart or messaging state; they take no
  record of anybody else. Not probed; the reason says why.
- ``harmless``: static files, assets, translations, login pages: no business records.
- ``rpc``: generic RPC endpoints; ``test_boundary_models`` proves them model by model.

Roles: ``public`` (not logged in) and the four portal roles of a holding: ``head``,
``buyer``, ``accountant`` and ``unconfirmed`` (a buyer whose access is not confirmed yet).
``roles`` says who may use a route (the role matrix checks it on our routes); an empty set
means closed for every customer.
"""

from types import MappingProxyType

PUBLIC = "public"
HEAD = "head"
BUYER = "buyer"
ACCOUNTANT = "accountant"
UNCONFIRMED = "unconfirmed"
PORTAL_ROLES = (HEAD, BUYER, ACCOUNTANT, UNCONFIRMED)

NOBODY = frozenset()
EVERYONE = frozenset({PUBLIC, *PORTAL_ROLES})
PORTAL = frozenset(PORTAL_ROLES)
ORDERING = frozenset({HEAD, BUYER, UNCONFIRMED})  # may place orders (lib/portal_roles.py)
MONEY = frozenset({HEAD, ACCOUNTANT})  # documents, balance, credit (confirmed)
HEAD_ONLY = frozenset({HEAD})

# How a route is probed.
OURS = "ours"
BUSINESS = "business"
CLOSED = "closed"
SHARED = "shared"
SELF_ONLY = "self_only"
HARMLESS = "harmless"
RPC = "rpc"
PROBED = (OURS, BUSINESS, CLOSED, SHARED)

# Record kinds a URL argument or parameter may name. Each has one record of the other
# holding (Колёса) for the probes and, where a role has one, of the role's own holding
# for the role matrix (boundary_common.BoundaryCase builds both).
KINDS = {
    "entity": "legal entity (res.partner, company)",
    "entity2": "second legal entity of the holding",
    "holding": "holding (res.partner)",
    "contact": "contact of a legal entity (res.partner)",
    "address": "delivery address (res.partner, type delivery)",
    "user": "portal user (res.users)",
    "order": "confirmed order (sale.order)",
    "order_line": "line of a confirmed order (sale.order.line)",
    "proposal": "quotation sent to the customer (sale.order, state sent)",
    "pending": "buyer's order waiting for the head's approval (sale.order)",
    "confirmed": "confirmed order the role may read, with a done delivery (sale.order)",
    "cart": "draft B2B cart (sale.order)",
    "cart_line": "line of a draft cart (sale.order.line)",
    "invoice": "posted customer invoice (account.move)",
    "picking": "delivery (stock.picking)",
    "torg12_order": "confirmed order whose contract asks for TORG-12 + VAT invoice (sale.order)",
    "torg12_picking": "done delivery of that order (stock.picking)",
    "attachment": "file of a document (ir.attachment)",
    "message": "chatter message on a legal entity (mail.message)",
    "follower": "follower of a legal entity (mail.followers)",
    "saved_cart": "saved cart (b2b.saved.cart)",
    "saved_cart_line": "line of a saved cart (b2b.saved.cart.line)",
    "job": "portal job: price list or quick-order check (b2b.portal.job)",
    "claim": "claim on delivered order lines (b2b.claim)",
    "claim_line": "claimed line of a claim (b2b.claim.line)",
    "rma": "return request (rma)",
    "contract": "contract (b2b.contract)",
    "api_key": "API key of the distributor's own system (b2b.api.key)",
    "contract_file": "file published on a contract (ir.attachment of b2b.contract)",
    "access": "portal access of a contact to an entity (b2b.entity.access)",
    "channel": "discuss chat of the holding's user with the manager (discuss.channel)",
    "wishlist": "wishlist entry (product.wishlist)",
    "filter": "saved search filter of a user (ir.filters)",
    "article": "customer's own article code (b2b.customer.article)",
    "log": "manager's acting-for log (b2b.impersonation.log)",
    # Shared by every customer: not a record of the other holding.
    "product": "product (product.product), shared catalog",
    "template": "product template (product.template), shared catalog",
}


def _spec(probe, roles, reason, ids=None, params=None, variants=None, method=None):
    return MappingProxyType(
        {
            "probe": probe,
            "roles": frozenset(roles),
            "reason": reason,
            "ids": MappingProxyType(dict(ids or {})),
            # Several parameter sets are probed one after the other.
            "variants": tuple(variants or ([params] if params is not None else [{}])),
            "method": method,
        }
    )


def ours(roles, reason, ids=None, params=None, variants=None):
    return _spec(OURS, roles, reason, ids, params, variants)


def business(roles, reason, ids=None, params=None, variants=None, method=None):
    return _spec(BUSINESS, roles, reason, ids, params, variants, method)


def closed(reason, *rules, ids=None, params=None):
    return {rule: _spec(CLOSED, NOBODY, reason, ids, params) for rule in rules}


def shared(reason, *rules, roles=EVERYONE, ids=None):
    return {rule: _spec(SHARED, roles, reason, ids) for rule in rules}


def self_only(reason, *rules, roles=PORTAL):
    return {rule: _spec(SELF_ONLY, roles, reason) for rule in rules}


def harmless(reason, *rules):
    return {rule: _spec(HARMLESS, EVERYONE, reason) for rule in rules}


def rpc(reason, *rules):
    return {rule: _spec(RPC, PORTAL, reason) for rule in rules}


def _font_to_img(prefix):
    return [
        f"{prefix}/font_to_img/<icon>{tail}"
        for tail in (
            "",
            "/<color>",
            "/<color>/<bg>",
            "/<color>/<bg>/<int:size>",
            "/<color>/<bg>/<int:width>x<int:height>",
            "/<color>/<bg>/<int:width>x<int:height>/<int:alpha>",
            "/<color>/<int:size>",
            "/<color>/<int:size>/<int:alpha>",
            "/<color>/<int:width>x<int:height>",
            "/<color>/<int:width>x<int:height>/<int:alpha>",
        )
    ]


def _image_routes(prefix):
    sizes = ("", "/<int:width>x<int:height>")
    routes = [prefix]
    for base in (f"{prefix}/<int:id>", f"{prefix}/<int:id>-<string:unique>"):
        routes += [f"{base}{size}" for size in sizes]
        routes += [f"{base}{size}/<string:filename>" for size in sizes]
        routes.append(f"{base}/<string:filename>")
    for base in (f"{prefix}/<string:model>/<int:id>/<string:field>", f"{prefix}/<string:xmlid>"):
        routes += [f"{base}{size}" for size in sizes]
        routes += [f"{base}{size}/<string:filename>" for size in sizes]
    return sorted(set(routes))


# Parameters sent with the probes of a business route, where the route has none of its own.
THREADS = (
    {"thread_model": "res.partner", "thread_id": "{entity}"},
    {"thread_model": "res.partner", "thread_id": "{entity}", "token": "not-the-token"},
    {"thread_model": "sale.order", "thread_id": "{order}"},
    {"thread_model": "account.move", "thread_id": "{invoice}"},
)
WRONG_TOKEN = "not-the-token"
PRODUCT_SNIPPET = "website_sale.dynamic_filter_template_product_product_products_item"
FETCH_THREAD = [
    [
        "mail.thread",
        {
            "thread_model": "res.partner",
            "thread_id": "{entity}",
            "request_list": ["followers", "attachments", "suggestedRecipients", "activities"],
        },
    ]
]

# ----------------------------------------------------------------------------- our addons
OUR_ROUTES = {
    # tyre_catalog
    "/my/catalog": ours(PORTAL, "catalog page shell: no records of its own"),
    "/b2b/catalog/search": ours(
        PORTAL,
        "catalog rows for the user's region; prices of the acting entity",
        params={"filters": {}, "search": "Колёс", "page": 1, "limit": 50},
    ),
    "/b2b/catalog/suggest": ours(PORTAL, "search suggestions", params={"query": "Колёс"}),
    "/b2b/catalog/vehicle": ours(PORTAL, "vehicle fitment options", params={"make_id": 1}),
    "/b2b/catalog/cart/add": ours(
        ORDERING,
        "adds catalog lines to the acting entity's cart",
        params={"lines": [{"product_id": "{product}", "quantity": 4, "warehouse_id": 0}]},
    ),
    # b2b_pricing
    "/my/credit": ours(MONEY, "credit gauge and balance of the acting entity"),
    "/my/contracts": ours(MONEY, "contract terms of the acting entity"),
    "/my/contracts/<int:contract_id>/files/<int:attachment_id>": ours(
        MONEY,
        "a file of a contract of the acting entity (balance right)",
        ids={"contract_id": "{contract}", "attachment_id": "{contract_file}"},
    ),
    "/my/contracts/<int:contract_id>/signed": ours(
        MONEY,
        "upload of the signed scan of a contract of the acting entity (checked file)",
        ids={"contract_id": "{contract}"},
    ),
    "/my/price_breakdown/<int:product_id>": ours(
        PORTAL, "price chain of a product for the acting entity", ids={"product_id": "{product}"}
    ),
    # b2b_api: the head's keys for the distributor's own system
    "/my/api": ours(HEAD_ONLY, "API keys of the holding's entities whose users one manages"),
    "/my/api/create": ours(
        HEAD_ONLY,
        "a new API key for entities whose users one manages",
        params={"name": "Ключ", "access": "order", "entity_{entity}": "on"},
    ),
    "/my/api/<int:key_id>/revoke": ours(
        HEAD_ONLY, "revokes a key of one's own holding", ids={"key_id": "{api_key}"}
    ),
    "/my/api/<int:key_id>/webhook": ours(
        HEAD_ONLY,
        "the webhook URL of a key of one's own holding",
        ids={"key_id": "{api_key}"},
        params={"webhook_url": "https://erp.example.ru/hook"},
    ),
    # b2b_portal: switcher, registration, acting for a customer
    "/b2b/entity/switch": ours(
        PORTAL,
        "switch the acting legal entity",
        params={"entity_id": "{entity}", "redirect": "/my"},
    ),
    "/b2b/register": ours(
        EVERYONE,
        "public registration request by INN (here another customer's INN)",
        params={
            "name": "Зонд",
            "full_name": "ООО «Зонд»",
            "contact_name": "Зонд",
            "email": "probe@example.com",
            "phone": "+7 900 000-00-00",
            "inn": "7810186099",
            "kpp": "781001001",
            "ogrn": "",
            "address": "Санкт-Петербург",
            "director": "Зонд",
            "kind": "form",
        },
    ),
    "/b2b/register/lookup": ours(
        EVERYONE, "company registry lookup of an INN", params={"inn": "7810186099"}
    ),
    "/b2b/act_for/<int:user_id>": ours(
        NOBODY, "managers only: confirm acting for a customer", ids={"user_id": "{user}"}
    ),
    "/b2b/act_for/<int:user_id>/start": ours(
        NOBODY, "managers only: start acting for a customer", ids={"user_id": "{user}"}
    ),
    "/b2b/act_for/stop": ours(NOBODY, "only inside an acting-for session"),
    # company, addresses, users, manager
    "/my/company": ours(PORTAL, "requisites, addresses and manager of the acting entity"),
    "/my/company/addresses": ours(PORTAL, "delivery addresses of the acting entity"),
    "/my/company/addresses/new": ours(HEAD_ONLY, "form for a new delivery address"),
    "/my/company/addresses/<int:address_id>/edit": ours(
        HEAD_ONLY, "edit a delivery address", ids={"address_id": "{address}"}
    ),
    "/my/company/addresses/save": ours(
        HEAD_ONLY,
        "create or change a delivery address",
        params={
            "address_id": "{address}",
            "name": "Зонд",
            "street": "ул. Зонд",
            "street2": "",
            "city": "Москва",
            "zip": "101000",
            "phone": "+7 495 000-00-00",
        },
    ),
    "/my/company/manager/message": ours(
        PORTAL, "message to the personal manager on the holding", params={"body": "Зонд"}
    ),
    "/my/company/manager-actions": ours(PORTAL, "manager's acting-for sessions"),
    "/my/company/users": ours(HEAD_ONLY, "users of the holding"),
    "/my/company/users/new": ours(HEAD_ONLY, "form for a new user"),
    "/my/company/users/<int:contact_id>/edit": ours(
        HEAD_ONLY, "edit a user's roles", ids={"contact_id": "{contact}"}
    ),
    "/my/company/users/save": ours(
        HEAD_ONLY,
        "create a user or change roles",
        params={
            "contact_id": "{contact}",
            "name": "Зонд",
            "email": "probe-user@example.com",
            "role_{entity}": "buyer",
        },
    ),
    "/my/company/users/<int:contact_id>/confirm": ours(
        HEAD_ONLY, "confirm a user's access", ids={"contact_id": "{contact}"}
    ),
    "/my/company/users/<int:contact_id>/remove": ours(
        HEAD_ONLY, "remove a user's access", ids={"contact_id": "{contact}"}
    ),
    # cart and checkout
    "/my/b2b/cart": ours(ORDERING, "the acting entity's cart"),
    "/my/b2b/cart/line/<int:line_id>": ours(
        ORDERING, "change a cart line", ids={"line_id": "{cart_line}"}, params={"quantity": "8"}
    ),
    "/my/b2b/cart/checkout": ours(
        ORDERING,
        "checkout of the acting entity's cart",
        params={
            "partner_shipping_id": "{address}",
            "payment_mode": "credit",
            "delivery_slot": "morning",
            "commitment_date": "2030-01-01",
            "client_order_ref": "Зонд",
            "comment": "Зонд",
            "accept_shortage": "1",
        },
    ),
    "/my/b2b/cart/rfq": ours(ORDERING, "request a quote for the cart", params={"comment": "Зонд"}),
    # orders
    "/my/b2b/orders": ours(
        ORDERING,
        "orders the user may see (record rules); not for an accountant (no order rights)",
        params={"entity_id": "{entity}"},
    ),
    "/my/b2b/orders/page/<int:page>": ours(
        ORDERING,
        "next pages of the same orders",
        ids={"page": "2"},
        params={"entity_id": "{entity}"},
    ),
    "/my/b2b/orders/<int:order_id>/payment-invoice.pdf": ours(
        ORDERING,
        "invoice for payment of a confirmed order (who may read the order, or its token)",
        ids={"order_id": "{confirmed}"},
        params={"access_token": WRONG_TOKEN},
    ),
    "/my/b2b/orders/<int:order_id>/upd/<int:picking_id>.pdf": ours(
        HEAD_ONLY,
        "UPD of a done shipment (who may read the order and the delivery)",
        ids={"order_id": "{confirmed}", "picking_id": "{picking}"},
    ),
    "/my/b2b/orders/<int:order_id>/torg12/<int:picking_id>.pdf": ours(
        HEAD_ONLY,
        "TORG-12 of a done shipment under such a contract (who may read the order)",
        ids={"order_id": "{torg12_order}", "picking_id": "{torg12_picking}"},
    ),
    "/my/b2b/orders/<int:order_id>/vat-invoice/<int:picking_id>.pdf": ours(
        HEAD_ONLY,
        "VAT invoice of a done shipment under such a contract (who may read the order)",
        ids={"order_id": "{torg12_order}", "picking_id": "{torg12_picking}"},
    ),
    "/my/b2b/reconciliation": ours(
        MONEY,
        "reconciliation act (PDF/XLSX) of an entity the user acts for with the balance right",
        params={"entity_id": "{entity}", "file_format": "pdf"},
    ),
    "/my/b2b/settlements": ours(
        MONEY,
        "receivables, ageing and invoices of the entities the user sees the balance of",
        variants=[{"entity_id": "{entity}"}, {"entity_id": "all", "only_open": "1"}],
    ),
    "/my/b2b/settlements/report.xlsx": ours(
        MONEY,
        "the same settlements as XLSX",
        variants=[{"entity_id": "{entity}"}, {"entity_id": "all"}],
    ),
    "/my/b2b/documents": ours(
        MONEY,
        "documents of the acting entity (the head: of the holding), record rules",
        params={"kind": "invoice", "order": "S"},
    ),
    "/my/b2b/documents/<string:kind>/<int:document_id>.pdf": ours(
        MONEY,
        "one document of the user's entities as PDF (record rules)",
        ids={"kind": "upd", "document_id": "{picking}"},
    ),
    "/my/b2b/documents/zip": ours(
        MONEY,
        "ZIP of selected documents, each checked (record rules)",
        params={"documents": "upd:{picking}"},
    ),
    "/my/b2b/orders/report.xlsx": ours(
        ORDERING, "the same orders as XLSX", params={"entity_id": "{entity}"}
    ),
    "/my/b2b/claims": ours(ORDERING, "claims of the acting entity"),
    "/my/b2b/claims/new": ours(
        ORDERING,
        "claim form, and filing a claim, on a delivered line of an order one reads",
        params={"order_id": "{confirmed}"},
    ),
    "/my/b2b/claims/<int:claim_id>": ours(
        ORDERING,
        "claim of an entity one files claims for, with its thread",
        ids={"claim_id": "{claim}"},
    ),
    "/my/b2b/claims/<int:claim_id>/expertise-act.pdf": ours(
        ORDERING,
        "expertise act (PDF) of a claim of an entity one files claims for",
        ids={"claim_id": "{claim}"},
    ),
    "/my/b2b/claims/<int:claim_id>/reply": ours(
        ORDERING,
        "answer in the thread of a claim of an entity one files claims for",
        ids={"claim_id": "{claim}"},
        params={"body": "Зонд"},
    ),
    "/my/b2b/orders/<int:order_id>": ours(
        ORDERING,
        "order detail (own orders; all of the entity for the head)",
        ids={"order_id": "{order}"},
        params={"access_token": WRONG_TOKEN},
    ),
    "/my/b2b/orders/<int:order_id>/cancel": ours(
        ORDERING, "cancel an own order", ids={"order_id": "{order}"}
    ),
    "/my/b2b/orders/<int:order_id>/repeat": ours(
        ORDERING, "repeat an order into the cart", ids={"order_id": "{order}"}
    ),
    "/my/b2b/orders/<int:order_id>/approve": ours(
        HEAD_ONLY, "head approves a buyer's order", ids={"order_id": "{pending}"}
    ),
    "/my/b2b/orders/<int:order_id>/reject": ours(
        HEAD_ONLY,
        "head rejects a buyer's order",
        ids={"order_id": "{pending}"},
        params={"reason": "Зонд"},
    ),
    "/my/b2b/orders/<int:order_id>/accept": ours(
        ORDERING,
        "accept the manager's proposal",
        ids={"order_id": "{proposal}"},
        params={"access_token": WRONG_TOKEN},
    ),
    "/my/b2b/orders/<int:order_id>/decline": ours(
        ORDERING,
        "decline the manager's proposal",
        ids={"order_id": "{proposal}"},
        params={"access_token": WRONG_TOKEN, "reason": "Зонд"},
    ),
    # saved carts
    "/my/b2b/saved-carts": ours(ORDERING, "saved carts of the entities the user orders for"),
    "/my/b2b/saved-carts/save": ours(ORDERING, "save the cart as…", params={"name": "Зонд"}),
    "/my/b2b/saved-carts/<int:saved_cart_id>/add": ours(
        ORDERING, "add a saved cart into the cart", ids={"saved_cart_id": "{saved_cart}"}
    ),
    "/my/b2b/saved-carts/<int:saved_cart_id>/rename": ours(
        ORDERING,
        "rename a saved cart",
        ids={"saved_cart_id": "{saved_cart}"},
        params={"name": "Зонд"},
    ),
    "/my/b2b/saved-carts/<int:saved_cart_id>/update": ours(
        ORDERING, "replace a saved cart's lines", ids={"saved_cart_id": "{saved_cart}"}
    ),
    "/my/b2b/saved-carts/<int:saved_cart_id>/delete": ours(
        ORDERING, "delete a saved cart", ids={"saved_cart_id": "{saved_cart}"}
    ),
    # quick order, price list, jobs
    "/my/b2b/quick-order": ours(ORDERING, "quick order page"),
    "/my/b2b/quick-order/upload": ours(
        ORDERING, "upload an order file (starts a job)", params={"file": "file"}
    ),
    "/my/b2b/quick-order/add": ours(
        ORDERING,
        "add previewed lines to the cart",
        params={"lines": [{"product_id": "{product}", "quantity": 4}]},
    ),
    "/my/b2b/pricelist": ours(ORDERING, "price list page"),
    "/my/b2b/pricelist/download/<string:fmt>": ours(
        ORDERING, "price list file of the acting entity", ids={"fmt": "xlsx"}
    ),
    "/my/b2b/pricelist/prepare/<string:fmt>": ours(
        ORDERING, "start making the price list (job)", ids={"fmt": "xlsx"}
    ),
    "/my/b2b/jobs/<int:job_id>/step": ours(
        ORDERING, "next step of the user's own job", ids={"job_id": "{job}"}
    ),
    "/my/b2b/jobs/<int:job_id>/download": ours(
        ORDERING, "file of the user's own job", ids={"job_id": "{job}"}
    ),
}

# ---------------------------------------------------- stock routes that touch business records
BUSINESS_ROUTES = {
    # portal home, account, addresses (portal, website_sale)
    "/my": business(PORTAL, "portal home: counters of own documents"),
    "/my/home": business(PORTAL, "portal home: counters of own documents"),
    "/my/counters": business(
        PORTAL,
        "counters of own documents",
        params={"counters": ["order_count", "invoice_count", "quotation_count", "rma_count"]},
    ),
    "/my/account": business(
        PORTAL,
        "the user's own contact details; never another partner",
        params={"partner_id": "{contact}", "name": "Зонд", "email": "probe@example.com"},
        method="POST",
    ),
    "/my/addresses": business(HEAD_ONLY, "addresses of the user's partner"),
    "/my/address": business(
        HEAD_ONLY,
        "address form: only addresses of the acting entity",
        params={"partner_id": "{address}", "address_type": "delivery"},
    ),
    "/my/address/submit": business(
        HEAD_ONLY,
        "create or change an address of the acting entity",
        variants=[
            {
                "partner_id": "{address}",
                "address_type": "delivery",
                "name": "Зонд",
                "street": "ул. Зонд",
                "city": "Москва",
                "country_id": "{country}",
                "email": "probe@example.com",
                "phone": "1",
            },
            {
                "partner_id": "{entity}",
                "address_type": "billing",
                "name": "Зонд",
                "street": "ул. Зонд",
                "city": "Москва",
                "country_id": "{country}",
                "email": "probe@example.com",
                "phone": "1",
            },
        ],
    ),
    "/my/address/archive": business(
        HEAD_ONLY, "archive an address of the acting entity", params={"partner_id": "{address}"}
    ),
    '/my/address/country_info/<model("res.country"):country>': business(
        EVERYONE,
        "states of a country",
        ids={"country": "{country}"},
        params={"address_type": "delivery"},
    ),
    "/my/security": business(
        PORTAL, "the user's own password, 2FA and API keys", params={"op": "password"}
    ),
    "/my/deactivate_account": business(
        PORTAL,
        "deactivate the user's own account (needs the password)",
        params={"validation": "wrong", "password": "wrong"},
    ),
    "/my/payment_method": business(PORTAL, "payment tokens of the user's partner"),
    # orders and quotations (sale, sale_management, website_sale, sale_stock)
    "/my/orders": business(ORDERING, "own orders (record rules)"),
    "/my/orders/page/<int:page>": business(ORDERING, "own orders", ids={"page": "2"}),
    "/my/quotes": business(ORDERING, "own quotations"),
    "/my/quotes/page/<int:page>": business(ORDERING, "own quotations", ids={"page": "2"}),
    "/my/orders/<int:order_id>": business(
        ORDERING,
        "order page (record rules or the access token)",
        ids={"order_id": "{order}"},
        variants=[{"access_token": WRONG_TOKEN}, {"report_type": "html", "download": "1"}],
    ),
    "/my/orders/<int:order_id>/accept": business(
        ORDERING,
        "sign and accept a quotation",
        ids={"order_id": "{proposal}"},
        params={"access_token": WRONG_TOKEN, "name": "Зонд", "signature": "aGVsbG8="},
    ),
    "/my/orders/<int:order_id>/decline": business(
        ORDERING,
        "decline a quotation",
        ids={"order_id": "{proposal}"},
        params={"access_token": WRONG_TOKEN, "decline_message": "Зонд"},
    ),
    "/my/orders/<int:order_id>/document/<int:document_id>": business(
        ORDERING,
        "quotation document of an order",
        ids={"order_id": "{proposal}", "document_id": "{attachment}"},
        params={"access_token": WRONG_TOKEN},
    ),
    "/my/orders/<int:order_id>/download_edi": business(
        ORDERING, "order as UBL", ids={"order_id": "{order}"}, params={"access_token": WRONG_TOKEN}
    ),
    "/my/orders/<int:order_id>/transaction": business(
        ORDERING,
        "payment transaction for an order",
        ids={"order_id": "{proposal}"},
        params={"access_token": WRONG_TOKEN, "amount": 1, "provider_id": 1},
    ),
    "/my/orders/<int:order_id>/update_line_dict": business(
        ORDERING,
        "change an optional line of a quotation",
        ids={"order_id": "{proposal}"},
        params={"line_id": "{order_line}", "access_token": WRONG_TOKEN, "input_quantity": 99},
    ),
    "/my/orders/reorder": business(
        ORDERING,
        "reorder an order into the cart",
        params={"order_id": "{order}", "access_token": WRONG_TOKEN},
    ),
    "/my/picking/pdf/<int:picking_id>": business(
        MONEY,
        "delivery slip",
        ids={"picking_id": "{picking}"},
        params={"access_token": WRONG_TOKEN},
    ),
    "/my/picking/return/pdf/<int:picking_id>": business(
        MONEY, "return slip", ids={"picking_id": "{picking}"}, params={"access_token": WRONG_TOKEN}
    ),
    # invoices (account, account_payment)
    "/my/invoices": business(MONEY, "own invoices (record rules)"),
    "/my/invoices/page/<int:page>": business(MONEY, "own invoices", ids={"page": "2"}),
    "/my/invoices/<int:invoice_id>": business(
        MONEY,
        "invoice page (record rules or the access token)",
        ids={"invoice_id": "{invoice}"},
        variants=[{"access_token": WRONG_TOKEN}, {"report_type": "html"}],
    ),
    "/my/invoices/overdue": business(
        MONEY, "overdue invoices of the user's partner", params={"access_token": WRONG_TOKEN}
    ),
    "/my/journal/<int:journal_id>/unsubscribe": business(
        PORTAL,
        "unsubscribe from a journal's e-invoices (token)",
        ids={"journal_id": "1"},
        params={"partner_id": "{entity}", "token": WRONG_TOKEN},
    ),
    "/invoice/transaction/<int:invoice_id>": business(
        MONEY,
        "payment transaction for an invoice",
        ids={"invoice_id": "{invoice}"},
        params={"access_token": WRONG_TOKEN},
    ),
    "/invoice/transaction/overdue": business(
        MONEY,
        "payment transaction for the user's overdue invoices",
        params={"payment_reference": "{invoice}", "partner_id": "{entity}"},
    ),
    '/account/download_invoice_attachments/<models("ir.attachment"):attachments>': business(
        MONEY, "files of invoices", ids={"attachments": "{attachment}"}
    ),
    '/account/download_invoice_documents/<models("account.move"):invoices>/<string:filetype>': (
        business(MONEY, "invoice documents", ids={"invoices": "{invoice}", "filetype": "pdf"})
    ),
    '/account/download_move_attachments/<models("account.move"):moves>': business(
        MONEY, "files of journal entries", ids={"moves": "{invoice}"}
    ),
    # returns (rma, rma_sale)
    "/my/rmas": business(ORDERING, "own return requests"),
    "/my/rmas/page/<int:page>": business(ORDERING, "own return requests", ids={"page": "2"}),
    "/my/rmas/<int:rma_id>": business(
        ORDERING,
        "return request page",
        ids={"rma_id": "{rma}"},
        params={"access_token": WRONG_TOKEN},
    ),
    "/my/rma/picking/pdf/<int:rma_id>/<int:picking_id>": business(
        ORDERING,
        "delivery slip of a return",
        ids={"rma_id": "{rma}", "picking_id": "{picking}"},
        params={"access_token": WRONG_TOKEN},
    ),
    "/my/requestrma/<int:order_id>": business(
        ORDERING,
        "return request form of an order",
        ids={"order_id": "{order}"},
        params={"access_token": WRONG_TOKEN},
    ),
    "/my/orders/<int:order_id>/requestrma": business(
        ORDERING,
        "create return requests on an order",
        ids={"order_id": "{order}"},
        params={
            "access_token": WRONG_TOKEN,
            "rma-0-product_id": "{product}",
            "rma-0-quantity": "1",
            "rma-0-operation_id": "1",
            "rma-0-move_id": "1",
        },
    ),
    # payment (payment, website_payment, website_sale, payment_custom)
    "/payment/pay": business(
        EVERYONE,
        "payment form for a reference, partner and amount (access token)",
        params={
            "reference": "{order}",
            "amount": "1",
            "partner_id": "{entity}",
            "access_token": WRONG_TOKEN,
        },
    ),
    "/payment/transaction": business(
        EVERYONE,
        "create a payment transaction (access token)",
        params={
            "amount": 1,
            "currency_id": 1,
            "partner_id": "{entity}",
            "access_token": WRONG_TOKEN,
        },
    ),
    "/payment/confirmation": business(
        EVERYONE,
        "transaction confirmation (access token)",
        params={"tx_id": 1, "access_token": WRONG_TOKEN},
    ),
    "/payment/status": business(EVERYONE, "status of the session's transactions"),
    "/payment/status/poll": business(EVERYONE, "status of the session's transactions"),
    "/payment/archive_token": business(
        PORTAL, "archive a payment token of the user's partner", params={"token_id": 1}
    ),
    "/payment/custom/process": business(
        EVERYONE, "wire-transfer processing of a transaction", params={"reference": "{order}"}
    ),
    "/donation/pay": business(EVERYONE, "donation form", params={"partner_id": "{entity}"}),
    "/donation/transaction/<minimum_amount>": business(
        EVERYONE,
        "donation transaction (access token)",
        ids={"minimum_amount": "0"},
        params={
            "amount": 1,
            "currency_id": 1,
            "partner_id": "{entity}",
            "access_token": WRONG_TOKEN,
        },
    ),
    "/shop/payment/transaction/<int:order_id>": business(
        ORDERING,
        "payment transaction of a cart (access token)",
        ids={"order_id": "{cart}"},
        params={"access_token": WRONG_TOKEN, "amount": 1},
    ),
    # cart and checkout of website_sale: the session's own cart only; closed to B2B users and
    # to visitors by lib/stock_routes.py (staff keep them), probed all the same
    "/shop/cart": business(
        ORDERING,
        "the session's cart; id/access_token revive an abandoned cart",
        params={"id": "{cart}", "access_token": WRONG_TOKEN, "revive_method": "merge"},
    ),
    "/shop/cart/add": business(
        ORDERING,
        "add to the session's cart",
        params={"product_template_id": "{template}", "product_id": "{product}", "quantity": 1},
    ),
    "/shop/cart/update": business(
        ORDERING,
        "change a line of the session's cart",
        params={"line_id": "{cart_line}", "quantity": 99, "product_id": "{product}"},
    ),
    "/shop/cart/quick_add": business(
        ORDERING,
        "add to the session's cart",
        params={"product_template_id": "{template}", "product_id": "{product}", "quantity": 1},
    ),
    "/shop/cart/clear": business(ORDERING, "empty the session's cart"),
    "/shop/cart/quantity": business(ORDERING, "quantity in the session's cart"),
    "/shop/checkout": business(ORDERING, "checkout of the session's cart"),
    "/shop/address": business(
        ORDERING,
        "address form of the session's cart",
        params={"partner_id": "{address}", "address_type": "delivery"},
    ),
    "/shop/address/submit": business(
        ORDERING,
        "create or change an address of the session's cart",
        params={
            "partner_id": "{address}",
            "address_type": "delivery",
            "name": "Зонд",
            "street": "ул. Зонд",
            "city": "Москва",
            "country_id": "{country}",
            "email": "probe@example.com",
            "phone": "1",
        },
    ),
    "/shop/update_address": business(
        ORDERING,
        "choose an address for the session's cart",
        params={"partner_id": "{address}", "address_type": "delivery"},
    ),
    "/shop/extra_info": business(ORDERING, "extra info step of the session's cart"),
    "/shop/payment": business(ORDERING, "payment step of the session's cart"),
    "/shop/payment/validate": business(
        ORDERING, "validate the session's cart", params={"sale_order_id": "{cart}"}
    ),
    "/shop/confirmation": business(ORDERING, "confirmation of the session's last order"),
    "/shop/print": business(ORDERING, "print the session's cart"),
    "/shop/delivery_methods": business(ORDERING, "delivery methods of the session's cart"),
    "/shop/set_delivery_method": business(
        ORDERING, "delivery method of the session's cart", params={"dm_id": 1}
    ),
    "/shop/get_delivery_rate": business(
        ORDERING, "delivery rate of the session's cart", params={"dm_id": 1}
    ),
    "/shop/express_checkout": business(
        ORDERING,
        "express checkout of the session's cart",
        params={"billing_address": {"name": "Зонд", "email": "probe@example.com"}},
    ),
    "/shop/express/shipping_address_change": business(
        ORDERING,
        "express checkout address of the session's cart",
        params={"partial_delivery_address": {"country": "RU"}},
    ),
    "/shop/express/shipping_address_change/compute_taxes": business(
        ORDERING, "taxes of the session's cart"
    ),
    "/website_sale/get_pickup_locations": business(
        ORDERING, "pickup points for the session's cart", params={"zip_code": "190000"}
    ),
    "/website_sale/set_pickup_location": business(
        ORDERING, "pickup point of the session's cart", params={"pickup_location_data": "{}"}
    ),
    "/delivery/get_pickup_locations": business(
        ORDERING, "pickup points of an order", params={"order_id": "{cart}", "zip_code": "190000"}
    ),
    "/delivery/set_pickup_location": business(
        ORDERING,
        "pickup point of an order",
        params={"order_id": "{cart}", "pickup_location_data": "{}"},
    ),
    "/website/form/shop.sale.order": business(
        ORDERING, "note on the session's cart", params={"description": "Зонд"}
    ),
    "/website/form/<string:model_name>": business(
        EVERYONE,
        "website forms create records of models open to forms",
        ids={"model_name": "res.partner"},
        params={"name": "Зонд", "parent_id": "{entity}", "email": "probe@example.com"},
    ),
    "/shop/wishlist": business(ORDERING, "the user's wishlist"),
    "/shop/wishlist/add": business(
        ORDERING, "add to the user's wishlist", params={"product_id": "{product}"}
    ),
    "/shop/wishlist/get_product_ids": business(ORDERING, "the user's wishlist"),
    "/shop/wishlist/remove/<int:wish_id>": business(
        ORDERING, "remove from the user's wishlist", ids={"wish_id": "{wishlist}"}
    ),
    "/shop/add/stock_notification": business(
        EVERYONE,
        "back-in-stock e-mail for a product",
        params={"email": "probe@example.com", "product_id": "{product}"},
    ),
    # chatter and messaging (mail, portal, website_mail, rating)
    "/mail/message/post": business(
        EVERYONE,
        "post on a document's chatter",
        variants=[
            {**thread, "post_data": {"body": "Зонд", "message_type": "comment"}}
            for thread in THREADS
        ],
    ),
    "/mail/chatter_fetch": business(EVERYONE, "messages of a document", variants=list(THREADS)),
    "/portal/chatter_init": business(EVERYONE, "chatter of a document", variants=list(THREADS)),
    "/mail/thread/messages": business(PORTAL, "messages of a document", variants=list(THREADS)),
    "/mail/thread/recipients": business(PORTAL, "recipients of a document", variants=list(THREADS)),
    "/mail/thread/recipients/get_suggested_recipients": business(
        PORTAL, "suggested recipients of a document", variants=list(THREADS)
    ),
    "/mail/thread/recipients/fields": business(
        PORTAL, "recipient fields of a model", params={"thread_model": "res.partner"}
    ),
    "/mail/thread/subscribe": business(
        PORTAL,
        "follow a document",
        params={"res_model": "res.partner", "res_id": "{entity}", "partner_ids": ["{contact}"]},
    ),
    "/mail/thread/unsubscribe": business(
        PORTAL,
        "unfollow a document",
        params={"res_model": "res.partner", "res_id": "{entity}", "partner_ids": ["{contact}"]},
    ),
    "/mail/partner/from_email": business(
        PORTAL,
        "find or create partners from e-mails on a document",
        params={
            "thread_model": "res.partner",
            "thread_id": "{entity}",
            "emails": ["probe@example.com"],
        },
    ),
    "/mail/read_subscription_data": business(
        PORTAL, "subtypes of a follower", params={"follower_id": "{follower}"}
    ),
    "/mail/data": business(
        EVERYONE, "messaging data of documents", params={"fetch_params": FETCH_THREAD}
    ),
    "/mail/action": business(
        EVERYONE, "messaging data of documents", params={"fetch_params": FETCH_THREAD}
    ),
    "/mail/message/<int:message_id>": business(
        EVERYONE, "redirect to a message's document", ids={"message_id": "{message}"}
    ),
    "/mail/message/update_content": business(
        EVERYONE,
        "edit a message",
        params={"message_id": "{message}", "update_data": {"body": "Зонд", "attachment_ids": []}},
    ),
    "/mail/message/reaction": business(
        EVERYONE,
        "react to a message",
        params={"message_id": "{message}", "content": "👍", "action": "add"},
    ),
    "/mail/message/translate": business(
        PORTAL, "translate a message", params={"message_id": "{message}"}
    ),
    "/mail/update_is_internal": business(
        PORTAL, "make a message internal", params={"message_id": "{message}", "is_internal": False}
    ),
    "/mail/link_preview": business(
        EVERYONE, "link previews of a message", params={"message_id": "{message}"}
    ),
    "/mail/link_preview/hide": business(
        EVERYONE, "hide link previews", params={"message_link_preview_ids": [1]}
    ),
    "/mail/attachment/upload": business(
        EVERYONE,
        "attach a file to a document's chatter",
        variants=[{**thread, "ufile": "file"} for thread in THREADS],
        method="POST",
    ),
    "/mail/attachment/delete": business(
        EVERYONE, "delete an attachment", params={"attachment_id": "{attachment}"}
    ),
    "/mail/attachment/update_thumbnail": business(
        EVERYONE,
        "set an attachment's thumbnail",
        params={"attachment_id": "{attachment}", "thumbnail": "aGVsbG8="},
    ),
    "/mail/attachment/pdf_first_page/<int:attachment_id>": business(
        EVERYONE, "first page of a PDF attachment", ids={"attachment_id": "{attachment}"}
    ),
    "/mail/attachment/zip": business(
        EVERYONE,
        "attachments as a zip",
        params={"file_ids": "{attachment}", "zip_name": "probe.zip"},
    ),
    "/mail/avatar/mail.message/<int:res_id>/author_avatar/<int:width>x<int:height>": business(
        EVERYONE,
        "avatar of a message's author (token)",
        ids={"res_id": "{message}", "width": "50", "height": "50"},
        params={"access_token": WRONG_TOKEN},
    ),
    "/mail/view": business(
        EVERYONE,
        "redirect to a document (token)",
        params={"model": "sale.order", "res_id": "{order}", "access_token": WRONG_TOKEN},
    ),
    "/mail/unfollow": business(
        EVERYONE,
        "unfollow a document (token)",
        params={
            "model": "res.partner",
            "res_id": "{entity}",
            "pid": "{contact}",
            "token": WRONG_TOKEN,
        },
    ),
    "/portal/attachment/remove": business(
        EVERYONE, "remove a pending attachment (token)", params={"attachment_id": "{attachment}"}
    ),
    "/website_mail/follow": business(
        EVERYONE,
        "follow a document from the website",
        params={"id": "{entity}", "object": "res.partner", "message_is_follower": "off"},
    ),
    "/website_mail/is_follower": business(
        EVERYONE,
        "whether the user follows documents",
        params={"records": {"res.partner": ["{entity}"]}},
    ),
    "/website/rating/comment": business(
        PORTAL,
        "publisher's reply to a rating",
        params={"rating_id": 1, "publisher_comment": "Зонд"},
    ),
    "/rate/<string:token>/<int:rate>": business(
        EVERYONE, "rate a document (token)", ids={"token": WRONG_TOKEN, "rate": "5"}
    ),
    "/rate/<string:token>/submit_feedback": business(
        EVERYONE, "rating feedback (token)", ids={"token": WRONG_TOKEN}, params={"rate": 5}
    ),
    # discuss (chats with the manager)
    "/discuss/channel/<int:channel_id>": business(
        PORTAL, "discuss page of a channel the user is a member of", ids={"channel_id": "{channel}"}
    ),
    "/discuss/channel/attachments": business(
        PORTAL, "files of a channel", params={"channel_id": "{channel}"}
    ),
    "/discuss/channel/join": business(PORTAL, "join a channel", params={"channel_id": "{channel}"}),
    "/discuss/channel/mark_as_read": business(
        PORTAL,
        "mark a channel read",
        params={"channel_id": "{channel}", "last_message_id": "{message}"},
    ),
    "/discuss/channel/members": business(
        PORTAL, "members of a channel", params={"channel_id": "{channel}", "known_member_ids": []}
    ),
    "/discuss/channel/messages": business(
        PORTAL, "messages of a channel", params={"channel_id": "{channel}"}
    ),
    "/discuss/channel/notify_typing": business(
        PORTAL, "typing notice in a channel", params={"channel_id": "{channel}", "is_typing": True}
    ),
    "/discuss/channel/ping": business(
        PORTAL, "call ping in a channel", params={"channel_id": "{channel}"}
    ),
    "/discuss/channel/pinned_messages": business(
        PORTAL, "pinned messages of a channel", params={"channel_id": "{channel}"}
    ),
    "/discuss/channel/set_new_message_separator": business(
        PORTAL,
        "unread marker of a channel",
        params={"channel_id": "{channel}", "message_id": "{message}"},
    ),
    "/discuss/channel/sub_channel/create": business(
        PORTAL, "create a thread in a channel", params={"parent_channel_id": "{channel}"}
    ),
    "/discuss/channel/sub_channel/fetch": business(
        PORTAL, "threads of a channel", params={"parent_channel_id": "{channel}"}
    ),
    "/discuss/channel/sub_channel/delete": business(
        PORTAL, "delete a thread", params={"sub_channel_id": "{channel}"}
    ),
    "/discuss/channel/update_avatar": business(
        PORTAL, "avatar of a channel", params={"channel_id": "{channel}", "data": "aGVsbG8="}
    ),
    "/discuss/settings/mute": business(
        PORTAL, "mute a channel", params={"minutes": 10, "channel_id": "{channel}"}
    ),
    "/discuss/settings/custom_notifications": business(
        PORTAL,
        "notification setting of a channel",
        params={"custom_notifications": "mentions", "channel_id": "{channel}"},
    ),
    "/discuss/search": business(PORTAL, "search partners and channels", params={"term": "Колёс"}),
    "/mail/rtc/channel/join_call": business(
        PORTAL, "join a call", params={"channel_id": "{channel}"}
    ),
    "/mail/rtc/channel/leave_call": business(
        PORTAL, "leave a call", params={"channel_id": "{channel}"}
    ),
    "/mail/rtc/channel/cancel_call_invitation": business(
        PORTAL, "cancel a call invitation", params={"channel_id": "{channel}"}
    ),
    "/mail/rtc/channel/upgrade_connection": business(
        PORTAL, "upgrade a call", params={"channel_id": "{channel}"}
    ),
    "/chat/<int:channel_id>/<string:invitation_token>": business(
        EVERYONE,
        "channel invitation (token)",
        ids={"channel_id": "{channel}", "invitation_token": WRONG_TOKEN},
    ),
    # binaries, reports, exports of records
    "/web/content": business(
        EVERYONE,
        "file of a record (access rights or token)",
        variants=[
            {"id": "{attachment}"},
            {"model": "ir.attachment", "id": "{attachment}", "field": "datas"},
            {"model": "res.partner", "id": "{entity}", "field": "image_128"},
            {"model": "b2b.portal.job", "id": "{job}", "field": "result_file"},
        ],
    ),
    "/web/content/<int:id>": business(
        EVERYONE, "file of an attachment", ids={"id": "{attachment}"}
    ),
    "/web/content/<int:id>/<string:filename>": business(
        EVERYONE, "file of an attachment", ids={"id": "{attachment}", "filename": "probe.pdf"}
    ),
    "/web/content/<string:model>/<int:id>/<string:field>": business(
        EVERYONE,
        "file field of a record",
        ids={"model": "ir.attachment", "id": "{attachment}", "field": "datas"},
    ),
    "/web/content/<string:model>/<int:id>/<string:field>/<string:filename>": business(
        EVERYONE,
        "file field of a record",
        ids={
            "model": "b2b.portal.job",
            "id": "{job}",
            "field": "result_file",
            "filename": "p.xlsx",
        },
    ),
    "/web/content/<string:xmlid>": business(
        EVERYONE, "file of a record by XML id", ids={"xmlid": "b2b_portal.entity_kolesa_main"}
    ),
    "/web/content/<string:xmlid>/<string:filename>": business(
        EVERYONE,
        "file of a record by XML id",
        ids={"xmlid": "b2b_portal.entity_kolesa_main", "filename": "probe"},
    ),
    "/web/partner/vcard": business(
        PORTAL, "vCard of partners", params={"partner_ids": "{contact}"}
    ),
    '/web_enterprise/partner/<model("res.partner"):partner>/vcard': business(
        PORTAL, "vCard of a partner", ids={"partner": "{contact}"}
    ),
    "/web/binary/upload_attachment": business(
        PORTAL,
        "attach a file to a record",
        params={"model": "sale.order", "id": "{order}", "ufile": "file"},
        method="POST",
    ),
    "/web/export/csv": business(
        PORTAL,
        "export records the user may read",
        params={
            "data": '{"model": "res.partner", "fields": [{"name": "name", "label": "Name"}], '
            '"ids": ["{entity}", "{contact}"], "domain": [], "import_compat": false}'
        },
        method="POST",
    ),
    "/web/export/xlsx": business(
        PORTAL,
        "export records the user may read",
        params={
            "data": '{"model": "sale.order", "fields": [{"name": "name", "label": "Name"}], '
            '"ids": ["{order}"], "domain": [], "import_compat": false}'
        },
        method="POST",
    ),
    "/report/<converter>/<reportname>/<docids>": business(
        PORTAL,
        "QWeb report of records the user may read",
        variants=[{}],
        ids={"converter": "html", "reportname": "sale.report_saleorder", "docids": "{order}"},
    ),
    "/report/<converter>/<reportname>": business(
        PORTAL,
        "QWeb report of records the user may read",
        ids={"converter": "html", "reportname": "account.report_invoice"},
        params={"docids": "{invoice}"},
    ),
    "/report/download": business(
        PORTAL,
        "download a report",
        params={"data": '["/report/pdf/account.report_invoice/{invoice}", "qweb-pdf"]'},
        method="POST",
    ),
    "/stock/<string:output_format>/<string:report_name>": business(
        PORTAL,
        "stock reports",
        ids={"output_format": "pdf", "report_name": "stock.report_reception"},
        params={"docids": "{picking}"},
    ),
    "/json/<path:subpath>": business(
        PORTAL, "JSON of a record by its web client URL", ids={"subpath": "sale.order/{order}"}
    ),
    "/html_editor/attachment/add_data": business(
        PORTAL,
        "attach an image to a record",
        params={
            "name": "probe.png",
            "data": "aGVsbG8=",
            "is_image": False,
            "res_model": "sale.order",
            "res_id": "{order}",
        },
    ),
    "/html_editor/attachment/add_url": business(
        PORTAL,
        "attach a URL to a record",
        params={"url": "https://example.com/a.png", "res_model": "sale.order", "res_id": "{order}"},
    ),
    "/html_editor/attachment/remove": business(
        PORTAL, "delete attachments", params={"ids": ["{attachment}"]}
    ),
    '/html_editor/modify_image/<model("ir.attachment"):attachment>': business(
        PORTAL,
        "copy of an image attachment",
        ids={"attachment": "{attachment}"},
        params={"res_model": "sale.order", "res_id": "{order}", "data": "aGVsbG8="},
    ),
    "/html_editor/get_image_info": business(
        PORTAL, "attachment behind an image URL", params={"src": "/web/image/{attachment}"}
    ),
    "/html_editor/bus_broadcast": business(
        PORTAL,
        "collaborative editing on a record's field",
        params={
            "model_name": "res.partner",
            "field_name": "comment",
            "res_id": "{entity}",
            "bus_data": {},
        },
    ),
    "/html_editor/link_preview_internal": business(
        PORTAL, "preview of an internal link", params={"preview_url": "/odoo/sale.order/{order}"}
    ),
    "/web_editor/attachment/add_data": business(
        PORTAL,
        "attach an image to a record",
        params={
            "name": "probe.png",
            "data": "aGVsbG8=",
            "is_image": False,
            "res_model": "sale.order",
            "res_id": "{order}",
        },
    ),
    "/web_editor/attachment/add_url": business(
        PORTAL,
        "attach a URL to a record",
        params={"url": "https://example.com/a.png", "res_model": "sale.order", "res_id": "{order}"},
    ),
    '/web_editor/modify_image/<model("ir.attachment"):attachment>': business(
        PORTAL,
        "copy of an image attachment",
        ids={"attachment": "{attachment}"},
        params={"res_model": "sale.order", "res_id": "{order}", "data": "aGVsbG8="},
    ),
    "/web_editor/get_image_info": business(
        PORTAL, "attachment behind an image URL", params={"src": "/web/image/{attachment}"}
    ),
    "/web_editor/bus_broadcast": business(
        PORTAL,
        "collaborative editing on a record's field",
        params={
            "model_name": "res.partner",
            "field_name": "comment",
            "res_id": "{entity}",
            "bus_data": {},
        },
    ),
    "/product/document/upload": business(
        PORTAL,
        "attach a document to a record",
        params={"res_model": "sale.order", "res_id": "{order}", "ufile": "file"},
        method="POST",
    ),
    "/product/catalog/order_lines_info": business(
        PORTAL,
        "catalog lines of an order",
        params={"res_model": "sale.order", "order_id": "{order}", "product_ids": ["{product}"]},
    ),
    "/product/catalog/update_order_line_info": business(
        PORTAL,
        "change an order's line from the catalog",
        params={
            "res_model": "sale.order",
            "order_id": "{cart}",
            "product_id": "{product}",
            "quantity": 9,
        },
    ),
    "/product/catalog/get_sections": business(
        PORTAL,
        "sections of an order",
        params={"res_model": "sale.order", "order_id": "{order}", "child_field": "order_line"},
    ),
    "/product/catalog/create_section": business(
        PORTAL,
        "add a section to an order",
        params={
            "res_model": "sale.order",
            "order_id": "{cart}",
            "child_field": "order_line",
            "name": "Зонд",
            "position": "top",
        },
    ),
    "/product/catalog/resequence_sections": business(
        PORTAL,
        "reorder sections of an order",
        params={
            "res_model": "sale.order",
            "order_id": "{cart}",
            "sections": [],
            "child_field": "order_line",
        },
    ),
    "/website/image/<model>/<id>/<field>": business(
        EVERYONE,
        "image field of a record",
        ids={"model": "res.partner", "id": "{entity}", "field": "image_128"},
    ),
    "/website/image/<model>/<id>/<field>/<int:width>x<int:height>": business(
        EVERYONE,
        "image field of a record",
        ids={
            "model": "res.partner",
            "id": "{entity}",
            "field": "image_128",
            "width": "64",
            "height": "64",
        },
    ),
    "/website/image": business(
        EVERYONE,
        "image of a record",
        params={"model": "ir.attachment", "id": "{attachment}", "field": "datas"},
    ),
    "/website/get_seo_data": business(
        PORTAL, "SEO data of a record", params={"res_id": "{entity}", "res_model": "res.partner"}
    ),
    "/website/field/translation/update": business(
        PORTAL,
        "translate a field of a record",
        params={
            "model": "res.partner",
            "record_id": "{entity}",
            "field_name": "comment",
            "translations": {},
        },
    ),
    "/website/check_can_modify_any": business(
        PORTAL,
        "whether records may be edited",
        params={"records": [{"res_model": "res.partner", "res_id": "{entity}"}]},
    ),
    "/website/snippet/options_filters": business(
        PORTAL,
        "snippet filters of a model",
        params={"model_name": "res.partner", "search_domain": []},
    ),
    "/website/snippet/filters": business(
        EVERYONE,
        "dynamic snippet records; a single record only if the visitor may read it",
        variants=[
            {"filter_id": 1},
            *(
                {
                    "filter_id": 0,
                    "template_key": PRODUCT_SNIPPET,
                    "limit": 1,
                    "res_model": model,
                    "res_id": kind,
                }
                for model, kind in (("res.partner", "{entity}"), ("sale.order", "{order}"))
            ),
        ],
    ),
    "/snippets/category/set_image": business(
        PORTAL, "image of a category", params={"category_id": 1, "attachment_id": "{attachment}"}
    ),
    "/shop/product/extra-media": business(
        PORTAL,
        "images of a product",
        params={"media": [], "type": "product.product", "product_product_id": "{product}"},
    ),
    "/shop/product/clear-images": business(
        PORTAL,
        "remove product images",
        params={"model": "product.product", "product_id": "{product}"},
    ),
    "/shop/product/resequence-image": business(
        PORTAL,
        "order of product images",
        params={"image_res_model": "ir.attachment", "image_res_id": "{attachment}", "move": "left"},
    ),
    "/sale/create_product_variant": business(
        EVERYONE,
        "create a product variant",
        params={"product_template_id": "{template}", "product_template_attribute_value_ids": "[]"},
    ),
    "/base_import/set_file": business(
        PORTAL, "file of an import", params={"id": 1, "ufile": "file"}, method="POST"
    ),
    "/digest/<int:digest_id>/set_periodicity": business(
        PORTAL, "periodicity of a digest", ids={"digest_id": "1"}, params={"periodicity": "daily"}
    ),
    "/digest/<int:digest_id>/unsubscribe": business(
        EVERYONE,
        "unsubscribe from a digest (token)",
        ids={"digest_id": "1"},
        params={"token": WRONG_TOKEN, "user_id": "{user}"},
    ),
    "/digest/<int:digest_id>/unsubscribe_oneclik": business(
        EVERYONE,
        "unsubscribe from a digest (token)",
        ids={"digest_id": "1"},
        params={"token": WRONG_TOKEN, "user_id": "{user}"},
    ),
}

# -------------------------------------------------------------------------- closed for customers
CLOSED_ROUTES = {
    **closed(
        "database manager: needs the master password (list_db is off)",
        "/web/database/backup",
        "/web/database/change_password",
        "/web/database/create",
        "/web/database/drop",
        "/web/database/duplicate",
        "/web/database/list",
        "/web/database/restore",
    ),
    **closed(
        "needs an API key (bearer), with the key's user's access rights",
        "/doc-bearer/<model_name>.json",
        "/doc-bearer/index.json",
        "/json/1/<path:subpath>",
        "/json/2/<__model__>/<__method__>",
        ids={
            "model_name": "res.partner",
            "subpath": "res.partner",
            "__model__": "res.partner",
            "__method__": "search_read",
        },
    ),
    **closed(
        "the distributor API (b2b_api): needs one of the holding's API keys and then runs as "
        "the key's portal user within the key's entities (b2b_api's own tests prove the scope)",
        "/api/v1/",
        "/api/v1/<path:application_path>",
        ids={"application_path": "orders"},
    ),
    **closed(
        "JSON-2 without a model: always 404",
        "/json/2",
        "/json/2/<path:subpath>",
        ids={"subpath": "res.partner"},
    ),
    **closed(
        "API documentation: api_doc.group_allow_doc only",
        "/doc",
        "/doc/<model_name>",
        "/doc/<model_name>.json",
        "/doc/index.html",
        "/doc/index.json",
        ids={"model_name": "res.partner"},
    ),
    **closed(
        "back-office web client and its actions: internal users (actions check the groups)",
        "/web/action/load",
        "/web/action/load_breadcrumbs",
        "/web/action/run",
        "/web/become",
        "/web/webclient/load_menus",
        "/web/view/edit_custom",
        "/web/domain/validate",
        "/web/export/get_fields",
        "/web/export/namelist",
        "/web/pivot/export_xlsx",
        "/web/model/get_definitions",
        "/bus/get_model_definitions",
        "/web/profile_config/<profile>",
        "/web/speedscope/<profile>",
        "/base_setup/data",
        "/base_setup/demo_active",
        "/account/init_tests_shared_js_python",
        "/account/post_tests_shared_js_python",
        '/spreadsheet/dashboard/data/<model("spreadsheet.dashboard"):dashboard>',
        "/product/export/pricelist/",
        "/sale_pdf_quote_builder/quotation_document/upload",
        "/base_import_module/login_upload",
        ids={"profile": "1", "dashboard": "1"},
    ),
    **closed(
        "mail server OAuth callbacks: administrators",
        "/google_gmail/iap_confirm",
        "/microsoft_outlook/iap_confirm",
    ),
    **closed(
        "website editor and settings: website.group_website_restricted_editor or designer",
        "/website/add",
        "/website/add/<path:path>",
        "/website/check_existing_link",
        "/website/check_new_content_access_rights",
        "/website/configurator",
        "/website/configurator/<int:step>",
        "/website/fetch_dashboard_data",
        "/website/force/<int:website_id>",
        "/website/get_alt_images",
        "/website/get_assets_editor_resources",
        "/website/get_new_page_templates",
        "/website/get_suggested_links",
        "/website/get_switchable_related_views",
        "/website/google_font_metadata",
        "/website/reset_template",
        "/website/save_xml",
        "/website/seo_suggest",
        "/website/theme_customize_data",
        "/website/theme_customize_data_get",
        "/website/theme_upload_font",
        "/website/track_installing_modules",
        "/website/update_alt_images",
        "/website/update_broken_links",
        "/website/update_footer_template",
        "/website/save_session_layout_mode",
        "/shop/config/attribute",
        "/shop/config/category",
        "/shop/config/product",
        "/shop/config/website",
        "/web_unsplash/save_unsplash",
        "/html_editor/media_library_search",
        "/html_editor/save_library_media",
        "/html_editor/generate_text",
        "/web_editor/generate_text",
        "/web_editor/save_library_media",
        ids={"path": "probe", "step": "1", "website_id": "1"},
    ),
    **closed(
        "back-office sale configurators: need write access on orders",
        "/sale/combo_configurator/get_data",
        "/sale/combo_configurator/get_price",
        "/sale/product_configurator/create_product",
        "/sale/product_configurator/get_optional_products",
        "/sale/product_configurator/get_values",
        "/sale/product_configurator/update_combination",
    ),
    **closed(
        "shared dashboards: the share's access token",
        "/dashboard/data/<int:share_id>/<token>",
        "/dashboard/download/<int:share_id>/<token>",
        "/dashboard/share/<int:share_id>/<token>",
        ids={"share_id": "1", "token": WRONG_TOKEN},
    ),
    **closed(
        "SMS provider status callback: checks the provider's uuids",
        "/sms/status",
        params={"message_statuses": [{"sms_status": "delivered", "uuids": ["x"]}]},
    ),
    **closed(
        "outside services a customer must not spend (link previews of any URL)",
        "/html_editor/link_preview_external",
        params={"preview_url": "http://127.0.0.1:1/"},
    ),
}

# -------------------------------------------------------------- shared catalog and website content
SHARED_ROUTES = {
    **shared(
        "public shop: the same catalog for everybody (prices of the acting entity)",
        "/shop",
        "/shop/page/<int:page>",
        '/shop/category/<model("product.public.category"):category>',
        '/shop/category/<model("product.public.category"):category>/page/<int:page>',
        '/shop/<model("product.template"):product>',
        '/shop/<model("product.public.category"):category>/<model("product.template"):product>',
        '/shop/product/<model("product.template"):product>',
        '/shop/<model("product.template"):product_template>/document/<int:document_id>',
        "/shop/compare",
        "/shop/compare/get_product_data",
        "/shop/pricelist",
        '/shop/change_pricelist/<model("product.pricelist"):pricelist>',
        "/shop/product/is_add_to_cart_allowed",
        "/shop/products/recently_viewed_update",
        "/shop/products/recently_viewed_delete",
        "/shop/save_shop_layout_mode",
        "/gmc.xml",
        "/website_sale/combo_configurator/get_data",
        "/website_sale/combo_configurator/get_price",
        "/website_sale/get_combination_info",
        "/website_sale/product_configurator/create_product",
        "/website_sale/product_configurator/get_optional_products",
        "/website_sale/product_configurator/get_values",
        "/website_sale/product_configurator/update_combination",
        "/website_sale/should_show_product_configurator",
        ids={
            "page": "2",
            "category": "1",
            "product": "{template}",
            "product_template": "{template}",
            "document_id": "1",
            "pricelist": "1",
        },
    ),
    **shared(
        "public website pages and their search",
        "/",
        "/@/",
        "/@/<path:path>",
        "/pages",
        "/pages/page/<int:page>",
        "/website/search",
        "/website/search/<string:search_type>",
        "/website/search/<string:search_type>/page/<int:page>",
        "/website/search/page/<int:page>",
        "/website/snippet/autocomplete",
        "/website/snippet/filter_templates",
        "/website/info",
        "/website/action/<path_or_xml_id_or_id>",
        "/website/action/<path_or_xml_id_or_id>/<path:path>",
        "/model/<string:page_name_slugified>",
        "/model/<string:page_name_slugified>/<string:record_slug>",
        "/model/<string:page_name_slugified>/page/<int:page_number>",
        '/website/country_infos/<model("res.country"):country>',
        "/website_payment/snippet/supported_payment_methods",
        "/website/form",
        "/terms",
        ids={
            "path": "probe",
            "page": "2",
            "search_type": "all",
            "path_or_xml_id_or_id": "1",
            "page_name_slugified": "probe",
            "record_slug": "probe-1",
            "page_number": "2",
            "country": "{country}",
        },
    ),
    **shared(
        "images of records by XML id or attachment id (access rights of the record)",
        *_image_routes("/web/image"),
        "/website/image/<xmlid>",
        "/website/image/<xmlid>/<field>",
        "/website/image/<xmlid>/<field>/<int:width>x<int:height>",
        "/website/image/<xmlid>/<int:width>x<int:height>",
        ids={
            "id": "{attachment}",
            "unique": "x",
            "width": "64",
            "height": "64",
            "filename": "probe.png",
            "model": "res.partner",
            "field": "image_128",
            "xmlid": "b2b_portal.entity_kolesa_main",
        },
    ),
}

# ----------------------------------------------------------------- the caller's own state only
SELF_ROUTES = {
    **self_only(
        "the caller's own mailbox: messages addressed to him, starred or read by him",
        "/mail/history/messages",
        "/mail/inbox/messages",
        "/mail/starred/messages",
    ),
    **self_only(
        "Unsplash images into the caller's own attachments (the URL must be Unsplash's; "
        "no key is configured)",
        "/web_unsplash/attachment/add",
        "/web_unsplash/fetch_images",
    ),
    **self_only(
        "login, sign-up, password reset and two-factor pages of the caller",
        "/web/login",
        "/web/login/totp",
        "/web/signup",
        "/web/reset_password",
        "/web/session/logout",
        "/web/session/authenticate",
        "/web/login_successful",
        "/auth/passkey/start-auth",
        "/web",
        "/odoo",
        "/odoo/<path:subpath>",
        "/scoped_app/<path:subpath>",
        "/website/lang/<lang>",
        roles=EVERYONE,
    ),
    **self_only(
        "the caller's own session",
        "/web/session/account",
        "/web/session/check",
        "/web/session/destroy",
        "/web/session/get_session_info",
        "/web/session/modules",
    ),
    **self_only(
        "the caller's own bus channels and presence",
        "/websocket",
        "/websocket/on_closed",
        "/websocket/peek_notifications",
        "/websocket/update_bus_presence",
        "/bus/has_missed_notifications",
        "/mail/set_manual_im_status",
        "/mail/guest/update_name",
        "/mail/rtc/session/notify_call_members",
        "/mail/rtc/session/update_and_broadcast",
        roles=EVERYONE,
    ),
    **self_only(
        "the caller's own GIF favourites (Tenor is not configured)",
        "/discuss/gif/add_favorite",
        "/discuss/gif/categories",
        "/discuss/gif/favorites",
        "/discuss/gif/remove_favorite",
        "/discuss/gif/search",
    ),
    **self_only(
        "public chat and meeting links create a channel for the caller only",
        "/chat/<string:create_token>",
        "/chat/<string:create_token>/<string:channel_name>",
        "/meet/<string:create_token>",
        "/meet/<string:create_token>/<string:channel_name>",
        roles=EVERYONE,
    ),
}

# ---------------------------------------------------------------------------- no business records
HARMLESS_ROUTES = {
    **harmless(
        "mail server OAuth callbacks: refused (403) without the state signed for a mail server "
        "(its CSRF token); not probed, as each refusal is logged as an error",
        "/google_gmail/confirm",
        "/microsoft_outlook/confirm",
    ),
    **harmless(
        "back-office pages without records: the test runner, export formats, the PDF engine's "
        "state, the database manager (master password; list_db is off), profiling (only when "
        "an administrator enabled it)",
        "/web/tests",
        "/web/tests/legacy",
        "/web/export/formats",
        "/report/check_wkhtmltopdf",
        "/web/database/manager",
        "/web/database/selector",
        "/web/set_profiling",
    ),
    **harmless(
        "website editor metadata: languages, translated snippets, asset bundles, the iframe "
        "fallback page; no records",
        "/website/get_languages",
        "/website/get_translated_elements",
        "/website/iframefallback",
        "/website/theme_customize_bundle_reload",
    ),
    **harmless(
        "static assets, bundles, manifests and service worker",
        "/web/assets/<int:website_id>/<unique>/<string:filename>",
        "/web/assets/<string:unique>/<string:filename>",
        "/web/bundle/<string:bundle_name>",
        "/bus/websocket_worker_bundle",
        "/web/service-worker.js",
        "/web/manifest.scoped_app_manifest",
        "/web/manifest.webmanifest",
        "/scoped_app",
        "/scoped_app_icon_png",
        "/odoo/offline",
        "/favicon.ico",
        "/robots.txt",
        "/sitemap.xml",
        "/google<string(length=16):key>.html",
        "/web/filestore/<path:_path>",
        "/discuss/voice/worklet_processor",
        "/mail/rtc/audio_worklet_processor_v2",
    ),
    **harmless(
        "translations, versions and health checks",
        "/website/translations",
        "/web/webclient/translations",
        "/web/webclient/bootstrap_translations",
        "/web/webclient/version_info",
        "/web/version",
        "/json/version",
        "/web/health",
        "/websocket/health",
        "/web/session/get_lang_list",
    ),
    **harmless(
        "icons, shapes, fonts, barcodes and logos drawn from the request's own parameters",
        *_font_to_img("/mail"),
        *_font_to_img("/web_editor"),
        "/html_editor/shape/<module>/<path:filename>",
        "/html_editor/image_shape/<string:img_key>/<module>/<path:filename>",
        "/web_editor/shape/<module>/<path:filename>",
        "/web_editor/image_shape/<string:img_key>/<module>/<path:filename>",
        "/web/sign/get_fonts",
        "/web/sign/get_fonts/<string:fontname>",
        "/report/barcode",
        "/report/barcode/<barcode_type>/<path:value>",
        "/logo",
        "/logo.png",
        "/web/binary/company_logo",
    ),
    **harmless(
        "public configuration values of the website",
        "/website/social/<string:social>",
        "/website/get_current_currency",
        "/website/google_maps_api_key",
        "/web_unsplash/get_app_id",
        "/html_editor/get_ice_servers",
        "/web_editor/get_ice_servers",
        "/html_editor/video_url/data",
        "/web_editor/video_url/data",
    ),
}

RPC_ROUTES = rpc(
    "generic RPC: access rights and record rules of each model (test_boundary_models)",
    "/web/dataset/call_kw",
    "/web/dataset/call_kw/<path:path>",
    "/web/dataset/call_button",
    "/web/dataset/call_button/<path:path>",
    "/jsonrpc",
    "/xmlrpc/<service>",
    "/xmlrpc/2/<service>",
)


def _merge(*tables):
    merged = {}
    for table in tables:
        overlap = merged.keys() & table.keys()
        if overlap:
            raise ValueError(f"routes classified twice: {sorted(overlap)}")
        merged.update(table)
    return MappingProxyType(merged)


ROUTES = _merge(
    OUR_ROUTES,
    BUSINESS_ROUTES,
    CLOSED_ROUTES,
    SHARED_ROUTES,
    SELF_ROUTES,
    HARMLESS_ROUTES,
    RPC_ROUTES,
)

# ------------------------------------------------------------------------------------- models
# Every model on which portal or public users (or everybody) have an access right.
#   scope: "holding"  records belong to a customer: another holding's are never returned;
#          "own_user" records of the user himself only;
#          "shared"   the same for every customer (catalog, countries, website);
#          "none"     the access right grants nothing (all permissions off or no rows).
#   foreign: record kinds (KINDS) of the other holding probed on this model;
#   foreign_domain: domain (as superuser) of the other holding's records, with {holding}
#          {entities} {partners} {users} placeholders;
#   writable: operations a portal user may do over RPC on his own records (nothing on our
#          B2B models: they change only through controllers that check the role);
#   sensitive: fields and the roles that may read them on their own entity.
#   A name ending with * stands for every amount (monetary or float field) with that prefix.
MONEY_FIELDS = (
    "risk_*",
    "risk_exception",
    "credit",
    "credit_limit",
    "credit_to_invoice",
    "b2b_turnover",
)


def model(scope, reason, foreign=(), foreign_domain=None, writable=(), sensitive=None):
    return MappingProxyType(
        {
            "scope": scope,
            "reason": reason,
            "foreign": tuple(foreign),
            "foreign_domain": foreign_domain,
            "writable": frozenset(writable),
            "sensitive": MappingProxyType(dict(sensitive or {})),
        }
    )


def _shared_models(reason, *names):
    return {name: model("shared", reason) for name in names}


def _none_models(reason, *names):
    return {name: model("none", reason) for name in names}


MODELS = MappingProxyType(
    {
        # customers' records
        "res.partner": model(
            "holding",
            "partners: a portal user reads his own holding's entities, contacts and addresses",
            foreign=("entity", "entity2", "holding", "contact", "address"),
            foreign_domain=[("id", "child_of", "{holding}")],
            sensitive={
                **dict.fromkeys(MONEY_FIELDS, MONEY),
                "comment": NOBODY,  # the manager's internal notes
            },
        ),
        "res.users": model(
            "holding",
            "users: names of the own holding's users",
            foreign=("user",),
            foreign_domain=[("partner_id", "child_of", "{holding}")],
        ),
        "sale.order": model(
            "holding",
            "orders: own (buyer) or the entity's (head)",
            foreign=("order", "proposal", "pending", "cart"),
            foreign_domain=[("partner_id", "child_of", "{holding}")],
        ),
        "sale.order.line": model(
            "holding",
            "lines of the orders one may read",
            foreign=("order_line", "cart_line"),
            foreign_domain=[("order_id.partner_id", "child_of", "{holding}")],
        ),
        "account.move": model(
            "holding",
            "invoices: head and accountant of the entity",
            foreign=("invoice",),
            foreign_domain=[("commercial_partner_id", "child_of", "{holding}")],
        ),
        "account.move.line": model(
            "holding",
            "lines of the invoices one may read",
            foreign_domain=[("move_id.commercial_partner_id", "child_of", "{holding}")],
        ),
        "stock.picking": model(
            "holding",
            "deliveries: head and accountant of the entity",
            foreign=("picking",),
            foreign_domain=[("partner_id", "child_of", "{holding}")],
        ),
        "rma": model(
            "holding",
            "return requests of the entity",
            foreign=("rma",),
            foreign_domain=[("partner_id", "child_of", "{holding}")],
        ),
        "rma.finalization": model("shared", "reasons for closing a return (configuration)"),
        "b2b.claim": model(
            "holding",
            "claims of the entities one acts for",
            foreign=("claim",),
            foreign_domain=[("entity_id", "child_of", "{holding}")],
        ),
        "b2b.claim.line": model(
            "holding",
            "claimed lines of the claims of the entities one acts for",
            foreign=("claim_line",),
            foreign_domain=[("entity_id", "child_of", "{holding}")],
        ),
        "b2b.contract": model(
            "holding",
            "contracts of the entity",
            foreign=("contract",),
            foreign_domain=[("partner_id", "child_of", "{holding}")],
            sensitive={"credit_limit": MONEY},
        ),
        "b2b.contract.discount": model(
            "holding",
            "discounts of the entity's contract",
            foreign_domain=[("contract_id.partner_id", "child_of", "{holding}")],
        ),
        "b2b.contract.brand.discount": model(
            "holding",
            "brand discounts of the entity's contract",
            foreign_domain=[("contract_id.partner_id", "child_of", "{holding}")],
        ),
        "b2b.customer.article": model(
            "holding",
            "the holding's own article codes",
            foreign=("article",),
            foreign_domain=[("holding_id", "=", "{holding}")],
        ),
        "b2b.entity.access": model(
            "holding",
            "who acts for which entity with which role",
            foreign=("access",),
            foreign_domain=[("entity_id", "child_of", "{holding}")],
        ),
        "b2b.impersonation.log": model(
            "holding",
            "manager's acting-for sessions of the holding",
            foreign=("log",),
            foreign_domain=[("holding_id", "=", "{holding}")],
        ),
        "b2b.impersonation.log.line": model(
            "holding",
            "lines of those sessions",
            foreign_domain=[("log_id.holding_id", "=", "{holding}")],
        ),
        "b2b.portal.job": model(
            "own_user",
            "long portal work of the user who started it",
            foreign=("job",),
            foreign_domain=[("user_id", "in", "{users}")],
        ),
        "b2b.saved.cart": model(
            "holding",
            "saved carts of the entities one orders for",
            foreign=("saved_cart",),
            foreign_domain=[("entity_id", "child_of", "{holding}")],
        ),
        "b2b.saved.cart.line": model(
            "holding",
            "lines of those saved carts",
            foreign=("saved_cart_line",),
            foreign_domain=[("saved_cart_id.entity_id", "child_of", "{holding}")],
        ),
        "mail.message": model(
            "holding",
            "messages of the documents one may read; mail.message checks each message itself "
            "(its author, the access to its document)",
            foreign=("message",),
            foreign_domain=[("model", "=", "res.partner"), ("res_id", "in", "{partners}")],
            writable=("create", "write", "unlink"),
        ),
        "mail.notification": model(
            "own_user",
            "notifications of the user's partner",
            foreign_domain=[("res_partner_id", "in", "{partners}")],
        ),
        "discuss.channel": model(
            "own_user",
            "channels the user is a member of",
            foreign=("channel",),
        ),
        "discuss.channel.member": model(
            "own_user",
            "memberships in the user's channels",
            foreign_domain=[("partner_id", "in", "{partners}")],
            writable=("create", "write", "unlink"),
        ),
        "discuss.call.history": model("own_user", "calls of the user's channels"),
        "payment.token": model(
            "own_user",
            "payment tokens of the user's partner",
            foreign_domain=[("partner_id", "in", "{partners}")],
        ),
        "product.wishlist": model(
            "own_user",
            "the user's wishlist",
            foreign=("wishlist",),
            foreign_domain=[("partner_id", "in", "{partners}")],
            writable=("create", "write", "unlink"),
        ),
        "ir.filters": model(
            "own_user",
            "the user's saved filters",
            foreign=("filter",),
            foreign_domain=[("user_ids", "in", "{users}")],
            writable=("create", "write", "unlink"),
        ),
        "auth.passkey.key": model(
            "own_user",
            "the user's passkeys",
            foreign_domain=[("create_uid", "in", "{users}")],
            writable=("write",),
        ),
        "auth.passkey.key.create": model(
            "own_user", "wizard creating the user's passkey", writable=("create", "write", "unlink")
        ),
        "auth_totp.device": model(
            "own_user", "the user's 2FA devices", foreign_domain=[("user_id", "in", "{users}")]
        ),
        "auth_totp.wizard": model(
            "own_user", "wizard enabling the user's 2FA", writable=("create", "write", "unlink")
        ),
        "res.users.apikeys": model(
            "own_user", "the user's API keys", foreign_domain=[("user_id", "in", "{users}")]
        ),
        "res.users.apikeys.description": model(
            "own_user", "wizard naming a new API key", writable=("create",)
        ),
        "res.users.identitycheck": model(
            "own_user", "password check before a security change", writable=("create", "write")
        ),
        # configuration and catalog, the same for every customer
        **_shared_models(
            "routes of OCA's endpoint framework (the distributor API's mount): technical "
            "configuration, no customer data",
            "endpoint.route.handler",
            "endpoint.route.handler.tool",
        ),
        **_shared_models(
            "catalog: the same products, attributes and categories for every customer",
            "product.template",
            "product.product",
            "product.attribute",
            "product.attribute.category",
            "product.attribute.custom.value",
            "product.attribute.value",
            "product.category",
            "product.image",
            "product.pricelist",
            "product.pricelist.item",
            "product.public.category",
            "product.ribbon",
            "product.tag",
            "product.template.attribute.exclusion",
            "product.template.attribute.line",
            "product.template.attribute.value",
            "uom.uom",
            "website.base.unit",
            "tyre.brand",
            "tyre.model",
            "tyre.vehicle.make",
            "tyre.vehicle.model",
            "tyre.vehicle.modification",
            "tyre.vehicle.size",
            "b2b.region",
            "stock.warehouse",
        ),
        **_shared_models(
            "configuration every customer reads: countries, currencies, languages, taxes, "
            "payment terms and methods, the seller's companies and websites",
            "res.company",
            "res.country",
            "res.country.group",
            "res.country.state",
            "res.currency",
            "res.currency.rate",
            "res.lang",
            "account.fiscal.position",
            "account.payment.term",
            "account.tax",
            "payment.method",
            "mail.message.subtype",
            "website",
            "website.menu",
            "website.controller.page",
            "website.seo.metadata",
            "website.sale.extra.field",
        ),
        **_none_models(
            "the access right has every permission off",
            "bus.bus",
            "crm.team.member",
            "ir.attachment",
            "ir.default",
            "ir.model.inherit",
            "ir.ui.view",
            "onboarding.onboarding",
            "onboarding.onboarding.step",
            "onboarding.progress",
            "onboarding.progress.step",
            "phone.blacklist",
            "rating.rating",
            "res.users.deletion",
            "res.users.settings",
            "sms.sms",
            "sms.template",
            "sms.tracker",
            "website.page.properties",
            "website.page.properties.base",
            "website.rewrite",
            "website.snippet.filter",
        ),
    }
)

# ------------------------------------------------------------------------ public model methods
# Every public method (RPC endpoint) our addons define on a model, by "model.method".
#   button: a back-office button; a customer calling it over RPC on a record (of the kind
#           named, of the other holding) is refused and nothing is written;
#   action: returns a window action or data for the back office; must neither crash nor
#           write for a customer;
#   orm:    an override of create/write/unlink: the access rights decide, proven on every
#           portal model by test_rpc_keeps_to_own_records.
BUTTON = "button"
ACTION = "action"
ORM = "orm"
FORMAT = "format"  # a QWeb field converter: formats the value it is given, reads no record


def method(kind, reason, record=None):
    return MappingProxyType({"kind": kind, "reason": reason, "record": record})


RPC_METHODS = MappingProxyType(
    {
        "account.move.button_cancel": method(BUTTON, "cancel an invoice", "invoice"),
        "account.move.button_draft": method(BUTTON, "reset an invoice to draft", "invoice"),
        "b2b.api.key.action_revoke": method(
            BUTTON, "manager revokes a customer's API key", "api_key"
        ),
        **{
            f"b2b.claim.{name}": method(BUTTON, reason, "claim")
            for name, reason in (
                ("action_create_rma", "manager opens the return / replacement of a claim"),
                ("action_credit_full", "manager credits a claim in full"),
                ("action_credit_proportional", "manager credits a claim by the tread left"),
                ("action_expertise", "manager sends a claim to expertise"),
                ("action_reject", "manager rejects a claim"),
                ("action_request_info", "manager asks the customer for more"),
                ("action_resolve", "manager closes a claim"),
                ("action_review", "manager starts the review of a claim"),
            )
        },
        "b2b.contract.action_activate": method(BUTTON, "activate a contract", "contract"),
        "b2b.contract.action_draft": method(BUTTON, "contract back to draft", "contract"),
        "b2b.contract.action_expire": method(BUTTON, "expire a contract", "contract"),
        "b2b.price.import.action_import": method(BUTTON, "bulk price import (wizard)"),
        "b2b.price.type.action_view_prices": method(ACTION, "prices of a price type"),
        "b2b.registration.action_confirm_user": method(BUTTON, "confirm a registered user"),
        "b2b.registration.action_create_customer": method(BUTTON, "create the customer"),
        "b2b.registration.action_refuse_user": method(BUTTON, "refuse a registered user"),
        "b2b.registration.action_reject": method(BUTTON, "reject a registration"),
        "res.partner.action_b2b_act_for": method(BUTTON, "act for a customer's user", "contact"),
        "res.partner.action_b2b_holding_turnover": method(
            ACTION, "turnover of a holding", "holding"
        ),
        "res.partner.action_b2b_my_customers": method(ACTION, "the manager's customers"),
        "res.partner.action_b2b_my_turnover": method(ACTION, "the manager's turnover"),
        "sale.order.action_b2b_approve": method(BUTTON, "head approves an order", "pending"),
        "sale.order.action_b2b_reject": method(BUTTON, "head rejects an order", "pending"),
        "sale.order.action_b2b_process": method(BUTTON, "manager processes an order", "pending"),
        "sale.order.action_b2b_send_proposal": method(BUTTON, "manager sends a proposal", "order"),
        "sale.order.action_b2b_lift_credit_block": method(
            BUTTON, "manager lifts the credit block", "order"
        ),
        "sale.order.action_confirm": method(BUTTON, "confirm an order", "proposal"),
        "sale.order.line.action_b2b_price_breakdown": method(
            ACTION, "price chain of an order line", "order_line"
        ),
        "tyre.fitment.import.action_import": method(BUTTON, "vehicle fitment import (wizard)"),
        "ir.qweb.field.b2b_number.value_to_html": method(
            FORMAT, "prints a number the Russian way in reports; reads no record"
        ),
        **{
            f"{model}.{name}": method(ORM, "access rights and record rules decide")
            for model, names in (
                ("b2b.claim", ("create", "write")),
                ("b2b.contract", ("create", "write")),
                ("b2b.entity.access", ("create", "write", "unlink")),
                ("b2b.registration", ("create",)),
                ("b2b.saved.cart", ("write",)),
                ("b2b.saved.cart.line", ("write",)),
                ("product.product", ("create", "write", "unlink")),
                ("product.template", ("create", "write", "unlink")),
                ("res.users", ("create",)),
                ("rma", ("write",)),
                ("sale.order", ("create",)),
                ("stock.quant", ("create", "write", "unlink")),
                ("stock.warehouse", ("create", "write")),
                ("tyre.brand", ("write",)),
                ("tyre.model", ("write",)),
            )
            for name in names
        },
    }
)
