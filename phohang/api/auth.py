"""Authentication for the API: bearer tokens for integrations, the session for the site's own pages."""

from ninja.security import APIKeyCookie, HttpBearer

from phohang.accounts.selectors import user_for_api_token


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_api_token(token)
        if user is not None:
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
