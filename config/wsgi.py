import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
application = get_wsgi_application()

from phohang.core.checks import refuse_to_serve_misconfigured  # noqa: E402 (needs apps loaded)

refuse_to_serve_misconfigured()
