from django.core.management.base import BaseCommand

from phohang.core import privacy


class Command(BaseCommand):
    help = "Print the personal-data inventory (what is held, exported and erased) as Markdown."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(privacy.inventory_markdown(), ending="")
