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


def unseed(apps, schema_editor):
    Target = apps.get_model("insights", "Target")
    Target.objects.filter(
        indicator__in=[t[0] for t in TARGETS], period__in=[str(y) for y in range(2021, 2031)]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("insights", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
