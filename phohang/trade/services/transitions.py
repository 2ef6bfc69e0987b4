"""The one transition function for every trade status machine, with history rows."""

from django.utils.translation import gettext_lazy as _

from ..errors import TradeConflict
from ..models import Delivery, Demand, Offer, Quote, StatusChange, SupplyContract

ALLOWED = {
    Demand: {
        Demand.Status.OPEN: {Demand.Status.CLOSED, Demand.Status.AWARDED, Demand.Status.CANCELLED},
        Demand.Status.CLOSED: {Demand.Status.OPEN, Demand.Status.AWARDED, Demand.Status.CANCELLED},
    },
    Offer: {
        Offer.Status.ACTIVE: {Offer.Status.PAUSED, Offer.Status.WITHDRAWN},
        Offer.Status.PAUSED: {Offer.Status.ACTIVE, Offer.Status.WITHDRAWN},
    },
    Quote: {
        Quote.Status.SUBMITTED: {
            Quote.Status.ACCEPTED,
            Quote.Status.REJECTED,
            Quote.Status.WITHDRAWN,
        },
    },
    SupplyContract: {
        SupplyContract.Status.ACTIVE: {
            SupplyContract.Status.COMPLETED,
            SupplyContract.Status.CANCELLED,
        },
    },
    Delivery: {
        Delivery.Status.SCHEDULED: {Delivery.Status.SHIPPED, Delivery.Status.RECEIVED},
        Delivery.Status.SHIPPED: {Delivery.Status.RECEIVED},
    },
}


def history_add(obj, *, from_status: str, to_status: str, actor=None, note: str = "") -> None:
    StatusChange.objects.create(
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        from_status=from_status,
        to_status=to_status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        note=note[:200],
    )


def transition(obj, to_status: str, *, actor=None, note: str = "", **fields):
    """Move `obj` to `to_status` if legal and nobody moved it first; write one history row.

    The UPDATE is conditional on the status read by the caller, so of two concurrent requests
    only one changes the row; the other gets TradeConflict (HTTP 409).
    """
    model = type(obj)
    current = obj.status
    if to_status not in ALLOWED[model].get(current, set()):
        raise TradeConflict(
            "illegal_transition",
            _("This action is not possible in the current state."),
        )
    updated = model.objects.filter(pk=obj.pk, status=current).update(status=to_status, **fields)
    if updated == 0:
        raise TradeConflict(
            "changed_meanwhile", _("Someone else changed this just now; reload and try again.")
        )
    obj.status = to_status
    for name, value in fields.items():
        setattr(obj, name, value)
    history_add(obj, from_status=current, to_status=to_status, actor=actor, note=note)
    return obj
