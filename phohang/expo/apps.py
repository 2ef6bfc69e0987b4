from django.apps import AppConfig


class ExpoConfig(AppConfig):
    name = "phohang.expo"
    label = "expo"
