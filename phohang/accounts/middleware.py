import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from .mfa import mfa_is_required

# Only the pages needed to finish or leave a sign-in; every other page, /accounts/audit/ included,
# needs a verified second factor.
_EXEMPT_PREFIXES = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/password/",
    "/static/",
    "/healthz",
    "/i18n/",
)


class StaffSessionMiddleware:
    """Authority/admin sessions: MFA must be verified and they end after an idle period."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff_like:
            now = int(time.time())
            last_seen = request.session.get("last_seen", now)
            if now - last_seen > settings.STAFF_IDLE_TIMEOUT_SECONDS:
                logout(request)
                return redirect(reverse("accounts:login") + "?expired=1")
            request.session["last_seen"] = now
            if (
                mfa_is_required(user)
                and not user.is_verified()
                and not request.path.startswith(_EXEMPT_PREFIXES)
            ):
                logout(request)
                return redirect(reverse("accounts:login") + "?mfa=1")
        return self.get_response(request)
