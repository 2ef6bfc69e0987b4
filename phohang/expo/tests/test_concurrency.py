"""FAIR-01: 500 sellers' applications approved at once for 40 booths: exactly 40 get one, each a
different booth, and the rest wait on the list."""

import pytest

from phohang.core import reliability
from phohang.expo import services
from phohang.expo.models import Booth, Exhibitor
from phohang.orders.tests.test_reliability import parallel

from .factories import context, event_with_booths, seller_with_owner

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

APPLICANTS, BOOTHS, THREADS = 500, 40, 16


def test_fair01_concurrent_approvals_give_each_booth_once():
    event = event_with_booths(booths=0)
    hall = event.halls.get()
    staff = event.organisers.get()
    for number in range(BOOTHS):
        services.booth_create(
            user=staff,
            event=event,
            hall=hall,
            code=f"A-{number + 1:02d}",
            column=number % 10,
            row=number // 10,
            context=context(staff),
        )
    applications = []
    for _number in range(APPLICANTS):
        seller, owner = seller_with_owner()
        applications.append(services.exhibitor_apply(user=owner, seller=seller, event=event))

    def approve(application):
        def job(_worker):
            exhibitor = Exhibitor.objects.select_related("event", "seller").get(pk=application.pk)
            return services.exhibitor_approve(
                user=staff, exhibitor=exhibitor, context=context(staff)
            ).status

        return job

    results, errors = parallel([approve(a) for a in applications], threads=THREADS)

    given = list(Exhibitor.objects.filter(booth__isnull=False).values_list("booth_id", flat=True))
    figures = {
        "applications": APPLICANTS,
        "booths": BOOTHS,
        "approved": results.count(Exhibitor.Status.APPROVED),
        "waitlisted": results.count(Exhibitor.Status.WAITLISTED),
        "booths_given": len(given),
        "booths_given_twice": len(given) - len(set(given)),
        "errors": len(errors),
    }
    reliability.record("FAIR-01", figures)
    assert errors == []
    assert figures["approved"] == figures["booths_given"] == BOOTHS
    assert figures["booths_given_twice"] == 0
    assert figures["waitlisted"] == APPLICANTS - BOOTHS
    assert Booth.objects.filter(event=event, exhibitor__isnull=True).count() == 0
