from django.apps import AppConfig


class ExpoConfig(AppConfig):
    name = "phohang.expo"
    label = "expo"

    def ready(self) -> None:
        from . import privacy

        privacy.register()
