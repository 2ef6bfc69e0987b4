from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "phohang.search"
    label = "search"
