"""The documents the API takes and gives (pydantic), published in /api/v1/openapi.json."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..lib.limits import MAX_ARTICLES, MAX_ORDER_LINES
from ..lib.text import storable_text

# Free text of a request: what PostgreSQL can store (lib/text.py).
Text = Annotated[str, AfterValidator(storable_text)]
EntityRef = int | Annotated[Text, Field(max_length=50)]

ENTITY_DESCRIPTION = (
    "The legal entity to act for: its id or INN, one of the key's entities. May be left out "
    "when the key acts for one entity only."
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(BaseModel):
    code: str = Field(description="Stable code of the error, e.g. `entity_not_in_scope`.")
    message: str = Field(description="What went wrong, in the language of Accept-Language.")
    details: list[dict] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    error: ErrorBody


class Warehouse(BaseModel):
    id: int
    code: str
    name: str
    city: str


class StockLevel(BaseModel):
    warehouse_id: int
    quantity: int = Field(description="Free stock: on hand minus reserved and promised.")


class CatalogItem(BaseModel):
    product_id: int
    article: str
    name: str
    brand: str
    model: str
    size: str
    width: int | None = None
    profile: int | None = None
    diameter: float | None = None
    season: str
    studded: bool
    runflat: bool
    reinforced: bool
    load_index: int | None = None
    speed_index: str
    vehicle_type: str
    picture_url: str
    pack_size: int
    min_quantity: int
    net_price: float
    currency: str
    stock: list[StockLevel]
    changed_at: datetime | None = None


class CatalogPage(BaseModel):
    items: list[CatalogItem]
    next_cursor: str | None = Field(
        None, description="Pass it as `cursor` for the next page; null on the last page."
    )


class StockPricesRequest(Strict):
    entity: EntityRef | None = Field(None, description=ENTITY_DESCRIPTION)
    articles: list[Annotated[Text, Field(max_length=100)]] = Field(
        description=f"Articles (ours or the holding's own codes), at most {MAX_ARTICLES}; "
        "more are refused with `batch_too_large`."
    )


class StockPriceItem(BaseModel):
    article: str = Field(description="The article as asked.")
    code: str = Field(description="Our article.")
    product_id: int
    name: str
    pack_size: int
    min_quantity: int
    net_price: float
    currency: str
    stock: list[StockLevel]


class ItemError(BaseModel):
    article: str
    code: str
    message: str


class StockPricesResponse(BaseModel):
    items: list[StockPriceItem]
    errors: list[ItemError]


class OrderLineIn(Strict):
    article: Text = Field(max_length=100)
    warehouse: int | Annotated[Text, Field(max_length=100)] = Field(
        description="Warehouse id, or its code or name."
    )
    quantity: int | float = Field(
        description="Whole number above zero, a multiple of the pack size."
    )


class OrderRequest(Strict):
    entity: EntityRef | None = Field(None, description=ENTITY_DESCRIPTION)
    lines: list[OrderLineIn] = Field(
        description=f"At most {MAX_ORDER_LINES} lines; more are refused with `batch_too_large`."
    )
    delivery_address_id: int | None = None
    client_order_ref: Text | None = Field(None, max_length=100, description="Your PO number.")
    comment: Text | None = Field(None, max_length=2000)
    dry_run: bool = Field(False, description="Price and check the order, then create nothing.")


class LineError(BaseModel):
    line: int = Field(description="Index of the line in the request, from 0.")
    article: str
    warehouse: str
    code: str
    message: str


class OrderLine(BaseModel):
    article: str
    product_id: int
    name: str
    warehouse_id: int | None
    quantity: float
    delivered: float
    invoiced: float
    price_unit: float
    price_subtotal: float
    price_total: float


class Amounts(BaseModel):
    currency: str
    amount_untaxed: float
    amount_tax: float
    amount_total: float


class DryRunResult(Amounts):
    dry_run: Literal[True]
    accepted: bool = Field(description="Whether the order would be taken as it is.")
    errors: list[LineError]
    credit_refusal: str | None
    lines: list[OrderLine]


class OrderSummary(Amounts):
    id: int
    name: str
    entity_id: int
    date: datetime
    state: str
    b2b_state: str | None
    client_order_ref: str | None
    changed_at: datetime


class OrdersPage(BaseModel):
    items: list[OrderSummary]
    next_cursor: str | None


class Shipment(BaseModel):
    id: int
    name: str
    state: str
    warehouse_id: int | None
    scheduled_date: datetime | None
    date_done: datetime | None
    tracking_ref: str | None


class Invoice(BaseModel):
    id: int
    name: str
    date: date | None
    state: str
    payment_state: str | None
    amount_total: float
    amount_residual: float


class DocumentRef(BaseModel):
    kind: Literal["payment_invoice", "invoice", "upd", "torg12", "vat_invoice"]
    id: int


class Order(OrderSummary):
    lines: list[OrderLine]
    shipments: list[Shipment]
    invoices: list[Invoice]
    documents: list[DocumentRef]


class Event(BaseModel):
    id: int
    kind: Literal["order.confirmed", "order.shipped", "invoice.posted"]
    time: datetime
    entity_id: int
    order_id: int | None
    data: dict


class EventsPage(BaseModel):
    items: list[Event]
    next_cursor: str = Field(description="Poll again with it; given even when nothing is new.")
