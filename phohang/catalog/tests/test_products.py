import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from phohang.catalog import services
from phohang.catalog.models import Product, ProductImage, ProductVariant
from phohang.core.audit import AuditContext
from phohang.core.models import AuditRecord
from phohang.geo.models import Province

from .factories import OcopProductFactory, ProductFactory, VariantFactory, category, png_upload

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    fields = {
        "title": "Gạo ST25 Sóc Trăng",
        "description": "Gạo **thơm**<script>alert(1)</script> [x](javascript:alert(1))",
        "category": category("gao-ngu-coc"),
        "origin_province": Province.objects.get(code="92"),
        "unit": "bag",
        "certifications": ["vietgap"],
    }
    fields.update(overrides)
    return fields


def _variant(**overrides):
    data = {"name": "Túi 5 kg", "sku": "ST25-5", "price_vnd": 185_000, "stock_on_hand": 20}
    data.update(overrides)
    return data


def test_product_create_sanitises_description_and_records_stock():
    seller = ProductFactory().seller

    product = services.product_create(
        seller=seller, context=AuditContext(), variants=[_variant()], **_fields()
    )

    assert product.status == "draft"
    assert product.slug == "gao-st25-soc-trang"
    assert "<script>" not in product.description_html
    assert "javascript:" not in product.description_html
    assert "<strong>thơm</strong>" in product.description_html
    assert product.min_price_vnd == 185_000
    variant = product.variants.get()
    assert (variant.sku, variant.stock_on_hand) == ("ST25-5", 20)
    assert variant.stock_movements.get().reason == "received"
    assert AuditRecord.objects.filter(action="catalog.product.create").count() == 1


def test_product_create_rejects_duplicate_sku_of_the_same_seller():
    existing = VariantFactory(sku="ST25-5")
    before = Product.objects.count()

    with pytest.raises(ValidationError) as error:
        services.product_create(
            seller=existing.seller, context=None, variants=[_variant()], **_fields()
        )

    assert "sku" in error.value.message_dict
    assert Product.objects.count() == before


def test_product_create_rejects_bad_gtin_and_ward_of_other_province():
    seller = ProductFactory().seller
    from phohang.geo.models import Ward

    ward = Ward.objects.filter(province_id="01").first()

    with pytest.raises(ValidationError) as error:
        services.product_create(
            seller=seller,
            context=None,
            variants=[_variant(gtin="8934567890120")],
            **_fields(origin_ward=ward),
        )

    assert set(error.value.message_dict) == {"origin_ward"}
    with pytest.raises(ValidationError) as error:
        services.product_create(
            seller=seller, context=None, variants=[_variant(gtin="8934567890124")], **_fields()
        )
    assert set(error.value.message_dict) == {"gtin"}
    assert Product.objects.filter(seller=seller).count() == 1


def test_gtin_validate_accepts_correct_check_digit():
    assert services.gtin_validate(" 8934567890120 ") == "8934567890120"
    assert services.gtin_validate("") == ""


def test_product_publish_requires_verified_seller_and_variant():
    product = ProductFactory(status="draft", published_at=None)

    with pytest.raises(ValidationError):
        services.product_publish(product=product, context=None)
    VariantFactory(product=product)
    product.seller.is_verified = False
    product.seller.save()
    with pytest.raises(ValidationError):
        services.product_publish(product=product, context=None)

    product.refresh_from_db()
    assert product.status == "draft"


def test_product_publish_sends_event_after_commit(django_capture_on_commit_callbacks):
    from phohang.catalog.events import product_changed

    product = ProductFactory(status="draft", published_at=None)
    VariantFactory(product=product)
    received = []

    def listener(sender, product_id, action, **kwargs):
        received.append((product_id, action))

    product_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.product_publish(product=product, context=None)
    finally:
        product_changed.disconnect(listener)

    product.refresh_from_db()
    assert product.status == "published"
    assert product.published_at is not None
    assert received == [(product.pk, "published")]
    record = AuditRecord.objects.get(action="catalog.product.published")
    assert (record.before["status"], record.after["status"]) == ("draft", "published")


def test_suspend_requires_reason_and_notifies_seller():
    from phohang.accounts.models import Notification

    from .factories import member_of

    product = ProductFactory()
    owner = member_of(product.seller)

    with pytest.raises(ValidationError):
        services.product_suspend(product=product, reason=" ", context=AuditContext())
    product.refresh_from_db()
    assert product.status == "published"

    services.product_suspend(
        product=product, reason="Ghi sai xuất xứ hàng hóa", context=AuditContext()
    )

    product.refresh_from_db()
    assert (product.status, product.suspension_reason) == (
        "suspended",
        "Ghi sai xuất xứ hàng hóa",
    )
    assert Notification.objects.get(user=owner).body == "Ghi sai xuất xứ hàng hóa"
    with pytest.raises(ValidationError):
        services.product_publish(product=product, context=None)


def test_ocop_badge_only_while_certificate_valid():
    product = OcopProductFactory()
    assert product.has_valid_ocop is True

    product.ocop_expires_on = timezone.localdate() - datetime.timedelta(days=1)
    assert product.has_valid_ocop is False
    product.ocop_expires_on = timezone.localdate()
    product.ocop_revoked_at = timezone.now()
    assert product.has_valid_ocop is False


def test_ocop_revoke_and_verify_are_audited():
    product = OcopProductFactory(ocop_verified_at=None)

    services.product_ocop_verify(product=product, context=AuditContext())
    services.product_ocop_revoke(product=product, reason="Chứng nhận giả", context=AuditContext())

    product.refresh_from_db()
    assert product.has_valid_ocop is False
    assert product.ocop_revoked_reason == "Chứng nhận giả"
    assert list(
        AuditRecord.objects.filter(action__startswith="catalog.ocop")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["catalog.ocop.verify", "catalog.ocop.revoke"]


def test_editing_ocop_data_clears_verification():
    product = OcopProductFactory()
    VariantFactory(product=product)

    services.product_update(product=product, context=None, ocop_stars=5)

    product.refresh_from_db()
    assert (product.ocop_stars, product.ocop_verified_at) == (5, None)


def test_product_duplicate_makes_a_draft_with_new_skus():
    variant = VariantFactory(sku="CHE-1", stock_on_hand=7)

    copy = services.product_duplicate(product=variant.product, context=None)

    assert copy.status == "draft"
    assert copy.title.endswith("(copy)") or "(bản sao)" in copy.title
    assert list(copy.variants.values_list("sku", "stock_on_hand")) == [("CHE-1-copy", 0)]


def test_product_delete_refused_while_orders_hold_units():
    variant = VariantFactory(stock_on_hand=5, stock_reserved=1)

    with pytest.raises(ValidationError):
        services.product_delete(product=variant.product, context=None)

    assert ProductVariant.objects.filter(pk=variant.pk).exists()


def test_image_add_stores_webp_thumbnail_and_sets_cover():
    product = ProductFactory()

    image = services.product_image_add(product=product, upload=png_upload(), context=None)

    assert image.thumbnail.name.endswith(".webp")
    assert (image.width, image.height, image.position) == (64, 48, 0)
    product.refresh_from_db()
    assert product.cover_thumbnail == image.thumbnail.name


def test_image_add_rejects_html_renamed_as_image():
    from django.core.files.uploadedfile import SimpleUploadedFile

    product = ProductFactory()
    upload = SimpleUploadedFile("x.jpg", b"<html><script>alert(1)</script></html>")

    with pytest.raises(ValidationError):
        services.product_image_add(product=product, upload=upload, context=None)

    assert ProductImage.objects.count() == 0


def test_search_documents_hide_invalid_ocop_and_unpublished():
    from phohang.catalog.selectors import product_search_documents

    valid = OcopProductFactory()
    VariantFactory(product=valid, stock_on_hand=0)
    expired = OcopProductFactory(ocop_expires_on=timezone.localdate() - datetime.timedelta(1))
    draft = ProductFactory(status="draft")

    documents = product_search_documents([valid.pk, expired.pk, draft.pk])

    by_id = {d["id"]: d for d in documents}
    assert set(by_id) == {valid.pk, expired.pk}
    assert by_id[valid.pk]["ocop_stars"] == 4
    assert by_id[valid.pk]["has_stock"] is False
    assert by_id[expired.pk]["ocop_stars"] is None
    assert by_id[valid.pk]["url"] == valid.get_absolute_url()
    assert by_id[valid.pk]["province_code"] == "01"


def test_variants_for_sale_only_published_verified():
    good = VariantFactory()
    hidden = VariantFactory(product=ProductFactory(status="hidden"))
    from phohang.catalog.selectors import variant_for_sale, variants_for_sale

    assert set(variants_for_sale([good.pk, hidden.pk])) == {good}
    assert variant_for_sale(hidden.pk) is None
    good.seller.is_active = False
    good.seller.save()
    assert variant_for_sale(good.pk) is None
