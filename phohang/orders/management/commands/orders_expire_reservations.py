from django.core.management.base import BaseCommand

from phohang.orders.services import reservations_expire


class Command(BaseCommand):
    help = "Cancel unpaid online orders whose stock reservation has expired (run every minute)."

    def handle(self, *args, **options):
        count = reservations_expire()
        self.stdout.write(f"expired {count}")
