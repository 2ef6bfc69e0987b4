from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "phohang.search"
    label = "search"

    def ready(self) -> None:
        # The index is a projection: it follows the catalog; the catalog never imports search.
        try:
            from phohang.catalog.events import product_changed, products_changed
        except ImportError:
            return
        from .services import on_product_changed, on_products_changed

        product_changed.connect(on_product_changed, dispatch_uid="search.on_product_changed")
        products_changed.connect(on_products_changed, dispatch_uid="search.on_products_changed")
