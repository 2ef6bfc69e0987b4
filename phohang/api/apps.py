from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "phohang.api"
    label = "api"
    verbose_name = "API"
