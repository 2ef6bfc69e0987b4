"""Categories as people pick them: in Vietnamese dictionary order, each group before its members."""

from django.db.models import QuerySet

from phohang.core.text import CollationKey, collation_key

from ..models import Category


def category_options(categories: QuerySet[Category] | None = None) -> list[tuple[int, str]]:
    """(pk, "Group › Member") of `categories` (active ones by default), sorted for a select."""
    if categories is None:
        categories = Category.objects.filter(is_active=True)
    rows = list(categories.select_related("parent"))

    def key(category: Category) -> tuple[CollationKey, CollationKey | tuple[()]]:
        if category.parent is None:
            return (collation_key(category.name), ())
        return (collation_key(category.parent.name), collation_key(category.name))

    return [
        (
            category.pk,
            f"{category.parent.name} › {category.name}" if category.parent else category.name,
        )
        for category in sorted(rows, key=key)
    ]
