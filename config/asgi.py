"""ASGI entry point (uvicorn): pages over HTTP, live selling over WebSockets (Django Channels)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
django_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402 (needs apps loaded)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from phohang.core.checks import refuse_to_serve_misconfigured  # noqa: E402
from phohang.livestream.routing import websocket_urlpatterns  # noqa: E402

refuse_to_serve_misconfigured()

application = ProtocolTypeRouter(
    {
        "http": django_application,
        # Browsers send the page's origin with a WebSocket handshake; only our own hosts may
        # open one with the viewer's session cookie (no cross-site WebSocket hijacking).
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
