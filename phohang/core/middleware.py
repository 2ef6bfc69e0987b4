from collections.abc import Callable

from django.conf import settings
from django.core.handlers.exception import get_exception_response
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.http.response import HttpResponseBase
from django.urls import get_resolver, get_urlconf


class SecurityHeadersMiddleware:
    """Content-Security-Policy for pages; media responses get their own stricter policy."""

    PAGE_POLICY = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(settings.MEDIA_URL) or request.path.startswith("/files/"):
            response["Content-Security-Policy"] = "default-src 'none'; sandbox"
            response["X-Content-Type-Options"] = "nosniff"
        elif not request.path.startswith("/api/v1/docs") and not request.path.startswith("/admin/"):
            response.setdefault("Content-Security-Policy", self.PAGE_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class VietnameseFirstMiddleware:
    """Pages open in Vietnamese unless the user picked another language with the switch.

    Browsers send Accept-Language from the operating system; on a shared or English-configured
    machine that would hide the Vietnamese site its users expect. The explicit choice (cookie)
    still wins, and API clients keep content negotiation.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class SiteNotFoundPageMiddleware:
    """With DEBUG on, answer a 404 with the site's own page instead of Django's technical one.

    Django renders its debug 404 page unstyled under the site's CSP and in English; the site's
    handler404 page is what a visitor (and a screenshot) should see in either language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            settings.DEBUG
            and type(response) is HttpResponseNotFound
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return get_exception_response(request, get_resolver(get_urlconf()), 404, Http404())
        return response
