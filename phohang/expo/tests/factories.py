"""Factories for expo tests: a venue in Hanoi, an OCOP week open today, sellers and buyers."""

from datetime import timedelta

from django.utils import timezone

from phohang.core.audit import AuditContext
from phohang.expo import services
from phohang.expo.models import Event, Hall, Venue
from phohang.orders.tests.factories import ProductFactory
from phohang.trade.tests.factories import UserFactory, seller_with_owner

__all__ = ["ProductFactory", "UserFactory", "seller_with_owner"]

HANOI = "01"


def context(user=None) -> AuditContext:
    return AuditContext(actor=user)


def organiser(**kwargs):
    return UserFactory(is_authority=True, authority_province_id=HANOI, **kwargs)


def venue_with_halls(name="Trung tâm Triển lãm Quốc gia", halls=(("Nhà A", 10, 6),)) -> Venue:
    venue = Venue.objects.create(name=name, address="Xã Đông Anh, Hà Nội", province_id=HANOI)
    for hall_name, columns, rows in halls:
        Hall.objects.create(venue=venue, name=hall_name, columns=columns, rows=rows)
    return venue


def event_data(venue: Venue, **overrides) -> services.EventData:
    today = timezone.localdate()
    starts = overrides.get("starts_on", today + timedelta(days=10))
    ends = overrides.get("ends_on", starts + timedelta(days=3))
    values = {
        "name_vi": "Tuần hàng OCOP Hà Nội",
        "name_en": "Hanoi OCOP week",
        "kind": Event.Kind.OCOP_WEEK,
        "starts_on": starts,
        "ends_on": ends,
        "venue_id": venue.pk,
        "hall_ids": list(venue.halls.values_list("pk", flat=True)),
        "exhibitors_open_on": today,
        "exhibitors_close_on": starts,
        "visitors_open_on": today,
        "visitors_close_on": ends,
        "booth_fee_vnd": 4_500_000,
        "meeting_day": min(starts + timedelta(days=1), ends),
        "slot_count": 4,
        "tables": 2,
        "max_meetings": 3,
        "is_published": True,
    }
    values.update(overrides)
    return services.EventData(**values)


def event_with_booths(user=None, booths=2, **overrides) -> Event:
    user = user or organiser()
    venue = venue_with_halls()
    event = services.event_create(
        user=user, data=event_data(venue, **overrides), context=context(user)
    )
    hall = event.halls.get()
    for n in range(booths):
        services.booth_create(
            user=user,
            event=event,
            hall=hall,
            code=f"A-{n + 1:02d}",
            column=n,
            row=0,
            context=context(user),
        )
    return event


def approved_exhibitor(event, name="Hợp tác xã Chè Tân Cương"):
    seller, owner = seller_with_owner(name=name)
    exhibitor = services.exhibitor_apply(user=owner, seller=seller, event=event)
    user = event.organisers.first()
    services.exhibitor_approve(user=user, exhibitor=exhibitor, context=context(user))
    exhibitor.refresh_from_db()
    return exhibitor, owner


def trade_buyer(event, organisation="Siêu thị BRG Mart"):
    user = UserFactory()
    registration = services.registration_create(
        user=user,
        event=event,
        kind="trade",
        full_name="Nguyễn Thu Hà",
        organisation=organisation,
        province_id=HANOI,
    )
    return registration, user
