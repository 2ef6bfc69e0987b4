from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "phohang.insights"
    label = "insights"
