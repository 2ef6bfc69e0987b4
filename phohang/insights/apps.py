from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "phohang.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        # Imported by name: a misspelt event fails at start-up instead of switching a rollup off.
        from phohang.core.events import connect
        from phohang.orders.events import order_placed, order_status_changed
        from phohang.trade.events import contract_signed, contract_status_changed, delivery_received

        from . import handlers

        connect(order_placed, handlers.on_order_placed)
        connect(order_status_changed, handlers.on_order_status_changed)
        for contract_event in (contract_signed, contract_status_changed, delivery_received):
            connect(contract_event, handlers.on_contract_changed)
