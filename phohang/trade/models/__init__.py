"""Trade connection (B2B): buyer organisations, demands (RFQs), offers, matches, quotes, contracts."""

# Shipped migrations name the attachments' storage by this path.
from phohang.core.uploads import private_storage

from .deals import Delivery, Quote, QuoteAttachment, QuoteMessage, StatusChange, SupplyContract
from .matches import Match, MatchingJob, MatchNotice, OfferTerm
from .postings import BuyerOrganisation, Demand, Offer, Posting
from .units import (
    ALL_MONTHS,
    CERTIFICATION_BITS,
    CERTIFICATION_EQUIVALENTS,
    PER_MONTH,
    UNIT_BASE,
    Frequency,
    Period,
    TradeUnit,
    base_quantity,
    certification_labels,
    certifications_to_mask,
    mask_to_certifications,
    mask_to_months,
    months_to_mask,
)

__all__ = [
    "ALL_MONTHS",
    "CERTIFICATION_BITS",
    "CERTIFICATION_EQUIVALENTS",
    "PER_MONTH",
    "UNIT_BASE",
    "BuyerOrganisation",
    "Delivery",
    "Demand",
    "Frequency",
    "Match",
    "MatchNotice",
    "MatchingJob",
    "Offer",
    "OfferTerm",
    "Period",
    "Posting",
    "Quote",
    "QuoteAttachment",
    "QuoteMessage",
    "StatusChange",
    "SupplyContract",
    "TradeUnit",
    "base_quantity",
    "certification_labels",
    "certifications_to_mask",
    "mask_to_certifications",
    "mask_to_months",
    "months_to_mask",
    "private_storage",
]
