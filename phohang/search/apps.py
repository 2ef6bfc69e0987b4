from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "phohang.search"
    label = "search"

    def ready(self) -> None:
        # The index is a projection: it follows the catalog; the catalog never imports search.
        from phohang.catalog.events import product_changed, products_changed
        from phohang.core.events import connect

        from .services import on_product_changed, on_products_changed

        connect(product_changed, on_product_changed)
        connect(products_changed, on_products_changed)
