"""Orders past their retention period lose the buyer's contact details (the invoice's name,
ward and amounts stay); orders under it, or still open, are untouched; a dry run counts only."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from phohang.accounts.tests.factories import UserFactory
from phohang.catalog.tests.factories import VariantFactory
from phohang.compliance.models import RetentionRun
from phohang.compliance.retention import ERASED, retention_preview, retention_run
from phohang.orders.models import Order
from phohang.orders.tests.factories import place

pytestmark = pytest.mark.django_db


def _order(days_old: int, status: str) -> Order:
    order = place(
        UserFactory(), [(VariantFactory(stock_on_hand=5), 1)], note="Gọi trước"
    ).orders.get()
    Order.objects.filter(pk=order.pk).update(
        status=status, created_at=timezone.now() - datetime.timedelta(days=days_old)
    )
    return order


def test_retention_anonymises_closed_orders_past_their_period_only(settings):
    settings.RETENTION_ORDER_DAYS = 1095
    old = _order(1200, Order.Status.COMPLETED)
    recent = _order(100, Order.Status.COMPLETED)
    old_but_open = _order(1200, Order.Status.SHIPPED)
    assert retention_preview()["orders.Order"] == 1
    seen = []

    run = retention_run(progress=lambda done, total: seen.append((done, total)))

    old.refresh_from_db()
    recent.refresh_from_db()
    old_but_open.refresh_from_db()
    assert (old.recipient_phone, old.note, old.address.street) == ("", "", ERASED)
    assert old.recipient_name and old.total_vnd
    assert recent.recipient_phone and old_but_open.recipient_phone
    assert seen == [(1, 1)]
    step = next(s for s in run.report if s["holding"] == "orders.Order")
    assert (step["action"], step["rows"]) == ("anonymise", 1)
    assert retention_preview()["orders.Order"] == 0


def test_the_command_dry_run_changes_nothing(capsys):
    old = _order(2000, Order.Status.CANCELLED)

    call_command("compliance_retention", "--dry-run")

    assert "would process 1 rows of orders.Order" in capsys.readouterr().out
    old.refresh_from_db()
    assert old.recipient_phone
    assert not RetentionRun.objects.exists()
