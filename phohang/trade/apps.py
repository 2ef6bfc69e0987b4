from django.apps import AppConfig


class TradeConfig(AppConfig):
    name = "phohang.trade"
    label = "trade"

    def ready(self) -> None:
        from . import privacy

        privacy.register()
