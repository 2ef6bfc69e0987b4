from django.conf import settings
from django.core.management.base import BaseCommand

from phohang.livestream.services import sessions_purge


class Command(BaseCommand):
    help = "Delete livestream records over for longer than LIVESTREAM_RETENTION_DAYS (run daily)."

    def handle(self, *args, **options):
        report = sessions_purge()
        self.stdout.write(
            f"{report['sessions']} sessions, {report['comments']} comments and "
            f"{report['orders']} order links over for more than "
            f"{settings.LIVESTREAM_RETENTION_DAYS} days deleted"
        )
