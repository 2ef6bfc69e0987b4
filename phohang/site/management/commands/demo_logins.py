from django.core.management.base import BaseCommand

from phohang.site.demo import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo accounts."

    def handle(self, *args, **options):
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        for role, login, note in DEMO_LOGINS:
            self.stdout.write(f"  {role:<22} {login:<40} {note}")
        self.stdout.write(
            "  Authority/admin sign-in asks for a one-time code: run `make otp EMAIL=<email>`."
        )
        self.stdout.write("")
