from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "phohang.messaging"
    label = "messaging"

    def ready(self):
        from .privacy import register

        register()
