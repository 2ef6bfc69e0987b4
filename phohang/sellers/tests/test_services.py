import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from phohang.accounts.models import Consent
from phohang.accounts.services import consent_withdraw
from phohang.accounts.tests.factories import AuthorityFactory, UserFactory
from phohang.core.audit import AuditContext
from phohang.core.models import AuditRecord
from phohang.core.transitions import IllegalTransition
from phohang.sellers import services
from phohang.sellers.models import Seller, SellerApplication, SellerMember, SellerType
from phohang.sellers.validators import (
    normalize_business_registration_number,
    normalize_citizen_id,
    normalize_tax_code,
)

from .factories import valid_citizen_id, valid_tax_code, ward_in

pytestmark = pytest.mark.django_db
CTX = AuditContext(ip="203.0.113.5")


def _data(**overrides) -> services.ApplicationData:
    ward = ward_in("01")
    values = dict(
        seller_type=SellerType.ENTERPRISE,
        name="Công ty TNHH Lụa Vạn Phúc",
        description="Lụa tơ tằm",
        tax_code=valid_tax_code(),
        business_registration_number="",
        citizen_id="",
        vneid_level=0,
        representative_name="Triệu Thị Hằng",
        contact_phone="+84912345678",
        street="12 Vạn Phúc",
        ward_id=ward.pk,
        province_id=ward.province_id,
    )
    values.update(overrides)
    return services.ApplicationData(**values)


def _submit(applicant=None, **overrides):
    return services.seller_application_submit(
        applicant=applicant or UserFactory(),
        data=_data(**overrides),
        documents=[],
        consents_to_identity_processing=True,
        context=CTX,
    )


@pytest.mark.parametrize(
    ("seller_type", "fields"),
    [
        (SellerType.ENTERPRISE, {}),
        (SellerType.COOPERATIVE, {}),
        (SellerType.HOUSEHOLD, {"tax_code": "", "business_registration_number": "01A8012345"}),
        (SellerType.INDIVIDUAL, {"tax_code": ""}),
    ],
)
def test_submit_for_each_seller_type(seller_type, fields):
    citizen_id = valid_citizen_id()
    application = _submit(seller_type=seller_type, citizen_id=citizen_id, **fields)

    application.refresh_from_db()
    assert application.status == SellerApplication.Status.SUBMITTED
    needs_id = seller_type in (SellerType.HOUSEHOLD, SellerType.INDIVIDUAL)
    assert application.citizen_id == (citizen_id if needs_id else "")
    assert bool(application.citizen_id_digest) is needs_id
    assert Consent.objects.filter(user=application.applicant, purpose="identity").exists()
    assert AuditRecord.objects.get(action="seller_application.submit").object_id == str(
        application.public_id
    )


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"seller_type": SellerType.ENTERPRISE, "tax_code": ""}, "tax_code"),
        ({"seller_type": SellerType.COOPERATIVE, "tax_code": ""}, "tax_code"),
        (
            {"seller_type": SellerType.HOUSEHOLD, "citizen_id": "001200000001"},
            "business_registration_number",
        ),
        (
            {"seller_type": SellerType.HOUSEHOLD, "business_registration_number": "01A8012345"},
            "citizen_id",
        ),
        ({"seller_type": SellerType.INDIVIDUAL}, "citizen_id"),
    ],
)
def test_submit_refuses_missing_identity(fields, error_field):
    with pytest.raises(ValidationError) as caught:
        _submit(**fields)

    assert error_field in caught.value.message_dict
    assert not SellerApplication.objects.exists()


def test_submit_refuses_without_consent():
    with pytest.raises(ValidationError) as caught:
        services.seller_application_submit(
            applicant=UserFactory(),
            data=_data(),
            documents=[],
            consents_to_identity_processing=False,
            context=CTX,
        )

    assert "consent" in caught.value.message_dict
    assert not SellerApplication.objects.exists() and not Consent.objects.exists()


def test_duplicate_tax_code_and_citizen_id_are_refused_with_a_clear_message():
    tax_code, citizen_id = valid_tax_code(), valid_citizen_id()
    _submit(tax_code=tax_code)
    _submit(seller_type=SellerType.INDIVIDUAL, tax_code="", citizen_id=citizen_id, name="Cá nhân A")

    with pytest.raises(ValidationError) as tax:
        _submit(tax_code=tax_code, name="Khác")
    with pytest.raises(ValidationError) as cccd:
        _submit(seller_type=SellerType.INDIVIDUAL, tax_code="", citizen_id=citizen_id, name="B")

    # The messages are lazy: they render in the language active where they are shown.
    with translation.override("en"):
        assert tax.value.message_dict["tax_code"] == [
            "A seller with this tax code is already registered or under review."
        ]
        assert cccd.value.message_dict["citizen_id"] == [
            "A seller with this citizen ID is already registered or under review."
        ]
    with translation.override("vi"):
        assert tax.value.message_dict["tax_code"] == [
            "Đã có người bán dùng mã số thuế này đã đăng ký hoặc đang được xét duyệt."
        ]
    assert SellerApplication.objects.count() == 2


def test_names_typed_nfc_or_nfd_count_as_the_same_seller():
    _submit(name="Hợp tác xã Đồng Tháp")

    with pytest.raises(ValidationError) as caught:
        _submit(name=unicodedata.normalize("NFD", "hợp tác xã  Đồng Tháp"))

    assert "name" in caught.value.message_dict


def test_second_open_application_of_same_applicant_is_refused():
    applicant = UserFactory()
    _submit(applicant=applicant)

    with pytest.raises(ValidationError):
        _submit(applicant=applicant, name="Khác")
    assert SellerApplication.objects.count() == 1


def test_approve_creates_verified_seller_owned_by_applicant():
    application = _submit()
    officer = AuthorityFactory()

    seller = services.seller_application_approve(
        application=application, reviewer=officer, context=AuditContext(actor=officer, ip="1.2.3.4")
    )

    application.refresh_from_db()
    assert application.status == "approved" and application.reviewed_by == officer
    assert seller.is_verified and seller.can_publish
    assert seller.slug == "cong-ty-tnhh-lua-van-phuc"
    assert SellerMember.objects.get(seller=seller).user == application.applicant
    record = AuditRecord.objects.get(action="seller_application.approved")
    assert (record.before, record.after) == (
        {"status": "submitted", "decision_reason": ""},
        {"status": "approved", "by": "reviewer", "decision_reason": ""},
    )
    assert application.applicant.notifications.count() == 1


def test_double_decisions_raise_application_not_open():
    application = _submit()
    officer = AuthorityFactory()
    services.seller_application_reject(
        application=application, reviewer=officer, reason="Thiếu giấy phép", context=CTX
    )

    for decide in (
        lambda: services.seller_application_approve(
            application=application, reviewer=officer, context=CTX
        ),
        lambda: services.seller_application_reject(
            application=application, reviewer=officer, reason="x", context=CTX
        ),
        lambda: services.seller_application_request_info(
            application=application, reviewer=officer, reason="x", context=CTX
        ),
    ):
        with pytest.raises(IllegalTransition):
            decide()

    application.refresh_from_db()
    assert (application.status, application.decision_reason) == ("rejected", "Thiếu giấy phép")
    assert not Seller.objects.exists()


def test_reject_and_needs_info_require_a_reason():
    application = _submit()

    for decide in (services.seller_application_reject, services.seller_application_request_info):
        with pytest.raises(ValidationError):
            decide(application=application, reviewer=AuthorityFactory(), reason="  ", context=CTX)
    application.refresh_from_db()
    assert application.status == "submitted"


def test_needs_info_then_resubmit_then_approve():
    application = _submit()
    officer = AuthorityFactory()
    services.seller_application_request_info(
        application=application, reviewer=officer, reason="Gửi giấy phép", context=CTX
    )

    services.seller_application_resubmit(
        application=application, data=_data(description="Đã bổ sung"), documents=[], context=CTX
    )
    application.refresh_from_db()
    assert (application.status, application.description) == ("submitted", "Đã bổ sung")
    with pytest.raises(IllegalTransition):
        services.seller_application_resubmit(
            application=application, data=_data(), documents=[], context=CTX
        )
    assert services.seller_application_approve(
        application=application, reviewer=officer, context=CTX
    )


def test_nobody_decides_their_own_application():
    officer = AuthorityFactory()
    application = _submit(applicant=officer)

    with pytest.raises(services.NotAllowedToReview):
        services.seller_application_approve(application=application, reviewer=officer, context=CTX)
    application.refresh_from_db()
    assert application.status == "submitted"


def test_withdrawn_identity_consent_stops_approval():
    application = _submit()
    consent_withdraw(user=application.applicant, purpose=Consent.Purpose.IDENTITY)

    with pytest.raises(ValidationError):
        services.seller_application_approve(
            application=application, reviewer=AuthorityFactory(), context=CTX
        )
    application.refresh_from_db()
    assert application.status == "submitted"


def test_invite_staff_and_accept():
    application = _submit()
    seller = services.seller_application_approve(
        application=application, reviewer=AuthorityFactory(), context=CTX
    )
    invitee = UserFactory(email="nhanvien@example.vn")

    invitation = services.seller_staff_invite(
        seller=seller, inviter=application.applicant, email=" NhanVien@example.vn ", context=CTX
    )
    with pytest.raises(ValidationError):
        services.seller_invitation_accept(token=invitation.token, user=UserFactory(), context=CTX)
    member = services.seller_invitation_accept(token=invitation.token, user=invitee, context=CTX)

    assert (member.role, member.is_active) == ("staff", True)
    with pytest.raises(ValidationError):
        services.seller_invitation_accept(token=invitation.token, user=invitee, context=CTX)
    with pytest.raises(ValidationError):
        services.seller_staff_invite(
            seller=seller, inviter=application.applicant, email=invitee.email, context=CTX
        )
    assert services.seller_member_remove(seller=seller, member_id=member.pk, context=CTX) is True
    assert services.seller_member_remove(seller=seller, member_id=member.pk, context=CTX) is False


@pytest.mark.parametrize("raw", ["0100109106", "0100-109-106", "０１００１０９１０６"])
def test_valid_tax_codes(raw):
    assert normalize_tax_code(raw) == "0100109106"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("0100109107", "mst_checksum"),
        ("12345", "mst_length"),
        ("0100109106\u200b", "mst_length"),
        ("٠١٠٠١٠٩١٠٦", "mst_length"),
    ],
)
def test_invalid_tax_codes(raw, code):
    with pytest.raises(ValidationError) as caught:
        normalize_tax_code(raw)
    assert caught.value.code == code


def test_branch_tax_code():
    assert normalize_tax_code("0100109106001") == "0100109106-001"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("00120300456", "cccd_length"),
        ("999203004567", "cccd_province"),
        ("٠٠١٢٠٣٠٠٤٥٦٧", "cccd_length"),
    ],
)
def test_invalid_citizen_ids(raw, code):
    with pytest.raises(ValidationError) as caught:
        normalize_citizen_id(raw)
    assert caught.value.code == code


def test_citizen_id_and_registration_number_normalised():
    assert normalize_citizen_id("001 203 004 567") == "001203004567"
    assert normalize_business_registration_number(" 01a8 012345 ") == "01A8012345"
    with pytest.raises(ValidationError):
        normalize_business_registration_number("<b>")


def test_citizen_ids_are_not_stored_in_plaintext():
    citizen_id = valid_citizen_id()
    _submit(seller_type=SellerType.INDIVIDUAL, tax_code="", citizen_id=citizen_id)

    with connection.cursor() as cursor:
        rows = []
        for table in ("sellers_sellerapplication", "sellers_seller", "core_auditrecord"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            rows += cursor.fetchall()

    assert rows and not any(citizen_id in str(value) for row in rows for value in row)
