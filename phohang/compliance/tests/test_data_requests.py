"""A person's requests about their data (PDP-02): what the law lets the platform do at once is
done at once, with evidence; the rest is acknowledged at once and waits on the staff queue."""

import datetime

import pytest

from phohang.accounts.models import Consent
from phohang.accounts.services import consent_grant
from phohang.accounts.tests.factories import UserFactory
from phohang.compliance import services
from phohang.compliance.models import ConsentEvidence, DataRequest
from phohang.core.audit import AuditContext

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["objection", "withdrawal", "restriction"])
def test_an_objection_withdrawal_or_restriction_stops_consented_processing_at_once(kind):
    user = UserFactory()
    consent_grant(user=user, purpose=Consent.Purpose.MARKETING)
    consent_grant(user=user, purpose=Consent.Purpose.MATCHING)

    request = services.data_request_file(
        requester=user, kind=kind, details="", context=AuditContext(actor=user)
    )

    assert request.status == DataRequest.Status.DONE
    assert request.closed_at is not None and request.closed_at <= request.due_at
    assert request.response  # what stopped, and what the law keeps
    assert not Consent.objects.filter(user=user, withdrawn_at__isnull=True).exists()
    assert ConsentEvidence.objects.filter(consent__user=user, action="withdraw").count() == 2


@pytest.mark.parametrize("kind", ["deletion", "correction"])
def test_a_deletion_or_correction_is_acknowledged_at_once_and_waits_for_staff(kind):
    user = UserFactory()
    consent_grant(user=user, purpose=Consent.Purpose.MARKETING)

    request = services.data_request_file(
        requester=user, kind=kind, details="Tên sai", context=AuditContext(actor=user)
    )

    assert request.status == DataRequest.Status.ACKNOWLEDGED
    assert request.acknowledged_at is not None and request.acknowledged_at <= request.acknowledge_by
    assert request.is_open
    assert Consent.objects.filter(user=user, withdrawn_at__isnull=True).count() == 1


def test_staff_can_still_give_an_acknowledged_request_the_processors_20_days():
    user = UserFactory()
    request = services.data_request_file(
        requester=user, kind="deletion", details="", context=AuditContext(actor=user)
    )

    request = services.data_request_acknowledge(
        request=request, needs_processor=True, context=AuditContext()
    )

    assert request.needs_processor
    assert request.due_at - request.received_at == datetime.timedelta(days=20)
    assert request.status == DataRequest.Status.ACKNOWLEDGED
