from django.apps import AppConfig


class LogisticsConfig(AppConfig):
    name = "phohang.logistics"
    label = "logistics"
