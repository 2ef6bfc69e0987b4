"""Markets and their traders."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from phohang.core.audit import AuditContext, audit_record, snapshot
from phohang.core.errors import DomainError

from ..models import Market, Trader

MARKET_FIELDS = (
    "slug",
    "code",
    "name",
    "kind",
    "status",
    "street",
    "ward",
    "area_m2",
    "opens_at",
    "closes_at",
    "goods_groups",
    "description",
    "hub",
)
TRADER_FIELDS = ("stall", "name", "seller", "licence_number", "goods", "goods_group")


def market_create(
    *, data: dict[str, Any], managers: Iterable[Any] = (), context: AuditContext
) -> Market:
    """A new market or supply centre with its managing board (platform staff set markets up)."""
    with transaction.atomic():
        market = Market.objects.create(**{k: v for k, v in data.items() if k in MARKET_FIELDS})
        market.managers.set(managers)
        audit_record(
            context=context,
            action="markets.market.created",
            obj=market,
            after=snapshot(market, ["slug", "name", "kind", "status"]),
        )
    return market


def trader_create(
    *, market: Market, data: dict[str, Any], users: Iterable[Any] = (), context: AuditContext
) -> Trader:
    """A trader at a stall of `market`; the stall number is the market's own, used once."""
    stall = str(data["stall"]).strip().upper()
    if Trader.objects.filter(market=market, stall=stall).exists():
        raise DomainError(
            "stall_taken", _("Another trader already has this stall in this market."), "stall"
        )
    fields = {k: v for k, v in data.items() if k in TRADER_FIELDS} | {"stall": stall}
    with transaction.atomic():
        trader = Trader.objects.create(market=market, **fields)
        trader.users.set(users)
        audit_record(
            context=context,
            action="markets.trader.created",
            obj=trader,
            after=snapshot(trader, ["stall", "name", "goods_group"]) | {"market": market.slug},
        )
    return trader
