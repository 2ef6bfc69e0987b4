"""PDP-02: a person downloads everything held about them, or has it erased.

The inventory (`phohang.core.privacy`, printed in docs/privacy.md) is checked against the models
themselves: any model pointing at a person or a shop must be in it, every field it lists must come
out in the download, and after erasure the person's contact details are nowhere in the database but
the audit chain, which cannot be edited.
"""

import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from phohang.accounts.models import ApiToken, Consent, Notification, User
from phohang.accounts.personal_data import ErasureRefused, account_erase
from phohang.accounts.privacy import ERASED_NAME
from phohang.accounts.services import api_token_create, consent_grant, notification_send
from phohang.accounts.tests.factories import UserFactory
from phohang.catalog.models import Product
from phohang.core import privacy, reliability
from phohang.core.models import AuditRecord
from phohang.geo.models import Address
from phohang.orders.models import Cart, Order, Review, SavedAddress
from phohang.orders.privacy import ERASED_STREET
from phohang.orders.tests.factories import VariantFactory, place, seller_with_owner, ward
from phohang.sellers.models import Seller, SellerMember
from phohang.sellers.tests.factories import SellerApplicationFactory, valid_citizen_id

pytestmark = pytest.mark.django_db

PASSWORD = "mật-khẩu-dài-đủ-2026"
PHONE = "+84987650321"
EMAIL = "chi.hoa@example.vn"
HOME = "Ngõ 41 phố Thợ Nhuộm"


def test_every_model_pointing_at_a_person_or_a_shop_is_in_the_inventory():
    subjects = set(privacy.subject_models())
    known = {h.label for h in privacy.holdings()} | set(privacy.untracked())
    pointing = {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model in subjects
    }
    missing = sorted(pointing - known)
    reliability.record("PDP-02", {"models_pointing_at_a_person": len(pointing), "missing": missing})
    assert pointing, "the walk found no model at all"
    assert missing == []


def test_docs_carry_the_inventory_as_it_is():
    out = io.StringIO()
    call_command("privacy_inventory", stdout=out)
    docs = (Path(__file__).resolve().parent.parent / "docs" / "privacy.md").read_text()
    assert out.getvalue() in docs, (
        "run `manage.py privacy_inventory` and paste it in docs/privacy.md"
    )


def a_person_with_everything(fast_password_hashing=None):
    """A buyer who also owns a shop, with an application, orders both ways, a review and more."""
    seller, owner = seller_with_owner()
    owner.set_password(PASSWORD)
    owner.phone = PHONE
    owner.email = EMAIL
    owner.save()
    seller.contact_phone = "+84243826111"
    seller.save(update_fields=["contact_phone"])
    consent_grant(user=owner, purpose=Consent.Purpose.MARKETING)
    citizen_id = valid_citizen_id()
    SellerApplicationFactory(applicant=owner, citizen_id=citizen_id)
    api_token_create(user=owner, name="Kế toán")
    notification_send(user=owner, title="Đơn hàng mới", body="Bạn có một đơn hàng mới.")
    # Bought from another shop, delivered and reviewed.
    variant = VariantFactory(stock_on_hand=20)
    bought = place(owner, [(variant, 1)]).orders.get()
    Order.objects.filter(pk=bought.pk).update(status=Order.Status.COMPLETED)
    line = bought.lines.get()
    Review.objects.create(
        order_line=line, product=variant.product, buyer=owner, rating=5, body="Chè thơm, gói kỹ."
    )
    Cart.objects.create(user=owner)
    SavedAddress.objects.create(
        user=owner,
        label="Nhà",
        recipient_name="Chi Hoa",
        recipient_phone=PHONE,
        address=Address.objects.create(street=HOME, ward=ward(), province_id="01"),
        is_default=True,
    )
    # Sold by the person's own shop to someone else.
    own_variant = VariantFactory(product__seller=seller, stock_on_hand=20)
    sold = place(UserFactory(), [(own_variant, 2)]).orders.get()
    Order.objects.filter(pk=sold.pk).update(status=Order.Status.COMPLETED)
    return owner, seller, citizen_id, bought


def signed_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_download_holds_every_field_the_inventory_lists(fast_password_hashing):
    owner, seller, citizen_id, bought = a_person_with_everything()
    client = signed_in_client(owner)

    response = client.post(reverse("accounts:my_data"), {"action": "export", "password": PASSWORD})

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)["data"]
    missing = []
    for holding in privacy.holdings():
        for row in data.get(holding.key, []):
            missing += [f"{holding.key}.{n}" for n in holding.exported_fields() if n not in row]
    audit = AuditRecord.objects.get(action="account.data_export", object_id=str(owner.pk))
    reliability.record(
        "PDP-02", {"export_fields_missing": len(missing), "export_ms": audit.after["ms"]}
    )
    assert missing == []
    text = response.content.decode()
    for held in (
        PHONE,
        EMAIL,
        HOME,
        citizen_id,
        seller.tax_code,
        "Chè thơm, gói kỹ.",
        "0912345678",
    ):
        assert held in text
    assert {"accounts.User", "orders.Order", "sellers.Seller (seller)"} <= set(data)
    assert data["sellers.SellerApplication"][0]["citizen_id"] == citizen_id
    # The shop's sales come out without the buyers' own contact details.
    sales = data["orders.Order (seller)"]
    assert len(sales) == 1 and "recipient_phone" not in sales[0]
    assert [row["recipient_phone"] for row in data["orders.Order"]] == ["0912345678"]


def test_a_wrong_password_downloads_nothing_and_erases_nothing(fast_password_hashing):
    owner, *_ = a_person_with_everything()
    client = signed_in_client(owner)

    export = client.post(reverse("accounts:my_data"), {"action": "export", "password": "sai"})
    erase = client.post(
        reverse("accounts:my_data"), {"action": "erase", "password": "sai", "confirm": "yes"}
    )

    assert export.status_code == erase.status_code == 400
    assert "application/json" not in export["Content-Type"]
    owner.refresh_from_db()
    assert owner.is_active and owner.phone == PHONE
    assert Review.objects.filter(buyer=owner).exists()


def test_erasure_leaves_only_what_the_law_keeps(fast_password_hashing):
    owner, seller, citizen_id, bought = a_person_with_everything()
    client = signed_in_client(owner)

    response = client.post(
        reverse("accounts:my_data"), {"action": "erase", "password": PASSWORD, "confirm": "yes"}
    )

    assert response.status_code == 302
    assert client.get(reverse("accounts:account")).status_code == 302  # signed out
    owner.refresh_from_db()
    assert (owner.full_name, owner.phone, owner.is_active) == (ERASED_NAME, None, False)
    assert EMAIL not in (owner.email or "") and not owner.has_usable_password()
    assert not Client().login(username=EMAIL, password=PASSWORD)
    # Deleted.
    assert not Review.objects.filter(buyer=owner).exists()
    assert not ApiToken.objects.filter(user=owner).exists()
    assert not Notification.objects.filter(user=owner).exists()
    assert not Cart.objects.filter(user=owner).exists()
    assert not SellerMember.objects.filter(user=owner).exists()
    # Kept, without contact details: the order (accounting) and the consents.
    bought.refresh_from_db()
    assert bought.recipient_phone == "" and bought.address.street == ERASED_STREET
    assert bought.recipient_name == "Lê Thị Hoa"
    assert Consent.objects.filter(user=owner).exists()
    # The shop closes; its goods are no longer for sale.
    seller.refresh_from_db()
    assert not seller.is_active and seller.contact_phone == ""
    assert Product.objects.filter(seller=seller).exists()
    response = Client().get(reverse("sellers:storefront", args=[seller.slug]))
    assert response.status_code == 404

    dump = io.StringIO()
    call_command("dumpdata", "--exclude=core.auditrecord", "--exclude=sessions", stdout=dump)
    left = [
        value
        for value in (PHONE, EMAIL, HOME, "+84243826111", "Chè thơm")
        if value in dump.getvalue()
    ]
    record = AuditRecord.objects.get(action="account.erase", object_id=str(owner.pk))
    reliability.record("PDP-02", {"erase_ms": record.after["ms"], "left_after_erasure": left})
    assert left == []
    assert record.after["deleted"]["orders.Review"] == 1


def test_erasure_waits_for_orders_in_progress(fast_password_hashing):
    buyer = UserFactory(password=PASSWORD, phone=PHONE)
    order = place(buyer, [(VariantFactory(), 1)]).orders.get()
    Order.objects.filter(pk=order.pk).update(status=Order.Status.SHIPPED)
    client = signed_in_client(buyer)

    page = client.get(reverse("accounts:my_data"))
    response = client.post(
        reverse("accounts:my_data"), {"action": "erase", "password": PASSWORD, "confirm": "yes"}
    )

    assert "orders in progress" in page.content.decode() or "đang" in page.content.decode()
    assert 'value="erase"' not in page.content.decode()
    assert response.status_code == 400
    buyer.refresh_from_db()
    assert buyer.is_active and buyer.phone == PHONE


def test_erasure_needs_the_box_ticked(fast_password_hashing):
    buyer = UserFactory(password=PASSWORD)
    response = signed_in_client(buyer).post(
        reverse("accounts:my_data"), {"action": "erase", "password": PASSWORD}
    )
    assert response.status_code == 400
    buyer.refresh_from_db()
    assert buyer.is_active


def test_staff_accounts_are_closed_by_an_administrator(fast_password_hashing):
    officer = UserFactory(password=PASSWORD, is_authority=True)
    with pytest.raises(ErasureRefused):
        account_erase(user=officer, password=PASSWORD)
    officer.refresh_from_db()
    assert officer.is_active


def test_an_operator_carries_out_a_written_request(fast_password_hashing, tmp_path):
    owner, seller, *_ = a_person_with_everything()
    target = tmp_path / "export.json"

    call_command("personal_data", "export", EMAIL, output=str(target))
    with pytest.raises(CommandError):
        call_command("personal_data", "erase", EMAIL)
    call_command("personal_data", "erase", PHONE, yes=True, stdout=io.StringIO())

    assert json.loads(target.read_text())["data"]["accounts.User"][0]["phone"] == PHONE
    owner.refresh_from_db()
    assert owner.full_name == ERASED_NAME
    assert not Seller.objects.get(pk=seller.pk).is_active
    assert User.objects.filter(pk=owner.pk, is_active=False).exists()
