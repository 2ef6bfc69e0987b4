from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketsConfig(AppConfig):
    name = "phohang.markets"
    label = "markets"
    verbose_name = _("Wholesale markets")

    def ready(self) -> None:
        from django.urls import reverse

        from phohang.core.jobs import JobKind, job_kind_register

        from . import privacy
        from .services.price_imports import price_import_job, price_import_summary

        privacy.register()
        job_kind_register(
            JobKind(
                name="markets.prices",
                title=_("Wholesale price upload"),
                run=price_import_job,
                summary=price_import_summary,
                back=lambda job: reverse("markets:price_upload") + f"?job={job.public_id}",
            )
        )
