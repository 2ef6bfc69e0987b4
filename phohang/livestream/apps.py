from django.apps import AppConfig


class LivestreamConfig(AppConfig):
    name = "phohang.livestream"
    label = "livestream"

    def ready(self):
        from . import checks  # noqa: F401 (registers the system checks)
        from .privacy import register

        register()
