from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "phohang.payments"
    label = "payments"

    def ready(self) -> None:
        from . import privacy

        privacy.register()

        from django.urls import reverse

        from phohang.core.jobs import JobKind, job_kind_register

        from . import checks  # noqa: F401 (registers the payment settings checks)
        from .services.statements import statement_import_job, statement_import_summary

        job_kind_register(
            JobKind(
                name="payments.statement",
                title=_("Bank statement import"),
                run=statement_import_job,
                summary=statement_import_summary,
                back=lambda job: reverse("payments:review"),
            )
        )
