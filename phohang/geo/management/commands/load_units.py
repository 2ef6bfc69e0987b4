from django.core.management.base import BaseCommand

from phohang.geo.models import Province, Ward
from phohang.geo.units import load_units


class Command(BaseCommand):
    help = "Load or refresh the 34 provinces and 3,321 wards from the vietnam-provinces package."

    def handle(self, *args, **options):
        provinces, wards = load_units(Province, Ward)
        self.stdout.write(self.style.SUCCESS(f"{provinces} provinces, {wards} wards loaded."))
