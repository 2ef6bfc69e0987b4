from django.db import migrations

FIELDS = (
    "user_id",
    "scope",
    "key",
    "request_hash",
    "state",
    "response_status",
    "response_body",
    "created_at",
)


def _copy(source, target) -> None:
    rows = source.objects.order_by("pk").values(*FIELDS)
    target.objects.bulk_create((target(**row) for row in rows.iterator()), batch_size=1000)


def keys_to_core(apps, schema_editor):
    """Keys being replayed keep their stored answers after the move."""
    _copy(apps.get_model("orders", "IdempotencyKey"), apps.get_model("core", "IdempotencyKey"))


def keys_to_orders(apps, schema_editor):
    _copy(apps.get_model("core", "IdempotencyKey"), apps.get_model("orders", "IdempotencyKey"))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_idempotency_key"),
        ("orders", "0002_return_photos_private"),
    ]

    operations = [
        migrations.RunPython(keys_to_core, keys_to_orders),
        migrations.RemoveConstraint(
            model_name="idempotencykey",
            name="idempotency_key_unique",
        ),
        migrations.DeleteModel(
            name="IdempotencyKey",
        ),
    ]
