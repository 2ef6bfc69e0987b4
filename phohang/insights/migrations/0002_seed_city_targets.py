from datetime import date
from decimal import Decimal

from django.db import migrations

# Targets agreed by Hanoi's Party Committee and the Ministry of Industry and Trade (Aug 2020).
TARGETS = [
    ("retail_sales", Decimal("10.54"), "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ"),
    ("industrial_value_added", Decimal("8.3"), "Giá trị tăng thêm ngành công nghiệp"),
]


def seed(apps, schema_editor):
    Target = apps.get_model("insights", "Target")
    for year in range(2021, 2031):
        for indicator, value, note in TARGETS:
            Target.objects.get_or_create(
                indicator=indicator,
                period=str(year),
                defaults={
                    "period_kind": "year",
                    "period_start": date(year, 1, 1),
                    "value": value,
                    "unit": "%/năm",
                    "note": note,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("insights", "0001_initial")]

    # Going back keeps the targets: staff may have edited them since, and seeding again
    # (get_or_create) leaves existing rows as they are, so a round trip loses nothing (DUR-06).
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
