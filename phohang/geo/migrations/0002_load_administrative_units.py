from django.db import migrations


def load(apps, schema_editor):
    from phohang.geo.units import load_units

    load_units(apps.get_model("geo", "Province"), apps.get_model("geo", "Ward"))


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
