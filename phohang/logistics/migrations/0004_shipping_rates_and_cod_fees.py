"""The shipping fee table moves from orders to logistics: its bands are copied once."""

import django.db.models.deletion
from django.db import migrations, models


def copy_orders_rates(apps, schema_editor):
    OrdersRate = apps.get_model("orders", "ShippingRate")
    ShippingRate = apps.get_model("logistics", "ShippingRate")
    if ShippingRate.objects.exists():
        return
    ShippingRate.objects.bulk_create(
        ShippingRate(
            origin_province_id=rate.origin_province_id,
            destination_province_id=rate.destination_province_id,
            max_weight_grams=rate.max_weight_grams,
            fee_vnd=rate.fee_vnd,
        )
        for rate in OrdersRate.objects.order_by("pk")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("geo", "0003_vietnamese_sort_order"),
        ("logistics", "0003_stop_and_plan_status_labels"),
        ("orders", "0005_review_moderation_and_photos"),
    ]

    operations = [
        migrations.CreateModel(
            name="CodFee",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "percent",
                    models.DecimalField(
                        decimal_places=2, max_digits=5, verbose_name="percent of the cash"
                    ),
                ),
                (
                    "minimum_vnd",
                    models.PositiveBigIntegerField(default=0, verbose_name="at least (₫)"),
                ),
                (
                    "destination_province",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="geo.province",
                        verbose_name="to province",
                    ),
                ),
                (
                    "origin_province",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="geo.province",
                        verbose_name="from province",
                    ),
                ),
            ],
            options={
                "verbose_name": "cash-on-delivery fee",
                "verbose_name_plural": "cash-on-delivery fees",
                "ordering": ["origin_province", "destination_province"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("percent__gte", 0), ("percent__lte", 100)),
                        name="cod_fee_percent_range",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ShippingRate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("max_weight_grams", models.PositiveIntegerField(verbose_name="up to weight (g)")),
                (
                    "max_volume_cm3",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="up to volume (cm³)"
                    ),
                ),
                ("fee_vnd", models.PositiveBigIntegerField(verbose_name="fee (₫)")),
                (
                    "destination_province",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="geo.province",
                        verbose_name="to province",
                    ),
                ),
                (
                    "origin_province",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="geo.province",
                        verbose_name="from province",
                    ),
                ),
            ],
            options={
                "verbose_name": "shipping rate",
                "verbose_name_plural": "shipping rates",
                "ordering": ["origin_province", "destination_province", "max_weight_grams"],
                "indexes": [
                    models.Index(
                        fields=["origin_province", "destination_province"],
                        name="logistics_s_origin__547c53_idx",
                    )
                ],
            },
        ),
        migrations.RunPython(copy_orders_rates, migrations.RunPython.noop),
    ]
