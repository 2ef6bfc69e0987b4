import uuid

import pytest
from django.urls import reverse

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory, login_verified
from phohang.core.models import AuditRecord
from phohang.livestream import services
from phohang.livestream.models import LiveComment, LiveOrder, LivePin, LiveSession
from phohang.orders.tests.factories import ward
from phohang.sellers.tests.factories import SellerFactory, SellerMemberFactory

from .factories import PLAYER, LiveSessionFactory, live_session, product_of

pytestmark = pytest.mark.django_db
S = LiveSession.Status


def test_the_stream_page_allows_only_its_player_host_as_frame(client):
    session = live_session()

    response = client.get(session.get_absolute_url())

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "frame-src https://www.youtube.com;" in policy
    assert "connect-src 'self' ws://testserver" in policy
    assert 'src="https://www.youtube.com/embed/' in response.content.decode()
    assert "frame-src" not in client.get(reverse("livestream:index"))["Content-Security-Policy"]


def test_an_unverified_shop_is_refused_with_a_clear_message(client):
    member = SellerMemberFactory(seller=SellerFactory(is_verified=False))
    client.force_login(member.user)

    response = client.post(
        reverse("livestream:manage"),
        {
            "title": "Phiên thử",
            "scheduled_start": "2030-01-01T20:00",
            "scheduled_end": "2030-01-01T21:00",
            "player_url": PLAYER,
            "host": member.user.pk,
        },
    )

    assert response.status_code == 400
    assert "Chỉ người bán đã được xác minh danh tính" in response.content.decode()
    assert LiveSession.objects.count() == 0


def test_a_verified_shop_schedules_from_the_page(client):
    member = SellerMemberFactory()
    client.force_login(member.user)

    response = client.post(
        reverse("livestream:manage"),
        {
            "title": "Phiên chè tối thứ Bảy",
            "scheduled_start": "2030-01-01T20:00",
            "scheduled_end": "2030-01-01T21:00",
            "player_url": PLAYER,
            "host": member.user.pk,
        },
    )

    session = LiveSession.objects.get()
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()


def test_staff_stop_from_the_page_is_audited_and_others_get_404(client):
    session = live_session()
    officer = AuthorityFactory()
    login_verified(client, UserFactory())
    assert (
        client.post(
            reverse("livestream:stop", args=[session.public_id]), {"reason": "x"}
        ).status_code
        == 403
    )
    login_verified(client, AuthorityFactory(authority_province_id="79"))
    assert (
        client.post(
            reverse("livestream:stop", args=[session.public_id]), {"reason": "x"}
        ).status_code
        == 404
    )

    login_verified(client, officer)
    response = client.post(
        reverse("livestream:stop", args=[session.public_id]), {"reason": "Bán hàng cấm"}
    )

    session.refresh_from_db()
    assert response.status_code == 302
    assert (session.status, session.stop_reason) == (S.STOPPED, "Bán hàng cấm")
    assert AuditRecord.objects.filter(action="livestream.session.stopped", actor=officer).exists()


def test_someone_else_cannot_control_a_shops_session(client):
    session = LiveSessionFactory()
    client.force_login(UserFactory())

    for name in ("go_live", "end", "cancel", "documents", "pin"):
        response = client.post(reverse(f"livestream:{name}", args=[session.public_id]))
        assert response.status_code == 404, name

    session.refresh_from_db()
    assert session.status == S.SCHEDULED


def test_the_presenter_goes_live_and_pins_a_product_shown_to_viewers(client):
    session = LiveSessionFactory()
    variant = product_of(session.seller)
    client.force_login(session.host)

    client.post(reverse("livestream:go_live", args=[session.public_id]))
    client.post(
        reverse("livestream:pin", args=[session.public_id]),
        {"product": variant.product.public_id, "warning": ""},
    )
    client.logout()
    page = client.get(session.get_absolute_url()).content.decode()

    session.refresh_from_db()
    assert session.status == S.LIVE
    assert LivePin.objects.get().product == variant.product
    assert variant.product.title in page and "Mua ngay" in page


def test_a_viewer_buys_now_from_the_stream_and_the_order_links_the_session(client):
    session = live_session()
    variant = product_of(session.seller, stock_on_hand=3)
    pin = LivePin.objects.create(session=session, product=variant.product)
    client.force_login(UserFactory())
    place = ward()

    response = client.post(
        reverse("livestream:buy", args=[session.public_id, pin.public_id]),
        {
            "variant": variant.pk,
            "quantity": 1,
            "recipient_name": "Trần Thị Mua",
            "recipient_phone": "0912345678",
            "street": "5 Hàng Đào",
            "province": place.province_id,
            "ward": place.code,
            "payment_method": "cod",
        },
    )

    link = LiveOrder.objects.get()
    assert response.status_code == 302
    assert link.session == session and link.order.lines.get().variant == variant


def test_a_comment_posted_over_http_is_stored_and_shown(client):
    session = live_session()
    client.force_login(UserFactory(full_name="Phạm Văn Xem"))

    client.post(reverse("livestream:comment", args=[session.public_id]), {"body": "Chào shop!"})

    assert LiveComment.objects.get().body == "Chào shop!"
    assert "Chào shop!" in client.get(session.get_absolute_url()).content.decode()


def test_the_stream_page_shows_the_presenter_identification_and_complaint_links(client):
    session = live_session()
    product = product_of(session.seller).product
    LivePin.objects.create(session=session, product=product, pinned_by=session.host)
    client.force_login(UserFactory())

    page = client.get(session.get_absolute_url()).content.decode()

    assert "Đã định danh: " in page
    assert f"?target=stream&amp;ref={session.public_id}" in page
    assert f"?target=listing&amp;ref={product.public_id}" in page
    assert "live-complaints" not in page


def test_complaints_filed_during_the_stream_are_shown_to_the_presenter_only(client):
    session = live_session()
    services.stream_complaint_noted(
        session=session, complaint_public_id=uuid.uuid4(), summary="Sản phẩm không như mô tả"
    )
    url = reverse("livestream:complaints", args=[session.public_id])

    client.force_login(UserFactory())
    stranger = client.get(url)
    client.force_login(session.host)
    presenter = client.get(url)
    page = client.get(session.get_absolute_url()).content.decode()

    assert stranger.status_code == 404
    assert presenter.status_code == 200
    assert "Sản phẩm không như mô tả" in presenter.content.decode()
    assert "Sản phẩm không như mô tả" in page and 'id="live-complaints"' in page
