"""Cart, checkout (with Idempotency-Key) and orders over /api/v1/orders/; others' ids answer 404."""

import json
from collections.abc import Callable
from typing import Literal
from uuid import UUID

from django.http import HttpResponse
from ninja import Field, Header, Router, Schema
from ninja.pagination import paginate

from phohang.core.api import ApiError, CappedPageNumberPagination
from phohang.core.idempotency import IdempotencyConflict, IdempotencyInFlight, idempotent_call
from phohang.core.text import clean_line
from phohang.geo.selectors import ward_with_province

from . import selectors, services
from .models import Order

LARGEST_ID = 2**63 - 1  # the largest primary key a 64-bit column holds

router = Router(tags=["orders"])
PUBLIC_OPERATIONS: frozenset[str] = frozenset()


class CartLineIn(Schema):
    variant_id: int = Field(ge=1)
    quantity: int = Field(ge=0, le=999)


class CartLineOut(Schema):
    variant_id: int
    title: str
    quantity: int
    unit_price_vnd: int
    price_seen_vnd: int


class CartOut(Schema):
    lines: list[CartLineOut]
    count: int


class CheckoutItemIn(Schema):
    variant_id: int = Field(ge=1)
    quantity: int = Field(ge=1, le=999)


class CheckoutIn(Schema):
    recipient_name: str = Field(min_length=1, max_length=120)
    recipient_phone: str = Field(pattern=r"^\+?[0-9 .]{9,16}$")
    street: str = Field(min_length=2, max_length=200)
    ward_code: str = Field(min_length=5, max_length=5)
    payment_method: Literal["cod", "vietqr", "vnpay"]
    items: list[CheckoutItemIn] | None = Field(None, max_length=100)
    expected_total_vnd: int | None = Field(None, ge=0)
    note: str = Field("", max_length=300)


class OrderLineOut(Schema):
    title: str
    sku: str
    unit_price_vnd: int
    quantity: int


class OrderOut(Schema):
    id: UUID = Field(alias="public_id")
    number: str
    status: str
    seller: str = Field(alias="seller.name")
    payment_method: str
    subtotal_vnd: int
    shipping_vnd: int
    total_vnd: int
    checkout_id: UUID = Field(alias="checkout.public_id")
    created_at: str

    @staticmethod
    def resolve_created_at(obj) -> str:
        return obj.created_at.isoformat()


class OrderDetailOut(OrderOut):
    lines: list[OrderLineOut]
    carrier: str
    tracking_number: str

    @staticmethod
    def resolve_lines(obj):
        return list(obj.lines.all())


def _cart_out(user) -> dict:
    cart = selectors.cart_for(user=user)
    lines = list(selectors.cart_lines(cart))
    return {
        "lines": [
            {
                "variant_id": line.variant_id,
                "title": str(line.variant),
                "quantity": line.quantity,
                "unit_price_vnd": line.variant.price_vnd,
                "price_seen_vnd": line.price_seen_vnd,
            }
            for line in lines
        ],
        "count": sum(line.quantity for line in lines),
    }


def _translate(message, language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        return str(message)


@router.get("/cart", response=CartOut, summary="The signed-in buyer's cart")
def cart_get(request):
    return _cart_out(request.user)


@router.post("/cart/lines", response=CartOut, summary="Set a cart line's quantity (0 removes it)")
def cart_line_set(request, payload: CartLineIn):
    if payload.variant_id > LARGEST_ID:
        # No row has it; refused as out of range on every database (SQLite raises this itself).
        raise OverflowError("variant_id")
    cart = services.cart_get_or_create(user=request.user)
    try:
        services.cart_line_set(cart=cart, variant_id=payload.variant_id, quantity=payload.quantity)
    except services.CartError as error:
        raise ApiError(409, "cart_refused", str(error), str(error)) from error
    return _cart_out(request.user)


def _place(request, payload: CheckoutIn) -> tuple[int, str]:
    ward = ward_with_province(payload.ward_code)
    if ward is None:
        return 422, json.dumps(
            {
                "error": {
                    "code": "invalid",
                    "message": {"vi": "Phường/xã không hợp lệ.", "en": "Unknown ward."},
                }
            }
        )
    if payload.items is not None:
        items = [(item.variant_id, item.quantity) for item in payload.items]
        prices_seen = None
    else:
        cart = selectors.cart_for(user=request.user)
        lines = list(selectors.cart_lines(cart))
        items = [(line.variant_id, line.quantity) for line in lines]
        prices_seen = {line.variant_id: line.price_seen_vnd for line in lines}
    try:
        placed = services.checkout_place(
            buyer=request.user,
            items=items,
            street=clean_line(payload.street),
            ward=ward,
            province=ward.province,
            recipient_name=clean_line(payload.recipient_name),
            recipient_phone=payload.recipient_phone,
            payment_method=payload.payment_method,
            prices_seen=prices_seen,
            expected_total_vnd=payload.expected_total_vnd,
            note=clean_line(payload.note),
            # idempotent_call rolls the transaction back when this refuses.
            savepoint=False,
        )
    except services.SoldOut as error:
        return 409, _error_body("out_of_stock", error)
    except services.PriceChanged as error:
        body = json.loads(_error_body("price_changed", error))
        body["error"]["total_vnd"] = error.preview.total_vnd
        return 409, json.dumps(body)
    except services.CheckoutError as error:
        return 422, _error_body("checkout_refused", error)
    orders = placed.orders_placed
    body = {
        "id": str(placed.public_id),
        "reference": placed.reference,
        "payment_method": placed.payment_method,
        "total_vnd": placed.total_vnd,
        "reserved_until": placed.reserved_until.isoformat() if placed.reserved_until else None,
        "orders": [
            {
                "id": str(o.public_id),
                "number": o.number,
                "status": o.status,
                "total_vnd": o.total_vnd,
            }
            for o in orders
        ],
    }
    return 201, json.dumps(body)


def _error_body(code: str, error: Exception) -> str:
    message = error.args[0] if error.args else ""
    return json.dumps(
        {
            "error": {
                "code": code,
                "message": {"vi": _translate(message, "vi"), "en": _translate(message, "en")},
            }
        },
        ensure_ascii=False,
    )


@router.post(
    "/checkout",
    summary="Check out the cart (or `items`): one order per seller; needs an Idempotency-Key",
    response={201: dict, 409: dict, 422: dict},
)
def checkout_create(
    request,
    payload: CheckoutIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", min_length=8, max_length=100),
):
    return keyed_response(
        idempotent_call,
        user=request.user,
        scope="checkout",
        key=idempotency_key,
        payload=payload.dict(),
        call=lambda: _place(request, payload),
    )


def keyed_response(run: Callable[..., tuple[int, str, bool]], **kwargs) -> HttpResponse:
    """Run an idempotent call (checkout, pay, refund) and answer with its stored response,
    marked when replayed; a reused or busy key gets the API's bilingual error."""
    try:
        status, body, replayed = run(**kwargs)
    except IdempotencyConflict as error:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "Khóa Idempotency-Key đã dùng cho một yêu cầu khác.",
            "This Idempotency-Key was used with a different request.",
        ) from error
    except IdempotencyInFlight as error:
        raise ApiError(
            409,
            "idempotency_key_in_flight",
            "Yêu cầu đầu tiên với khóa này vẫn đang xử lý.",
            "The first request with this key is still being processed.",
        ) from error
    response = HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    if replayed:
        response["Idempotent-Replayed"] = "true"
    return response


@router.get(
    "/", response=list[OrderOut], summary="Your orders, or your shop's with ?as_seller=true"
)
@paginate(CappedPageNumberPagination)
def order_list(request, as_seller: bool = False, status: Order.Status | None = None):
    if as_seller:
        return selectors.order_list_for_seller(request.user, status=status or "").select_related(
            "seller", "checkout"
        )
    orders = selectors.order_list_for_buyer(request.user).select_related("checkout")
    return orders.filter(status=status) if status else orders


@router.get(
    "/{public_id}", response=OrderDetailOut, summary="One order (buyer or the shop's staff)"
)
def order_detail(request, public_id: UUID):
    order, _side = selectors.order_get_for_party(request.user, public_id)
    return order


class SavedAddressIn(Schema):
    label: str = Field("", max_length=60)
    recipient_name: str = Field(min_length=1, max_length=120)
    recipient_phone: str = Field(pattern=r"^\+?[0-9 .]{9,16}$")
    street: str = Field(min_length=2, max_length=200)
    ward_code: str = Field(min_length=5, max_length=5)
    make_default: bool = False


class SavedAddressOut(Schema):
    id: UUID = Field(alias="public_id")
    label: str
    recipient_name: str
    recipient_phone: str
    street: str = Field(alias="address.street")
    ward_code: str = Field(alias="address.ward_id")
    province_code: str = Field(alias="address.province_id")
    is_default: bool


@router.get(
    "/addresses/", response=list[SavedAddressOut], summary="Your address book, the default first"
)
def saved_address_list(request):
    return list(selectors.saved_address_list(request.user))


@router.post("/addresses/", response={201: SavedAddressOut}, summary="Add an address to your book")
def saved_address_create(request, payload: SavedAddressIn):
    ward = ward_with_province(payload.ward_code)
    if ward is None:
        raise ApiError(
            422, "unknown_ward", "Không tìm thấy phường/xã này.", "This ward was not found."
        )
    saved = services.saved_address_add(
        user=request.user,
        street=clean_line(payload.street),
        ward=ward,
        province=ward.province,
        recipient_name=clean_line(payload.recipient_name),
        recipient_phone=payload.recipient_phone,
        label=clean_line(payload.label),
        make_default=payload.make_default,
    )
    return 201, saved


@router.get("/addresses/{public_id}", response=SavedAddressOut, summary="One of your addresses")
def saved_address_detail(request, public_id: UUID):
    return selectors.saved_address_get(request.user, public_id)


@router.post(
    "/addresses/{public_id}/default",
    response=SavedAddressOut,
    summary="Make this address your default",
)
def saved_address_default(request, public_id: UUID):
    saved = selectors.saved_address_get(request.user, public_id)
    return services.saved_address_make_default(user=request.user, saved=saved)


@router.delete("/addresses/{public_id}", response={204: None}, summary="Delete an address")
def saved_address_remove(request, public_id: UUID):
    saved = selectors.saved_address_get(request.user, public_id)
    services.saved_address_delete(user=request.user, saved=saved)
    return 204, None
