from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "phohang.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from . import privacy

        privacy.register()

        # Imported by name: a misspelt event fails at start-up instead of switching a rollup off.
        from phohang.core.events import connect
        from phohang.orders.events import order_placed, order_status_changed
        from phohang.trade.events import contract_signed, contract_status_changed, delivery_received

        from . import handlers

        connect(order_placed, handlers.on_order_placed)
        connect(order_status_changed, handlers.on_order_status_changed)
        for contract_event in (contract_signed, contract_status_changed, delivery_received):
            connect(contract_event, handlers.on_contract_changed)

        from django.urls import reverse

        from phohang.core.jobs import JobKind, job_kind_register

        from .services import statistics_import_job, statistics_import_summary

        job_kind_register(
            JobKind(
                name="insights.statistics",
                title=_("Official statistics import"),
                run=statistics_import_job,
                summary=statistics_import_summary,
                back=lambda job: (
                    reverse("insights:statistics")
                    + (f"?report={job.result['import']}" if "import" in job.result else "")
                ),
            )
        )
