from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "phohang.compliance"
    label = "compliance"

    def ready(self) -> None:
        from phohang.catalog.screening import screener_register

        from . import privacy
        from .screening import ListScreener

        privacy.register()
        screener_register(ListScreener())
