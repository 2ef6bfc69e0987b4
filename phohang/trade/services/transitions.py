"""The trade status machines (demands, offers, quotes, contracts, deliveries) on core's helper."""

from typing import Any

from phohang.accounts.models import User
from phohang.core.audit import AuditContext
from phohang.core.transitions import Move, StateMachine, history_start
from phohang.core.transitions import transition as machine_transition

from ..models import Delivery, Demand, Offer, Quote, StatusChange, SupplyContract

type TradeObject = Demand | Offer | Quote | SupplyContract | Delivery

# Who acts: a member of the buying organisation, a member of the selling seller, platform staff;
# MARKET: the managing board of a wholesale market a delivery arrives at (markets context).
BUYER, SELLER, STAFF, MARKET = "buyer", "seller", "staff", "market"


def _history(move: Move) -> None:
    StatusChange.objects.create(
        object_type=move.obj._meta.model_name or "",
        object_id=move.obj.pk,
        from_status=move.from_status,
        to_status=move.to_status,
        actor=move.actor,
        note=move.note[:200],
        created_at=move.at,
    )


_D, _O, _Q = Demand.Status, Offer.Status, Quote.Status
_C, _V = SupplyContract.Status, Delivery.Status
_DEMAND_OWNERS = frozenset({BUYER, STAFF})
MACHINES: dict[type, StateMachine] = {
    Demand: StateMachine(
        name="trade.demand",
        moves={
            (_D.OPEN, _D.CLOSED): _DEMAND_OWNERS,
            (_D.OPEN, _D.AWARDED): _DEMAND_OWNERS,
            (_D.OPEN, _D.CANCELLED): _DEMAND_OWNERS,
            (_D.CLOSED, _D.OPEN): _DEMAND_OWNERS,
            (_D.CLOSED, _D.AWARDED): _DEMAND_OWNERS,
            (_D.CLOSED, _D.CANCELLED): _DEMAND_OWNERS,
        },
        history=_history,
    ),
    Offer: StateMachine(
        name="trade.offer",
        moves={
            (_O.ACTIVE, _O.PAUSED): {SELLER},
            (_O.ACTIVE, _O.WITHDRAWN): {SELLER},
            (_O.PAUSED, _O.ACTIVE): {SELLER},
            (_O.PAUSED, _O.WITHDRAWN): {SELLER},
        },
        history=_history,
    ),
    Quote: StateMachine(
        name="trade.quote",
        moves={
            (_Q.SUBMITTED, _Q.ACCEPTED): {BUYER},
            (_Q.SUBMITTED, _Q.REJECTED): {BUYER},
            (_Q.SUBMITTED, _Q.WITHDRAWN): {SELLER},
        },
        history=_history,
    ),
    SupplyContract: StateMachine(
        name="trade.contract",
        moves={(_C.ACTIVE, _C.COMPLETED): {BUYER, MARKET}, (_C.ACTIVE, _C.CANCELLED): {STAFF}},
        history=_history,
    ),
    Delivery: StateMachine(
        name="trade.delivery",
        moves={
            (_V.SCHEDULED, _V.SHIPPED): {SELLER},
            (_V.SCHEDULED, _V.RECEIVED): {BUYER, MARKET},
            (_V.SHIPPED, _V.RECEIVED): {BUYER, MARKET},
        },
        history=_history,
    ),
}


def history_add(obj: TradeObject, *, actor: User | None = None) -> None:
    """The first history row of a new demand, offer, quote or contract."""
    history_start(MACHINES[type(obj)], obj, actor=actor)


def transition[T: TradeObject](
    obj: T,
    to_status: str,
    *,
    actor_kind: str,
    actor: User | None = None,
    note: str = "",
    context: AuditContext | None = None,
    audit_fields: tuple[str, ...] = (),
    **fields: Any,
) -> T:
    """Move a trade object along its machine (core.transitions.transition); 409 for a loser."""
    return machine_transition(
        MACHINES[type(obj)],
        obj,
        to=to_status,
        actor_kind=actor_kind,
        actor=actor,
        note=note,
        fields=fields,
        context=context,
        audit_fields=audit_fields,
    )
