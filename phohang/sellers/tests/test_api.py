import pytest
from django.test import Client
from django.urls import reverse

from phohang.accounts.services import api_token_create
from phohang.accounts.tests.factories import (
    AdminFactory,
    AuthorityFactory,
    UserFactory,
    fresh_code,
    login_verified,
)
from phohang.core.audit import audit_chain_verify
from phohang.core.models import AuditRecord
from phohang.sellers.forms import DecisionForm
from phohang.sellers.models import SellerApplication

from .factories import (
    ApplicationDocumentFactory,
    SellerApplicationFactory,
    SellerFactory,
    valid_tax_code,
    ward_in,
)

pytestmark = pytest.mark.django_db

APPLY = "/api/v1/sellers/applications"


def _bearer(user) -> Client:
    # Staff, authority and admin tokens need a fresh authenticator code.
    code = fresh_code(user) if user.is_staff_like else ""
    _token, raw = api_token_create(user=user, name="ERP", otp_code=code)
    return Client(headers={"authorization": f"Bearer {raw}"})


def _payload(**overrides):
    payload = {
        "seller_type": "enterprise",
        "name": "Công ty TNHH Gốm Chu Đậu",
        "tax_code": valid_tax_code(),
        "representative_name": "Lê Văn Đậu",
        "contact_phone": "0912345678",
        "street": "5 Chu Đậu",
        "ward_code": ward_in("01").code,
        "consent_identity": True,
    }
    payload.update(overrides)
    return payload


def test_api_apply_creates_an_application():
    client = _bearer(UserFactory())

    response = client.post(APPLY, _payload(), content_type="application/json")

    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "submitted"
    assert SellerApplication.objects.count() == 1


def test_api_bad_tax_code_is_422_in_both_languages():
    client = _bearer(UserFactory())

    response = client.post(APPLY, _payload(tax_code="0100109107"), content_type="application/json")

    error = response.json()["error"]
    assert response.status_code == 422
    assert error["code"] == "invalid"
    assert error["message"] == {
        "vi": "Mã số thuế (MST) này không hợp lệ: chữ số kiểm tra không khớp.",
        "en": "This tax code (MST) is not valid: its check digit does not match.",
    }
    assert not SellerApplication.objects.exists()


def test_api_duplicate_tax_code_is_422_per_field_in_both_languages():
    seller = SellerFactory()
    client = _bearer(UserFactory())

    response = client.post(
        APPLY, _payload(tax_code=seller.tax_code), content_type="application/json"
    )

    error = response.json()["error"]
    assert response.status_code == 422
    assert error["fields"]["tax_code"]["en"] == [
        "A seller with this tax code is already registered or under review."
    ]
    assert error["fields"]["tax_code"]["vi"][0].startswith("Đã có")
    assert error["message"]["vi"] != error["message"]["en"]
    assert not SellerApplication.objects.exists()


def test_api_english_caller_still_gets_both_languages():
    client = _bearer(UserFactory())

    response = client.post(
        APPLY,
        _payload(contact_phone="12345"),
        content_type="application/json",
        headers={"accept-language": "en"},
    )

    assert response.status_code == 422
    assert response.json()["error"]["message"] == {
        "vi": "Nhập số điện thoại di động Việt Nam hợp lệ, ví dụ 0912 345 678.",
        "en": "Enter a valid Vietnamese mobile number, e.g. 0912 345 678.",
    }


def test_api_unknown_ward_is_422_in_both_languages():
    client = _bearer(UserFactory())

    response = client.post(APPLY, _payload(ward_code="99999"), content_type="application/json")

    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "invalid_ward",
        "message": {"vi": "Mã phường/xã không tồn tại.", "en": "Unknown ward code."},
    }


def test_api_decision_on_a_decided_application_is_409_in_both_languages():
    application = SellerApplicationFactory(status=SellerApplication.Status.REJECTED)
    client = _bearer(AuthorityFactory())

    response = client.post(
        f"{APPLY}/{application.public_id}/decision",
        {"decision": "approve"},
        content_type="application/json",
    )

    assert response.status_code == 409
    assert response.json()["error"] == {
        "code": "already_decided",
        "message": {
            "vi": "Hồ sơ này đã được quyết định.",
            "en": "This application has already been decided.",
        },
    }


def test_refusals_to_authority_staff_are_audited_as_denied():
    application = SellerApplicationFactory(province_code="01")
    document = ApplicationDocumentFactory(application=application)
    officer = AuthorityFactory(authority_province_id="79")
    web = Client()
    login_verified(web, officer)
    api = _bearer(officer)

    responses = [
        api.get(f"{APPLY}/{application.public_id}"),
        api.post(
            f"{APPLY}/{application.public_id}/decision",
            {"decision": "approve"},
            content_type="application/json",
        ),
        web.get(reverse("sellers:review_detail", args=[application.public_id])),
        web.get(reverse("sellers:application_detail", args=[application.public_id])),
        web.get(reverse("sellers:document_download", args=[document.public_id])),
    ]

    assert [response.status_code for response in responses] == [404] * 5
    denied = AuditRecord.objects.filter(outcome=AuditRecord.Outcome.DENIED).order_by("id")
    assert [(record.action, record.actor) for record in denied] == [
        ("seller_application.view", officer),
        ("seller_application.decide", officer),
        ("seller_application.review", officer),
        ("seller_application.view", officer),
        ("seller_application.download_document", officer),
    ]
    assert {record.object_id for record in denied} == {
        str(application.public_id),
        str(document.public_id),
    }
    assert all(record.purpose == "seller verification" for record in denied)
    assert audit_chain_verify() == []
    application.refresh_from_db()
    assert application.status == SellerApplication.Status.SUBMITTED


def test_admin_deciding_own_application_is_403_and_audited():
    admin = AdminFactory()
    application = SellerApplicationFactory(applicant=admin)

    response = _bearer(admin).post(
        f"{APPLY}/{application.public_id}/decision",
        {"decision": "approve"},
        content_type="application/json",
    )

    assert response.status_code == 403
    record = AuditRecord.objects.get(outcome=AuditRecord.Outcome.DENIED)
    assert (record.action, record.actor) == ("seller_application.decide", admin)


def test_refusals_to_ordinary_users_are_not_audited():
    application = SellerApplicationFactory()
    client = _bearer(UserFactory())

    response = client.get(f"{APPLY}/{application.public_id}")

    assert response.status_code == 404
    assert not AuditRecord.objects.filter(outcome=AuditRecord.Outcome.DENIED).exists()


def test_decision_form_field_has_a_label():
    assert str(DecisionForm().fields["decision"].label) in {"Quyết định", "Decision"}
