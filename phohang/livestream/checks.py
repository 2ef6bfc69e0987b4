"""Start-up checks of the livestream settings."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from phohang.core.checks import TAG


@register(TAG)
def embed_hosts_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if any(not host or "/" in host or ":" in host for host in settings.LIVESTREAM_EMBED_HOSTS):
        return [
            Error(
                "LIVESTREAM_EMBED_HOSTS lists host names only (https is implied).",
                id="livestream.E002",
            )
        ]
    return []
