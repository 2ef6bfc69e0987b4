from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from phohang.accounts.mfa import totp_device_for
from phohang.accounts.models import User


class Command(BaseCommand):
    help = "Print the current one-time code of a user's authenticator (for demo and support use)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = User.objects.filter(email__iexact=email).first()
        device = totp_device_for(user) if user else None
        if device is None:
            raise CommandError("No confirmed authenticator for this account.")
        code = totp(
            device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift
        )
        self.stdout.write(f"{code:0{device.digits}d}")
