"""Authentication for the API: bearer tokens for integrations, the session for the site's own pages.

A token works only within its scopes: reads need `read`; each write needs the scope of the part
of the API it changes (`WRITE_SCOPES`), refunds their own `refunds` scope. A write under a prefix
that is not listed here is refused to every token (fail closed; the route audit checks the list).
"""

import re

from ninja.security import APIKeyCookie, HttpBearer

from phohang.accounts.models import TokenScope
from phohang.accounts.selectors import api_token_authenticate
from phohang.accounts.tokens import SCOPE_MISSING, api_token_mark_used
from phohang.core.api import api_error

API_PREFIX = "/api/v1/"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WRITE_SCOPES = {
    "orders": TokenScope.SHOP,
    "payments": TokenScope.SHOP,
    "catalog": TokenScope.CATALOG,
    "trade": TokenScope.TRADE,
    # Booths, meetings and check-in are the trade-connection side of fairs.
    "expo": TokenScope.TRADE,
    "sellers": TokenScope.SELLERS,
    "messages": TokenScope.SHOP,
    # Stopping a session is staff's; a shop's own writes happen on the site.
    "live": TokenScope.SHOP,
    # Parcels of the shop and the routes of its hubs.
    "logistics": TokenScope.SHOP,
    # Investors' inquiries and the operators' leads are trade connection too.
    "directory": TokenScope.TRADE,
    # Wholesale price reports of a market's board and traders.
    "markets": TokenScope.TRADE,
}
REFUND_PATH = re.compile(r"^payments/orders/[^/]+/refunds/?$")


def required_scope(method: str, path: str) -> str | None:
    """The scope a token needs for `method` on `path`; None: no token may do it."""
    if method.upper() in SAFE_METHODS:
        return TokenScope.READ
    relative = path[len(API_PREFIX) :] if path.startswith(API_PREFIX) else ""
    if REFUND_PATH.match(relative):
        return TokenScope.REFUNDS
    return WRITE_SCOPES.get(relative.split("/", 1)[0])


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = api_token_authenticate(token)
        if found is None:
            return None
        api_token, user = found
        scope = required_scope(request.method, request.path)
        if scope is None or scope not in api_token.scope_set:
            raise api_error(
                403,
                "token_scope",
                lambda: SCOPE_MISSING % {"scope": scope or "-"},
            )
        api_token_mark_used(token=api_token)
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """Signed-in browser session; CSRF is enforced for unsafe methods."""

    param_name = "sessionid"

    def __init__(self):
        super().__init__(csrf=True)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


token_or_session = [TokenAuth(), SessionAuth()]
