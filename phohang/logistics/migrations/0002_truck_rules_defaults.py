"""Hanoi's truck rules as editable data, with Decision 01/2026/QĐ-UBND as the default."""

import datetime

from django.db import migrations

# Ring Road 3.5 as in phohang/logistics/routing/hanoi_zone.py when this migration was written.
RING_ROAD_3_5 = [
    [21.113, 105.742],
    [21.1265, 105.78],
    [21.139, 105.825],
    [21.125, 105.88],
    [21.095, 105.925],
    [21.05, 105.95],
    [21.005, 105.955],
    [20.965, 105.925],
    [20.933, 105.888],
    [20.925, 105.85],
    [20.933, 105.81],
    [20.935, 105.775],
    [20.96, 105.745],
    [20.985, 105.735],
    [21.005, 105.72],
    [21.03, 105.718],
    [21.06, 105.725],
    [21.085, 105.73],
    [21.0985, 105.7345],
]
CLASSES = [
    ("under_2t", 0, 2000, [["00:00", "06:00"], ["09:00", "16:00"], ["19:30", "24:00"]]),
    ("2t_and_over", 2000, None, [["21:00", "06:00"]]),
]


def add_defaults(apps, schema_editor):
    TruckZone = apps.get_model("logistics", "TruckZone")
    TruckClassRule = apps.get_model("logistics", "TruckClassRule")
    if TruckZone.objects.filter(name="Vành đai 3,5").exists():
        return  # applied again after going back, which kept the (possibly edited) rules
    # A fixed id and time, so reversing and reapplying gives back the very same rows.
    zone = TruckZone.objects.create(
        pk=1 if not TruckZone.objects.filter(pk=1).exists() else None,
        updated_at=datetime.datetime(2026, 1, 15, tzinfo=datetime.UTC),
        name="Vành đai 3,5",
        legal_basis="Quyết định 01/2026/QĐ-UBND (từ 15/01/2026)",
        polygon=RING_ROAD_3_5,
    )
    for name, low, high, windows in CLASSES:
        TruckClassRule.objects.create(
            zone=zone, name=name, min_gross_kg=low, max_gross_kg=high, allowed_windows=windows
        )


def keep_rules(apps, schema_editor):
    """Going back keeps the rules: staff may have edited them since (DUR-06)."""


class Migration(migrations.Migration):
    dependencies = [("logistics", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, keep_rules)]
