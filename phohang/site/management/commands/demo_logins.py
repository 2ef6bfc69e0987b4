import sys

from django.core.management.base import BaseCommand

from phohang.site.demo import DEMO_LOGINS, DEMO_PASSWORD

from .load_demo import demo_extensions


def demo_logins() -> list[tuple[str, str, str]]:
    """The foundation's logins, then those each app's demo module lists as `DEMO_LOGINS`."""
    logins = list(DEMO_LOGINS)
    for loader in demo_extensions():
        logins += getattr(sys.modules[loader.__module__], "DEMO_LOGINS", [])
    return logins


class Command(BaseCommand):
    help = "Print the demo accounts."

    def handle(self, *args, **options):
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        for role, login, note in demo_logins():
            self.stdout.write(f"  {role:<22} {login:<40} {note}")
        self.stdout.write(
            "  Authority/admin sign-in asks for a one-time code: run `make otp EMAIL=<email>`."
        )
        self.stdout.write("")
