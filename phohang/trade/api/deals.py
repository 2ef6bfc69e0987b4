"""Quotes on demands, their threads, and the supply contracts accepted quotes become."""

from uuid import UUID

from django.http import Http404
from ninja import Router, Status
from ninja.pagination import paginate

from phohang.core.api import CappedPageNumberPagination
from phohang.core.audit import audit_context_from_request

from .. import selectors, services
from .postings import my_seller
from .schemas import AcceptIn, ContractOut, DeliveryOut, MessageIn, MessageOut, QuoteIn, QuoteOut

router = Router()


@router.get("/demands/{demand_id}/quotes", response=list[QuoteOut], summary="Quotes to compare")
def demand_quotes(request, demand_id: UUID):
    demand = selectors.demand_get_for_member(request.auth, demand_id)
    return list(selectors.quotes_for_demand(demand).select_related("demand"))


@router.post("/demands/{demand_id}/quotes", response={201: QuoteOut}, summary="Send a quote")
def quote_submit(request, demand_id: UUID, payload: QuoteIn):
    demand = selectors.demand_get_for_user(request.auth, demand_id)
    seller = my_seller(request, payload.seller_id)
    quote = services.quote_submit(
        user=request.auth,
        seller=seller,
        demand=demand,
        data=services.QuoteData(
            price_per_unit_vnd=payload.price_per_unit_vnd,
            quantity=payload.quantity,
            delivery_start=payload.delivery_start,
            delivery_end=payload.delivery_end,
            valid_until=payload.valid_until,
            note=payload.note,
        ),
    )
    return Status(201, quote)


# Quotes


@router.get("/quotes", response=list[QuoteOut], summary="Quotes you sent or received")
@paginate(CappedPageNumberPagination)
def quote_list(request):
    return selectors.quotes_visible_to(request.auth).order_by("-created_at")


@router.get("/quotes/{quote_id}", response=QuoteOut, summary="One quote")
def quote_get(request, quote_id: UUID):
    return selectors.quote_get_for_user(request.auth, quote_id)


@router.post(
    "/quotes/{quote_id}/accept",
    response={201: ContractOut},
    summary="Accept (all or part of) a quote; 409 if someone else got there first",
)
def quote_accept(request, quote_id: UUID, payload: AcceptIn):
    quote = selectors.quote_get_for_user(request.auth, quote_id)
    contract = services.quote_accept(
        user=request.auth,
        quote=quote,
        quantity=payload.quantity,
        context=audit_context_from_request(request),
    )
    return Status(201, contract)


@router.post("/quotes/{quote_id}/reject", response=QuoteOut, summary="Decline a quote")
def quote_reject(request, quote_id: UUID):
    quote = selectors.quote_get_for_user(request.auth, quote_id)
    return services.quote_reject(
        user=request.auth,
        quote=quote,
        context=audit_context_from_request(request),
    )


@router.post("/quotes/{quote_id}/withdraw", response=QuoteOut, summary="Withdraw your quote")
def quote_withdraw(request, quote_id: UUID):
    quote = selectors.quote_get_for_user(request.auth, quote_id)
    return services.quote_withdraw(user=request.auth, quote=quote)


@router.get("/quotes/{quote_id}/messages", response=list[MessageOut], summary="Question thread")
def quote_messages(request, quote_id: UUID):
    quote = selectors.quote_get_for_user(request.auth, quote_id)
    return list(quote.messages.all())


@router.post("/quotes/{quote_id}/messages", response={201: MessageOut}, summary="Ask or answer")
def quote_message_post(request, quote_id: UUID, payload: MessageIn):
    quote = selectors.quote_get_for_user(request.auth, quote_id)
    message = services.quote_message_post(user=request.auth, quote=quote, body=payload.body)
    return Status(201, message)


# Contracts


@router.get("/contracts", response=list[ContractOut], summary="Your supply contracts")
@paginate(CappedPageNumberPagination)
def contract_list(request):
    return (
        selectors.contracts_visible_to(request.auth)
        .select_related("quote")
        .prefetch_related("deliveries")
        .order_by("-signed_at")
    )


@router.get("/contracts/{contract_id}", response=ContractOut, summary="One supply contract")
def contract_get(request, contract_id: UUID):
    return selectors.contract_get_for_user(request.auth, contract_id)


@router.post(
    "/contracts/{contract_id}/deliveries/{sequence}/{action}",
    response=DeliveryOut,
    summary="Mark a delivery shipped (supplier) or received (buyer)",
)
def delivery_update(request, contract_id: UUID, sequence: int, action: str):
    service = {
        "shipped": services.delivery_mark_shipped,
        "received": services.delivery_mark_received,
    }.get(action)
    if service is None:
        raise Http404
    delivery = selectors.delivery_get_for_user(request.auth, contract_id, sequence)
    return service(
        user=request.auth, delivery=delivery, context=audit_context_from_request(request)
    )
