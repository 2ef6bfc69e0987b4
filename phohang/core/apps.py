from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "phohang.core"
    label = "core"
    verbose_name = "Core"
