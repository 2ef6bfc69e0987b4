import datetime
import uuid

import pytest
from django.utils import timezone

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory
from phohang.catalog.tests.factories import category
from phohang.core.audit import AuditContext
from phohang.core.errors import Conflict, DomainError, Forbidden
from phohang.core.models import AuditRecord
from phohang.livestream import comments, services
from phohang.livestream.models import (
    LiveComment,
    LiveComplaintNotice,
    LiveOrder,
    LivePin,
    LiveSession,
    Streamer,
)
from phohang.orders.tests.factories import ward
from phohang.sellers.tests.factories import SellerFactory, SellerMemberFactory

from .factories import PLAYER, LiveSessionFactory, live_session, product_of

pytestmark = pytest.mark.django_db
S = LiveSession.Status


def schedule(seller, host, **overrides):
    start = timezone.now() + datetime.timedelta(hours=1)
    data = {
        "seller": seller,
        "host": host,
        "title": "Chè Tân Cương trực tiếp",
        "description": "Giới thiệu chè búp.",
        "scheduled_start": start,
        "scheduled_end": start + datetime.timedelta(hours=1),
        "player_url": PLAYER,
        "context": AuditContext(actor=host),
    }
    data.update(overrides)
    return services.session_schedule(**data)


def test_a_verified_shop_schedules_a_session_presented_by_its_owner():
    member = SellerMemberFactory()

    session = schedule(member.seller, member.user)

    assert (session.status, session.host, session.streamer) == (S.SCHEDULED, member.user, None)
    assert session.events.get().to_status == S.SCHEDULED


def test_an_unverified_shop_cannot_schedule_and_nothing_is_stored():
    member = SellerMemberFactory(seller=SellerFactory(is_verified=False))

    with pytest.raises(DomainError) as refused:
        schedule(member.seller, member.user)

    assert refused.value.code == "seller_not_verified"
    assert "đã được xác minh" in str(refused.value.message) or "verified" in str(
        refused.value.message
    )
    assert LiveSession.objects.count() == 0


def test_an_unverified_streamer_cannot_present_until_staff_verify_them():
    member = SellerMemberFactory()
    person = UserFactory()
    streamer = services.streamer_register(
        seller=member.seller, user=person, display_name="Hoa", context=AuditContext(member.user)
    )

    with pytest.raises(DomainError) as refused:
        schedule(member.seller, person)
    services.streamer_verify(streamer=streamer, context=AuditContext(AuthorityFactory()))
    session = schedule(member.seller, person)

    assert refused.value.code == "streamer_not_verified"
    assert session.streamer == streamer
    assert AuditRecord.objects.filter(action="livestream.streamer.verified").count() == 1


def test_someone_outside_the_shop_cannot_present():
    member = SellerMemberFactory()

    with pytest.raises(DomainError) as refused:
        schedule(member.seller, UserFactory())

    assert refused.value.code == "presenter_not_registered"


@pytest.mark.parametrize(
    "url",
    [
        "http://www.youtube.com/embed/x",
        "https://evil.example.com/embed/x",
        "javascript:alert(1)",
        "https://www.youtube.com.evil.vn/embed",
        "https://user@www.youtube.com/embed/x",
    ],
)
def test_a_player_outside_the_allow_list_is_refused(url):
    member = SellerMemberFactory()

    with pytest.raises(DomainError) as refused:
        schedule(member.seller, member.user, player_url=url)

    assert refused.value.code == "player_url_not_allowed"
    assert LiveSession.objects.count() == 0


def test_going_live_needs_the_documents_confirmed():
    session = LiveSessionFactory(documents_confirmed_at=None, advertising="")

    with pytest.raises(DomainError) as refused:
        services.session_go_live(session=session, user=session.host, context=AuditContext())
    with pytest.raises(DomainError):
        services.documents_confirm(
            session=session,
            business_conditions=True,
            product_quality=False,
            advertising="confirmed",
            context=AuditContext(session.host),
        )
    services.documents_confirm(
        session=session,
        business_conditions=True,
        product_quality=True,
        advertising="not_required",
        context=AuditContext(session.host),
    )
    services.session_go_live(session=session, user=session.host, context=AuditContext())

    assert refused.value.code == "documents_not_confirmed"
    session.refresh_from_db()
    assert session.status == S.LIVE and session.started_at is not None


def test_a_shop_unverified_after_scheduling_cannot_go_live():
    session = LiveSessionFactory()
    session.seller.is_verified = False
    session.seller.save()

    with pytest.raises(DomainError):
        services.session_go_live(session=session, user=session.host, context=AuditContext())

    session.refresh_from_db()
    assert session.status == S.SCHEDULED


def test_only_the_presenter_goes_live():
    session = LiveSessionFactory()
    other = SellerMemberFactory(seller=session.seller).user

    with pytest.raises(Forbidden):
        services.session_go_live(session=session, user=other, context=AuditContext())


def test_staff_stop_ends_the_session_with_reason_and_audit_record():
    session = live_session()
    officer = AuthorityFactory()

    services.session_stop(
        session=session, user=officer, reason="Quảng cáo sai sự thật", context=AuditContext(officer)
    )

    session.refresh_from_db()
    assert (session.status, session.stopped_by, session.stop_reason) == (
        S.STOPPED,
        officer,
        "Quảng cáo sai sự thật",
    )
    record = AuditRecord.objects.get(action="livestream.session.stopped")
    assert record.actor == officer


def test_a_stop_without_reason_changes_nothing():
    session = live_session()

    with pytest.raises(DomainError):
        services.session_stop(session=session, user=AuthorityFactory(), reason=" ", context=None)

    session.refresh_from_db()
    assert session.status == S.LIVE


def test_a_stopped_session_cannot_go_live_again():
    session = live_session(status=S.STOPPED)

    with pytest.raises(Conflict):
        services.session_go_live(session=session, user=session.host, context=AuditContext())


def test_a_province_officer_stops_only_their_provinces_sessions():
    session = live_session()

    assert services.is_live_staff(AuthorityFactory(), session)
    assert not services.is_live_staff(AuthorityFactory(authority_province_id="79"), session)
    assert not services.is_live_staff(UserFactory(), session)


def test_a_risky_product_needs_the_warning_overlay():
    session = live_session()
    risky = product_of(session.seller, product__category=category("duoc-lieu")).product

    with pytest.raises(DomainError) as refused:
        services.pin_add(session=session, product=risky, warning="", user=session.host)
    pin = services.pin_add(
        session=session,
        product=risky,
        warning="Không dùng cho phụ nữ có thai.",
        user=session.host,
    )

    assert refused.value.code == "warning_required"
    assert pin.warning == "Không dùng cho phụ nữ có thai."


def test_a_product_of_another_shop_cannot_be_pinned():
    session = live_session()
    other = product_of(SellerFactory()).product

    with pytest.raises(DomainError):
        services.pin_add(session=session, product=other, warning="", user=session.host)

    assert LivePin.objects.count() == 0


def test_comments_are_cleaned_limited_and_hidden_by_moderators():
    session = live_session()
    viewer = UserFactory()

    comment = comments.comment_post(session=session, author=viewer, body="  Còn hàng\u202e không? ")
    with pytest.raises(DomainError) as too_fast:
        comments.comment_post(session=session, author=viewer, body="Alo")
    with pytest.raises(DomainError):
        comments.comment_post(session=session, author=UserFactory(), body="x" * 301)
    comments.comment_hide(comment=comment, reason="Spam", context=AuditContext(AuthorityFactory()))

    assert comment.body == "Còn hàng không?"
    assert too_fast.value.code == "comment_too_fast"
    assert LiveComment.objects.get().hidden_reason == "Spam"
    assert AuditRecord.objects.filter(action="livestream.comment.hidden").count() == 1


def test_no_comment_on_a_session_that_is_not_live():
    session = LiveSessionFactory()

    with pytest.raises(Conflict):
        comments.comment_post(session=session, author=UserFactory(), body="Chào shop")


def test_buying_a_pinned_product_places_an_order_linked_to_the_session():
    session = live_session()
    variant = product_of(session.seller, stock_on_hand=5)
    pin = services.pin_add(session=session, product=variant.product, warning="", user=session.host)
    buyer = UserFactory()
    place_ward = ward()

    checkout = services.live_buy(
        pin=pin,
        variant_id=variant.pk,
        quantity=2,
        buyer=buyer,
        street="12 Hàng Bạc",
        ward=place_ward,
        province=place_ward.province,
        recipient_name="Trần Thị Mua",
        recipient_phone="0912345678",
        payment_method="cod",
    )

    link = LiveOrder.objects.get()
    assert (link.session, link.order, link.pin) == (session, checkout.orders_placed[0], pin)
    assert link.order.lines.get().quantity == 2


def test_buying_after_the_pin_was_taken_down_is_refused():
    session = live_session()
    variant = product_of(session.seller)
    pin = services.pin_add(session=session, product=variant.product, warning="", user=session.host)
    services.pin_remove(pin=pin)
    place_ward = ward()

    with pytest.raises(Conflict):
        services.live_buy(
            pin=pin,
            variant_id=variant.pk,
            quantity=1,
            buyer=UserFactory(),
            street="12 Hàng Bạc",
            ward=place_ward,
            province=place_ward.province,
            recipient_name="Trần Thị Mua",
            recipient_phone="0912345678",
            payment_method="cod",
        )

    assert LiveOrder.objects.count() == 0


def test_records_are_kept_for_the_retention_period_then_purged(settings):
    settings.LIVESTREAM_RETENTION_DAYS = 1095
    now = timezone.now()
    old = live_session(status=S.ENDED, ended_at=now - datetime.timedelta(days=1096))
    kept = live_session(status=S.ENDED, ended_at=now - datetime.timedelta(days=1000))
    LiveComment.objects.create(session=old, author_name="A", body="Chào")
    LiveComment.objects.create(session=kept, author_name="B", body="Chào")

    report = services.sessions_purge(now=now)

    assert report == {"sessions": 1, "comments": 1, "orders": 0}
    assert list(LiveSession.objects.all()) == [kept]
    assert LiveComment.objects.get().session == kept


def test_a_streamer_is_registered_once():
    member = SellerMemberFactory()
    person = UserFactory()
    services.streamer_register(
        seller=member.seller, user=person, display_name="", context=AuditContext(member.user)
    )

    with pytest.raises(Conflict):
        services.streamer_register(
            seller=member.seller, user=person, display_name="", context=AuditContext()
        )

    assert Streamer.objects.get().display_name == person.full_name


def _item(author, key: str, body: str = "Còn hàng không?", at=None) -> comments.CommentIn:
    return comments.CommentIn(
        key=key,
        author_id=author.pk,
        author_name=author.full_name,
        body=body,
        at=at or timezone.now(),
    )


def test_a_batch_of_comments_is_stored_once_per_key_and_paced_per_person():
    session = live_session()
    ana, binh = UserFactory(), UserFactory()
    now = timezone.now()

    first = comments.comments_store(
        session_public_id=session.public_id,
        items=[
            _item(ana, "key-a1", at=now),
            _item(binh, "key-b1", at=now),
            _item(ana, "key-a2", at=now + datetime.timedelta(milliseconds=300)),
        ],
    )
    again = comments.comments_store(
        session_public_id=session.public_id, items=[_item(ana, "key-a1", at=now)]
    )

    assert sorted(c.client_key for c in first.stored) == ["key-a1", "key-b1"]
    assert list(first.refused) == ["key-a2"]
    assert again.stored == [] and again.already == ["key-a1"]
    assert LiveComment.objects.filter(session=session).count() == 2


def test_a_batch_for_a_session_no_longer_live_is_refused_whole():
    session = live_session(status="stopped")

    outcome = comments.comments_store(
        session_public_id=session.public_id, items=[_item(UserFactory(), "key-c1")]
    )

    assert outcome.stored == [] and list(outcome.refused) == ["key-c1"]
    assert LiveComment.objects.count() == 0


def test_a_streamer_whose_identification_expired_cannot_go_live():
    member = SellerMemberFactory()
    person = UserFactory()
    streamer = services.streamer_register(
        seller=member.seller, user=person, display_name="Lan", context=AuditContext(member.user)
    )
    services.streamer_verify(streamer=streamer, context=AuditContext(AuthorityFactory()))
    session = schedule(member.seller, person)
    streamer.refresh_from_db()
    Streamer.objects.filter(pk=streamer.pk).update(
        identity_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    session.refresh_from_db()

    with pytest.raises(DomainError) as refused:
        services.session_go_live(session=session, user=person, context=AuditContext(person))

    assert (streamer.identity_level, streamer.identity_expires_at is not None) == ("manual", True)
    assert refused.value.code == "streamer_not_verified"
    assert LiveSession.objects.get(pk=session.pk).status == S.SCHEDULED


def test_a_streamer_level_the_law_does_not_accept_is_refused():
    member = SellerMemberFactory()
    streamer = services.streamer_register(
        seller=member.seller,
        user=UserFactory(),
        display_name="An",
        context=AuditContext(member.user),
    )

    with pytest.raises(DomainError):
        services.streamer_identity_record(
            streamer=streamer, level="none", expires_at=None, context=AuditContext(member.user)
        )

    streamer.refresh_from_db()
    assert not streamer.is_identity_verified


def test_a_complaint_during_the_stream_is_noted_once_and_not_after_it_ends():
    session = live_session()
    product = product_of(session.seller).product
    complaint_id = uuid.uuid4()

    first = services.stream_complaint_noted(
        session=session, complaint_public_id=complaint_id, summary="Hàng giả", product=product
    )
    again = services.stream_complaint_noted(
        session=session, complaint_public_id=complaint_id, summary="Hàng giả"
    )
    over = live_session(status="ended")
    late = services.stream_complaint_noted(
        session=over, complaint_public_id=uuid.uuid4(), summary="Muộn"
    )

    assert first == again and first.product == product and first.summary == "Hàng giả"
    assert late is None
    assert LiveComplaintNotice.objects.count() == 1
