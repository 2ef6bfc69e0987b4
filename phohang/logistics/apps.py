from django.apps import AppConfig


class LogisticsConfig(AppConfig):
    name = "phohang.logistics"
    label = "logistics"

    def ready(self) -> None:
        from . import privacy

        privacy.register()
