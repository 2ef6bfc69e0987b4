from typing import Any

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import PaginationBase


class CappedPageNumberPagination(PaginationBase):
    """Page-number pagination whose page size is capped, so `?page_size=1000000` is harmless."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int = Field(20, ge=1)

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        page_size: int

    items_attribute = "items"

    def paginate_queryset(  # type: ignore[override]  # ninja passes the request in params
        self, queryset: Any, pagination: Input, **params: Any
    ) -> dict[str, Any]:
        page_size = min(pagination.page_size, settings.API_MAX_PAGE_SIZE)
        offset = (pagination.page - 1) * page_size
        return {
            "items": list(queryset[offset : offset + page_size]),
            "count": queryset.count()
            if hasattr(queryset, "count") and not isinstance(queryset, list)
            else len(queryset),
            "page": pagination.page,
            "page_size": page_size,
        }
