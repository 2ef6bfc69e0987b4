"""A complaint filed from a live stream reaches the stream's presenter and moderators."""

import pytest

from phohang.accounts.tests.factories import UserFactory
from phohang.compliance import services
from phohang.compliance.models import Complaint
from phohang.core.audit import AuditContext
from phohang.livestream.models import LiveComplaintNotice, LivePin
from phohang.livestream.tests.factories import live_session, product_of

pytestmark = pytest.mark.django_db


def _file(user, target, reference, body="Sản phẩm giới thiệu sai xuất xứ so với nhãn."):
    return services.complaint_file(
        complainant=user,
        target=target,
        reference=str(reference),
        body=body,
        evidence=None,
        context=AuditContext(user),
    )


def test_a_complaint_about_a_running_stream_is_shown_to_its_presenter(
    django_capture_on_commit_callbacks,
):
    session = live_session()
    viewer = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        complaint = _file(viewer, Complaint.Target.STREAM, session.public_id)

    notice = LiveComplaintNotice.objects.get()
    assert notice.session == session
    assert notice.complaint_public_id == complaint.public_id
    assert notice.summary.startswith("Sản phẩm giới thiệu sai")


def test_a_complaint_about_a_product_pinned_live_reaches_that_stream(
    django_capture_on_commit_callbacks,
):
    session = live_session()
    product = product_of(session.seller).product
    LivePin.objects.create(session=session, product=product)

    with django_capture_on_commit_callbacks(execute=True):
        _file(UserFactory(), Complaint.Target.LISTING, product.public_id)

    notice = LiveComplaintNotice.objects.get()
    assert notice.session == session and notice.product == product


def test_a_complaint_about_an_ended_stream_or_an_unpinned_product_notes_nothing(
    django_capture_on_commit_callbacks,
):
    ended = live_session(status="ended")
    running = live_session()
    product = product_of(running.seller).product

    with django_capture_on_commit_callbacks(execute=True):
        _file(UserFactory(), Complaint.Target.STREAM, ended.public_id)
        _file(UserFactory(), Complaint.Target.LISTING, product.public_id)

    assert Complaint.objects.count() == 2
    assert not LiveComplaintNotice.objects.exists()
