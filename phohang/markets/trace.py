"""What the public trace of a consignment shows: the path from farm to buyer and the producer
as a business, never a person."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Consignment


def trace_steps(consignment: Consignment) -> list[dict]:
    """Farm → hub → market → buyer, each step with what is known of it."""
    events = {event.to_status: event.created_at for event in consignment.events.all()}
    origin = consignment.origin_province.name
    if consignment.origin_ward_id:
        origin = f"{consignment.origin_ward.name}, {origin}"
    steps = [
        {
            "title": _("Farm"),
            "place": origin,
            "when": consignment.harvest_date,
            "text": _("Harvested or produced"),
            "done": True,
        }
    ]
    hub = consignment.market.hub
    if hub is not None:
        steps.append(
            {
                "title": _("Hub"),
                "place": hub.name,
                "when": None,
                "text": _("Goods in and out of the market's logistics hub"),
                "done": True,
            }
        )
    steps.append(
        {
            "title": _("Market"),
            "place": consignment.market.name,
            "when": timezone.localtime(consignment.arrived_at),
            "text": _("Arrived and registered"),
            "done": True,
        }
    )
    sold = events.get(Consignment.Status.ON_SALE) or events.get(Consignment.Status.SOLD_OUT)
    steps.append(
        {
            "title": _("Buyer"),
            "place": consignment.market.name,
            "when": timezone.localtime(sold) if sold else None,
            "text": (
                _("Sold out")
                if consignment.status == Consignment.Status.SOLD_OUT
                else _("On sale to buyers")
                if consignment.status == Consignment.Status.ON_SALE
                else _("Not on sale yet")
            ),
            "done": consignment.status in (Consignment.Status.ON_SALE, Consignment.Status.SOLD_OUT),
        }
    )
    return steps


def producer_label(consignment: Consignment) -> str:
    """The producer as the public sees it: a business name, never a person's."""
    from phohang.sellers.models import SellerType

    seller = consignment.producer_seller
    if seller is not None:
        if seller.seller_type in (SellerType.HOUSEHOLD, SellerType.INDIVIDUAL):
            return _("A household producer in %(province)s") % {
                "province": consignment.origin_province.name
            }
        return seller.name
    return consignment.producer_name
