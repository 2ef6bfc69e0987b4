"""Every state change of the trade context (see the modules for each part)."""

from .market_delivery import delivery_received_at_market
from .matching_jobs import match_notify, matching_run, matching_start
from .postings import (
    DemandData,
    OfferData,
    demand_create,
    demand_set_status,
    demand_update,
    is_organisation_member,
    is_seller_member,
    offer_create,
    offer_set_status,
    offer_update,
    organisation_create,
    organisation_member_add,
)
from .quotes import (
    QuoteData,
    delivery_dates,
    delivery_mark_received,
    delivery_mark_shipped,
    quote_accept,
    quote_message_post,
    quote_reject,
    quote_submit,
    quote_withdraw,
)
from .transitions import transition

__all__ = [
    "DemandData",
    "OfferData",
    "QuoteData",
    "delivery_dates",
    "delivery_mark_received",
    "delivery_mark_shipped",
    "delivery_received_at_market",
    "demand_create",
    "demand_set_status",
    "demand_update",
    "is_organisation_member",
    "is_seller_member",
    "match_notify",
    "matching_run",
    "matching_start",
    "offer_create",
    "offer_set_status",
    "offer_update",
    "organisation_create",
    "organisation_member_add",
    "quote_accept",
    "quote_message_post",
    "quote_reject",
    "quote_submit",
    "quote_withdraw",
    "transition",
]
