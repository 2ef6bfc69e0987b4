"""A contract delivery received at a wholesale market: the market's managing board registers the
consignment that fulfils it (phohang.markets), and the delivery counts as received for the buyer."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.core.audit import AuditContext
from phohang.core.errors import Conflict

from .. import events
from ..models import Delivery, SupplyContract
from .transitions import MARKET, transition


@transaction.atomic
def delivery_received_at_market(
    *, delivery: Delivery, user: User, market_name: str, context: AuditContext | None = None
) -> Delivery:
    """Mark `delivery` received at the market `market_name`; the last one completes the contract.

    The caller has checked that `user` manages a market in the contract's destination province
    (markets.services.consignment_register); trade checks only the contract and the move."""
    contract = delivery.contract
    if contract.status != SupplyContract.Status.ACTIVE:
        raise Conflict("contract_not_active", _("This contract is not in force."))
    transition(
        delivery,
        Delivery.Status.RECEIVED,
        actor_kind=MARKET,
        actor=user,
        note=market_name[:200],
        context=context,
        received_at=timezone.now(),
    )
    events.delivery_received_send(delivery)
    if not contract.deliveries.exclude(status=Delivery.Status.RECEIVED).exists():
        transition(
            contract,
            SupplyContract.Status.COMPLETED,
            actor_kind=MARKET,
            actor=user,
            note=market_name[:200],
        )
        events.contract_status_changed_send(contract)
    return delivery
