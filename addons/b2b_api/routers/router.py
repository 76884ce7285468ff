"""The operations of /api/v1. Each one resolves the legal entity, then calls the service
(models/b2b_api.py) in the environment of the key's portal user."""

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Header, Path, Query
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response

from odoo.addons.b2b_portal.lib.portal_roles import ORDER, ORDERS_ALL
from odoo.http import content_disposition

from ..exceptions import ApiError
from ..lib.idempotency import IdempotencyKeyError, body_hash, clean_idempotency_key
from ..lib.limits import (
    ARTICLES,
    DEFAULT_PAGE_SIZE,
    ITEMS,
    MAX_ARTICLES,
    MAX_ORDER_LINES,
    MAX_PAGE_SIZE,
    ORDER_LINES,
    BatchTooLarge,
    check_batch,
)
from .dependencies import ApiCallDep
from .schemas import (
    ENTITY_DESCRIPTION,
    CatalogPage,
    DryRunResult,
    ErrorResponse,
    EventsPage,
    Order,
    OrderRequest,
    OrdersPage,
    StockPricesRequest,
    StockPricesResponse,
    Text,
    Warehouse,
)

_ERRORS = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in {
        401: "No key, or an unknown or revoked one (`unauthorized`).",
        403: "The key may not do this (`entity_not_in_scope`, `read_only_key`, ...).",
        404: "No such thing among the key's (`not_found`).",
        413: "Too many items in one request (`batch_too_large`).",
        422: "The request is not valid (`validation_error`, ...).",
        429: "Too many requests with this key (`rate_limited`); see Retry-After.",
    }.items()
}

api_router = APIRouter(responses=_ERRORS)

EntityQuery = Annotated[Text | None, Query(description=ENTITY_DESCRIPTION, max_length=50)]
Cursor = Annotated[
    Text | None, Query(description="The `next_cursor` of the previous page.", max_length=200)
]
Limit = Annotated[
    int,
    Query(
        ge=1,
        description=f"Items per page, at most {MAX_PAGE_SIZE} (more: `batch_too_large`).",
    ),
]
ChangedSince = Annotated[
    datetime | None, Query(description="Only what changed since then (ISO 8601).")
]
DbId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _check_batch(call, what, count, limit):
    try:
        check_batch(what, count, limit)
    except BatchTooLarge as error:
        raise ApiError(413, "batch_too_large", error.render(call.env._)) from None


def _as_json(answer):
    """The answer as it is: the service builds it in the documented shape, and validating
    thousands of items again would cost more than the queries (schemathesis checks it)."""
    return JSONResponse(answer)


def _utc(moment):
    """A naive UTC datetime, as Odoo stores them."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


@api_router.get("/warehouses", response_model=list[Warehouse], tags=["catalog"])
def get_warehouses(call: ApiCallDep, entity: EntityQuery = None):
    """The warehouses the legal entity orders from (those of its sales region)."""
    entity = call.service._b2b_entity(call.key_sudo, entity)
    return call.service._b2b_warehouses(entity)


@api_router.get("/catalog", response_model=CatalogPage, tags=["catalog"])
def get_catalog(
    call: ApiCallDep,
    entity: EntityQuery = None,
    search: Annotated[Text | None, Query(max_length=100)] = None,
    width: Annotated[list[int] | None, Query()] = None,
    profile: Annotated[list[int] | None, Query()] = None,
    diameter: Annotated[list[float] | None, Query()] = None,
    season: Annotated[list[Literal["summer", "winter", "all_season"]] | None, Query()] = None,
    brand: Annotated[list[int] | None, Query(description="Brand ids.")] = None,
    model: Annotated[list[int] | None, Query(description="Tread pattern ids.")] = None,
    vehicle_type: Annotated[
        list[Literal["passenger", "suv", "van", "truck"]] | None, Query()
    ] = None,
    speed_index: Annotated[list[Text] | None, Query()] = None,
    load_index: Annotated[list[int] | None, Query()] = None,
    studded: bool | None = None,
    runflat: bool | None = None,
    reinforced: bool | None = None,
    in_stock: bool = False,
    changed_since: ChangedSince = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE_SIZE,
):
    """Products the legal entity sees in the portal catalog, with tyre attributes, its net
    prices, free stock in its region's warehouses, picture and pack size; filtered like the
    portal, paged by cursor, `changed_since` for an incremental sync."""
    _check_batch(call, ITEMS, limit, MAX_PAGE_SIZE)
    entity = call.service._b2b_entity(call.key_sudo, entity)
    filters = {
        "width": width,
        "profile": profile,
        "diameter": diameter,
        "season": season,
        "brand": brand,
        "model": model,
        "vehicle_type": vehicle_type,
        "speed_index": speed_index,
        "load_index": load_index,
        "studded": None if studded is None else [studded],
        "runflat": None if runflat is None else [runflat],
        "reinforced": None if reinforced is None else [reinforced],
        "in_stock": in_stock,
    }
    return _as_json(
        call.service._b2b_catalog(
            entity,
            {key: value for key, value in filters.items() if value is not None},
            search=search,
            changed_since=_utc(changed_since),
            cursor=cursor,
            limit=limit,
        )
    )


@api_router.post(
    "/stock-prices",
    response_model=StockPricesResponse,
    tags=["catalog"],
    description=f"Net prices and free stock per warehouse of the entity's region for up to "
    f"{MAX_ARTICLES} articles in one call; unknown articles are listed in `errors`.",
)
def post_stock_prices(call: ApiCallDep, request: StockPricesRequest):
    _check_batch(call, ARTICLES, len(request.articles), MAX_ARTICLES)
    entity = call.service._b2b_entity(call.key_sudo, request.entity)
    return _as_json(call.service._b2b_stock_prices(entity, request.articles))


@api_router.post(
    "/orders",
    status_code=201,
    response_model=Order,
    responses={
        200: {"model": DryRunResult, "description": "Dry run: priced and checked, not made."},
        409: {
            "model": ErrorResponse,
            "description": "The Idempotency-Key was used with another body.",
        },
    },
    tags=["orders"],
    description=f"Place an order: a warehouse per line, up to {MAX_ORDER_LINES} lines. The "
    "lines go into a new cart and through the portal's checkout (pack sizes, stock, credit, "
    "processing rules). A line that cannot be ordered refuses the whole order (422, "
    "`order_lines_invalid`, one detail per line). `dry_run` prices and checks only.",
)
def post_order(
    call: ApiCallDep,
    request: Annotated[OrderRequest, Body()],
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            max_length=100,
            description="Retrying with the same key and body gives the first answer; "
            "another body with the same key is refused (409).",
        ),
    ] = None,
):
    _check_batch(call, ORDER_LINES, len(request.lines), MAX_ORDER_LINES)
    service = call.service
    entity = service._b2b_entity(call.key_sudo, request.entity, ORDER)
    payload = request.model_dump()
    try:
        idempotency_key = clean_idempotency_key(idempotency_key)
    except IdempotencyKeyError as error:
        raise ApiError(422, "invalid_idempotency_key", error.render(call.env._)) from None
    if idempotency_key and not request.dry_run:
        Idempotency = call.env["b2b.api.idempotency"]
        digest = body_hash(payload)
        stored = Idempotency._b2b_claim(call.key_sudo.id, idempotency_key, digest)
        if stored:
            stored_digest, status, answer = stored
            if stored_digest != digest:
                raise ApiError(
                    409,
                    "idempotency_conflict",
                    call.env._("This Idempotency-Key was already used for another order request."),
                )
            return JSONResponse(answer, status_code=status)
    status, answer = service._b2b_place_order(entity, payload)
    answer = jsonable_encoder(answer)
    if idempotency_key and not request.dry_run:
        Idempotency._b2b_store(call.key_sudo.id, idempotency_key, status, answer, answer.get("id"))
    return JSONResponse(answer, status_code=status)


@api_router.get("/orders", response_model=OrdersPage, tags=["orders"])
def get_orders(
    call: ApiCallDep,
    entity: EntityQuery = None,
    state: Literal["draft", "sent", "sale", "cancel"] | None = None,
    changed_since: ChangedSince = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE_SIZE,
):
    """Orders of the key's legal entities (or of one), oldest first, paged by cursor."""
    _check_batch(call, ITEMS, limit, MAX_PAGE_SIZE)
    service = call.service
    entity = service._b2b_entity(call.key_sudo, entity, ORDERS_ALL) if entity else None
    return service._b2b_orders(
        call.key_sudo,
        entity=entity,
        state=state,
        changed_since=_utc(changed_since),
        cursor=cursor,
        limit=limit,
    )


@api_router.get("/orders/{order_id}", response_model=Order, tags=["orders"])
def get_order(call: ApiCallDep, order_id: DbId):
    """An order with its lines, state, shipments (state, tracking number), invoices and
    the documents that can be downloaded."""
    service = call.service
    return service._b2b_order_answer(service._b2b_order_or_404(call.key_sudo, order_id))


@api_router.get(
    "/orders/{order_id}/documents/{kind}",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The PDF."}},
    tags=["orders"],
)
def get_order_document(
    call: ApiCallDep,
    order_id: DbId,
    kind: Literal["payment_invoice", "invoice", "upd", "torg12", "vat_invoice"],
    document_id: Annotated[
        int | None,
        Query(ge=1, le=2**31 - 1, description="Which one, when there are several."),
    ] = None,
):
    """The PDF of the order's invoice for payment, invoice, or shipping document (UPD, or
    TORG-12 and VAT invoice as the contract says; the latest one unless `document_id` names
    one of the order's `documents`), once it exists."""
    filename, content = call.service._b2b_document(call.key_sudo, order_id, kind, document_id)
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": content_disposition(filename)},
    )


@api_router.get("/events", response_model=EventsPage, tags=["events"])
def get_events(call: ApiCallDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE_SIZE):
    """What happened to the orders of the key's legal entities (order confirmed, shipped,
    invoice issued), oldest first after `cursor`. The same events go to the key's webhook,
    signed with `X-B2B-Signature: t=<time>,v1=<HMAC-SHA256 of "<time>.<body>">`."""
    _check_batch(call, ITEMS, limit, MAX_PAGE_SIZE)
    return call.service._b2b_events(call.key_sudo, cursor=cursor, limit=limit)
