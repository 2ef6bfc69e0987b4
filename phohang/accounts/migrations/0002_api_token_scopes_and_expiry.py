from datetime import timedelta

from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone

# Tokens made before scopes keep what they could do, minus refunds, for 90 days; those of staff,
# authority and admin accounts were made without a second factor and are revoked.
EXISTING_SCOPES = "read shop catalog trade sellers"
EXISTING_LIFETIME = timedelta(days=90)


def backfill(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    now = timezone.now()
    privileged = Q(user__is_staff=True) | Q(user__is_superuser=True) | Q(user__is_authority=True)
    ApiToken.objects.filter(privileged, revoked_at__isnull=True).update(revoked_at=now)
    ApiToken.objects.filter(privileged).update(scopes="read", expires_at=now)
    ApiToken.objects.filter(~privileged).update(
        scopes=EXISTING_SCOPES, expires_at=now + EXISTING_LIFETIME
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="scopes",
            field=models.CharField(default="read", max_length=200, verbose_name="scopes"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires"),
        ),
    ]
