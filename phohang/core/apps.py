from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "phohang.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # checks registers the settings checks by being imported.
        from . import checks, holdings  # noqa: F401

        holdings.register()
