import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from phohang.accounts.models import Consent
from phohang.accounts.tests.factories import AuthorityFactory, UserFactory, login_verified
from phohang.catalog.models import Product
from phohang.catalog.tests.factories import ProductFactory, VariantFactory, member_of
from phohang.compliance import services
from phohang.compliance.models import Complaint, DataRequest, ReviewItem, ScreeningRule, Takedown
from phohang.core.audit import AuditContext
from phohang.orders.tests.factories import place

pytestmark = pytest.mark.django_db


def _officer_client():
    officer = AuthorityFactory(is_city_authority=True)
    client = Client()
    login_verified(client, officer)
    return officer, client


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_queue_shows_a_held_listing_with_its_reason_and_replaces_the_flat_list():
    _officer, client = _officer_client()
    services.screening_rule_add(
        kind=ScreeningRule.Kind.BANNED,
        phrase="thuốc lá điện tử",
        category_id=None,
        note="",
        context=AuditContext(),
    )
    product = ProductFactory(title="Thuoc la dien tu pod", status=Product.Status.DRAFT)
    VariantFactory(product=product)
    seller_client = _signed_in(member_of(product.seller))

    published = seller_client.post(
        reverse("catalog:manage_publish", args=[product.public_id]), follow=True
    )
    flat = client.get(reverse("catalog:moderation_list"))
    queue = client.get(reverse("compliance:queue"))

    assert "chờ sàn kiểm duyệt" in published.content.decode()
    assert flat.status_code == 302 and flat.url == reverse("compliance:queue")
    body = queue.content.decode()
    assert "Thuoc la dien tu pod" in body
    assert "thuốc lá điện tử" in body


def test_buyers_and_sellers_cannot_open_the_queue():
    buyer = _signed_in(UserFactory())

    response = buyer.get(reverse("compliance:queue"))

    assert response.status_code == 403


def test_takedown_form_for_a_missing_listing_says_so_and_orders_nothing():
    _officer, client = _officer_client()

    response = client.post(
        reverse("compliance:takedowns"),
        {
            "kind": "listing",
            "target": "00000000-0000-0000-0000-000000000000",
            "reason": "Hàng giả mạo nhãn hiệu",
            "legal_basis": "",
        },
    )

    assert response.status_code == 400
    assert "Không có tin đăng nào mang mã này" in response.content.decode()
    assert not Takedown.objects.exists()


def test_overdue_takedown_is_shown_in_red():
    officer, client = _officer_client()
    product = ProductFactory()
    takedown = services.takedown_order(
        kind=Takedown.Kind.LISTING,
        product_public_id=str(product.public_id),
        reason="Hàng giả mạo nhãn hiệu",
        legal_basis="",
        officer=officer,
        context=AuditContext(actor=officer),
    )
    Takedown.objects.filter(pk=takedown.pk).update(
        due_at=timezone.now() - datetime.timedelta(hours=2)
    )

    response = client.get(reverse("compliance:takedowns"))

    assert 'class="cp-overdue"' in response.content.decode()
    assert "quá hạn" in response.content.decode()


def test_complaint_form_on_someone_elses_order_is_refused_with_a_message():
    owner, stranger = UserFactory(), UserFactory()
    order = place(owner, [(VariantFactory(stock_on_hand=3), 1)]).orders.get()

    response = _signed_in(stranger).post(
        reverse("compliance:complaint_new"),
        {"target": "order", "reference": str(order.public_id), "body": "Hàng giao thiếu một gói"},
    )

    assert response.status_code == 400
    assert "không thuộc tài khoản của bạn" in response.content.decode()
    assert not Complaint.objects.exists()


def test_seller_answers_a_complaint_on_the_desk():
    buyer = UserFactory()
    order = place(buyer, [(VariantFactory(stock_on_hand=3), 1)]).orders.get()
    complaint = services.complaint_file(
        complainant=buyer,
        target="order",
        reference=str(order.public_id),
        body="Hàng giao thiếu một gói",
        evidence=None,
        context=AuditContext(actor=buyer),
    )
    seller_client = _signed_in(member_of(order.seller))

    desk = seller_client.get(reverse("compliance:seller_desk"))
    seller_client.post(
        reverse("compliance:complaint_answer", args=[complaint.public_id]),
        {"answer": "Xin lỗi, shop gửi bù ngay hôm nay."},
    )

    complaint.refresh_from_db()
    assert "Hàng giao thiếu một gói" in desk.content.decode()
    assert complaint.status == Complaint.Status.ANSWERED


def test_a_crafted_pre_ticked_consent_form_changes_nothing():
    user = UserFactory()
    client = _signed_in(user)

    response = client.post(
        reverse("compliance:privacy_center"),
        {"action": "consents", "shown": "marketing", "token": "", "purpose": ["marketing"]},
        follow=True,
    )

    assert "không bao giờ được đánh dấu sẵn" in response.content.decode()
    assert not Consent.objects.filter(user=user, purpose="marketing").exists()


def test_consent_page_boxes_are_never_ticked_for_a_new_person():
    client = _signed_in(UserFactory())

    body = client.get(reverse("compliance:privacy_center")).content.decode()

    assert 'name="purpose" value="marketing">' in body
    assert "checked" not in body.split('id="consents"')[1].split("</form>")[0]


def test_buyer_exports_their_data_and_the_request_is_logged_answered():
    user = UserFactory(full_name="Lê Thị Hoa", password="mat-khau-rat-dai-2026")
    client = _signed_in(user)

    wrong = client.post(reverse("compliance:data_export"), {"password": "sai"}, follow=True)
    assert not DataRequest.objects.filter(requester=user).exists()
    response = client.post(reverse("compliance:data_export"), {"password": "mat-khau-rat-dai-2026"})

    assert wrong.redirect_chain[-1][0] == reverse("compliance:privacy_center")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Lê Thị Hoa" in response.content.decode()
    request = DataRequest.objects.get(requester=user)
    assert (request.kind, request.status) == ("export", "done")


def test_deleting_a_listing_under_retention_is_refused_in_the_shop():
    product = ProductFactory()
    VariantFactory(product=product)
    client = _signed_in(member_of(product.seller))

    response = client.post(reverse("catalog:manage_delete", args=[product.public_id]), follow=True)

    assert "luật yêu cầu lưu" in response.content.decode()
    assert Product.objects.filter(pk=product.pk).exists()


def test_authority_downloads_the_monthly_report_as_xlsx_and_csv():
    _officer, client = _officer_client()
    ProductFactory()
    today = timezone.localdate()
    query = f"?start={today.replace(day=1):%Y-%m-%d}&end={today:%Y-%m-%d}"

    xlsx = client.get(reverse("compliance:report_download", args=["xlsx"]) + query)
    csv = client.get(reverse("compliance:report_download", args=["csv"]) + query)
    api = client.get(f"/api/v1/compliance/report{query}")

    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert "Tin đăng mới trong kỳ" in csv.content.decode()
    figures = {(row["section"], row["figure"]): row["value"] for row in api.json()["figures"]}
    assert figures[("listings", "new")] == 1


def test_report_api_is_refused_to_buyers():
    response = _signed_in(UserFactory()).get(
        "/api/v1/compliance/report?start=2026-11-01&end=2026-11-30"
    )

    assert response.status_code == 403


def test_eid_simulator_flow_verifies_the_seller():
    product = ProductFactory(seller__is_verified=False, seller__identity_level="none")
    client = _signed_in(member_of(product.seller))

    start = client.post(reverse("compliance:identification_start"))
    simulator = client.get(start.url)
    state = start.url.split("state=")[1].split("&")[0]
    answer = client.post(
        reverse("compliance:eid_simulator"), {"state": state, "level": "2", "decision": "approve"}
    )
    done = client.get(answer.url, follow=True)

    product.seller.refresh_from_db()
    assert simulator.status_code == 200
    assert "Bạn đã được định danh" in done.content.decode()
    assert product.seller.identity_level == "eid_2"


def test_review_approve_from_the_queue_publishes():
    officer, client = _officer_client()
    product = ProductFactory(title="Rượu làng Vân", status=Product.Status.DRAFT)
    VariantFactory(product=product)
    item = ReviewItem.objects.create(
        product=product, source="screening", reasons=[{"code": "restricted", "matched": "rượu"}]
    )

    client.post(reverse("compliance:review_decide", args=[item.public_id, "approve"]))

    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED
