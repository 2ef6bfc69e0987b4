from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "phohang.orders"
    label = "orders"
