from django.apps import AppConfig


class LogisticsConfig(AppConfig):
    name = "phohang.logistics"
    label = "logistics"

    def ready(self) -> None:
        from phohang.orders.shipping import quoter_register

        from . import privacy
        from .services.rates import shipping_quote_parcels

        privacy.register()
        quoter_register(shipping_quote_parcels)
