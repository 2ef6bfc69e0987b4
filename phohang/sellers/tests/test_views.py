import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from phohang.accounts.tests.factories import (
    AdminFactory,
    AuthorityFactory,
    UserFactory,
    login_verified,
)
from phohang.core.models import AuditRecord
from phohang.core.tests.uploads_corpus import EXE_BYTES, PDF_BYTES
from phohang.sellers.models import ApplicationDocument, Seller, SellerApplication, SellerMember

from .factories import (
    ApplicationDocumentFactory,
    SellerApplicationFactory,
    SellerFactory,
    SellerMemberFactory,
    valid_citizen_id,
    ward_in,
)

pytestmark = pytest.mark.django_db


def _apply_data(**overrides):
    ward = ward_in("01")
    data = {
        "seller_type": "household",
        "name": "Xưởng gốm Minh Đức",
        "description": "Gốm men rạn",
        "tax_code": "",
        "business_registration_number": "01A8012345",
        "citizen_id": valid_citizen_id(),
        "vneid_level": "2",
        "representative_name": "Lê Minh Đức",
        "contact_phone": "0912345678",
        "street": "5 Bát Tràng",
        "province": ward.province_id,
        "ward": ward.pk,
        "consent_identity": "on",
    }
    data.update(overrides)
    return data


def test_apply_review_approve_storefront_shows_verified_badge(client):
    applicant = UserFactory()
    client.force_login(applicant)
    document = SimpleUploadedFile("giay-phep.pdf", PDF_BYTES, "application/pdf")

    applied = client.post(reverse("sellers:apply"), {**_apply_data(), "documents": [document]})
    application = SellerApplication.objects.get()
    assert applied.status_code == 302
    assert application.documents.count() == 1

    officer_client = Client()
    officer = AuthorityFactory()
    login_verified(officer_client, officer)
    review = officer_client.get(reverse("sellers:review_detail", args=[application.public_id]))
    assert review.status_code == 200 and application.citizen_id in review.content.decode()
    decided = officer_client.post(
        reverse("sellers:review_detail", args=[application.public_id]), {"decision": "approve"}
    )
    assert decided.status_code == 302

    seller = Seller.objects.get()
    storefront = Client().get(reverse("sellers:storefront", args=[seller.slug]))
    assert storefront.status_code == 200
    assert 'id="verified-badge"' in storefront.content.decode()
    actions = set(AuditRecord.objects.values_list("action", flat=True))
    assert {
        "seller_application.view_identity",
        "seller_application.approved",
        "seller.create",
    } <= actions


@pytest.mark.parametrize(
    ("overrides", "field", "en", "vi"),
    [
        ({"seller_type": "enterprise", "tax_code": "0100109107"}, "tax_code", "check digit", "MST"),
        ({"contact_phone": "12345"}, "contact_phone", "valid Vietnamese mobile", "di động"),
        ({"citizen_id": "12345"}, "citizen_id", "12 digits", "12"),
        ({"name": ""}, "name", "required", ""),
        ({"name": "A" * 201}, "name", "at most 200", "200"),
        ({"consent_identity": ""}, "consent_identity", "required", ""),
        ({"documents": ("setup.pdf", EXE_BYTES)}, "documents", "Only PDF, JPEG or PNG", "PDF"),
        (
            {"documents": ("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024))},
            "documents",
            "too large",
            "MB",
        ),
    ],
)
def test_apply_bad_input_is_400_with_message_in_both_languages(overrides, field, en, vi):
    user = UserFactory()
    for language, expected in (("en", en), ("vi", vi)):
        client = Client()
        # The language switch sets this cookie; pages ignore the browser's Accept-Language.
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        client.force_login(user)

        data = _apply_data(**overrides)
        if "documents" in overrides:
            data["documents"] = [SimpleUploadedFile(*overrides["documents"])]
        response = client.post(reverse("sellers:apply"), data)

        assert response.status_code == 400
        assert expected in " ".join(response.context["form"].errors[field])
    assert not SellerApplication.objects.exists()
    assert not ApplicationDocument.objects.exists()


def test_document_download_headers_and_audit(client):
    document = ApplicationDocumentFactory()
    officer = AuthorityFactory()
    login_verified(client, officer)

    response = client.get(reverse("sellers:document_download", args=[document.public_id]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    record = AuditRecord.objects.get(action="seller_application.download_document")
    assert record.actor == officer and record.purpose == "seller verification"


def test_list_pages_mask_citizen_ids(client):
    citizen_id = valid_citizen_id()
    application = SellerApplicationFactory(seller_type="individual", citizen_id=citizen_id)
    login_verified(client, AuthorityFactory())

    listing = client.get(reverse("sellers:review_list")).content.decode()
    own = Client()
    own.force_login(application.applicant)
    own_page = own.get(reverse("sellers:application_detail", args=[application.public_id]))

    assert citizen_id not in listing and application.citizen_id_masked in listing
    assert citizen_id not in own_page.content.decode()


def _roles():
    province_x_app = SellerApplicationFactory(province_code="01")
    document = ApplicationDocumentFactory(application=province_x_app)
    seller_a = SellerFactory()
    owner_a = SellerMemberFactory(seller=seller_a).user
    staff_a = SellerMemberFactory(seller=seller_a, role=SellerMember.Role.STAFF).user
    owner_b = SellerMemberFactory().user
    return (
        province_x_app,
        document,
        {
            "anonymous": None,
            "buyer A": province_x_app.applicant,
            "buyer B": UserFactory(),
            "seller-A staff": staff_a,
            "seller-A owner": owner_a,
            "seller-B owner": owner_b,
            "authority X": AuthorityFactory(authority_province_id="01"),
            "authority Y": AuthorityFactory(authority_province_id="79"),
            "admin": AdminFactory(),
        },
    )


# Who may do what to buyer A's application in province X (01).
READ = {"buyer A", "authority X", "admin"}
DECIDE = {"authority X", "admin"}


def test_idor_matrix_for_applications_and_documents():
    application, document, roles = _roles()
    cells = 0
    for role, user in roles.items():
        client = Client()
        if user is not None:
            login_verified(client, user)
        web_read = client.get(
            reverse("sellers:application_detail", args=[application.public_id]),
            follow=user is not None,
        )
        review = client.get(reverse("sellers:review_detail", args=[application.public_id]))
        download = client.get(reverse("sellers:document_download", args=[document.public_id]))
        api_read = client.get(f"/api/v1/sellers/applications/{application.public_id}")
        api_list = client.get("/api/v1/sellers/applications")
        cells += 5

        allowed = role in READ
        if user is None:
            assert web_read.status_code == 302 and "/accounts/login/" in web_read["Location"]
        else:
            assert (web_read.status_code == 200) is allowed, role
        assert (download.status_code == 200) is allowed, role
        assert (api_read.status_code == 200) is allowed, role
        assert (review.status_code == 200) is (role in DECIDE), role
        if user is None:
            assert api_list.status_code == 401
        else:
            ids = [item["id"] for item in api_list.json()["items"]]
            assert (str(application.public_id) in ids) is allowed, role
        if not allowed:
            assert application.name not in web_read.content.decode() + api_read.content.decode()
            if user is not None:
                assert download.status_code == 404 and api_read.status_code == 404
            if user is not None and role not in {
                "seller-A staff",
                "seller-A owner",
                "seller-B owner",
                "buyer B",
            }:
                assert review.status_code in (403, 404)

    for role, user in roles.items():
        if role in DECIDE or user is None:
            continue
        client = Client()
        login_verified(client, user)
        web = client.post(
            reverse("sellers:review_detail", args=[application.public_id]), {"decision": "approve"}
        )
        api = client.post(
            f"/api/v1/sellers/applications/{application.public_id}/decision",
            {"decision": "approve"},
            content_type="application/json",
        )
        cells += 2
        assert web.status_code in (403, 404), role
        assert api.status_code in (403, 404), role
        assert api.status_code == 404 or role == "buyer A", role
    application.refresh_from_db()
    assert (
        application.status == "submitted"
        and not Seller.objects.filter(application=application).exists()
    )
    assert str(application.public_id).count("-") == 4 and cells > 50


def test_staff_cannot_invite_and_owner_cannot_remove_other_sellers_staff():
    seller_a, seller_b = SellerFactory(), SellerFactory()
    owner_a = SellerMemberFactory(seller=seller_a).user
    staff_a = SellerMemberFactory(seller=seller_a, role=SellerMember.Role.STAFF).user
    staff_b = SellerMemberFactory(seller=seller_b, role=SellerMember.Role.STAFF)
    client = Client()
    client.force_login(staff_a)

    assert (
        client.post(reverse("sellers:staff_invite"), {"email": "x@example.vn"}).status_code == 403
    )
    client.force_login(owner_a)
    assert client.post(reverse("sellers:staff_remove", args=[staff_b.pk])).status_code == 404
    staff_b.refresh_from_db()
    assert staff_b.is_active


CSRF_POSTS = [
    ("sellers:apply", [], lambda: _apply_data()),
    ("sellers:staff_invite", [], lambda: {"email": "x@example.vn"}),
    ("sellers:profile_update", [], lambda: {"description": "mới"}),
]


@pytest.mark.parametrize(("name", "args", "data"), CSRF_POSTS)
def test_seller_forms_without_csrf_token_are_refused(name, args, data):
    member = SellerMemberFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(member.user)

    response = client.post(reverse(name, args=args), data())

    assert response.status_code == 403
    member.seller.refresh_from_db()
    assert member.seller.description == "Chè búp sao tay."
    assert not SellerApplication.objects.exists()
    assert not member.seller.invitations.exists()


def test_review_decision_without_csrf_token_is_refused():
    application = SellerApplicationFactory()
    client = Client(enforce_csrf_checks=True)
    login_verified(client, AuthorityFactory())

    response = client.post(
        reverse("sellers:review_detail", args=[application.public_id]), {"decision": "approve"}
    )

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == "submitted"


def test_api_session_post_needs_csrf_and_bearer_token_works():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from phohang.accounts.services import api_token_create
    from phohang.accounts.tests.factories import current_code

    application = SellerApplicationFactory()
    officer = AuthorityFactory()
    client = Client(enforce_csrf_checks=True)
    login_verified(client, officer)
    url = f"/api/v1/sellers/applications/{application.public_id}/decision"

    no_csrf = client.post(
        url, {"decision": "needs_info", "reason": "x"}, content_type="application/json"
    )
    application.refresh_from_db()
    assert no_csrf.status_code == 403 and application.status == "submitted"

    device = TOTPDevice.objects.get(user=officer)
    _token, raw = api_token_create(user=officer, name="ERP", otp_code=current_code(device))
    bearer = Client().post(
        url,
        {"decision": "needs_info", "reason": "Gửi giấy phép"},
        content_type="application/json",
        headers={"authorization": f"Bearer {raw}"},
    )
    assert bearer.status_code == 200 and bearer.json()["status"] == "needs_info"
    again = Client().post(
        url,
        {"decision": "approve"},
        content_type="application/json",
        headers={"authorization": f"Bearer {raw}"},
    )
    assert again.status_code == 200
    third = Client().post(
        url,
        {"decision": "approve"},
        content_type="application/json",
        headers={"authorization": f"Bearer {raw}"},
    )
    assert third.status_code == 409
