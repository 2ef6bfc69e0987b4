from django.apps import AppConfig


class TradeConfig(AppConfig):
    name = "phohang.trade"
    label = "trade"
