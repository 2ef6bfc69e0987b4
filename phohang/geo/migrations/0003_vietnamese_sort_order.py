from django.db import migrations, models


def fill(apps, schema_editor):
    from phohang.geo.units import sort_orders

    for model_name, name in (("Province", "short_name"), ("Ward", "name")):
        model = apps.get_model("geo", model_name)
        rows = list(model.objects.only("code", name))
        positions = sort_orders(rows, name)
        for row in rows:
            row.sort_order = positions[row.code]
        model.objects.bulk_update(rows, ["sort_order"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("geo", "0002_load_administrative_units")]

    operations = [
        migrations.AddField(
            model_name="province",
            name="sort_order",
            field=models.PositiveSmallIntegerField(
                default=0, editable=False, verbose_name="sort order"
            ),
        ),
        migrations.AddField(
            model_name="ward",
            name="sort_order",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="sort order"),
        ),
        migrations.AlterModelOptions(
            name="province",
            options={
                "ordering": ["sort_order", "code"],
                "verbose_name": "province",
                "verbose_name_plural": "provinces",
            },
        ),
        migrations.AlterModelOptions(
            name="ward",
            options={
                "ordering": ["sort_order", "code"],
                "verbose_name": "ward / commune",
                "verbose_name_plural": "wards / communes",
            },
        ),
        migrations.AddIndex(
            model_name="ward",
            index=models.Index(fields=["province", "sort_order"], name="geo_ward_province_sorted"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
