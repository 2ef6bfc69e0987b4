from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SellersConfig(AppConfig):
    name = "phohang.sellers"
    label = "sellers"
    verbose_name = _("Sellers")

    def ready(self):
        from phohang.core import crypto

        from . import privacy, rekey

        privacy.register()

        crypto.rotation_step_register(
            crypto.RotationStep(
                label="sellers: citizen IDs",
                count=rekey.identity_rows_count,
                run=rekey.identity_rekey,
            )
        )
