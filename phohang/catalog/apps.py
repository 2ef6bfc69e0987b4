from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "phohang.catalog"
    label = "catalog"
