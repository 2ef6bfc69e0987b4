"""The organiser team page: add by e-mail, remove; never empty; others' events answer 404."""

import pytest
from django.urls import reverse

from phohang.accounts.tests.factories import login_verified
from phohang.core.models import AuditRecord

from .factories import UserFactory, event_with_booths

pytestmark = pytest.mark.django_db


def test_organiser_adds_a_check_in_host_by_email_and_removes_them(client):
    event = event_with_booths()
    lead = event.organisers.get()
    host = UserFactory(email="tiep.don@phohang.vn")
    login_verified(client, lead)
    url = reverse("expo:team", args=[event.slug])

    added = client.post(url, {"add": "1", "email": "Tiep.Don@phohang.vn"})
    removed = client.post(url, {"remove": str(host.pk)})

    assert added.status_code == removed.status_code == 302
    assert list(event.organisers.all()) == [lead]
    assert list(
        AuditRecord.objects.filter(action__startswith="expo.event.organiser")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["expo.event.organiser_added", "expo.event.organiser_removed"]


def test_unknown_email_and_the_last_organiser_are_refused(client):
    event = event_with_booths()
    lead = event.organisers.get()
    login_verified(client, lead)
    url = reverse("expo:team", args=[event.slug])

    unknown = client.post(url, {"add": "1", "email": "khong.co@phohang.vn"})
    last = client.post(url, {"remove": str(lead.pk)})
    stranger = client.post(url, {"remove": "999999"})

    assert unknown.status_code == 400 and unknown.context["form"].errors["email"]
    assert last.status_code == 409
    assert stranger.status_code == 404
    assert list(event.organisers.all()) == [lead]


def test_the_team_page_of_another_event_is_not_found(client):
    event = event_with_booths()
    client.force_login(UserFactory())

    response = client.get(reverse("expo:team", args=[event.slug]))

    assert response.status_code == 404
