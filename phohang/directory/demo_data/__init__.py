"""Facts behind the directory demo: parks, craft villages, projects (2025 map of 34 provinces),
and what its manufacturers are made of.

Ward names are those of the current map; coordinates come from the ward's centre where the
administrative-units package knows it, else from the approximate point given here.
"""

from .makers import BRANDS, KEY_PRODUCTS, MAKER_PROVINCES, NAME_FORMS, SPECIALTIES
from .parks import PARKS
from .projects import MARKET_MILESTONES, MILESTONES, PROJECTS
from .villages_hanoi import VILLAGES_HANOI
from .villages_provinces import VILLAGES_PROVINCES

VILLAGES = VILLAGES_HANOI + VILLAGES_PROVINCES

__all__ = [
    "BRANDS",
    "KEY_PRODUCTS",
    "MAKER_PROVINCES",
    "MARKET_MILESTONES",
    "MILESTONES",
    "NAME_FORMS",
    "PARKS",
    "PROJECTS",
    "SPECIALTIES",
    "VILLAGES",
]
