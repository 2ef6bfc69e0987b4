from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CatalogConfig(AppConfig):
    name = "phohang.catalog"
    label = "catalog"

    def ready(self) -> None:
        from . import privacy

        privacy.register()

        from phohang.sellers.models import Seller

        from .models import Category

        # Listings and counts are cached; a seller deactivated or unverified (often from the
        # admin) or a category renamed must show on the next request, not when the cache ages.
        for model in (Seller, Category):
            post_save.connect(_listings_changed, sender=model, dispatch_uid=f"catalog.{model}")
            post_delete.connect(_listings_changed, sender=model, dispatch_uid=f"catalog.{model}-")


def _listings_changed(sender, **kwargs) -> None:
    from django.db import transaction

    from .selectors import listing_caches_forget

    transaction.on_commit(listing_caches_forget)
