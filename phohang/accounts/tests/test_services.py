import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core import mail

from phohang.accounts import services
from phohang.accounts.models import Consent, User

from .factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


def test_user_register_records_versioned_consents():
    user = services.user_register(
        full_name="Trần Thị Lan",
        password="một câu mật khẩu dài",
        email="Lan@Example.VN",
        accepts_terms=True,
        accepts_marketing=True,
    )

    assert user.email == "lan@example.vn"
    assert user.check_password("một câu mật khẩu dài")
    consents = {c.purpose: c for c in user.consents.all()}
    assert set(consents) == {Consent.Purpose.TERMS, Consent.Purpose.MARKETING}
    assert all(c.version == "2026-07" and c.granted_at and c.is_active for c in consents.values())


def test_user_register_refuses_without_terms():
    with pytest.raises(ValueError):
        services.user_register(
            full_name="A", password="x" * 12, email="a@example.vn", accepts_terms=False
        )

    assert not User.objects.exists()


def test_consent_withdraw_and_grant_again():
    user = UserFactory()
    services.consent_grant(user=user, purpose=Consent.Purpose.MARKETING)

    assert services.consent_withdraw(user=user, purpose=Consent.Purpose.MARKETING) == 1
    assert not services.consent_is_given(user=user, purpose=Consent.Purpose.MARKETING)
    assert services.consent_withdraw(user=user, purpose=Consent.Purpose.MARKETING) == 0

    services.consent_grant(user=user, purpose=Consent.Purpose.MARKETING)
    assert services.consent_is_given(user=user, purpose=Consent.Purpose.MARKETING)
    history = list(user.consents.order_by("id").values_list("withdrawn_at", flat=True))
    assert history[0] is not None and history[1] is None


def test_notification_send_mails_after_commit(django_capture_on_commit_callbacks):
    user = UserFactory(email="lan@example.vn")

    with django_capture_on_commit_callbacks(execute=True):
        services.notification_send(user=user, title="Xin chào", body="Nội dung", link="/x/")

    assert user.notifications.get().title == "Xin chào"
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]
    assert mail.outbox[0].body.endswith("/x/")
    assert services.notifications_mark_read(user=user) == 1


def test_notification_survives_a_mail_server_that_is_down(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("phohang.accounts.tasks.send_mail", refuse)
    user = UserFactory(email="lan@example.vn")

    with django_capture_on_commit_callbacks(execute=True):
        services.notification_send(user=user, title="Đơn hàng mới", body="Nội dung")

    assert user.notifications.get().title == "Đơn hàng mới"
    assert mail.outbox == []
    assert "not delivered" in caplog.text


def test_no_mail_leaves_for_work_that_rolled_back(django_capture_on_commit_callbacks):
    user = UserFactory(email="lan@example.vn")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notification_send(user=user, title="Xin chào")

    assert len(callbacks) == 1  # queued for commit, nothing sent yet
    assert mail.outbox == []


@pytest.mark.argon2
def test_registered_password_is_stored_with_argon2():
    user = services.user_register(
        full_name="A", password="một câu mật khẩu dài", email="a@example.vn", accepts_terms=True
    )

    assert user.password.startswith("argon2$argon2id$")
    assert identify_hasher(user.password).algorithm == "argon2"
