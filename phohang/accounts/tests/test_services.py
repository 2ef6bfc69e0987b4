import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core import mail

from phohang.accounts import services
from phohang.accounts.models import ApiToken, Consent, User
from phohang.accounts.selectors import user_for_api_token

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


def test_api_token_is_stored_only_as_a_digest_and_can_be_revoked():
    user = UserFactory()

    token, raw = services.api_token_create(user=user, name="ERP")

    assert raw.startswith("ph_") and len(raw) > 40
    assert token.digest == ApiToken.digest_of(raw) and raw not in token.digest
    assert token.prefix == raw[:8]
    assert user_for_api_token(raw) == user
    token.refresh_from_db()
    assert token.last_used_at is not None

    assert services.api_token_revoke(user=user, token_id=token.pk) is True
    assert user_for_api_token(raw) is None
    assert services.api_token_revoke(user=user, token_id=token.pk) is False


def test_api_token_of_someone_else_cannot_be_revoked():
    owner, other = UserFactory(), UserFactory()
    token, raw = services.api_token_create(user=owner, name="ERP")

    assert services.api_token_revoke(user=other, token_id=token.pk) is False
    assert user_for_api_token(raw) == owner


def test_api_token_last_use_is_written_at_most_once_a_minute(django_assert_num_queries):
    from datetime import timedelta

    from django.utils import timezone

    user = UserFactory()
    token, raw = services.api_token_create(user=user, name="ERP")
    user_for_api_token(raw)
    token.refresh_from_db()
    first_use = token.last_used_at

    with django_assert_num_queries(1):  # the look-up only, no write
        assert user_for_api_token(raw) == user
    token.refresh_from_db()
    assert token.last_used_at == first_use

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first_use - timedelta(minutes=2))
    user_for_api_token(raw)
    token.refresh_from_db()
    assert timezone.now() - token.last_used_at < timedelta(minutes=1)


def test_api_token_of_inactive_user_is_refused():
    user = UserFactory(is_active=False)
    _token, raw = services.api_token_create(user=user, name="ERP")

    assert user_for_api_token(raw) is None


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
