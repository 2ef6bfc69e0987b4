from django.core.management import call_command
from django.db import migrations


def cache_table_create(apps, schema_editor):
    """The database cache's table, so `migrate` alone prepares a fresh database (on a laptop
    the cache lives in the database; with REDIS_URL set there is nothing to create)."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_idempotency_key"),
    ]

    operations = [
        migrations.RunPython(cache_table_create, migrations.RunPython.noop),
    ]
