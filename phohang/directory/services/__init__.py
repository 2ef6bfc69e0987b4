"""Writes of the directory: parks and leads, manufacturers, projects."""

from .makers import (
    SourcingNeed,
    is_manufacturer_member,
    key_product_tag,
    key_product_untag,
    manufacturer_search_refresh,
    manufacturer_search_text,
    manufacturer_terms,
    sourcing_need_post,
)
from .parks import (
    LEAD,
    OPERATOR,
    InquiryData,
    ParkFacts,
    PlotData,
    inquiry_move,
    inquiry_send,
    is_park_operator,
    park_change_review,
    park_facts_propose,
    park_file_propose,
    plot_propose,
)
from .projects import MilestoneData, milestone_add, milestone_update, project_document_add

__all__ = [
    "LEAD",
    "OPERATOR",
    "InquiryData",
    "MilestoneData",
    "ParkFacts",
    "PlotData",
    "SourcingNeed",
    "inquiry_move",
    "inquiry_send",
    "is_manufacturer_member",
    "is_park_operator",
    "key_product_tag",
    "key_product_untag",
    "manufacturer_search_refresh",
    "manufacturer_search_text",
    "manufacturer_terms",
    "milestone_add",
    "milestone_update",
    "park_change_review",
    "park_facts_propose",
    "park_file_propose",
    "plot_propose",
    "project_document_add",
    "sourcing_need_post",
]
