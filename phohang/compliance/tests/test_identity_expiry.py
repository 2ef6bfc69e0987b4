"""Sellers verified before expiries existed get one, so that "missing or expired identification
cannot publish or sell" holds for them too."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from phohang.catalog import services as catalog_services
from phohang.catalog.models import Product, ProductVariant
from phohang.catalog.tests.factories import ProductFactory, VariantFactory
from phohang.compliance.services.identity import identification_expiry_backfill
from phohang.compliance.tasks import identifications_lapse_task
from phohang.sellers.models import IdentityLevel, Seller
from phohang.sellers.tests.factories import SellerFactory

pytestmark = pytest.mark.django_db


def test_backfill_sets_the_expiry_from_the_identification_date(settings):
    settings.IDENTIFICATION_VALIDITY_DAYS = 730
    now = timezone.now()
    recent = SellerFactory(
        identity_level=IdentityLevel.MANUAL,
        identity_verified_at=now - datetime.timedelta(days=100),
        identity_expires_at=None,
    )
    old = SellerFactory(
        identity_level=IdentityLevel.MANUAL,
        identity_verified_at=now - datetime.timedelta(days=800),
        identity_expires_at=None,
    )
    unidentified = SellerFactory(
        is_verified=False, identity_level=IdentityLevel.NONE, identity_expires_at=None
    )

    dry = identification_expiry_backfill(dry_run=True, now=now)
    assert Seller.objects.filter(identity_expires_at__isnull=True).count() == 3
    done = identification_expiry_backfill(now=now)
    again = identification_expiry_backfill(now=now)

    assert (dry.sellers, dry.already_expired) == (done.sellers, done.already_expired) == (2, 1)
    assert again.sellers == 0
    recent.refresh_from_db()
    old.refresh_from_db()
    unidentified.refresh_from_db()
    assert recent.identity_expires_at == recent.identity_verified_at + datetime.timedelta(days=730)
    assert old.identity_expires_at < now
    assert unidentified.identity_expires_at is None


def test_a_seller_past_the_backfilled_expiry_stops_selling_and_cannot_publish():
    seller = SellerFactory(
        identity_level=IdentityLevel.MANUAL,
        identity_verified_at=timezone.now() - datetime.timedelta(days=1000),
        identity_expires_at=None,
    )
    variant = VariantFactory(product=ProductFactory(seller=seller))
    draft = ProductFactory(seller=seller, status=Product.Status.DRAFT, published_at=None)
    VariantFactory(product=draft)
    assert ProductVariant.objects.for_sale().filter(pk=variant.pk).exists()

    identifications_lapse_task.call()

    assert not ProductVariant.objects.for_sale().filter(pk=variant.pk).exists()
    with pytest.raises(ValidationError):  # read afresh, as a request would
        catalog_services.product_publish(product=Product.objects.get(pk=draft.pk), context=None)


def test_the_command_dry_run_changes_nothing(capsys):
    SellerFactory(identity_level=IdentityLevel.EID_LEVEL_2, identity_expires_at=None)

    call_command("compliance_identity_expiry", "--dry-run")

    assert "would set an expiry for 1 sellers" in capsys.readouterr().out
    assert Seller.objects.filter(identity_expires_at__isnull=True).count() == 1
