"""SEC-04: officers act on their own province only; platform-wide settings need a city-level role.

Every route whose access policy names the authority role is walked from the URLconf, and every
API operation from the router, as officers of two provinces on province X's objects: X's officer
reaches them, Y's officer gets 404 (or 403), sees none of them in lists, and changes nothing.
A new route whose parameters this test cannot fill fails it until it is added to ARGUMENTS.
"""

import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory, login_verified
from phohang.catalog.models import Product
from phohang.catalog.tests.factories import ProductFactory
from phohang.compliance import services as compliance_services
from phohang.compliance.models import ScreeningRule, Takedown
from phohang.core.access import policy_of
from phohang.core.audit import AuditContext
from phohang.core.tests.test_routes_and_headers import _ninja_operations
from phohang.core.uploads import clean_document
from phohang.directory.models import KeyProduct, Milestone, ParkChange, ProjectDocument
from phohang.directory.tests.factories import (
    MilestoneFactory,
    ParkFactory,
    ProjectFactory,
    manufacturer,
)
from phohang.geo.models import Province
from phohang.insights.models import Target
from phohang.livestream.models import LiveComment, LiveSession
from phohang.livestream.tests.factories import live_session
from phohang.logistics.models import CodFee, ShippingRate, TruckClassRule, TruckZone
from phohang.messaging import services as messaging_services
from phohang.messaging.models import MessageReport
from phohang.orders.models import Review
from phohang.orders.tests.factories import VariantFactory, place
from phohang.sellers.models import SellerApplication
from phohang.sellers.tests.factories import (
    ApplicationDocumentFactory,
    SellerApplicationFactory,
    SellerFactory,
)
from phohang.trade import services as trade_services
from phohang.trade.models import BuyerOrganisation, Demand
from phohang.trade.tests.factories import CategoryFactory, demand_data

pytestmark = pytest.mark.django_db
X, Y = "01", "11"  # Hà Nội, Điện Biên
# Routes that change platform-wide settings or read every province: no province officer.
PLATFORM_WIDE = {
    "logistics:rates",
    "logistics:rate_edit",
    "logistics:rate_delete",
    "logistics:cod_fee_delete",
    "logistics:truck_rules",
    "logistics:truck_zone",
    "logistics:truck_class",
    "accounts:audit_log",
    "insights:statistics",
    "insights:targets",
    "insights:target_delete",
    "compliance:screening_rules",
    "compliance:screening_rule_remove",
    "compliance:publish_notices",
    "markets:need",
    "markets:threshold",
}


@pytest.fixture
def world():
    """Objects of province X that a province-Y officer must not reach."""
    seller = SellerFactory(province_code=X, name="Hợp tác xã Chè Sóc Sơn")
    product = ProductFactory(seller=seller, title="Chè Sóc Sơn hộp thiếc")
    application = SellerApplicationFactory(province_code=X, name="Công ty Gốm Bát Tràng Xanh")
    document = ApplicationDocumentFactory(application=application)
    buyer = UserFactory(email="thu-mua@sieuthilongbien.vn")
    organisation = trade_services.organisation_create(
        user=buyer,
        name="Siêu thị Long Biên",
        kind=BuyerOrganisation.Kind.SUPERMARKET,
        province_id=X,
    )
    demand = trade_services.demand_create(
        user=buyer,
        organisation=organisation,
        data=demand_data(
            CategoryFactory(),
            title="Gạo nếp cái hoa vàng",
            visibility=Demand.Visibility.INVITED,
            invited_seller_ids=[seller.pk],
        ),
    )
    rate = ShippingRate.objects.create(
        origin_province_id=X, destination_province_id=Y, max_weight_grams=1000, fee_vnd=30_000
    )
    cod_fee = CodFee.objects.create(percent=1, minimum_vnd=10_000)
    truck_class = TruckClassRule.objects.create(
        zone=TruckZone.objects.create(
            name="Vành đai thử", polygon=[[21, 105], [21, 106], [22, 106]]
        ),
        name="Xe tải",
        min_gross_kg=0,
        allowed_windows=[["21:00", "06:00"]],
    )
    target = Target.objects.create(
        indicator=Target._meta.get_field("indicator").choices[0][0],
        period="2031",
        period_kind="year",
        period_start=date(2031, 1, 1),
        value=10,
    )
    # A buyer's reported message to X's shop: only X's officers moderate it.
    conversation = messaging_services.conversation_open(
        buyer=UserFactory(), seller=seller, body="Tin nhắn bị báo cáo ở Sóc Sơn"
    )
    message = conversation.messages.get()
    MessageReport.objects.create(message=message, reporter=UserFactory(), reason="Lừa đảo")
    # A review of X's product waiting for moderation: only X's officers publish it.
    reviewer = UserFactory()
    line = place(reviewer, [(VariantFactory(product=product), 1)]).orders.get().lines.get()
    review = Review.objects.create(
        order_line=line, product=product, buyer=reviewer, rating=2, body="Chè Sóc Sơn hơi chát"
    )
    # A complaint about X's product and a takedown ordered for it.
    complaint = compliance_services.complaint_file(
        complainant=reviewer,
        target="listing",
        reference=str(product.public_id),
        body="Chè Sóc Sơn ghi sai xuất xứ",
        evidence=clean_document(
            SimpleUploadedFile("anh.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
        ),
        context=AuditContext(actor=reviewer),
    )
    takedown = compliance_services.takedown_order(
        kind="listing",
        product_public_id=str(product.public_id),
        reason="Nhãn Sóc Sơn chưa khớp giấy chứng nhận",
        legal_basis="",
        officer=AuthorityFactory(authority_province=Province.objects.get(code=X)),
        context=AuditContext(),
    )
    rule = ScreeningRule.objects.create(kind="banned", phrase="pháo nổ", phrase_folded="phao no")
    # A key industrial product of X's manufacturer: only X's officers untag it.
    key_product = KeyProduct.objects.create(
        manufacturer=manufacturer("Công ty Cơ khí Đông Anh", province_id=X),
        name="Khuôn ép nhựa chính xác",
        year=2025,
    )
    # A park operator's proposed change, and a late infrastructure milestone with its document.
    park_change = ParkChange.objects.create(
        park=ParkFactory(province_id=X, name="Khu công nghiệp Nội Bài mở rộng"),
        kind=ParkChange.Kind.FACTS,
        data={"free_area_ha": "12.5"},
    )
    milestone = MilestoneFactory(
        project=ProjectFactory(province_id=X, name="Trạm biến áp 220 kV Sóc Sơn"),
        name="Đóng điện trạm Sóc Sơn",
    )
    project_document = ProjectDocument.objects.create(
        project=milestone.project,
        title="Biên bản nghiệm thu Sóc Sơn",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="nghiem-thu.pdf"),
        content_type="application/pdf",
    )
    # A live session of X's shop with a viewer's comment: only X's officers stop it or hide it.
    live = live_session(seller=seller, title="Phiên bán chè Sóc Sơn trực tiếp")
    comment = LiveComment.objects.create(
        session=live, author_name="Khách xem", body="Chè Sóc Sơn giá bao nhiêu?"
    )
    return {
        "live": live,
        "comment": comment,
        "key_product": key_product,
        "park_change": park_change,
        "milestone": milestone,
        "project_document": project_document,
        "complaint": complaint,
        "takedown": takedown,
        "review_item": complaint.product.review_items.get(),
        "rule": rule,
        "message": message,
        "review": review,
        "product": product,
        "application": application,
        "document": document,
        "demand": demand,
        "rate": rate,
        "cod_fee": cod_fee,
        "truck_class": truck_class,
        "target": target,
        # What must never show on the other province's pages.
        "markers": [
            product.title,
            application.name,
            demand.title,
            message.body,
            review.body,
            complaint.body,
            takedown.reason,
            park_change.park.name,
            live.title,
            comment.body,
            milestone.project.name,
            project_document.title,
        ],
    }


# Parameters that name one object (others pick a view of data, e.g. an export's format).
OBJECT_PARAMETERS = ("public_id", "rate_id", "pk", "review_id", "fee_id", "zone_id", "rule_id")
# (URL name, parameter) → the value to put in the URL, from `world`.
ARGUMENTS = {
    ("catalog:moderation_detail", "public_id"): lambda w: w["product"].public_id,
    ("catalog:moderation_action", "public_id"): lambda w: w["product"].public_id,
    ("catalog:moderation_action", "action"): lambda w: "suspend",
    ("sellers:review_detail", "public_id"): lambda w: w["application"].public_id,
    ("expo:venue", "venue_id"): lambda w: _venue().pk,
    ("logistics:rate_edit", "rate_id"): lambda w: w["rate"].pk,
    ("logistics:rate_delete", "rate_id"): lambda w: w["rate"].pk,
    ("logistics:cod_fee_delete", "fee_id"): lambda w: w["cod_fee"].pk,
    ("logistics:truck_zone", "zone_id"): lambda w: w["truck_class"].zone_id,
    ("logistics:truck_class", "rule_id"): lambda w: w["truck_class"].pk,
    ("insights:target_delete", "pk"): lambda w: w["target"].pk,
    ("messaging:hide", "public_id"): lambda w: w["message"].public_id,
    ("orders:review_moderate", "review_id"): lambda w: w["review"].pk,
    ("orders:review_moderate", "action"): lambda w: "publish",
    ("insights:export", "dataset"): lambda w: "seller_provinces",
    ("insights:export", "file_format"): lambda w: "csv",
    ("compliance:review_decide", "public_id"): lambda w: w["review_item"].public_id,
    ("compliance:review_decide", "decision"): lambda w: "approve",
    ("compliance:review_seen", "public_id"): lambda w: w["product"].public_id,
    ("compliance:screening_rule_remove", "rule_id"): lambda w: w["rule"].pk,
    ("compliance:takedown_detail", "public_id"): lambda w: w["takedown"].public_id,
    ("compliance:takedown_action", "public_id"): lambda w: w["takedown"].public_id,
    ("compliance:takedown_action", "action"): lambda w: "carry-out",
    ("compliance:complaint_staff_detail", "public_id"): lambda w: w["complaint"].public_id,
    ("compliance:complaint_evidence", "public_id"): lambda w: w["complaint"].public_id,
    ("compliance:report_download", "extension"): lambda w: "csv",
    ("directory:key_untag", "public_id"): lambda w: w["key_product"].public_id,
    ("livestream:stop", "public_id"): lambda w: w["live"].public_id,
    ("livestream:comment_hide", "comment_id"): lambda w: w["comment"].public_id,
    ("markets:weekly_report", "file_format"): lambda w: "xlsx",
    ("directory:review_decide", "public_id"): lambda w: w["park_change"].public_id,
    ("directory:milestone_edit", "public_id"): lambda w: w["milestone"].public_id,
    ("directory:project_document", "public_id"): lambda w: w["project_document"].public_id,
}
API_ARGUMENTS = {
    ("sellers/applications/", "public_id"): lambda w: w["application"].public_id,
    ("trade/demands/", "demand_id"): lambda w: w["demand"].public_id,
    ("catalog/products/", "public_id"): lambda w: w["product"].public_id,
}


def _named_routes(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _named_routes(
                entry.url_patterns, prefix + str(entry.pattern), entry.namespace or namespace
            )
        elif isinstance(entry, URLPattern):
            yield f"{namespace}:{entry.name}", prefix + str(entry.pattern), entry.callback


def _authority_routes():
    """(URL name, route) of every page whose access policy names an authority role."""
    for name, route, callback in _named_routes(get_resolver().url_patterns):
        policy = policy_of(callback) or ""
        if policy.startswith("roles:") and "authority" in policy:
            yield name, route


def _venue():
    """Venues are shared by every organiser (exhibition centres, not a province's data)."""
    from phohang.expo.models import Venue

    return Venue.objects.get_or_create(
        name="Trung tâm Triển lãm Quốc gia", defaults={"address": "Đông Anh", "province_id": X}
    )[0]


def _fill(route: str, name: str, world) -> str:
    def value(match):
        parameter = match.group(2)
        maker = ARGUMENTS.get((name, parameter))
        assert maker is not None, f"SEC-04: add how to fill {parameter} of {name} ({route})"
        return str(maker(world))

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def _officers():
    province_x = Province.objects.get(code=X)
    province_y = Province.objects.get(code=Y)
    officer_x, officer_y = (
        AuthorityFactory(authority_province=province_x),
        AuthorityFactory(authority_province=province_y),
    )
    clients = {}
    for key, officer in (("x", officer_x), ("y", officer_y)):
        clients[key] = Client()
        login_verified(clients[key], officer)
    return clients


def _state(world) -> tuple:
    return (
        Product.objects.get(pk=world["product"].pk).status,
        SellerApplication.objects.get(pk=world["application"].pk).status,
        ShippingRate.objects.filter(pk=world["rate"].pk).count(),
        CodFee.objects.filter(pk=world["cod_fee"].pk).count(),
        TruckClassRule.objects.get(pk=world["truck_class"].pk).allowed_windows,
        Target.objects.filter(pk=world["target"].pk).count(),
        Review.objects.get(pk=world["review"].pk).status,
        Takedown.objects.get(pk=world["takedown"].pk).status,
        ScreeningRule.objects.filter(pk=world["rule"].pk, is_active=True).count(),
        KeyProduct.objects.filter(pk=world["key_product"].pk).count(),
        ParkChange.objects.get(pk=world["park_change"].pk).status,
        LiveSession.objects.get(pk=world["live"].pk).status,
        LiveComment.objects.get(pk=world["comment"].pk).hidden_at,
        Milestone.objects.filter(pk=world["milestone"].pk).values_list("actual_end").get(),
    )


def test_sec04_every_authority_page_is_limited_to_the_officers_province(world):
    clients = _officers()
    before = _state(world)
    routes = sorted(set(_authority_routes()))
    leaks, refused_own = [], []

    for name, route in routes:
        url = _fill(route, name, world)
        has_object = any(f"{parameter}>" in route for parameter in OBJECT_PARAMETERS)
        for side in ("y", "x"):
            response = clients[side].get(url)
            if response.status_code == 405 and (side == "y" or name in PLATFORM_WIDE):
                # A POST-only action: Y's officer posts it; X's acting is tested on its own.
                response = clients[side].post(url, {"reason": "Vi phạm"})
            raw = b"".join(response.streaming_content) if response.streaming else response.content
            body = raw.decode(errors="replace")
            if name in PLATFORM_WIDE:
                if response.status_code != 403:
                    leaks.append((side, name, response.status_code))
            elif side == "y":
                if has_object and response.status_code not in (403, 404):
                    leaks.append((side, name, response.status_code))
                elif any(marker in body for marker in world["markers"]):
                    leaks.append((side, name, "lists X's objects"))
            elif response.status_code >= 400 and response.status_code != 405:
                refused_own.append((name, response.status_code))

    assert len(routes) >= 15
    assert leaks == []
    assert refused_own == []
    assert _state(world) == before


def test_sec04_officer_acts_on_own_province_only(world):
    clients = _officers()
    product = world["product"]
    url = reverse("catalog:moderation_action", args=[product.public_id, "suspend"])

    clients["y"].post(url, {"reason": "Nhãn sai"})
    assert Product.objects.get(pk=product.pk).status == Product.Status.PUBLISHED
    clients["x"].post(url, {"reason": "Nhãn sai"})

    assert Product.objects.get(pk=product.pk).status == Product.Status.SUSPENDED


def test_sec04_api_operations_do_not_cross_provinces(world):
    from phohang.accounts.services import api_token_create
    from phohang.accounts.tests.factories import current_code, totp_device

    province_y = Province.objects.get(code=Y)
    officer_y = AuthorityFactory(authority_province=province_y)
    token = api_token_create(
        user=officer_y,
        name="t",
        scopes=["read", "sellers", "trade", "catalog"],
        otp_code=current_code(totp_device(officer_y)),
    )[1]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    leaks = []

    for route, operation in _ninja_operations():
        if "GET" not in operation.methods:
            continue
        relative = route.removeprefix("api/v1/")
        url = "/" + route
        for (prefix, parameter), maker in API_ARGUMENTS.items():
            if relative.startswith(prefix):
                url = url.replace(f"<{parameter}>", str(maker(world)))
        if re.search(r"<[^>]+>", url):
            continue  # a parameter of an object no officer oversees (e.g. a ward code)
        response = api.get(url.replace("<", "").replace(">", ""))
        if response.status_code == 200 and any(
            marker in response.content.decode() for marker in world["markers"][1:]
        ):
            leaks.append((url, response.status_code))
    decision = api.post(
        f"/api/v1/sellers/applications/{world['application'].public_id}/decision",
        {"decision": "reject", "reason": "Thiếu giấy tờ"},
        content_type="application/json",
    )

    assert leaks == []
    assert decision.status_code == 404
    assert SellerApplication.objects.get(pk=world["application"].pk).status == "submitted"


def test_sec04_invited_demands_are_overseen_by_their_province_only(world):
    clients = _officers()
    url = reverse("trade:demand_detail", args=[world["demand"].public_id])

    assert clients["y"].get(url).status_code == 404
    assert clients["x"].get(url).status_code == 200


def test_sec04_dashboards_default_and_limit_to_the_officers_province(world):
    clients = _officers()

    default = clients["y"].get("/insights/sales/")
    forced = clients["y"].get(
        "/insights/sales/",
        {"province": X, "start": "2026-01-01", "end": "2026-12-31", "grain": "month"},
    )

    assert default.status_code == 200
    assert default.context["filters"].province == Y
    assert forced.status_code == 400
    assert forced.context["filters"].province == Y


def test_sec04_an_authority_account_without_province_or_city_role_sees_nothing(world):
    nowhere = AuthorityFactory(is_city_authority=False)
    client = Client()
    login_verified(client, nowhere)

    listing = client.get(reverse("catalog:moderation_list"), follow=True)
    dashboard = client.get("/insights/sales/")

    assert listing.status_code == 200
    assert world["product"].title not in listing.content.decode()
    assert dashboard.status_code == 403
