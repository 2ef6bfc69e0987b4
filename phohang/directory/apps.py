from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "phohang.directory"
    label = "directory"

    def ready(self) -> None:
        from . import privacy

        privacy.register()
