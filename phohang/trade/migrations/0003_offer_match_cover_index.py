from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("trade", "0002_trade_units_yen_quintal_fruit_set_metre"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="offer",
            index=models.Index(
                fields=[
                    "id", "status", "season_mask", "certifications_mask", "ocop_stars",
                    "category", "unit", "monthly_base_quantity", "minimum_order_base",
                    "origin_province", "price_min_vnd", "seller",
                ],
                name="offer_match_cover_idx",
            ),  # fmt: skip
        ),
    ]
