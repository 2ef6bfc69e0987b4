"""Organisers keep venues and halls on pages; bad input is refused and changes nothing."""

import pytest
from django.urls import reverse

from phohang.accounts.tests.factories import login_verified
from phohang.core.models import AuditRecord
from phohang.expo.models import Hall, Venue

from .factories import UserFactory, organiser, venue_with_halls

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = organiser()
    login_verified(client, user)
    return user


def test_organiser_adds_a_venue_then_a_hall_drawn_as_a_grid(client, staff):
    created = client.post(
        reverse("expo:venues"),
        {"name": "Trung tâm Hội chợ Giảng Võ", "address": "148 Giảng Võ", "province": "01"},
    )
    venue = Venue.objects.get()
    hall = client.post(
        reverse("expo:venue", args=[venue.pk]), {"name": "Nhà A1", "columns": 12, "rows": 8}
    )
    page = client.get(reverse("expo:venue", args=[venue.pk]))

    assert created.status_code == hall.status_code == 302
    assert list(venue.halls.values_list("name", "columns", "rows")) == [("Nhà A1", 12, 8)]
    assert "<svg" in page.content.decode() and "12 × 8" in page.content.decode()
    assert list(
        AuditRecord.objects.filter(action__startswith="expo.")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["expo.venue.created", "expo.hall.created"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "Nhà B", "columns": 0, "rows": 8}, "columns"),
        ({"name": "Nhà B", "columns": 61, "rows": 8}, "columns"),
        ({"name": "Nhà B", "columns": 10, "rows": "mười"}, "rows"),
        ({"name": "", "columns": 10, "rows": 8}, "name"),
    ],
)
def test_bad_hall_is_refused_with_a_message(client, staff, data, field):
    venue = venue_with_halls()

    response = client.post(reverse("expo:venue", args=[venue.pk]), data)

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert Hall.objects.count() == 1


def test_a_second_hall_of_the_same_name_is_refused(client, staff):
    venue = venue_with_halls()

    response = client.post(
        reverse("expo:venue", args=[venue.pk]), {"name": "Nhà A", "columns": 5, "rows": 5}
    )

    assert response.status_code == 400
    assert "đã có" in response.content.decode()
    assert Hall.objects.count() == 1


def test_venue_pages_are_for_authority_staff_only(client):
    venue = venue_with_halls()
    client.force_login(UserFactory())

    listing = client.get(reverse("expo:venues"))
    added = client.post(
        reverse("expo:venue", args=[venue.pk]), {"name": "X", "columns": 1, "rows": 1}
    )

    assert (listing.status_code, added.status_code) == (403, 403)
    assert Hall.objects.count() == 1
