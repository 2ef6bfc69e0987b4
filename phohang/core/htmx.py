"""Small helpers for views that answer both full-page and HTMX partial requests."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_page_or_partial(
    request: HttpRequest,
    page_template: str,
    partial_template: str,
    context: dict[str, Any],
    **kwargs: Any,
) -> HttpResponse:
    template = partial_template if getattr(request, "htmx", False) else page_template
    return render(request, template, context, **kwargs)
