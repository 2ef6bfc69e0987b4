import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from phohang.accounts.models import Consent
from phohang.accounts.tests.factories import AuthorityFactory, UserFactory
from phohang.catalog import services as catalog_services
from phohang.catalog.models import Product, ProductVariant
from phohang.catalog.tests.factories import ProductFactory, VariantFactory, member_of
from phohang.compliance import selectors, services
from phohang.compliance.models import (
    Complaint,
    ConsentEvidence,
    DataRequest,
    ReviewItem,
    ScreeningRule,
    Takedown,
)
from phohang.compliance.retention import retention_run
from phohang.core.audit import AuditContext
from phohang.core.errors import DomainError
from phohang.core.models import AuditRecord
from phohang.geo.models import Ward
from phohang.orders.tests.factories import place
from phohang.sellers.identification import (
    answer_signature,
    identification_complete,
    identification_start,
)
from phohang.sellers.models import IdentityLevel, Seller
from phohang.sellers.tests.factories import SellerFactory

pytestmark = pytest.mark.django_db


def _context(user=None):
    return AuditContext(actor=user)


def _rule(phrase="thuốc lá điện tử", kind=ScreeningRule.Kind.BANNED):
    return services.screening_rule_add(
        kind=kind, phrase=phrase, category_id=None, note="NĐ 98/2020", context=_context()
    )


def _draft(seller=None, title="Chè Tân Cương", **fields):
    product = ProductFactory(
        seller=seller or SellerFactory(),
        title=title,
        status=Product.Status.DRAFT,
        published_at=None,
        **fields,
    )
    VariantFactory(product=product)
    return product


# Identification ----------------------------------------------------------------------------


def test_expired_identification_takes_the_sellers_goods_off_sale_and_blocks_publishing():
    seller = SellerFactory(identity_expires_at=timezone.now() - datetime.timedelta(minutes=1))
    variant = VariantFactory(product=ProductFactory(seller=seller))
    draft = _draft(seller)

    with pytest.raises(ValidationError):
        catalog_services.product_publish(product=draft, context=None)

    assert not ProductVariant.objects.for_sale().filter(pk=variant.pk).exists()
    assert not ProductVariant.objects.listed().filter(pk=variant.pk).exists()
    draft.refresh_from_db()
    assert draft.status == Product.Status.DRAFT


def test_eid_identification_lets_an_unverified_seller_publish(settings):
    seller = SellerFactory(is_verified=False, identity_level=IdentityLevel.NONE)
    user = member_of(seller)
    draft = _draft(seller)
    url = identification_start(seller=seller, user=user, callback_url="/cb/")
    state = url.split("state=")[1].split("&")[0]
    answer = {
        "outcome": "verified",
        "level": "2",
        "reference": "SIM-1",
        "signature": answer_signature(
            settings.SECRET_KEY, state=state, level="2", reference="SIM-1"
        ),
    }

    identification_complete(state=state, user=user, answer=answer, context=_context(user))
    catalog_services.product_publish(product=Product.objects.get(pk=draft.pk), context=None)

    seller.refresh_from_db()
    draft.refresh_from_db()
    assert seller.identity_level == IdentityLevel.EID_LEVEL_2
    assert seller.identity_expires_at > timezone.now() + datetime.timedelta(days=700)
    assert draft.status == Product.Status.PUBLISHED


def test_forged_eid_answer_is_refused_and_changes_nothing():
    seller = SellerFactory(is_verified=False, identity_level=IdentityLevel.NONE)
    user = member_of(seller)
    url = identification_start(seller=seller, user=user, callback_url="/cb/")
    state = url.split("state=")[1].split("&")[0]

    with pytest.raises(DomainError):
        identification_complete(
            state=state,
            user=user,
            answer={"outcome": "verified", "level": "2", "reference": "x", "signature": "bad"},
            context=_context(user),
        )

    seller.refresh_from_db()
    assert (seller.is_verified, seller.identity_level) == (False, IdentityLevel.NONE)


# Screening ---------------------------------------------------------------------------------


def test_banned_words_typed_without_diacritics_hold_the_listing_for_review():
    _rule()
    product = _draft(title="Thuoc la dien tu vi dau")

    with pytest.raises(ValidationError) as raised:
        catalog_services.product_publish(product=product, context=None)

    product.refresh_from_db()
    item = ReviewItem.objects.get(product=product)
    assert raised.value.code == "held_for_review"
    assert product.status == Product.Status.DRAFT
    assert (item.source, item.status) == (ReviewItem.Source.SCREENING, ReviewItem.Status.OPEN)
    assert item.reasons[0]["matched"] == "thuốc lá điện tử"


def test_a_listing_without_banned_words_publishes_at_once():
    _rule()
    product = _draft(title="Chè thái nguyên")

    catalog_services.product_publish(product=product, context=None)

    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED
    assert not ReviewItem.objects.exists()


def test_goods_needing_an_origin_are_held_without_one():
    _rule("mật ong", ScreeningRule.Kind.NEEDS_ORIGIN)
    without = _draft(title="Mật ong rừng")
    with_origin = _draft(
        title="Mật ong hoa nhãn",
        origin_ward=Ward.objects.filter(province_id="01").order_by("code").first(),
    )

    with pytest.raises(ValidationError):
        catalog_services.product_publish(product=without, context=None)
    catalog_services.product_publish(product=with_origin, context=None)

    assert ReviewItem.objects.filter(product=without).count() == 1
    assert not ReviewItem.objects.filter(product=with_origin).exists()


def test_approving_a_held_listing_publishes_it_and_later_publishing_passes():
    officer = AuthorityFactory()
    _rule("rượu", ScreeningRule.Kind.RESTRICTED)
    product = _draft(title="Rượu làng Vân")
    with pytest.raises(ValidationError):
        catalog_services.product_publish(product=product, context=None)
    item = ReviewItem.objects.get(product=product)

    services.review_approve(item=item, note="Có giấy phép", context=_context(officer))

    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED
    catalog_services.product_hide(product=product, context=None)
    catalog_services.product_publish(product=product, context=None)
    assert ReviewItem.objects.filter(product=product).count() == 1


def test_editing_a_published_listing_to_add_a_banned_word_takes_it_down_for_review():
    _rule()
    product = ProductFactory(title="Chè xanh")
    VariantFactory(product=product)

    catalog_services.product_update(
        product=product, context=None, title="Chè xanh và thuốc lá điện tử"
    )

    product.refresh_from_db()
    assert product.status == Product.Status.HIDDEN
    assert ReviewItem.objects.filter(product=product, status="open").exists()


def test_a_rule_already_on_the_list_is_refused():
    _rule()

    with pytest.raises(DomainError):
        _rule("THUOC LA DIEN TU")

    assert ScreeningRule.objects.count() == 1


# Takedowns -----------------------------------------------------------------------------------


def test_takedown_of_a_missing_listing_is_refused_and_stores_nothing():
    officer = AuthorityFactory()

    with pytest.raises(DomainError) as raised:
        services.takedown_order(
            kind=Takedown.Kind.LISTING,
            product_public_id="00000000-0000-0000-0000-000000000000",
            reason="Hàng giả mạo nhãn hiệu",
            legal_basis="",
            officer=officer,
            context=_context(officer),
        )

    assert raised.value.code == "listing_missing"
    assert not Takedown.objects.exists()


def test_takedown_carried_out_suspends_the_listing_and_an_accepted_appeal_lifts_it():
    officer = AuthorityFactory()
    product = ProductFactory()
    seller_user = member_of(product.seller)
    takedown = services.takedown_order(
        kind=Takedown.Kind.LISTING,
        product_public_id=str(product.public_id),
        reason="Hàng giả mạo nhãn hiệu",
        legal_basis="QĐ 12/QĐ-SCT",
        officer=officer,
        context=_context(officer),
    )
    assert takedown.due_at - takedown.ordered_at == datetime.timedelta(hours=24)

    services.takedown_carry_out(
        takedown=takedown, actor_kind=services.PLATFORM, context=_context(officer)
    )
    product.refresh_from_db()
    assert product.status == Product.Status.SUSPENDED

    services.takedown_appeal(
        takedown=takedown,
        seller=product.seller,
        text="Hàng chính hãng, có hoá đơn nhập.",
        context=_context(seller_user),
    )
    services.takedown_appeal_decide(
        takedown=takedown, accept=True, note="Đã xem hoá đơn", context=_context(officer)
    )

    takedown.refresh_from_db()
    product.refresh_from_db()
    assert takedown.status == Takedown.Status.REVERSED
    assert product.status == Product.Status.HIDDEN
    assert AuditRecord.objects.filter(action__startswith="compliance.takedown").count() >= 4


def test_seller_suspension_stops_selling():
    officer = AuthorityFactory()
    variant = VariantFactory()
    seller = variant.product.seller
    takedown = services.takedown_order(
        kind=Takedown.Kind.SELLER,
        seller_public_id=str(seller.public_id),
        reason="Kinh doanh hàng cấm",
        legal_basis="",
        officer=officer,
        context=_context(officer),
    )

    services.takedown_carry_out(
        takedown=takedown, actor_kind=services.AUTHORITY, context=_context(officer)
    )

    seller.refresh_from_db()
    assert seller.is_active is False
    assert not ProductVariant.objects.for_sale().filter(pk=variant.pk).exists()


def test_overdue_takedowns_are_counted():
    officer = AuthorityFactory()
    product = ProductFactory()
    takedown = services.takedown_order(
        kind=Takedown.Kind.LISTING,
        product_public_id=str(product.public_id),
        reason="Hàng giả mạo nhãn hiệu",
        legal_basis="",
        officer=officer,
        context=_context(officer),
    )
    Takedown.objects.filter(pk=takedown.pk).update(
        due_at=timezone.now() - datetime.timedelta(hours=1)
    )

    counters = selectors.counters(scope=officer.province_scope)

    assert (counters.takedowns_open, counters.takedowns_overdue) == (1, 1)


# Complaints ----------------------------------------------------------------------------------


def test_complaint_about_someone_elses_order_is_refused_and_stores_nothing():
    owner = UserFactory()
    stranger = UserFactory()
    variant = VariantFactory(stock_on_hand=5)
    checkout = place(owner, [(variant, 1)])
    order = checkout.orders.first()

    with pytest.raises(DomainError) as raised:
        services.complaint_file(
            complainant=stranger,
            target=Complaint.Target.ORDER,
            reference=str(order.public_id),
            body="Hàng giao thiếu một gói",
            evidence=None,
            context=_context(stranger),
        )

    assert raised.value.code == "order_not_yours"
    assert not Complaint.objects.exists()


def test_unanswered_complaint_escalates_after_the_sellers_deadline():
    buyer = UserFactory()
    variant = VariantFactory(stock_on_hand=5)
    order = place(buyer, [(variant, 1)]).orders.first()
    complaint = services.complaint_file(
        complainant=buyer,
        target=Complaint.Target.ORDER,
        reference=str(order.public_id),
        body="Hàng giao thiếu một gói chè",
        evidence=None,
        context=_context(buyer),
    )
    assert complaint.seller_due_at - complaint.created_at == datetime.timedelta(days=3)

    early = services.complaints_escalate_overdue(now=timezone.now() + datetime.timedelta(days=2))
    late = services.complaints_escalate_overdue(
        now=timezone.now() + datetime.timedelta(days=3, hours=1)
    )

    complaint.refresh_from_db()
    assert (early, late) == (0, 1)
    assert complaint.status == Complaint.Status.ESCALATED


def test_resolving_a_listing_complaint_with_a_takedown_links_the_takedown():
    buyer, officer = UserFactory(), AuthorityFactory()
    product = ProductFactory()
    complaint = services.complaint_file(
        complainant=buyer,
        target=Complaint.Target.LISTING,
        reference=str(product.public_id),
        body="Sản phẩm ghi sai xuất xứ",
        evidence=None,
        context=_context(buyer),
    )
    assert ReviewItem.objects.filter(product=product, source="reported").exists()
    Complaint.objects.filter(pk=complaint.pk).update(status=Complaint.Status.ESCALATED)
    complaint.refresh_from_db()

    services.complaint_resolve(
        complaint=complaint,
        outcome=Complaint.Outcome.TAKEDOWN,
        note="Ghi sai xuất xứ",
        actor_kind=services.PLATFORM,
        context=_context(officer),
    )

    product.refresh_from_db()
    assert product.status == Product.Status.SUSPENDED
    assert complaint.takedowns.get().status == Takedown.Status.DONE


# Fee notices, rules, personal data, retention ------------------------------------------------


def test_fee_change_published_less_than_20_days_ahead_is_refused():
    with pytest.raises(DomainError):
        services.fee_notice_publish(
            title="Phí hoa hồng 6%",
            details="Từ 5% lên 6%",
            effective_from=timezone.localdate() + datetime.timedelta(days=19),
            context=_context(),
        )
    services.fee_notice_publish(
        title="Phí hoa hồng 6%",
        details="Từ 5% lên 6%",
        effective_from=timezone.localdate() + datetime.timedelta(days=20),
        context=_context(),
    )

    assert selectors.fee_notices().count() == 1


def test_the_rules_version_in_force_when_an_order_was_placed_applies_to_it():
    buyer = UserFactory()
    order = place(buyer, [(VariantFactory(stock_on_hand=5), 1)]).orders.first()
    from phohang.compliance.models import RulesVersion

    RulesVersion.objects.create(
        version="1.0",
        title="Quy chế",
        summary="-",
        body="...",
        effective_from=order.created_at - datetime.timedelta(days=30),
    )
    RulesVersion.objects.create(
        version="2.0",
        title="Quy chế",
        summary="-",
        body="...",
        effective_from=order.created_at + datetime.timedelta(days=1),
    )

    _order, version = selectors.rules_for_order(user=buyer, public_id=order.public_id)

    assert version.version == "1.0"


def test_a_crafted_consent_form_changes_nothing():
    user = UserFactory()
    shown = [Consent.Purpose.MARKETING, Consent.Purpose.MATCHING]

    with pytest.raises(DomainError):
        services.consents_update(
            user=user,
            shown=shown,
            token="forged",
            granted=shown,
            user_agent="x",
            context=_context(user),
        )

    assert not Consent.objects.filter(user=user, purpose__in=shown).exists()


def test_consent_given_on_the_shown_form_keeps_evidence_and_can_be_withdrawn():
    user = UserFactory()
    shown = [Consent.Purpose.MARKETING, Consent.Purpose.MATCHING]
    token = services.consent_form_token(user=user, purposes=shown)

    services.consents_update(
        user=user,
        shown=shown,
        token=token,
        granted=[Consent.Purpose.MARKETING],
        user_agent="x",
        context=_context(user),
    )
    services.consents_update(
        user=user, shown=shown, token=token, granted=[], user_agent="x", context=_context(user)
    )

    consent = Consent.objects.get(user=user, purpose=Consent.Purpose.MARKETING)
    assert consent.withdrawn_at is not None
    assert list(
        ConsentEvidence.objects.filter(consent=consent).values_list("action", flat=True)
    ) == ["grant", "withdraw"]


def test_data_request_clock_and_single_extension(settings):
    user = UserFactory()
    request = services.data_request_file(
        requester=user, kind=DataRequest.Kind.CORRECTION, details="Sai tên", context=_context(user)
    )
    assert request.due_at - request.received_at == datetime.timedelta(days=15)
    assert request.acknowledge_by > request.received_at

    services.data_request_extend(request=request, note="Cần xác minh thêm", context=_context())
    with pytest.raises(DomainError):
        services.data_request_extend(request=request, note="Lần nữa", context=_context())

    request.refresh_from_db()
    assert request.due_at - request.received_at == datetime.timedelta(days=30)


def test_a_listing_under_retention_cannot_be_deleted():
    product = ProductFactory()

    with pytest.raises(ValidationError) as raised:
        catalog_services.product_delete(product=product, context=None)

    assert raised.value.code == "retention"
    assert Product.objects.filter(pk=product.pk).exists()


def test_retention_run_anonymises_old_complaints_and_reports():
    buyer = UserFactory()
    product = ProductFactory()
    complaint = services.complaint_file(
        complainant=buyer,
        target=Complaint.Target.LISTING,
        reference=str(product.public_id),
        body="Sản phẩm ghi sai xuất xứ",
        evidence=None,
        context=_context(buyer),
    )
    Complaint.objects.filter(pk=complaint.pk).update(
        status=Complaint.Status.RESOLVED, resolved_at=timezone.now() - datetime.timedelta(days=1200)
    )

    run = retention_run()

    complaint.refresh_from_db()
    assert complaint.body == "—"
    step = next(row for row in run.report if row["holding"] == "compliance.Complaint")
    assert step["rows"] == 1


def test_report_counts_the_period():
    officer = AuthorityFactory(is_city_authority=True)
    ProductFactory()
    today = timezone.localdate()

    rows = {
        (s, f): v
        for s, f, v in selectors.report_rows(start=today, end=today, scope=officer.province_scope)
    }

    assert rows[("listings", "new")] == 1
    assert rows[("sellers", "active_identified")] == Seller.objects.count()


def test_identity_documents_are_stored_encrypted_and_every_view_is_logged(client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from phohang.core.uploads import clean_document
    from phohang.sellers.services import _attach_documents
    from phohang.sellers.tests.factories import SellerApplicationFactory

    application = SellerApplicationFactory()
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    _attach_documents(
        application, [clean_document(SimpleUploadedFile("cccd.pdf", pdf, "application/pdf"))]
    )
    document = application.documents.get()
    client.force_login(application.applicant)

    with document.file.open("rb") as stored:
        on_disk = stored.read()
    response = client.get(reverse("sellers:document_download", args=[document.public_id]))

    assert not on_disk.startswith(b"%PDF") and b"%PDF" not in on_disk
    assert response.content == pdf
    assert AuditRecord.objects.filter(action="seller_application.download_document").count() == 1


def test_an_imported_listing_with_a_banned_word_is_hidden_and_held():
    from phohang.catalog.services.imports.jobs import _screen_imported

    _rule()
    product = ProductFactory(title="Thuốc lá điện tử nhập khẩu")
    changed = {product.pk: "published"}

    _screen_imported(changed)

    product.refresh_from_db()
    assert product.status == Product.Status.HIDDEN
    assert changed == {product.pk: "hidden"}
    assert ReviewItem.objects.filter(product=product, status="open").exists()
