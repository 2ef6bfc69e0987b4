import pytest
from django.db import connection
from django.urls import reverse

from phohang.accounts.tests.factories import AdminFactory, AuthorityFactory, login_verified
from phohang.core.audit import AuditContext, audit_chain_verify, audit_record, snapshot
from phohang.core.models import AuditRecord, ChainHead

pytestmark = pytest.mark.django_db


def _record(n: int = 0, actor=None) -> AuditRecord:
    return audit_record(
        context=AuditContext(actor=actor, ip="203.0.113.7", purpose="test"),
        action="thing.change",
        object_type="test.thing",
        object_id=str(n),
        before={"status": "a"},
        after={"status": "b"},
    )


def test_audit_record_links_each_record_to_the_previous_hash():
    first, second, third = _record(1), _record(2), _record(3)

    assert first.previous_hash == ""
    assert second.previous_hash == first.record_hash
    assert third.previous_hash == second.record_hash
    assert ChainHead.objects.get(name="audit").last_hash == third.record_hash
    assert audit_chain_verify() == []


def test_audit_record_stores_actor_role_purpose_ip_and_outcome():
    officer = AuthorityFactory()

    record = _record(actor=officer)

    record.refresh_from_db()
    assert record.actor == officer
    assert record.actor_label == officer.email
    assert record.actor_role == "authority"
    assert record.purpose == "test"
    assert str(record.source_ip) == "203.0.113.7"
    assert record.outcome == AuditRecord.Outcome.SUCCESS
    assert record.created_at is not None


def test_system_actions_are_labelled_system():
    record = _record()

    assert (record.actor_label, record.actor_role) == ("system", "system")


def test_verifier_detects_a_direct_database_tamper():
    _record(1)
    victim = _record(2)
    _record(3)

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditRecord._meta.db_table} SET outcome = %s WHERE id = %s",
            ["denied", victim.pk],
        )

    assert audit_chain_verify() == [victim.pk]


def test_verifier_detects_a_deleted_row():
    _record(1)
    middle = _record(2)
    last = _record(3)

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditRecord._meta.db_table} WHERE id = %s", [middle.pk])

    assert audit_chain_verify() == [last.pk]


def test_verifier_detects_a_truncated_tail():
    _record(1)
    last = _record(2)

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditRecord._meta.db_table} WHERE id = %s", [last.pk])

    assert audit_chain_verify() == [-1]


def test_orm_refuses_to_change_or_delete_audit_records():
    record = _record()
    record.outcome = "denied"

    with pytest.raises(PermissionError):
        record.save()
    with pytest.raises(PermissionError):
        record.delete()
    with pytest.raises(PermissionError):
        AuditRecord.objects.filter(pk=record.pk).update(outcome="denied")
    with pytest.raises(PermissionError):
        AuditRecord.objects.all().delete()

    assert AuditRecord.objects.get().outcome == "success"
    assert audit_chain_verify() == []


def test_admin_cannot_change_or_delete_audit_records(client):
    admin = AdminFactory()
    record = _record()
    login_verified(client, admin)

    listing = client.get(reverse("admin:core_auditrecord_changelist"))
    change = client.post(
        reverse("admin:core_auditrecord_change", args=[record.pk]), {"outcome": "denied"}
    )
    delete = client.post(
        reverse("admin:core_auditrecord_delete", args=[record.pk]), {"post": "yes"}
    )
    add = client.get(reverse("admin:core_auditrecord_add"))

    assert listing.status_code == 200
    assert change.status_code == 403
    assert delete.status_code == 403
    assert add.status_code == 403
    assert AuditRecord.objects.filter(outcome="success").count() == AuditRecord.objects.count()
    assert audit_chain_verify() == []


def test_snapshot_is_json_safe():
    admin = AdminFactory()

    assert snapshot(admin, ["email", "is_superuser", "date_joined", "missing"]) == {
        "email": admin.email,
        "is_superuser": True,
        "date_joined": str(admin.date_joined),
        "missing": None,
    }
