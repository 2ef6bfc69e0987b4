from django.core.files.storage import storages
from django.db import migrations, models

import phohang.core.uploads


def _move(apps, source: str, target: str) -> None:
    """Move every stored return photo between the public and the private storage."""
    ReturnPhoto = apps.get_model("orders", "ReturnPhoto")
    origin, destination = storages[source], storages[target]
    for name in ReturnPhoto.objects.exclude(image="").values_list("image", flat=True).iterator():
        if origin.exists(name) and not destination.exists(name):
            with origin.open(name, "rb") as content:
                destination.save(name, content)
            origin.delete(name)


def to_private(apps, schema_editor):
    _move(apps, "default", "private")


def to_public(apps, schema_editor):
    _move(apps, "private", "default")


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="returnphoto",
            name="image",
            field=models.ImageField(
                max_length=200,
                storage=phohang.core.uploads.private_storage,
                upload_to="returns/%Y/%m/",
            ),
        ),
        migrations.RunPython(to_private, to_public),
    ]
