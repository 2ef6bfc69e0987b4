"""The retired shipping fee table goes: logistics 0004 copied its bands to logistics.ShippingRate."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("orders", "0006_review_newest_index"),
        # the copy must have run before the table is dropped
        ("logistics", "0004_shipping_rates_and_cod_fees"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="shippingrate",
            name="shipping_rate_unique_band",
        ),
        migrations.DeleteModel(
            name="ShippingRate",
        ),
    ]
