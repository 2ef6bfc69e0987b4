"""/api/v1/trade/: demands, offers, matches, quotes and contracts, with per-object access."""

from ninja import Router

from . import deals, postings

router = Router(tags=["trade"])
router.add_router("", postings.router)
router.add_router("", deals.router)
