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
from .profiles import (
    ManufacturerProfile,
    can_edit_manufacturer,
    manufacturer_profile_update,
)
from .projects import MilestoneData, milestone_add, milestone_update, project_document_add
from .villages import can_manage_village, village_shop_link, village_shop_unlink

__all__ = [
    "InquiryData",
    "LEAD",
    "ManufacturerProfile",
    "MilestoneData",
    "OPERATOR",
    "ParkFacts",
    "PlotData",
    "SourcingNeed",
    "can_edit_manufacturer",
    "can_manage_village",
    "inquiry_move",
    "inquiry_send",
    "is_manufacturer_member",
    "is_park_operator",
    "key_product_tag",
    "key_product_untag",
    "manufacturer_profile_update",
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
    "village_shop_link",
    "village_shop_unlink",
]
