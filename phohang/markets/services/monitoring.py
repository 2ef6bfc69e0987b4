"""The authority's settings for price monitoring and the city's daily-need table."""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError

from ..models import AlertSubscription, DailyNeed, GoodsGroup, MonitoringSetting


@transaction.atomic
def need_save(
    *,
    goods_group: str,
    tonnes_per_day: Decimal,
    source: str = "",
    user: Any,
    context: AuditContext,
) -> DailyNeed:
    """Set the city's daily need of a goods group (tonnes per day)."""
    if goods_group not in GoodsGroup.values:
        raise DomainError("goods_group", _("Unknown goods group."), "goods_group")
    if tonnes_per_day <= 0:
        raise DomainError(
            "need_positive", _("The daily need must be more than zero tonnes."), "tonnes_per_day"
        )
    before = DailyNeed.objects.filter(goods_group=goods_group).first()
    need, _created = DailyNeed.objects.update_or_create(
        goods_group=goods_group,
        defaults={
            "tonnes_per_day": tonnes_per_day,
            "source": source,
            "updated_by": user,
            "updated_at": timezone.now(),
        },
    )
    audit_record(
        context=context,
        action="markets.need.saved",
        obj=need,
        before={"tonnes_per_day": str(before.tonnes_per_day)} if before else {},
        after={"goods_group": goods_group, "tonnes_per_day": str(tonnes_per_day)},
    )
    return need


@transaction.atomic
def threshold_save(*, percent: Decimal, user: Any, context: AuditContext) -> MonitoringSetting:
    """The share (1–90 %) a price may move from its 7-day median before an alert is raised."""
    if not Decimal(1) <= percent <= Decimal(90):
        raise DomainError(
            "threshold_range",
            _("The threshold is a share between 1 and 90 %."),
            "alert_threshold_percent",
        )
    setting = MonitoringSetting.objects.select_for_update().first() or MonitoringSetting()
    before = str(setting.alert_threshold_percent)
    setting.alert_threshold_percent = percent
    setting.updated_by = user
    setting.updated_at = timezone.now()
    setting.save()
    audit_record(
        context=context,
        action="markets.threshold.saved",
        obj=setting,
        before={"percent": before},
        after={"percent": str(percent)},
    )
    return setting


def alert_subscription_set(*, user: Any, is_subscribed: bool) -> bool:
    """Whether an officer receives price alerts as notifications."""
    if is_subscribed:
        AlertSubscription.objects.get_or_create(user=user)
    else:
        AlertSubscription.objects.filter(user=user).delete()
    return is_subscribed
